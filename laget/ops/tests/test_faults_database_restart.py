"""PostgreSQL restarted under load: requests in flight fail cleanly, nothing is half-written,
and the app carries on without being restarted.

The test runs its own PostgreSQL cluster (never the shared one), fills it with the test world,
and points a Gunicorn with two workers and persistent connections at it. Staff pages, form
posts and API writes run in a loop from several threads while one entry is held at its audit
append (in the middle of its transaction) and PostgreSQL is restarted ("fast": every session
is ended). Every answer is a success or the 503 "try again" (a page, or JSON with
Retry-After under /api/), never a 500 or a traceback; the held entry is not there; every
entry that is there has its audit record and the chain verifies; and the same worker
processes answer again once PostgreSQL is back.
"""

import itertools
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from django.db import connection, connections
from django.db.utils import load_backend
from django.urls import reverse

from laget.api.unavailable import MSG_UNAVAILABLE
from laget.audit.models import AuditAction, AuditEvent
from laget.audit.services import audit_chain_broken_at
from laget.cases.choices import Audience, EntryKind
from laget.cases.models import Entry
from laget.testing.faults import (
    DEADLINE_SECONDS,
    Cluster,
    Settings,
    api_client,
    app_server,
    copy_database,
    hold_audit_append,
    throwaway_cluster,
    wait_for,
    web_client,
)
from laget.testing.world import World, build_world

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="restarts a PostgreSQL"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
]

ALIAS = "restarted"
HELD_TEXT = "Skrevet idet databasen startet på nytt."
EXPECTED_IN_LOG = {
    "django.db.utils.OperationalError",
    "django.db.utils.InterfaceError",
    "psycopg.OperationalError",
    "psycopg.InterfaceError",
    "psycopg.errors.AdminShutdown",
}
# Successful answers wanted from every kind of request after the restart: the app is back.
AFTER = 3


EXCEPTION = re.compile(r"^([\w.]+(?:Error|Exception|Shutdown))(?::|$)")


def final_exceptions(log: str) -> set[str]:
    """The exception that ended each traceback in a log (the last of a chain: a chained
    traceback prints the one it led to last), by qualified name."""
    found: set[str] = set()
    last = None
    for line in [*log.splitlines(), ""]:
        if match := EXCEPTION.match(line):
            last = match.group(1)
        elif (
            last
            and not line.startswith((" ", "\t", "Traceback", "During handling"))
            and not (line.startswith("The above exception") or not line.strip())
        ):
            found.add(last)
            last = None
    if last:
        found.add(last)
    return found


@dataclass(frozen=True)
class Answer:
    kind: str
    status: int
    body: str
    content_type: str
    retry_after: str | None
    after_restart: bool


@pytest.fixture
def restarted_db(cluster_with_world: tuple[Cluster, World]) -> Iterator[Settings]:
    """The cluster's database under the alias ALIAS, for the ORM's checks afterwards. Made by
    hand and kept out of settings.DATABASES: Django's test case refuses aliases it did not set
    up, and allows connections made on the fly."""
    cluster, _ = cluster_with_world
    db = {**connection.settings_dict, **cluster.database(), "OPTIONS": {}}
    wrapper = load_backend(db["ENGINE"]).DatabaseWrapper(db, alias=ALIAS)
    setattr(connections._connections, ALIAS, wrapper)  # type: ignore[attr-defined]
    try:
        yield db
    finally:
        wrapper.close()
        delattr(connections._connections, ALIAS)  # type: ignore[attr-defined]


@pytest.fixture
def cluster_with_world() -> Iterator[tuple[Cluster, World]]:
    with throwaway_cluster() as cluster:
        yield cluster, build_world()


