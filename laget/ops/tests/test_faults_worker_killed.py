"""A worker killed (kill -9) in the middle of a write leaves nothing half-written.

A real Gunicorn serves the app on the test database. Each kind of write is sent while the test
holds the audit chain's lock (laget.testing.faults.hold_audit_append): the worker's transaction
has written its own rows and waits there to append the audit record. The test sees it waiting
in pg_locks, kills the worker, lets go, and then finds every table as it was and the audit
chain whole. The same request on the fresh worker Gunicorn starts then succeeds.
"""

import datetime
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.services import audit_chain_broken_at
from laget.cases.access import Need, case_for
from laget.cases.choices import (
    Arena,
    Audience,
    EntryKind,
    LegalBasis,
    MeasureStatus,
    MeetingKind,
    MeetingStatus,
    Outcome,
    ParticipantRole,
)
from laget.consent import services as consent_services
from laget.consent.models import Consent, ConsentParty
from laget.orgs.actors import actor_for
from laget.registry.importing import FAMILIES
from laget.registry.models import FamiliesReached, Intervention
from laget.registry.testing import build_registry
from laget.testing.family import build_family
from laget.testing.faults import (
    AUDIT_PREFIX,
    DEADLINE_SECONDS,
    Hold,
    Server,
    Settings,
    api_client,
    app_server,
    backend_gone,
    changed_tables,
    connect,
    fingerprint,
    hold_audit_append,
    hold_row,
    media_files,
    wait_for,
    web_client,
)
from laget.testing.world import World, build_world

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a server process needs one"),
    # Committed rows: the server reads the database from its own connections.
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,  # about 10 s a kind of write
]

TODAY = timezone.localdate()


@dataclass(frozen=True)
class Write:
    """One write action as a browser or an API client sends it, and where to hold it."""

    path: str
    user: User
    data: dict[str, Any] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    api: bool = False
    backend: str | None = None  # the family's login (the portal)
    # The audit chain the write appends to: (its user, this case). None: a case it creates.
    case_id: int | None = None
    # A write that audits nothing is held at a row it changes late: (table, id).
    row: tuple[str, int] | None = None
    # Tables the completed write must change (besides the audit log): proof the request is valid.
    writes: frozenset[str] = frozenset()
    # The scanned copy is written to disk inside the transaction, before the commit: a worker
    # killed after that leaves the file behind, referenced by no row (see the report).
    may_leave_a_file: bool = False

    def hold(self, db: Settings) -> AbstractContextManager[Hold]:
        if self.row is not None:
            return hold_row(db, *self.row)
        case_id = self.case_id if self.case_id is not None else next_id(db, "cases_case")
        return hold_audit_append(db, actor_id=self.user.pk, case_id=case_id)


def next_id(db: Settings, table: str) -> int:
    """The id the next row of `table` gets (the test is the only writer)."""
    with connect(db, autocommit=True) as conn:
        row = conn.execute(
            "SELECT coalesce(last_value + 1, start_value) FROM pg_sequences "
            "WHERE sequencename = %s",
            [f"{table}_id_seq"],
        ).fetchone()
    assert row is not None
    return int(row[0])


def holder_pk(world: World) -> int:
    return int(world.case.participants.get(user=world.users["stafettholder"]).pk)


def staff(world: World, path: str, data: dict[str, Any], writes: set[str], **kw: Any) -> Write:
    """A form in the stafettlogg, sent by the stafettholder of world.case."""
    return Write(
        path,
        kw.pop("user", world.users["stafettholder"]),
        data,
        case_id=kw.pop("case_id", world.case.pk),
        writes=frozenset(writes),
        **kw,
    )


def case_url(name: str, world: World, app: str = "cases", **kwargs: int) -> str:
    return reverse(f"{app}:{name}", kwargs={"case_id": world.case.pk, **kwargs})


def in_days(days: int) -> str:
    return (TODAY + datetime.timedelta(days=days)).isoformat()


def at_in_days(days: int) -> str:
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def case_open(world: World) -> Write:
    data = {"kind": "child", "unit": world.units["kindergarten"].pk, "label": "Jente, 3"}
    return staff(
        world, reverse("cases:case_open"), {**data, "level": 0}, {"cases_case"}, case_id=None
    )


def entry_create(world: World) -> Write:
    data = {"kind": EntryKind.NOTE, "text": "Samtale med mor.", "audience": Audience.PROFESSIONALS}
    return staff(world, case_url("entry_create", world), data, {"cases_entry"})


def entry_update(world: World) -> Write:
    entry = world.entry
    data = {"kind": entry.kind, "text": "Rettet.", "audience": entry.audience, "version": 1}
    return staff(world, case_url("entry_update", world, entry_id=entry.pk), data, {"cases_entry"})


