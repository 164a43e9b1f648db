"""Personal data encrypted at rest (issue 12): every encrypted column holds Fernet tokens only,
read straight from the database; the pages, the API and the family portal show the plaintext.

The world and the families fill most columns through the services; the few they leave empty
get a value here, so that every column in laget.lib.crypto.encrypted_columns() is checked.
"""

import datetime
import json
from collections.abc import Iterator

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.archive.testing import stored_package
from laget.cases.choices import MeetingKind
from laget.cases.models import BatonHandover, Case, Meeting, Transition
from laget.consent.models import ClosingRequest
from laget.family.choices import RestrictionReason
from laget.family.models import Restriction
from laget.lib.crypto import EncryptedJSONField, decrypt, encrypted_columns
from laget.plans.testing import plan_rows
from laget.testing.family import Family, build_family
from laget.testing.world import World, evaluate_twice
from laget.transfer.testing import transfer_rows

pytestmark = pytest.mark.django_db

MARK = "Klartekst som bare skal finnes kryptert"


@pytest.fixture(scope="module")
def family(world: World, django_db_blocker: object) -> Iterator[Family]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        family = build_family(world)
        _fill_what_the_world_leaves_empty(world, family)
        yield family


def _fill_what_the_world_leaves_empty(world: World, family: Family) -> None:
    holder = world.users["stafettholder"]
    participant = world.case.participants.get(user=holder)
    BatonHandover.objects.create(
        case=world.case, to_participant=participant, note=f"{MARK}: stafett", by=holder
    )
    meeting = Meeting.objects.create(
        case=world.case,
        kind=MeetingKind.HANDOVER,
        starts_at=timezone.now(),
        created_by=holder,
    )
    Transition.objects.create(
        case=world.case,
        from_unit=world.units["kindergarten"],
        to_unit=world.units["school"],
        date=timezone.localdate() + datetime.timedelta(days=30),
        meeting=meeting,
        note=f"{MARK}: overgang",
        created_by=holder,
    )
    ClosingRequest.objects.create(
        case=family.case, guardian=family.mother, reason=f"{MARK}: avslutt"
    )
    Restriction.objects.create(
        case=family.case,
        guardian=family.father,
        reason=RestrictionReason.VIOLENCE,
        note=f"{MARK}: skjerming",
        proposed_by=holder,
    )
    evaluate_twice(world)
    plan_rows(family.case, holder, MARK)
    transfer_rows(family.case, holder, MARK)
    stored_package(world.case)
    for model, fields in encrypted_columns():
        for field in fields:
            if not _stored(model, field.column):
                row = model._default_manager.order_by("pk").first()
                assert row is not None, f"no {model._meta.label} to fill"
                value: object = MARK
                if isinstance(field, EncryptedJSONField):
                    value = {"mark": MARK}
                elif field.name == "email":
                    value = "hanne@example.invalid"
                model._default_manager.filter(pk=row.pk).update(**{field.name: value})


def _stored(model: type, column: str) -> list[str]:
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {q(column)} FROM {q(model._meta.db_table)} "
            f"WHERE {q(column)} IS NOT NULL AND {q(column)} <> ''"
        )
        return [value for (value,) in cursor.fetchall()]


COLUMNS = [
    pytest.param(model, field, id=f"{model._meta.db_table}.{field.column}")
    for model, fields in encrypted_columns()
    for field in fields
]


@pytest.mark.parametrize(("model", "field"), COLUMNS)
def test_the_column_holds_only_tokens(family: Family, model: type, field: object) -> None:
    values = _stored(model, field.column)  # type: ignore[attr-defined]
    assert values, "the world fills every encrypted column"
    for value in values:
        assert isinstance(value, str) and value.startswith("gAAAAA")
        assert MARK not in value
        decrypt(value)


def test_what_the_database_holds_is_what_the_orm_reads(world: World) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM cases_entry WHERE id = %s", [world.entry.pk])
        (token,) = cursor.fetchone()
    assert decrypt(token) == world.entry.text == "Lo høyt i sandkassa i dag."
    (tool,) = _stored(world.filled_tool._meta.model, "answers")  # type: ignore[union-attr]
    assert json.loads(decrypt(tool)) == world.filled_tool.answers  # type: ignore[union-attr]


def test_the_case_page_shows_the_plaintext(world: World, family: Family) -> None:
    client = Client()
    client.force_login(world.users["stafettholder"])
    page = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    for text in (
        "Emil Fjeldsrud",
        world.entry.text,
        world.measure.title,
        family.mother.name,
        family.private_entry.text,
    ):
        assert text in page


def test_the_api_answers_with_the_plaintext(world: World, family: Family) -> None:
    client = Client()
    client.force_login(world.users["stafettholder"])
    case = client.get(reverse("api:case", args=[world.case.pk])).json()
    assert case["subject"]["given_name"] == "Emil"
    assert world.entry.text in [e["text"] for e in case["entries"]]
    guardians = client.get(reverse("api:guardians", args=[world.case.pk])).json()
    mother = next(g for g in guardians if g["id"] == family.mother.pk)
    assert mother["name"] == family.mother.name
    assert mother["national_id"] == family.pids[family.mother.name]
    # Guardians come in name order, sorted in Python now that the names are encrypted.
    names = [g["name"] for g in guardians]
    assert names == sorted(names, key=str.casefold)


def test_the_family_portal_shows_the_plaintext(family: Family) -> None:
    client = Client()
    client.force_login(family.users["own_guardian"])
    page = client.get(reverse("portal:case", args=[family.case.pk])).content.decode()
    assert "Lo høyt i sandkassa i dag." in page
    assert family.private_entry.text not in page


def test_the_database_still_refuses_a_case_without_label_or_person(world: World) -> None:
    """Its rule (case_subject_or_label) compares the label with "", and "" stays ""."""
    with transaction.atomic(), pytest.raises(IntegrityError, match="case_subject_or_label"):
        Case.objects.create(
            municipality=world.municipality,
            unit=world.units["school"],
            opened_by=world.users["other_unit"],
            label="",
        )
