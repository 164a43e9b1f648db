"""The load profile runs end to end on a tiny generated country: a real gunicorn, locust in its
own process, real reads and writes through the forms, errors counted, CPU read from /proc.
A few seconds only; no timing is asserted (speed lives in BENCHMARKS.md)."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from laget.cases.models import Entry, MeasureEvaluation
from laget.scale.generate import Scale, generate
from laget.scale.load import run_profile
from laget.scale.people import Sizes, sign_in
from laget.scale.servers import Server
from laget.scale.writer import DatabaseSink

# The server process reads what the test wrote: committed rows, not a rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)

TINY = Scale(municipalities=2, children=600, open_logs=60, seed=3, today=datetime.date(2026, 11, 1))
PEOPLE = Sizes(staff=6, coordinators=1, family=2, api=1)
# The server, not under pytest, keeps its cache in the database unless LAGET_CACHE says
# otherwise (laget/settings.py): the table it needs, which the test database lacks.
DATABASE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "laget_cache"}
}


@pytest.fixture
def country() -> None:
    # The suite runs on PostgreSQL (./dev test); the load profile reads its processes.
    assert connection.vendor == "postgresql", "the load profile needs PostgreSQL"
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable")
    with transaction.atomic():  # as scale_generate: foreign keys checked at the commit
        generate(TINY, DatabaseSink())


def test_sign_in_spreads_people_over_municipalities(country: None) -> None:
    signed = sign_in(PEOPLE)

    assert len(signed.staff) == 5 and len(signed.coordinators) == 1
    assert len(signed.family) == 2 and len(signed.api) == 1
    assert len(signed.session_keys) == 8 and len(signed.token_ids) == 1
    # Round-robin: the first two staff come from the two municipalities.
    first, second = (p["cases"][0]["page"] for p in signed.staff[:2])
    assert first != second


def test_the_profile_reads_writes_and_counts_errors(country: None) -> None:
    signed = sign_in(PEOPLE)
    # One person's cases are someone else's: every page of theirs is a 404, an error.
    stranger = signed.staff[0]
    stranger["cases"] = [{"page": "/saker/999999/", "entry": "/saker/999999/logg/ny/"}]
    stranger["measures"] = []
    before = Entry.objects.count() + MeasureEvaluation.objects.count()

    result = run_profile(
        Server.parse("sync:2"), seconds=8, think=0.3, signed=signed, spawn_seconds=1
    )

    assert result.requests > 20
    names = {p.name: p for p in result.pages}
    assert names["entry write"].requests > 0 and names["API case"].requests > 0
    assert names["portal case"].requests + names["portal home"].requests > 0
    assert result.writes > 0
    assert Entry.objects.count() + MeasureEvaluation.objects.count() == before + result.writes
    assert result.errors > 0
    # The stranger's pages, and nothing else.
    assert result.failures and all("404" in failure for failure in result.failures)
    assert result.app_cpu_ms is not None and result.app_cpu_ms > 0
    assert result.pg_cpu_ms is not None and result.pg_cpu_ms > 0
    assert result.locust_cpu_ms is not None and result.locust_cpu_ms > 0