def measure_create(world: World) -> Write:
    data = {
        "title": "Bildekalender",
        "goal": "Forutsigbar dag",
        "arena": Arena.HOME,
        "responsible": holder_pk(world),
        "start_date": in_days(0),
        "evaluation_date": in_days(14),
        "status": MeasureStatus.PLANNED,
    }
    return staff(world, case_url("measure_create", world), data, {"cases_measure"})


def measure_evaluate(world: World) -> Write:
    data = {
        "evaluated_on": in_days(0),
        "outcome": Outcome.WORKED,
        "text": "Leverer uten gråt.",
        "status": MeasureStatus.COMPLETED,
        "version": world.measure.version,
    }
    path = case_url("measure_evaluate", world, measure_id=world.measure.pk)
    return staff(world, path, data, {"cases_measure", "cases_measureevaluation"})


def meeting_create(world: World) -> Write:
    data = {
        "kind": MeetingKind.COORDINATION,
        "starts_at": at_in_days(3),
        "place": "Solstrålen, møterom 2",
        "participants": [holder_pk(world), world.participant.pk],
        "status": MeetingStatus.PLANNED,
    }
    return staff(world, case_url("meeting_create", world), data, {"cases_meeting"})


def level_change(world: World) -> Write:
    data = {"to_level": 3, "reason": "Trenger tiltak fra flere."}
    return staff(world, case_url("case_change_level", world), data, {"cases_case"})


def participant_add(world: World) -> Write:
    data = {
        "unit": world.units["child_welfare"].pk,
        "role": ParticipantRole.PARTICIPANT,
        "legal_basis": LegalBasis.STATUTE,
        "statute": "opplysningsplikt-barnevern",
    }
    return staff(world, case_url("participant_add", world), data, {"cases_participant"})


def baton_handover(world: World) -> Write:
    data = {"to_participant": world.participant.pk, "note": "Helsestasjonen tar over."}
    return staff(world, case_url("baton_hand_over", world), data, {"cases_participant"})


def transition(world: World) -> Write:
    data = {
        "to_unit": world.units["school"].pk,
        "date": in_days(60),
        "meeting_at": at_in_days(30),
        "place": "Bakketun skole",
        "legal_basis": LegalBasis.STATUTE,
        "statute": "samarbeid-opplaering",
    }
    path = case_url("transition_create", world)
    return staff(world, path, data, {"cases_transition", "cases_meeting", "cases_case"})


def case_close(world: World) -> Write:
    data = {"reason": "Tiltakene virket."}
    return staff(world, case_url("case_close", world), data, {"cases_case"})


def tool_filling(world: World) -> Write:
    version = world.tool_version
    assert version is not None
    answers = {f["key"]: "nei" for f in version.schema["fields"] if f.get("required")}
    path = case_url("tool_fill", world, version_id=version.pk)
    return staff(world, path, answers, {"tools_filledtool", "cases_entry"})


def requested_consent(world: World) -> Consent:
    holder = world.users["stafettholder"]
    return consent_services.consent_request(
        actor=actor_for(holder),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        unit_ids=[world.units["school"].pk],
        purpose="Overgang til skolen",
    )


def consent_request(world: World) -> Write:
    data = {"units": [world.units["school"].pk], "purpose": "Overgang til skolen"}
    path = case_url("consent_request", world, app="consent")
    return staff(world, path, data, {"consent_consent", "consent_consentparty"})


def consent_paper(world: World) -> Write:
    consent = requested_consent(world)
    party = consent.parties.order_by("pk").first()
    assert party is not None
    return staff(
        world,
        case_url("consent_paper", world, app="consent", consent_id=consent.pk),
        {"party": party.pk},
        {"consent_consentparty", "consent_consentevent"},
        files={"scanned_copy": ("samtykke.pdf", b"%PDF-1.4 skannet", "application/pdf")},
        may_leave_a_file=True,
    )


def consent_withdraw(world: World) -> Write:
    party = world.consent.parties.order_by("pk").first()
    assert party is not None
    path = case_url("consent_withdraw", world, app="consent", consent_id=world.consent.pk)
    data = {"party": party.pk, "note": "Mor ringte."}
    return staff(world, path, data, {"consent_consent", "consent_consentevent"})


def family_entry(world: World) -> Write:
    family = build_family(world)
    return Write(
        case_url("entry_create", world, app="portal"),
        family.users["own_guardian"],
        {"kind": "glimmer", "text": "Sang i bilen."},
        backend="laget.portal.oidc.PortalOIDCBackend",
        case_id=world.case.pk,
        writes=frozenset({"cases_entry"}),
    )


def api_entry_create(world: World) -> Write:
    data = {"kind": EntryKind.NOTE, "text": "Fra fagsystemet.", "audience": Audience.ALL}
    path = reverse("api:entries", kwargs={"case_id": world.case.pk})
    return staff(world, path, data, {"cases_entry"}, api=True)


