"""The ISO/IEC TS 27560 record and the consent text in several languages."""

import json

import pytest

from laget.consent.export import CONFORMS_TO, consent_record
from laget.consent.texts import STARTER, current_text
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def test_record_has_the_27560_fields_and_the_full_history(world: World) -> None:
    record = consent_record(world.consent)
    assert record["dct:conformsTo"] == CONFORMS_TO
    assert record["dct:identifier"] == world.consent.reference
    assert record["@type"] == "dpv:ConsentRecord"
    assert record["dpv:hasConsentStatus"] == "dpv:ConsentGiven"
    assert record["dpv:hasJurisdiction"] == ["loc:NO"]
    assert {r["@id"] for r in record["dpv:hasProcess"]["dpv:hasRecipient"]} == {
        f"unit/{u.pk}" for u in world.consent.units.all()
    }
    kinds = [e["dpv:hasConsentStatus"] for e in record["dpv:hasConsentStatusHistory"]]
    assert kinds == ["dpv:ConsentRequested", "dpv:ConsentGiven", "dpv:ConsentGiven"]
    assert record["dpv:hasNotice"]["dct:language"] == sorted(STARTER)


def test_record_names_no_person(world: World) -> None:
    text = json.dumps(consent_record(world.consent), ensure_ascii=False)
    subject = world.case.subject
    assert subject.given_name not in text
    assert subject.family_name not in text
    for guardian in subject.guardians.all():
        assert guardian.name not in text


@pytest.mark.parametrize(
    ("asked", "got"),
    [("nb", "nb"), ("nn", "nn"), ("en", "en"), ("en-GB", "en"), ("se", "se"), ("sma", "nb")],
)
def test_text_in_the_language_asked_for_else_bokmal(world: World, asked: str, got: str) -> None:
    text = current_text(world.municipality)
    translation = text.in_language(asked)
    assert translation is not None and translation.language == got


def test_another_language_is_just_another_row(world: World) -> None:
    text = current_text(world.municipality)
    text.translations.create(language="sma", title="Miehtemem", body="Teekste åarjelsaemien.")
    assert text.in_language("sma").language == "sma"
