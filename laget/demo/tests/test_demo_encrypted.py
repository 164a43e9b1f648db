"""Issue 12, done when: after the demo is loaded, a read of the database itself — every column of
every table, as a dump or a backup would hold it — finds no national id, no child's or
guardian's name and no entry text in clear."""

import json
import re
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from laget.cases.models import Entry
from laget.people.models import Guardian, Subject

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """The whole demo, as `./dev demo` loads it, rolled back at the end of the module."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(LAGET_DEMO=True):
                call_command("seed_demo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def names_of_the_children() -> dict[str, str]:
    """Given and family names, each a column's whole value where the person record keeps them
    (inside other text a first name alone could be anyone's)."""
    found: dict[str, str] = {}
    for s in Subject.objects.all():
        found[s.given_name] = found[s.family_name] = "a child's name"
    return found


def secrets_of_the_demo() -> dict[str, str]:
    """What must not be readable anywhere in the database: each value, with what it is."""
    found: dict[str, str] = {}
    for s in Subject.objects.all():
        found[s.full_name] = "a child's name"
        if s.national_id:
            found[s.national_id] = "a national id"
    for g in Guardian.objects.all():
        found[g.name] = "a guardian's name"
        if g.national_id:
            found[g.national_id] = "a national id"
    # Entry texts long enough to be someone's words (the neighbours' filler is one word).
    for text in Entry.objects.values_list("text", flat=True):
        if len(text) >= 20:
            found[text] = "an entry's text"
    return found


def every_stored_text() -> Iterator[tuple[str, str, str]]:
    """(table, column, value) for every non-empty text-like value in the database."""
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            cursor.execute(f"SELECT * FROM {q(table)}")
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, dict | list):
                        value = json.dumps(value, ensure_ascii=False)
                    elif isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "replace")
                    if isinstance(value, str) and value:
                        yield table, column, value


def test_the_demo_has_what_the_scan_looks_for(demo: None) -> None:
    kinds = list(secrets_of_the_demo().values())
    assert kinds.count("a child's name") >= 20
    assert kinds.count("a national id") >= 20
    assert kinds.count("an entry's text") >= 50


def test_a_read_of_the_database_finds_no_national_id_name_or_entry_text(demo: None) -> None:
    secrets, names = secrets_of_the_demo(), names_of_the_children()
    pattern = re.compile("|".join(re.escape(s) for s in sorted(secrets, key=len, reverse=True)))
    leaks = set()
    for table, column, value in every_stored_text():
        if match := pattern.search(value):
            leaks.add((table, column, secrets[match.group(0)]))
        elif value.strip() in names:
            leaks.add((table, column, names[value.strip()]))
    assert leaks == set()
