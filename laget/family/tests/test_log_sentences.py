"""The access log's sentences are made of whole messages a translation can order and conjugate
(laget/family/log_labels.py): a clause per action for "you" and for someone else, a sentence
per kind of reader, one full stop. No database: the groups are built by hand."""

import datetime

import pytest
from django.utils import timezone, translation

from laget.audit.models import AuditAction
from laget.family.log_labels import (
    OBJECTS,
    ONCE,
    SOMEONE,
    TIMES,
    YOU,
    Doing,
    LogGroup,
    end_sentence,
)
from laget.lib.languages import FAMILY_CODES


def _group(doings: tuple[Doing, ...], **kw: object) -> LogGroup:
    values: dict = {
        "day": timezone.localdate(),
        "at": timezone.now(),
        "who": "Per Nystad",
        "where": "Fjordvik skole",
        "by_family": False,
        "own": False,
        "doings": doings,
        **kw,
    }
    return LogGroup(**values)


def test_every_action_has_its_clause_for_you_and_for_someone() -> None:
    wanted = {(action, person) for action in AuditAction.values for person in (YOU, SOMEONE)}
    assert set(ONCE) == wanted
    assert set(TIMES) == wanted


@pytest.mark.parametrize("language", sorted(FAMILY_CODES))
def test_you_and_someone_come_from_their_own_messages(language: str) -> None:
    """Each clause is looked up in its own context, so a language that conjugates by person
    gets "you" right: the sentence the member reads of themself uses the 'you' message."""
    with translation.override(language):
        case = str(OBJECTS["case"])
        read = Doing(AuditAction.READ, case, 3)
        mine = _group((read,), who="", where="", by_family=True, own=True).sentence
        theirs = _group((read,)).sentence
        assert TIMES[AuditAction.READ, YOU] % {"what": case, "n": 3} in mine
        assert TIMES[AuditAction.READ, SOMEONE] % {"what": case, "n": 3} in theirs


def test_a_man_without_a_unit_and_the_neutral_service_have_sentences_of_their_own() -> None:
    read = (Doing(AuditAction.READ, "saken", 1),)
    with translation.override("nb"):
        assert _group(read, where="").sentence == "Per Nystad leste saken i dag"
        neutral = _group(read, who="", where="", neutral=True).sentence
        assert neutral == "En tjeneste i kommunen leste saken i dag"
    with translation.override("pl"):
        # The translator's neutral form does not apply to a named person, and back.
        named = _group(read, where="").sentence
        assert "Per Nystad" in named
        assert _group(read, who="", where="", neutral=True).sentence != named.replace(
            "Per Nystad", ""
        )


@pytest.mark.parametrize(
    ("language", "day", "ends"),
    [
        ("nb", None, "i dag."),
        ("lt", datetime.date(2025, 10, 26), "perskaitė bylą."),
        ("se", datetime.date(2025, 10, 26), "ášši."),
        # Tigrinya's own full stop.
        ("ti", None, "።"),
    ],
)
def test_a_sentence_ends_in_one_full_stop_of_its_language(
    language: str, day: datetime.date | None, ends: str
) -> None:
    with translation.override(language):
        group = _group((Doing(AuditAction.READ, str(OBJECTS["case"]), 1),))
        if day is not None:
            group = _group(group.doings, day=day)
        sentence = group.full_sentence
        assert sentence.endswith(ends)
        assert not sentence.endswith("..") and not sentence.endswith(".።")


@pytest.mark.parametrize("language", ["nb", "se", "lt"])
def test_a_sentence_that_ends_in_a_dotted_date_gets_no_second_full_stop(language: str) -> None:
    """A short numeric date ("26.10.") or a Lithuanian one ("spalio 26 d.") at the end."""
    with translation.override(language):
        assert end_sentence("Du leste saken 26.10.") == "Du leste saken 26.10."
        assert end_sentence("Du leste saken") == "Du leste saken."


def test_clauses_are_joined_with_the_languages_own_comma() -> None:
    doings = tuple(Doing(a, "saken", 1) for a in (AuditAction.READ, AuditAction.UPDATE, "x"))
    with translation.override("nb"):
        assert _group(doings).did == "leste saken, endret saken og gjorde noe med saken"
    with translation.override("ar"):
        assert "، " in _group(doings).did


def test_ukrainian_dates_take_the_genitive() -> None:
    with translation.override("uk"):
        group = _group((Doing(AuditAction.READ, str(OBJECTS["case"]), 1),))
        assert "26 жовтня" in _group(group.doings, day=datetime.date(2025, 10, 26)).sentence
