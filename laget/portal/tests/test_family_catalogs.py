"""The families' languages' message files: each holds every message the family side uses, says
how far its translation has come, is compiled, and falls back to bokmål where it is silent."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from laget.lib.languages import (
    FAMILY_CODES,
    STAFF_CODES,
    ReviewState,
    catalog_path,
    review_state,
)
from laget.testing.family import Family

# The languages only the family side speaks: their message files hold the family's messages.
FAMILY_ONLY = sorted(FAMILY_CODES - STAFF_CODES)


def message_key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def catalog_keys(code: str) -> set[tuple[str, str]]:
    return {message_key(e) for e in polib.pofile(str(catalog_path(code))) if not e.obsolete}


@pytest.fixture(scope="module")
def family_messages(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """What `family_makemessages` gathers from the family side's sources today, written into
    a scratch folder (the real message files are left alone)."""
    scratch = tmp_path_factory.mktemp("locale")
    with override_settings(LOCALE_PATHS=[scratch]):
        call_command(
            "family_makemessages",
            locale=[FAMILY_ONLY[0]],
            ignore_patterns=["locale", "tests", "var"],
            keep_pot=True,
            verbosity=0,
        )
    return {message_key(e) for e in polib.pofile(str(scratch / "django.pot"))}


def test_every_family_message_is_gathered(family_messages: set[tuple[str, str]]) -> None:
    # A few from the portal's pages, its e-mails and its calendar invitations.
    assert ("", "Laget for familien") in family_messages
    assert ("", "Nytt i stafettloggen") in family_messages
    assert ("", "Møte i stafettloggen") in family_messages


@pytest.mark.parametrize("code", FAMILY_ONLY)
def test_language_has_every_family_message(
    code: str, family_messages: set[tuple[str, str]]
) -> None:
    missing = family_messages - catalog_keys(code)
    assert not missing, (
        f"{code}: run `manage.py family_makemessages -l {code}` and translate: {sorted(missing)}"
    )


@pytest.mark.parametrize("code", FAMILY_ONLY)
def test_language_says_how_far_its_translation_has_come(code: str) -> None:
    header = polib.pofile(str(catalog_path(code))).metadata
    assert header["Language"] == code
    assert review_state(code) in (ReviewState.DRAFT, ReviewState.REVIEWED)
    assert header["X-Review-State"] == review_state(code)
    if review_state(code) == ReviewState.REVIEWED:
        assert header["X-Reviewed-By"], "who reviewed it, and when"
    assert header["Plural-Forms"].startswith("nplurals=")


@pytest.mark.parametrize("code", sorted(FAMILY_CODES - {settings.LANGUAGE_CODE}))
def test_compiled_file_matches_the_message_file(code: str) -> None:
    po = polib.pofile(str(catalog_path(code)))
    mo = polib.mofile(str(catalog_path(code).with_suffix(".mo")))
    translated = {message_key(e): e.msgstr or e.msgstr_plural for e in po.translated_entries()}
    compiled = {message_key(e): e.msgstr or e.msgstr_plural for e in mo if e.msgid}
    assert compiled == translated, "run `manage.py compilemessages --ignore=.venv`"


@pytest.mark.parametrize("code", FAMILY_ONLY)
def test_an_untranslated_message_shows_in_bokmal(code: str) -> None:
    message = "En tekst ingen har oversatt ennå"
    with translation.override(code):
        assert translation.gettext(message) == message
        assert translation.get_language() == code


# --- What the portal's pages ask for, as they are shown -------------------------------------


@pytest.fixture
def asked_for(monkeypatch: pytest.MonkeyPatch, family: Family) -> Iterator[set[tuple[str, str]]]:
    """Every message the code asks to have translated while the test runs (after the test
    family is built, whose making asks for messages of its own, and after a first request,
    whose loading of every view module evaluates module-level labels once)."""
    Client().get(reverse("portal:login"))
    asked: set[tuple[str, str]] = set()
    real = trans_real

    def record(name: str, context: bool, plural: bool) -> Callable[..., str]:
        function = getattr(real, name)

        def wrapper(*args: Any) -> str:
            ctx = str(args[0]) if context else ""
            asked.add((ctx, str(args[1 if context else 0])))
            return str(function(*args))

        return wrapper

    trans = translation._trans  # type: ignore[attr-defined]
    for name, context, plural in (
        ("gettext", False, False),
        ("ngettext", False, True),
        ("pgettext", True, False),
        ("npgettext", True, True),
    ):
        monkeypatch.setattr(trans, name, record(name, context, plural), raising=False)
    yield asked


PAGES = [
    ("portal:login", {}),
    ("portal:home", {}),
    ("portal:case", {"case": True}),
    ("portal:entry_create", {"case": True}),
    ("portal:access_log", {"case": True}),
    ("portal:consents", {"case": True}),
    ("portal:participants", {"case": True}),
    ("portal:closing_request", {"case": True}),
]
ROLES = ["own_guardian", "guardian_without_pr", "child_over", "anonymous"]


def django_own_messages() -> set[tuple[str, str]]:
    """Messages Django and the libraries translate themselves (in bokmål, for every fallback)."""
    catalog = trans_real.translation(settings.LANGUAGE_CODE)._catalog  # type: ignore[attr-defined]
    own: set[tuple[str, str]] = set()
    for key in catalog.keys():  # noqa: SIM118 (a TranslationCatalog, not a dict)
        msgid = key[0] if isinstance(key, tuple) else key
        context, sep, text = msgid.partition("\x04")
        own.add((context, text) if sep else ("", msgid))
    return own


@pytest.mark.django_db
@pytest.mark.parametrize("code", FAMILY_ONLY)
def test_portal_pages_use_only_messages_the_language_has(
    code: str,
    family: Family,
    client_as: Callable[[str], Client],
    asked_for: set[tuple[str, str]],
) -> None:
    for role in ROLES:
        client = client_as(role)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
        for name, needs in PAGES:
            kwargs = {"case_id": family.case.pk} if needs.get("case") else {}
            response = client.get(reverse(name, kwargs=kwargs), follow=True)
            assert response.status_code in (200, 404), (role, name)
            if role == "own_guardian":
                assert response.status_code == 200, name
    assert asked_for, "the pages asked for no message"
    own = django_own_messages()
    missing = asked_for - catalog_keys(code) - own
    assert not missing, f"{code} lacks messages the portal uses: {sorted(missing)}"


def test_catalog_path_points_at_the_projects_message_files() -> None:
    assert catalog_path("se") == Path(settings.LOCALE_PATHS[0]) / "se/LC_MESSAGES/django.po"
