"""`manage.py rotate_field_keys` (issue 12): from key A to [B, A], every value is under B; then
A is dropped and everything still reads. Nothing but the encrypted columns changes."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from laget.cases.models import Entry
from laget.lib.crypto import encrypted_columns
from laget.people.models import Guardian
from laget.testing.family import synthetic_national_id
from laget.testing.world import World

pytestmark = pytest.mark.django_db

KEY_B = Fernet.generate_key().decode()


def tokens() -> list[str]:
    q = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        for model, fields in encrypted_columns():
            for f in fields:
                cursor.execute(
                    f"SELECT {q(f.column)} FROM {q(model._meta.db_table)} WHERE {q(f.column)} <> ''"
                )
                found += [value for (value,) in cursor.fetchall()]
    return found


def rotate(*args: str) -> str:
    out = StringIO()
    call_command("rotate_field_keys", *args, "--chunk", "7", stdout=out)
    return out.getvalue()


def test_rotation_puts_every_value_under_the_new_key(world: World, settings: object) -> None:
    key_a = settings.LAGET_FIELD_KEYS[0]  # type: ignore[attr-defined]
    entry = Entry.objects.get(pk=world.entry.pk)
    version, updated = entry.version, entry.updated_at
    with override_settings(LAGET_FIELD_KEYS=[KEY_B, key_a]):
        first = rotate()
        assert "cases_entry (text):" in first and "re-encrypted" in first
        new = Fernet(KEY_B.encode())
        for token in tokens():
            new.decrypt(token.encode())  # raises unless under B
        # Idempotent: a second run finds nothing to do.
        assert "Done: 0 rows re-encrypted" in rotate()
    with override_settings(LAGET_FIELD_KEYS=[KEY_B]):
        again = Entry.objects.get(pk=world.entry.pk)
        assert again.text == world.entry.text
        assert (again.version, again.updated_at) == (version, updated)
        client = Client()
        client.force_login(world.users["stafettholder"])
        page = client.get(reverse("cases:case_detail", args=[world.case.pk]))
        assert world.entry.text in page.content.decode()
        assert "Emil Fjeldsrud" in page.content.decode()


def test_progress_names_tables_and_counts_never_a_value(world: World, settings: object) -> None:
    key_a = settings.LAGET_FIELD_KEYS[0]  # type: ignore[attr-defined]
    with override_settings(LAGET_FIELD_KEYS=[KEY_B, key_a]):
        out = StringIO()
        call_command("rotate_field_keys", "--chunk", "2", verbosity=2, stdout=out)
    output = out.getvalue()
    assert "cases_entry: 2 rows read" in output
    for secret in (world.entry.text, "Emil", "Fjeldsrud", world.measure.title):
        assert secret not in output


def test_a_value_no_key_opens_stops_the_run_naming_the_row(world: World) -> None:
    stranger = Fernet.generate_key().decode()
    with override_settings(LAGET_FIELD_KEYS=[stranger]), pytest.raises(CommandError) as error:
        rotate()
    assert "no key in LAGET_FIELD_KEYS opens" in str(error.value)
    assert "Emil" not in str(error.value)


def test_the_lookup_hashes_follow_a_new_lookup_key(world: World) -> None:
    pid = synthetic_national_id(world.case.subject.birth_date)  # type: ignore[union-attr]
    guardian = Guardian.objects.create(subject=world.case.subject, name="Mor", national_id=pid)
    with override_settings(LAGET_LOOKUP_KEY="a-new-lookup-key-of-at-least-32-characters"):
        assert not Guardian.objects.with_national_id(pid).exists()
        rotate("--lookup-hashes")
        assert list(Guardian.objects.with_national_id(pid)) == [guardian]
