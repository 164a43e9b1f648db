"""The data migration encrypts what is already stored, fills the lookup hashes, and decrypts it
all again on the way back (people 0004–0005; the log's, consents' and tools' migrations use the
same helper, laget/lib/crypto_rows.encrypt_in_place). Checked by hand on SQLite and PostgreSQL
with the whole demo; here on the test database."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from laget.lib.crypto import decrypt, lookup_hash
from laget.orgs.models import Municipality
from laget.people.models import Guardian, Subject
from laget.testing.family import synthetic_national_id

BEFORE = [("people", "0003_subject_per_case")]
PID = synthetic_national_id(datetime.date(2019, 5, 17))


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def raw(sql: str) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_stored_plaintext_is_encrypted_in_place_and_back() -> None:
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        # The people app as it was, with plain columns; the other apps stay as they are.
        old = migrate(BEFORE).loader.project_state(BEFORE).apps
        municipality = Municipality.objects.create(name="Migrasjonsvik", number="9990")
        subject = old.get_model("people", "Subject").objects.create(
            municipality_id=municipality.pk,
            kind="child",
            given_name="Åse",
            family_name="Ødegård",
            national_id=PID,
        )
        old.get_model("people", "Guardian").objects.create(
            subject=subject, name="Mor Ødegård", phone="99 88 77 66", email="mor@example.invalid"
        )

        migrate(latest)
        given, number, digest = raw(
            "SELECT given_name, national_id, national_id_hash FROM people_subject"
        )
        assert decrypt(given) == "Åse" and "Åse" not in given
        assert decrypt(number) == PID and PID not in number
        assert digest == lookup_hash(PID)
        phone, email = raw("SELECT phone, email FROM people_guardian")
        assert decrypt(phone) == "99 88 77 66" and decrypt(email) == "mor@example.invalid"
        assert Subject.objects.with_national_id(PID).get().full_name == "Åse Ødegård"
        assert Guardian.objects.get().name == "Mor Ødegård"

        migrate(BEFORE)
        assert raw("SELECT given_name, national_id FROM people_subject") == ("Åse", PID)
        assert raw("SELECT name, phone FROM people_guardian") == ("Mor Ødegård", "99 88 77 66")
    finally:
        migrate(latest)
