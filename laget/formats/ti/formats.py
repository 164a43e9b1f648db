# Numeric dates and times as in Norway (laget/formats/numeric.py).
from laget.formats.numeric import *  # noqa: F403
