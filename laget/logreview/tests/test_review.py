"""The log review plants each kind of unusual read and finds it; normal reads pass."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.audit.services import audit_chain_broken_at
from laget.cases.access import Need, case_for
from laget.cases.models import Case
from laget.cases.services.lifecycle import case_open
from laget.logreview.review import Month, review
from laget.logreview.tests.conftest import Read, at
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality, Role, Unit, UnitKind
from laget.testing.world import World, add_member, make_user

MARCH = Month(2025, 3)


def names(rows: list) -> set[str]:
    return {r.name for r in rows}


@pytest.fixture
def planted(world: World, read: Read, settings: object) -> dict[str, object]:
    settings.LAGET_REVIEW_CASES_PER_DAY = 1  # type: ignore[attr-defined]
    settings.LAGET_REVIEW_SAMPLE = 3  # type: ignore[attr-defined]
    # Today's rule lets the responsible unit's leader read a case long closed (the month is old).
    settings.LAGET_CLOSED_CASE_READ_DAYS = 100_000  # type: ignore[attr-defined]
    u = world.users
    holder = u["stafettholder"]
    second = case_open(
        actor=actor_for(holder),
        user=holder,
        unit_id=world.case.unit_id,
        label="Jente, 3 år",
        observation="-",
    )
    case_for(holder, second.pk, need=Need.READ, audit=False)
    Case.objects.filter(pk=second.pk).update(closed_at=at(20, 12))
    # Normal: the participant, a weekday at ten and again at 17:59; the leader at 07:00.
    read(u["participant"], world.case.pk, at(11, 10))
    read(u["participant"], world.case.pk, at(11, 17, 59))
    read(u["unit_leader"], world.case.pk, at(12, 7))
    # Normal: the stafettholder reads the case on two days, once each.
    read(holder, world.case.pk, at(4, 9))
    read(holder, world.case.pk, at(5, 9))
    # (a) someone in another unit who takes no part in the case.
    read(u["other_unit"], world.case.pk, at(13, 10))
    # (b) the leader opens two cases on one day (over the threshold of one).
    read(u["unit_leader"], world.case.pk, at(18, 9))
    read(u["unit_leader"], second.pk, at(18, 9, 30))
    # (c) the closed case read after it was closed.
    read(u["unit_leader"], second.pk, at(21, 10))
    # (d) outside working hours: before seven, from six, on a Saturday.
    read(u["participant"], world.case.pk, at(12, 6, 59))
    read(u["participant"], world.case.pk, at(12, 18))
    read(u["participant"], world.case.pk, at(15, 12))
    # Not in the review: another month, a system row, another municipality's case.
    read(u["other_unit"], world.case.pk, at(1, 10, month=4))
    read(None, world.case.pk, at(13, 3), via=Via.SYSTEM)
    elsewhere = Municipality.objects.create(name="Annenby", number="9801")
    school = Unit.objects.create(municipality=elsewhere, name="Annenby skole", kind=UnitKind.SCHOOL)
    teacher = make_user("ola", "Ola", "Annensen")
    add_member(teacher, elsewhere, school, Role.EMPLOYEE)
    foreign = case_open(actor=actor_for(teacher), user=teacher, unit_id=school.pk, label="Gutt")
    read(u["other_unit"], foreign.pk, at(13, 10))
    read(teacher, foreign.pk, at(13, 23))
    return {"second": second, "foreign": foreign, "teacher": teacher}


def test_each_planted_read_is_found(world: World, planted: dict[str, object]) -> None:
    findings = review(world.municipality, MARCH)
    u = world.users
    assert findings.reads == 12
    assert [(r.name, r.count) for r in findings.not_allowed] == [(u["other_unit"].audit_name, 1)]
    assert [(d.name, d.day.day, d.cases) for d in findings.busy_days] == [
        (u["unit_leader"].audit_name, 18, 2)
    ]
    assert [(r.name, r.count) for r in findings.closed_reads] == [(u["unit_leader"].audit_name, 1)]
    assert [(r.name, r.count) for r in findings.after_hours] == [(u["participant"].audit_name, 3)]
    assert audit_chain_broken_at() is None


def test_normal_reads_are_not_flagged(world: World, planted: dict[str, object]) -> None:
    findings = review(world.municipality, MARCH)
    flagged = (
        names(findings.not_allowed)
        | names(findings.closed_reads)
        | {d.name for d in findings.busy_days}
    )
    assert world.users["participant"].audit_name not in flagged
    # One case a day is not a busy day; seven o'clock is working hours.
    assert world.users["stafettholder"].audit_name not in {d.name for d in findings.busy_days}
    assert world.users["unit_leader"].audit_name not in names(findings.after_hours)


def test_other_municipality_reads_are_left_out(world: World, planted: dict[str, object]) -> None:
    foreign, teacher = planted["foreign"], planted["teacher"]
    assert isinstance(foreign, Case) and isinstance(teacher, User)
    findings = review(world.municipality, MARCH)
    assert teacher.audit_name not in names(findings.after_hours)
    elsewhere = review(foreign.unit.municipality, MARCH)
    assert elsewhere.reads == 2
    assert [(r.name, r.count) for r in elsewhere.after_hours] == [(teacher.audit_name, 1)]
    assert [(r.name, r.count) for r in elsewhere.not_allowed] == [
        (world.users["other_unit"].audit_name, 1)
    ]


def test_the_sample_is_the_same_for_the_same_month(
    world: World, planted: dict[str, object]
) -> None:
    first = review(world.municipality, MARCH).sample
    assert len(first) == 3
    assert review(world.municipality, MARCH).sample == first
    events = AuditEvent.objects.filter(pk__in=[s.event_id for s in first])
    assert {e.action for e in events} == {AuditAction.READ}
    assert all(e.at.month == 3 for e in events)


def test_the_query_count_does_not_grow_with_reads(
    world: World, officer: object, read: Read, client: object
) -> None:
    u = world.users
    url = reverse("logreview:review") + "?maned=2025-03"
    client.force_login(officer)  # type: ignore[attr-defined]

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200  # type: ignore[attr-defined]
        return len(ctx.captured_queries)

    read(u["participant"], world.case.pk, at(11, 10))
    read(u["other_unit"], world.case.pk, at(11, 10))
    few = count()
    for day in range(3, 28):
        read(u["participant"], world.case.pk, at(day, 10))
        read(u["other_unit"], world.case.pk, at(day, 22))
    assert count() == few