def test_requests_in_flight_fail_cleanly_when_postgresql_restarts(
    cluster_with_world: tuple[Cluster, World], restarted_db: Settings
) -> None:
    cluster, world = cluster_with_world
    holder = world.users["stafettholder"]
    # The load comes from another person in another case: it waits for no lock of the held one.
    nurse = world.users["outsider_holder"]
    case = world.other_case.pk
    with app_server(
        cluster.database(), LAGET_WEB_WORKERS="2", LAGET_DB_CONN_MAX_AGE="60"
    ) as server:
        # Logged in (a session, a token) in the test database, then all of it copied over.
        web, api, held_client = (
            web_client(server, nurse),
            api_client(server, nurse),
            web_client(server, holder),
        )
        copy_database(connection.settings_dict, cluster.database())
        workers = server.workers()
        entries_before = Entry.objects.using(ALIAS).count()
        connections[ALIAS].close()  # the restart would end it
        restarted = threading.Event()
        stop = threading.Event()
        answers: list[Answer] = []
        counter = itertools.count()

        def record(kind: str, response: httpx.Response) -> None:
            answers.append(
                Answer(
                    kind,
                    response.status_code,
                    response.text,
                    response.headers.get("content-type", ""),
                    response.headers.get("retry-after"),
                    restarted.is_set(),
                )
            )

        def entry(n: int) -> dict[str, str]:
            text = f"Notat {n} under omstart."
            return {"kind": EntryKind.NOTE, "text": text, "audience": Audience.PROFESSIONALS}

        requests = {
            "page": lambda: web.get(reverse("cases:case_detail", args=[case])),
            "form": lambda: web.post(
                reverse("cases:entry_create", args=[case]), data=entry(next(counter))
            ),
            "api_read": lambda: api.get(reverse("api:case", args=[case])),
            "api_write": lambda: api.post(
                reverse("api:entries", args=[case]), json=entry(next(counter))
            ),
        }

        def load(kind: str) -> None:
            while not stop.is_set():
                record(kind, requests[kind]())

        def successes_after(kind: str) -> int:
            return sum(1 for a in answers if a.kind == kind and a.after_restart and a.status < 400)

        held: list[httpx.Response] = []
        held_case = world.case.pk
        with hold_audit_append(restarted_db, actor_id=holder.pk, case_id=held_case) as hold:
            in_flight = threading.Thread(
                target=lambda: held.append(
                    held_client.post(
                        reverse("cases:entry_create", args=[held_case]),
                        data={**entry(0), "text": HELD_TEXT},
                    )
                )
            )
            in_flight.start()
            assert hold.wait_blocked() is not None
            threads = [threading.Thread(target=load, args=[kind]) for kind in requests]
            for thread in threads:
                thread.start()
            wait_for(lambda: len(answers) >= 2 * len(requests), "load before the restart")
            # "fast": PostgreSQL ends every session, the held one and the hold's own too.
            cluster.stop("fast")
            wait_for(lambda: any(a.status == 503 for a in answers), "an answer while it is down")
            cluster.start()
            restarted.set()
        try:
            wait_for(
                lambda: all(successes_after(kind) >= AFTER for kind in requests),
                "every kind of request to succeed after the restart",
                seconds=DEADLINE_SECONDS * 2,
            )
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=DEADLINE_SECONDS)
            in_flight.join(timeout=DEADLINE_SECONDS)
            for client in (web, api, held_client):
                client.close()
        log = server.output()
        same_workers = server.workers()

    # The request in flight: the "try again" page, with Retry-After.
    [response] = held
    assert response.status_code == 503
    assert str(MSG_UNAVAILABLE) in response.text
    assert response.headers["retry-after"].isdigit()

    # Every answer is a success or a clean 503: the page or the API's JSON, never a 500.
    outages = [a for a in answers if a.status >= 400]
    assert outages
    for a in outages:
        assert a.status == 503, (a.kind, a.status, a.body[:2000])
        assert a.retry_after is not None and a.retry_after.isdigit()
        assert "Traceback" not in a.body and "Server Error" not in a.body
        if a.kind.startswith("api"):
            assert a.content_type == "application/json"
            assert json.loads(a.body) == {"detail": str(MSG_UNAVAILABLE)}
        else:
            assert a.content_type.startswith("text/html")
            assert str(MSG_UNAVAILABLE) in a.body
    assert {a.status for a in answers} <= {200, 201, 302, 503}
    # No 500 was answered, and every error in the server's log is the database's (Django
    # logs those raised in a middleware before they are answered with 503).
    assert not re.search(r'" 500 \d+ ', log)
    assert final_exceptions(log) <= EXPECTED_IN_LOG, final_exceptions(log)

    # Nothing half-written: the held entry is not there, every new entry has its audit
    # record, every accepted post is there, and the audit chain verifies.
    new = list(Entry.objects.using(ALIAS).order_by("pk")[entries_before:])
    texts = [e.text for e in new]
    assert HELD_TEXT not in texts
    audited = set(
        AuditEvent.objects.using(ALIAS)
        .filter(action=AuditAction.CREATE, object_type="entry")
        .values_list("object_id", flat=True)
    )
    assert {e.pk for e in new} <= audited
    accepted = [a for a in answers if a.kind in ("form", "api_write") and a.status in (201, 302)]
    assert len(new) >= len(accepted)
    assert audit_chain_broken_at(using=ALIAS) is None

    # The app recovered by itself: the same worker processes, not restarted.
    assert same_workers == workers
