"""Encrypted fields (laget/lib/crypto.py): tokens in the database, plaintext in Python, no
comparison the database cannot make, and a wrong key that fails loudly (issue 12)."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.db import connection
from django.test import override_settings

from laget.cases.models import Case, Entry
from laget.lib.crypto import InvalidToken, decrypt, encrypt, encrypted_columns, lookup_hash
from laget.people.models import Subject
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def raw(model: type, field: str, pk: int) -> object:
    meta = model._meta
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {q(meta.get_field(field).column)} FROM {q(meta.db_table)} WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()[0]


def test_a_value_goes_in_as_a_token_and_comes_back_as_it_was() -> None:
    token = encrypt("Emil sov dårlig i natt")
    assert token.startswith("gAAAAA")
    assert "Emil" not in token
    assert decrypt(token) == "Emil sov dårlig i natt"
    # Fresh randomness every time: equal texts do not give equal tokens.
    assert encrypt("x") != encrypt("x")


def test_an_entry_is_stored_as_a_token_and_read_as_text(world: World) -> None:
    stored = raw(Entry, "text", world.entry.pk)
    assert isinstance(stored, str) and stored.startswith("gAAAAA")
    assert world.entry.text not in stored
    assert Entry.objects.get(pk=world.entry.pk).text == world.entry.text


def test_an_empty_value_stays_empty_so_blank_rules_still_hold(world: World) -> None:
    assert Case.objects.filter(pk=world.case.pk, close_reason="").exists()
    assert raw(Case, "close_reason", world.case.pk) == ""


@pytest.mark.parametrize(
    "lookup",
    [
        {"text": "Lo høyt i sandkassa i dag."},
        {"text__icontains": "sandkassa"},
        {"text__startswith": "Lo"},
        {"text__in": ["a"]},
    ],
)
def test_the_database_is_never_asked_to_compare_ciphertext(world: World, lookup: dict) -> None:
    with pytest.raises(FieldError, match=r"(?i)encrypted"):
        list(Entry.objects.filter(**lookup))


def test_a_value_no_key_opens_fails_loudly_instead_of_showing_ciphertext(world: World) -> None:
    with (
        override_settings(LAGET_FIELD_KEYS=[Fernet.generate_key().decode()]),
        pytest.raises(InvalidToken),
    ):
        Entry.objects.get(pk=world.entry.pk)


def test_every_encrypted_model_is_one_of_the_personal_data_models() -> None:
    """What is encrypted, in one place: a field added to the list changes this test too."""
    found = {
        f"{model._meta.label}.{f.name}" for model, fields in encrypted_columns() for f in fields
    }
    assert found == {
        "people.Subject.given_name",
        "people.Subject.family_name",
        "people.Subject.national_id",
        "people.Guardian.name",
        "people.Guardian.phone",
        "people.Guardian.email",
        "people.Guardian.national_id",
        "cases.Case.label",
        "cases.Case.close_reason",
        "cases.LevelChange.reason",
        "cases.BatonHandover.note",
        "cases.Meeting.place",
        "cases.Meeting.agenda",
        "cases.Meeting.minutes",
        "cases.Meeting.child_view",
        "cases.Measure.title",
        "cases.Measure.goal",
        "cases.MeasureEvaluation.text",
        "cases.Measure.child_view",
        "cases.Entry.text",
        "cases.Transition.note",
        "consent.Consent.purpose",
        "consent.ConsentEvent.note",
        "consent.ClosingRequest.reason",
        "family.Restriction.note",
        "tools.FilledTool.answers",
        "tools.FilledTool.band_label",
        "tools.FilledTool.interpretation",
        "accounts.User.portal_name",
        "notify.Notification.recipient",
        "archive.ArchivePackage.content",
        "plans.PlanDecision.decided_by",
        "plans.PlanDecision.end_reason",
        "plans.PlanDecision.grounds",
        "plans.PlanHandover.note",
        "transfer.Transfer.decline_reason",
        "transfer.Transfer.description",
    }


def test_the_lookup_hash_is_keyed() -> None:
    first = lookup_hash("15871912345")
    assert len(first) == 64 and "15871912345" not in first
    with override_settings(LAGET_LOOKUP_KEY="another-lookup-key-of-at-least-32-chars"):
        assert lookup_hash("15871912345") != first
    assert lookup_hash("") == ""


def test_a_subject_record_keeps_its_hash_in_step(world: World) -> None:
    subject = Subject.objects.get(pk=world.case.subject_id)
    subject.national_id = "15871912345"
    subject.save(update_fields=["national_id"])
    assert raw(Subject, "national_id_hash", subject.pk) == lookup_hash("15871912345")
