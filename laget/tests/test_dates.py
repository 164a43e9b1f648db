"""The fast date formatter prints exactly what Django's date_format prints, in every language."""

import datetime

from django.utils import formats, translation
from hypothesis import given
from hypothesis import strategies as st

from laget.lib.dates import formatter

moments = st.datetimes(
    min_value=datetime.datetime(1900, 1, 1), max_value=datetime.datetime(2100, 1, 1)
)


@given(moment=moments, language=st.sampled_from(["nb", "en"]))
def test_the_formatter_matches_date_format(moment: datetime.datetime, language: str) -> None:
    with translation.override(language):
        for name in ("SHORT_DATETIME_FORMAT", "SHORT_DATE_FORMAT", "DATE_FORMAT"):
            assert formatter(name)(moment) == formats.date_format(moment, name)
