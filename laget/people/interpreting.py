"""Whether a family member needs an interpreter, and in which language.

The languages are those Norwegian public services most often book interpreters for (the
national register of interpreters lists them), sign language first; a member whose language
is missing is recorded with the nearest one and a note in the case. The need is read in one
place (`needs_interpreter`) by meeting invitations, the meeting page and the meeting's
readiness (laget.cases.interpreters).
"""

from django.utils.translation import gettext_lazy as _

NONE = ""
SIGN_LANGUAGE = "sgn-no"

INTERPRETER_CHOICES = [
    (NONE, _("Trenger ikke tolk")),
    (SIGN_LANGUAGE, _("Norsk tegnspråk")),
    ("ar", _("arabisk")),
    ("am", _("amharisk")),
    ("bs", _("bosnisk/kroatisk/serbisk")),
    ("prs", _("dari")),
    ("en", _("engelsk")),
    ("fr", _("fransk")),
    ("ku", _("kurdisk")),
    ("lt", _("litauisk")),
    ("se", _("nordsamisk")),
    ("smj", _("lulesamisk")),
    ("sma", _("sørsamisk")),
    ("ps", _("pashto")),
    ("fa", _("persisk")),
    ("pl", _("polsk")),
    ("ro", _("rumensk")),
    ("ru", _("russisk")),
    ("so", _("somali")),
    ("es", _("spansk")),
    ("th", _("thai")),
    ("ti", _("tigrinja")),
    ("tr", _("tyrkisk")),
    ("uk", _("ukrainsk")),
    ("ur", _("urdu")),
    ("vi", _("vietnamesisk")),
]


def needs_interpreter(interpreter: str) -> bool:
    return interpreter != NONE


def interpreter_label(interpreter: str) -> str:
    """ "Norsk tegnspråk", "arabisk", … for a need; empty for none."""
    if not needs_interpreter(interpreter):
        return ""
    return str(dict(INTERPRETER_CHOICES).get(interpreter, interpreter))