def api_level_change(world: World) -> Write:
    data = {"to_level": 3, "reason": "Trenger tiltak fra flere."}
    path = reverse("api:case_level", kwargs={"case_id": world.case.pk})
    return staff(world, path, data, {"cases_case"}, api=True)


def registry_import(world: World) -> Write:
    """Families reached: one new count and one that changes. The import writes the new row
    first; it is held at the one it changes. It writes no audit record (no case content)."""
    reg = build_registry()
    elvdal = reg.municipalities["elvdal"]
    intervention = Intervention.objects.get(program=reg.program, slug="pmto-behandling")
    known = FamiliesReached.objects.create(
        intervention=intervention, municipality=elvdal, year=2025, count=12
    )
    body = (
        "intervensjon;kommunenummer;år;type;antall\n"
        "pmto-behandling;8801;2025;registrert;15\n"
        "pmto-behandling;8801;2024;registrert;9\n"
    ).encode()
    return Write(
        reverse("registry:import"),
        reg.users["program_admin"],
        {"kind": FAMILIES},
        files={"file": ("familier.csv", body, "text/csv")},
        row=(FamiliesReached._meta.db_table, known.pk),
        writes=frozenset({FamiliesReached._meta.db_table}),
    )


WRITES: dict[str, Callable[[World], Write]] = {
    f.__name__: f
    for f in (
        case_open,
        entry_create,
        entry_update,
        measure_create,
        measure_evaluate,
        meeting_create,
        level_change,
        participant_add,
        baton_handover,
        transition,
        case_close,
        tool_filling,
        consent_request,
        consent_paper,
        consent_withdraw,
        family_entry,
        api_entry_create,
        api_level_change,
        registry_import,
    )
}


@pytest.fixture(scope="module")
def server(django_db_setup: None, django_db_blocker: Any) -> Iterator[Server]:
    with django_db_blocker.unblock(), app_server(connection.settings_dict) as server:
        yield server


def client_for(server: Server, write: Write) -> httpx.Client:
    if write.api:
        return api_client(server, write.user)
    return web_client(server, write.user, write.backend)


def send(client: httpx.Client, write: Write) -> httpx.Response:
    if write.api:
        return client.post(write.path, json=write.data)
    return client.post(write.path, data=write.data, files=write.files or None)


def succeeded(response: httpx.Response, write: Write) -> bool:
    return response.status_code in ((200, 201) if write.api else (302, 303))


@pytest.mark.parametrize("kind", list(WRITES))
def test_a_worker_killed_in_the_middle_of_a_write_leaves_nothing_half_written(
    server: Server, kind: str
) -> None:
    world = build_world()
    write = WRITES[kind](world)
    db = connection.settings_dict
    client = client_for(server, write)
    before, files_before = fingerprint(db), media_files()
    answers: list[BaseException | httpx.Response] = []

    def request() -> None:
        try:
            answers.append(send(client, write))
        except BaseException as e:  # the connection dies with the worker
            answers.append(e)

    with write.hold(db) as hold:
        sender = threading.Thread(target=request)
        sender.start()
        backend = hold.wait_blocked(unless=lambda: bool(answers))
        assert backend is not None, f"answered without reaching the hold: {answers}"
        # Inside its transaction, with rows of its own written, waiting at the hold.
        written = {t for t in hold.tables_written_by(backend) if not t.startswith(AUDIT_PREFIX)}
        assert written, f"{kind} waits at the audit before writing anything"
        [worker] = server.workers()
        server.kill_worker(worker)
    sender.join(timeout=DEADLINE_SECONDS)
    client.close()
    assert answers and isinstance(answers[0], httpx.TransportError), answers
    # PostgreSQL ends the dead worker's session and rolls its transaction back.
    wait_for(backend_gone(db, backend), "the killed worker's database session to end")

    assert changed_tables(before, fingerprint(db)) == set()
    assert audit_chain_broken_at() is None
    left = media_files() - files_before
    assert not left or write.may_leave_a_file, left
    # What is left is an orphan: no row names it (FINDING: the scan is written before commit).
    assert not ConsentParty.objects.filter(scanned_copy__in=left).exists()
    print(f"FAULTS {kind}: wrote {sorted(written)} before the hold; files left: {sorted(left)}")

    # A fresh worker takes the same request and it goes through.
    with client_for(server, write) as fresh:
        response = send(fresh, write)
    assert response.status_code in ((200, 201) if write.api else (302, 303)), response.text[:3000]
    changed = changed_tables(before, fingerprint(db))
    assert write.writes <= changed, changed
    assert any(t.startswith(AUDIT_PREFIX) for t in changed) or write.row is not None
    assert audit_chain_broken_at() is None
