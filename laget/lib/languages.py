"""The languages Laget speaks, and to whom.

Staff pages are in bokmål or English. The family side (the portal, consent texts, the family's
copy of the log, e-mails and calendar invitations to family members) is also in the families'
own languages. The message ids are bokmål, so a text not yet translated shows in bokmål, never
as an empty string or an id.

Each language's message file says in its header how far its translation has come
(`X-Review-State`, see `review_state`); README.md says how a municipality has a language
reviewed by a qualified translator, or adds one.
"""

import functools
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class Language:
    code: str
    # The name in the language itself, as the language switch shows it.
    name: str
    # Written right to left (the page is mirrored).
    bidi: bool = False


STAFF_LANGUAGES: tuple[Language, ...] = (
    Language("nb", "Norsk bokmål"),
    Language("en", "English"),
)

FAMILY_LANGUAGES: tuple[Language, ...] = (
    Language("nb", "Norsk bokmål"),
    Language("nn", "Norsk nynorsk"),
    Language("en", "English"),
    Language("se", "Davvisámegiella"),
    Language("ar", "العربية", bidi=True),
    Language("so", "Soomaali"),
    Language("pl", "Polski"),
    Language("uk", "Українська"),
    Language("ti", "ትግርኛ"),
    Language("lt", "Lietuvių"),
)

FAMILY_LANGUAGE_CHOICES = [(language.code, language.name) for language in FAMILY_LANGUAGES]

# Where a logged-in family member's choice is kept for the session (laget.portal.language).
LANGUAGE_SESSION_KEY = "laget_language"

STAFF_CODES = frozenset(language.code for language in STAFF_LANGUAGES)
FAMILY_CODES = frozenset(language.code for language in FAMILY_LANGUAGES)

# What Django does not know about the languages it ships no translation of (its LANG_INFO),
# added when the app loads (laget.lib.apps).
EXTRA_LANG_INFO = {
    "se": {
        "bidi": False,
        "code": "se",
        "name": "Northern Sami",
        "name_local": "davvisámegiella",
    },
    "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
}


def family_language(code: str | None) -> str:
    """A language the family side speaks: the code given if it is one, else bokmål."""
    if code in FAMILY_CODES:
        return str(code)
    return settings.LANGUAGE_CODE


def staff_language(code: str | None) -> str:
    """A language staff pages speak: the code given if it is one, else bokmål."""
    if code in STAFF_CODES:
        return str(code)
    return settings.LANGUAGE_CODE


# Languages a municipality may publish consent texts in beyond those the family side speaks.
OTHER_LANGUAGE_NAMES = {"sma": "Åarjelsaemien", "smj": "Julevsámegiella"}


def language_name(code: str) -> str:
    """The language's own name for itself ("Soomaali"), or the code if Laget has no such
    language."""
    for language in FAMILY_LANGUAGES:
        if language.code == code:
            return language.name
    return OTHER_LANGUAGE_NAMES.get(code, code)


class ReviewState:
    """How far a language's translation has come, from its message file's header."""

    # Bokmål is the source: nothing to translate.
    SOURCE = "source"
    # Written for Laget by the project, not yet read by a qualified translator.
    DRAFT = "draft"
    # Read and corrected by a qualified translator (who and when in X-Reviewed-By).
    REVIEWED = "reviewed"
    ALL = (SOURCE, DRAFT, REVIEWED)


def catalog_path(code: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"


@functools.cache
def review_state(code: str) -> str:
    """The `X-Review-State` header of the language's message file (draft if it has none)."""
    if code == settings.LANGUAGE_CODE:
        return ReviewState.SOURCE
    return po_header(catalog_path(code)).get("X-Review-State", ReviewState.DRAFT)


def po_header(path: Path) -> dict[str, str]:
    """The header fields of a message file (its first entry, msgid "")."""
    fields: dict[str, str] = {}
    in_header = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith('msgstr ""'):
            in_header = True
            continue
        if not in_header:
            continue
        if not line.startswith('"'):
            break
        text = line[1:-1].replace("\\n", "")
        name, sep, value = text.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields
