"""The scale-out set-up on real parts: a streaming replica, PgBouncer and Redis.

`./dev test` starts them beside the primary (docs/PRODUCTION.md, "Scale-out") and exports where
they are; without them (LAGET_TEST_SCALE_OUT=0, or another DATABASE_URL) these tests are
skipped, except in CI, where they fail. They commit (the standby replays only what the primary commits), so they are
transactional; the replica alias is the standby's copy of the test database.
"""

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from psycopg.conninfo import make_conninfo

from laget.audit.models import AuditAction, AuditEvent, Via
from laget.audit.services import audit_record
from laget.cases.models import Case
from laget.cases.services.lifecycle import case_open
from laget.lib.dbrouting import PRIMARY, REPLICA, reads_from_replica, replica_state_forget
from laget.monitoring.dashboard import municipal_dashboard
from laget.orgs.actors import actor_for
from laget.testing.world import World, build_world

REPLICA_ADMIN_URL = os.environ.get("LAGET_TEST_REPLICA_ADMIN_URL", "")
PGBOUNCER_ADMIN_URL = os.environ.get("LAGET_TEST_PGBOUNCER_ADMIN_URL", "")

CONFIGURED = REPLICA in settings.DATABASES and bool(REPLICA_ADMIN_URL and PGBOUNCER_ADMIN_URL)
NOT_CONFIGURED = "needs the replica, PgBouncer and Redis that ./dev test starts"

pytestmark = [
    # In CI (.ci/run sets CI=true) they must run: there a skip would hide a missing set-up.
    pytest.mark.skipif(not CONFIGURED and os.environ.get("CI") != "true", reason=NOT_CONFIGURED),
    pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA]),
    # One module, one worker: the replica's replay is paused in one of these tests.
    pytest.mark.xdist_group("scale_out"),
]

# How long the standby may take to replay what the tests committed (a poll, not a sleep).
REPLAY_DEADLINE_SECONDS = 30


@pytest.fixture(autouse=True)
def _configured() -> None:
    assert CONFIGURED, NOT_CONFIGURED


def admin(url: str) -> psycopg.Connection[Any]:
    """The throwaway cluster's superuser (pausing replay needs one); the app's role is not."""
    return psycopg.connect(url, autocommit=True)


def wait_for_replay() -> None:
    """Until the standby has replayed everything the primary has written (polled, bounded)."""
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (lsn,) = cursor.fetchone()
    deadline = time.monotonic() + REPLAY_DEADLINE_SECONDS
    with admin(REPLICA_ADMIN_URL) as standby:
        query = "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn"
        while standby.execute(query, [lsn]).fetchone() != (True,):
            assert time.monotonic() < deadline, "the standby did not catch up"
            time.sleep(0.01)
    replica_state_forget()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def replica_reads() -> Iterator[None]:
    """Report pages read from the replica, as in production (the suite reads from the primary)."""
    replica_state_forget()
    # The dashboard's figures computed for the request, not its rollups (minutes old by design).
    with override_settings(
        LAGET_REPLICA_READS=True, LAGET_REPLICA_CHECK_SECONDS=0, LAGET_ROLLUP_MAX_AGE_SECONDS=0
    ):
        yield
    replica_state_forget()


@pytest.fixture
def town(replica_reads: None) -> World:
    world = build_world()
    wait_for_replay()
    return world


def client_as(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def in_recovery(alias: str) -> bool:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        (answer,) = cursor.fetchone()
    return bool(answer)


def open_cases(board: Any) -> str:
    """The dashboard's "open cases" (all levels) figure."""
    levels = next(f for f in board.figures if f.slug == "levels")
    return str(levels.total[-1])


def open_case(world: World) -> Case:
    nurse = world.users["outsider_holder"]
    return case_open(
        actor=actor_for(nurse, Via.SYSTEM),
        user=nurse,
        unit_id=world.units["school"].pk,
        label="Gutt, 7 år",
        level=1,
        reason="Trenger tiltak i skolen.",
    )


def test_the_dashboard_is_read_from_the_replica_while_the_primary_takes_writes(
    town: World,
) -> None:
    assert in_recovery(REPLICA) and not in_recovery(PRIMARY)
    nurse = town.users["outsider_holder"]
    done = threading.Event()
    wrote = threading.Condition()
    writes: list[int] = []

    def writer() -> None:
        # Another request's writes, on its own connection, while the dashboard is computed.
        try:
            while not done.is_set():
                event = audit_record(
                    actor=actor_for(nurse, Via.SYSTEM),
                    action=AuditAction.READ,
                    object_type="case",
                    object_id=town.other_case.pk,
                )
                with wrote:
                    writes.append(event.pk)
                    wrote.notify_all()
        finally:
            connections.close_all()

    during: list[int] = []

    def first_replica_query_waits_for_a_write(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if not during:
            # A write the primary commits while this report is reading from the replica.
            with wrote:
                seen = len(writes)
                assert wrote.wait_for(lambda: len(writes) > seen, REPLAY_DEADLINE_SECONDS)
                during.append(writes[-1])
        return execute(sql, params, many, context)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        with (
            connections[REPLICA].execute_wrapper(first_replica_query_waits_for_a_write),
            CaptureQueriesContext(connections[REPLICA]) as on_replica,
            CaptureQueriesContext(connections[PRIMARY]) as on_primary,
        ):
            response = client_as(town, "coordinator").get(reverse("monitoring:dashboard"))
    finally:
        done.set()
        thread.join()

    assert response.status_code == 200
    figure_queries = [q["sql"] for q in on_replica.captured_queries if "cases_case" in q["sql"]]
    assert figure_queries, "the dashboard's figures were not read from the replica"
    assert not [q for q in on_primary.captured_queries if "cases_case" in q["sql"]]
    # The writes went on meanwhile, on the primary.
    assert during
    assert AuditEvent.objects.using(PRIMARY).filter(pk__in=writes).count() == len(writes)


def test_case_pages_writes_and_the_audit_stay_on_the_primary(town: World) -> None:
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client_as(town, "stafettholder").get(
            reverse("cases:case_detail", args=[town.case.pk])
        )
    assert response.status_code == 200
    assert on_replica.captured_queries == []
    with CaptureQueriesContext(connections[REPLICA]) as on_replica, reads_from_replica():
        # Even inside a report: writes, the audit log and reads in a transaction.
        assert router.db_for_read(Case) == REPLICA
        assert router.db_for_write(Case) == PRIMARY
        assert router.db_for_read(AuditEvent) == PRIMARY
        with transaction.atomic():
            assert router.db_for_read(Case) == PRIMARY
        event = audit_record(
            actor=actor_for(town.users["coordinator"], Via.WEB),
            action=AuditAction.READ,
            object_type="figure_sharing",
            object_id=1,
        )
    # The replica answered the router's check whether it is usable, nothing of the audit.
    assert on_replica.captured_queries
    assert not [q for q in on_replica.captured_queries if "audit" in q["sql"]]
    assert AuditEvent.objects.using(PRIMARY).filter(pk=event.pk).exists()


def test_a_lagging_replica_leaves_the_dashboard_to_the_primary(
    town: World, caplog: pytest.LogCaptureFixture
) -> None:
    with admin(REPLICA_ADMIN_URL) as standby:
        standby.execute("SELECT pg_wal_replay_pause()")
        try:
            new = open_case(town)
            # The replica really is behind: its figures would be one case short.
            assert not Case.objects.using(REPLICA).filter(pk=new.pk).exists()
            right = open_cases(municipal_dashboard(town.municipality))
            with override_settings(LAGET_REPLICA_MAX_LAG_SECONDS=3600), reads_from_replica():
                replica_state_forget()
                assert open_cases(municipal_dashboard(town.municipality)) != right
            replica_state_forget()
            with (
                override_settings(LAGET_REPLICA_MAX_LAG_SECONDS=0),
                caplog.at_level(logging.WARNING, logger="laget.lib.dbrouting"),
                CaptureQueriesContext(connections[REPLICA]) as on_replica,
            ):
                response = client_as(town, "coordinator").get(reverse("monitoring:dashboard"))
        finally:
            standby.execute("SELECT pg_wal_replay_resume()")

    assert response.status_code == 200
    assert open_cases(response.context["dashboard"]) == right
    assert [q for q in on_replica.captured_queries if "cases_case" in q["sql"]] == []
    assert "replica lagging" in caplog.text
    # Once it has caught up, reports read from it again.
    wait_for_replay()
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        client_as(town, "coordinator").get(reverse("monitoring:dashboard"))
    assert [q for q in on_replica.captured_queries if "cases_case" in q["sql"]]


def test_a_replica_that_is_down_leaves_the_reports_to_the_primary(
    town: World, caplog: pytest.LogCaptureFixture
) -> None:
    replica = connections[REPLICA]
    port = replica.settings_dict["PORT"]
    replica.close()
    # Nothing listens there: what a stopped server looks like to the application.
    replica.settings_dict["PORT"] = free_port()
    replica_state_forget()
    try:
        with caplog.at_level(logging.WARNING, logger="laget.lib.dbrouting"):
            dashboard = client_as(town, "coordinator").get(reverse("monitoring:dashboard"))
            aggregate = client_as(town, "coordinator").get(reverse("monitoring:aggregate"))
    finally:
        replica.close()
        replica.settings_dict["PORT"] = port
    assert dashboard.status_code == 200
    assert aggregate.status_code == 200
    assert open_cases(dashboard.context["dashboard"]) == open_cases(
        municipal_dashboard(town.municipality)
    )
    assert "replica down" in caplog.text
    # One line, however many queries fell back.
    assert caplog.text.count("replica down") == 1


def test_the_application_reaches_postgresql_through_pgbouncer_in_transaction_mode() -> None:
    db = connections[PRIMARY]
    with db.cursor() as cursor:
        cursor.execute("SELECT 1")
    conninfo = make_conninfo(PGBOUNCER_ADMIN_URL)
    bouncer = psycopg.conninfo.conninfo_to_dict(conninfo)
    assert str(db.settings_dict["PORT"]) == str(bouncer["port"])
    # PgBouncer's console speaks the simple query protocol only: a client-side cursor.
    with psycopg.connect(conninfo, autocommit=True, cursor_factory=psycopg.ClientCursor) as console:
        shown = console.execute("SHOW POOLS")
        columns = [c.name for c in shown.description or []]
        pools = [dict(zip(columns, row, strict=True)) for row in shown.fetchall()]
    # The test database's pool, for the application's role: this test's own connection.
    ours = [p for p in pools if (p["database"], p["user"]) == (db.settings_dict["NAME"], "laget")]
    assert ours and all(p["pool_mode"] == "transaction" for p in ours)
    assert settings.DATABASES[PRIMARY]["OPTIONS"]["prepare_threshold"] is None
    assert settings.DATABASES[PRIMARY]["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_the_cache_is_redis() -> None:
    location = settings.CACHES["default"]["LOCATION"]
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("scale-out-probe", "seen", 60)
    try:
        assert redis.Redis.from_url(location).exists(cache.make_key("scale-out-probe")) == 1
    finally:
        cache.delete("scale-out-probe")
