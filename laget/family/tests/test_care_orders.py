"""A care order (laget.family.services): recorded, its grants changed and ended by the
child-welfare unit that takes part in the case; audited; one in force per case. Under it the
birth parents read only what child welfare grants them, the foster parent what is granted to
foster parents, and child welfare consents in the parents' place (laget.family.access)."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import LegalBasis
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.services.guardians import guardian_add
from laget.cases.services.participants import participant_add
from laget.cases.statutes import DUTY_TO_REPORT
from laget.family import services
from laget.family.access import consent_parties, member_view
from laget.family.choices import ALL_PARTS, Part
from laget.family.models import CareOrder
from laget.orgs.actors import actor_for
from laget.orgs.models import Role
from laget.people.models import FamilyRole, Guardian
from laget.testing.world import World, add_member, make_user
from laget.testing.worlds import close_case

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ClientFor = Callable[[str], Client]


def child_welfare_worker(world: World) -> User:
    """Berit of the child-welfare unit, brought into world.case on the statute."""
    user = make_user("berit", "Berit", "Solheim")
    unit = world.units["child_welfare"]
    add_member(user, world.municipality, unit, Role.EMPLOYEE)
    holder = world.users["stafettholder"]
    participant_add(
        actor=actor_for(holder),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        unit_id=unit.pk,
        user_id=user.pk,
        legal_basis=LegalBasis.STATUTE,
        statute=DUTY_TO_REPORT,
    )
    return user


def access_of(user: User, world: World) -> CaseAccess:
    return case_for(user, world.case.pk, audit=False)


def record(world: World, user: User, **changes: Any) -> CareOrder:
    kwargs: dict[str, Any] = {
        "unit_id": world.units["child_welfare"].pk,
        "starts_on": TODAY,
        "parent_parts": [Part.MEETINGS],
        "foster_parts": [Part.ENTRIES, Part.MEETINGS, Part.MEASURES],
    }
    kwargs.update(changes)
    return services.care_order_record(
        actor=actor_for(user), access=access_of(user, world), **kwargs
    )


def birth_parent(world: World) -> Guardian:
    assert world.case.subject is not None
    return world.case.subject.guardians.order_by("pk")[0]


def foster_parent(world: World) -> Guardian:
    holder = world.users["stafettholder"]
    return guardian_add(
        actor=actor_for(holder),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        name="Turid Fosse",
        relation="fostermor",
        role=FamilyRole.FOSTER,
    )


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return {k: [str(m) for m in v] for k, v in exc.value.message_dict.items()}


def last_audit_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.parametrize("role", ["stafettholder", "participant", "unit_leader", "child_welfare"])
def test_only_child_welfare_taking_part_records_a_care_order(world: World, role: str) -> None:
    worker = child_welfare_worker(world)
    user = worker if role == "child_welfare" else world.users[role]
    if role == "child_welfare":
        assert record(world, user).recorded_by == worker
    else:
        with pytest.raises(PermissionDenied):
            record(world, user)
        assert not CareOrder.objects.exists()


def test_the_birth_parents_read_only_what_is_granted(world: World) -> None:
    record(world, child_welfare_worker(world))
    view = member_view(world.case, guardian=birth_parent(world))
    assert view.reads
    assert {p for p in ALL_PARTS if view.hides(p)} == ALL_PARTS - {Part.MEETINGS}


def test_the_foster_parent_reads_what_foster_parents_are_granted(world: World) -> None:
    foster = foster_parent(world)
    record(world, child_welfare_worker(world))
    view = member_view(world.case, guardian=foster)
    assert view.reads
    assert {p for p in ALL_PARTS if not view.hides(p)} == {
        Part.ENTRIES,
        Part.MEETINGS,
        Part.MEASURES,
    }


def test_child_welfare_consents_in_the_parents_place(world: World) -> None:
    assert consent_parties(world.case)[0] != []
    record(world, child_welfare_worker(world))
    assert consent_parties(world.case)[0] == []


def test_recording_is_audited(world: World) -> None:
    worker = child_welfare_worker(world)
    before = last_audit_id()
    care_order = record(world, worker)
    rows = AuditEvent.objects.filter(id__gt=before)
    assert list(rows.values_list("action", "object_type", "object_id", "case_id", "actor")) == [
        (AuditAction.CREATE, "care_order", care_order.pk, world.case.pk, worker.pk)
    ]


def test_one_care_order_in_force_per_case(world: World) -> None:
    worker = child_welfare_worker(world)
    record(world, worker)
    with pytest.raises(ValidationError) as exc:
        record(world, worker, starts_on=TODAY + datetime.timedelta(days=3))
    assert exc.value.messages == [str(services.MSG_CARE_ORDER_EXISTS)]
    assert CareOrder.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"unit_id": 10**9}, "unit", services.MSG_NOT_YOUR_CHILD_WELFARE),
        ({"parent_parts": ["adresse"]}, "parent_parts", services.MSG_UNKNOWN_PART),
        ({"foster_parts": ["adresse"]}, "foster_parts", services.MSG_UNKNOWN_PART),
    ],
    ids=["unit", "parent_parts", "foster_parts"],
)
def test_each_field_says_what_is_wrong(
    world: World, changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        record(world, child_welfare_worker(world), **changes)
    assert errors_of(exc) == {field: [str(message)]}


def test_an_implausible_start_is_named(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        record(world, child_welfare_worker(world), starts_on=datetime.date(1900, 1, 1))
    assert list(errors_of(exc)) == ["starts_on"]


def test_another_unit_is_not_the_workers_to_record_for(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        record(world, child_welfare_worker(world), unit_id=world.units["school"].pk)
    assert errors_of(exc) == {"unit": [str(services.MSG_NOT_YOUR_CHILD_WELFARE)]}


def test_child_welfare_changes_what_the_parents_read(world: World) -> None:
    worker = child_welfare_worker(world)
    care_order = record(world, worker)
    before = last_audit_id()
    services.care_order_update_grants(
        actor=actor_for(worker),
        access=access_of(worker, world),
        care_order=care_order,
        parent_parts=[Part.MEETINGS, Part.ENTRIES],
        foster_parts=[],
    )
    assert not member_view(world.case, guardian=birth_parent(world)).hides(Part.ENTRIES)
    rows = AuditEvent.objects.filter(id__gt=before).values_list("action", "object_type")
    assert list(rows) == [(AuditAction.UPDATE, "care_order")]


@pytest.mark.parametrize("role", ["stafettholder", "participant", "unit_leader"])
def test_others_do_not_change_or_end_it(world: World, role: str) -> None:
    care_order = record(world, child_welfare_worker(world))
    user = world.users[role]
    with pytest.raises(PermissionDenied):
        services.care_order_update_grants(
            actor=actor_for(user),
            access=access_of(user, world),
            care_order=care_order,
            parent_parts=list(ALL_PARTS),
            foster_parts=[],
        )
    with pytest.raises(PermissionDenied):
        services.care_order_end(
            actor=actor_for(user),
            access=access_of(user, world),
            care_order=care_order,
            ended_on=TODAY,
        )


def test_ending_gives_the_parents_their_reading_back(world: World) -> None:
    worker = child_welfare_worker(world)
    care_order = record(world, worker, starts_on=TODAY - datetime.timedelta(days=30))
    ended = services.care_order_end(
        actor=actor_for(worker),
        access=access_of(worker, world),
        care_order=care_order,
        ended_on=TODAY,
    )
    assert (ended.ended_on, ended.ended_by) == (TODAY, worker)
    view = member_view(world.case, guardian=birth_parent(world))
    assert not any(view.hides(p) for p in ALL_PARTS)
    # A new one may follow.
    assert record(world, worker, starts_on=TODAY).pk != care_order.pk


def test_an_end_before_the_start_is_refused(world: World) -> None:
    worker = child_welfare_worker(world)
    care_order = record(world, worker)
    with pytest.raises(ValidationError) as exc:
        services.care_order_end(
            actor=actor_for(worker),
            access=access_of(worker, world),
            care_order=care_order,
            ended_on=TODAY - datetime.timedelta(days=1),
        )
    assert errors_of(exc) == {"ended_on": [str(services.MSG_END_BEFORE_START)]}


def test_an_ended_care_order_is_not_changed(world: World) -> None:
    worker = child_welfare_worker(world)
    care_order = record(world, worker)
    services.care_order_end(
        actor=actor_for(worker),
        access=access_of(worker, world),
        care_order=care_order,
        ended_on=TODAY,
    )
    with pytest.raises(ValidationError) as exc:
        services.care_order_update_grants(
            actor=actor_for(worker),
            access=access_of(worker, world),
            care_order=care_order,
            parent_parts=[],
            foster_parts=[],
        )
    assert exc.value.messages == [str(services.MSG_CARE_ORDER_ENDED)]


def test_a_closed_case_refuses_the_care_order_services(world: World) -> None:
    """Loaded just before the stafettholder closed the case, as by a request racing it."""
    worker = child_welfare_worker(world)
    care_order = record(world, worker)
    stale = access_of(worker, world)
    close_case(world)
    actor = actor_for(worker)
    before = last_audit_id()
    calls: list[Callable[[], object]] = [
        lambda: services.care_order_record(
            actor=actor,
            access=stale,
            unit_id=world.units["child_welfare"].pk,
            starts_on=TODAY,
        ),
        lambda: services.care_order_update_grants(
            actor=actor, access=stale, care_order=care_order, parent_parts=[], foster_parts=[]
        ),
        lambda: services.care_order_end(
            actor=actor, access=stale, care_order=care_order, ended_on=TODAY
        ),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as exc:
            call()
        assert exc.value.messages == [str(MSG_CASE_CLOSED)]
    assert last_audit_id() == before


# --- The pages ------------------------------------------------------------------------------


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(name: str, world: World) -> str:
    return reverse(f"family:{name}", kwargs={"case_id": world.case.pk})


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("child_welfare", 200),
        ("stafettholder", 403),
        ("unit_leader", 403),
        ("participant", 403),
        ("other_unit", 404),
    ],
)
def test_the_record_page(world: World, role: str, status: int) -> None:
    worker = child_welfare_worker(world)
    user = worker if role == "child_welfare" else world.users[role]
    assert client_of(user).get(page("care_order_record", world)).status_code == status


def test_the_grants_and_end_pages_need_a_care_order(world: World) -> None:
    client = client_of(child_welfare_worker(world))
    assert client.get(page("care_order_grants", world)).status_code == 404
    assert client.get(page("care_order_end", world)).status_code == 404


def test_record_change_and_end_through_the_pages(world: World, client_for: ClientFor) -> None:
    client = client_of(child_welfare_worker(world))
    response = client.post(
        page("care_order_record", world),
        {
            "unit": world.units["child_welfare"].pk,
            "starts_on": TODAY.isoformat(),
            "parent_parts": [Part.MEETINGS],
            "foster_parts": [Part.ENTRIES, Part.MEETINGS],
        },
    )
    assert response.status_code == 302
    care_order = CareOrder.objects.get()
    assert (care_order.parent_parts, care_order.foster_parts) == (
        [Part.MEETINGS],
        [Part.ENTRIES, Part.MEETINGS],
    )
    # Everyone in the case sees it on the case page, with what the parents may read.
    html = client_for("participant").get(
        reverse("cases:case_detail", kwargs={"case_id": world.case.pk})
    )
    text = html.content.decode()
    assert "Barneverntjenesten i Fjordvik har omsorgen for barnet" in text
    assert "Endre innsyn" not in text

    response = client.post(page("care_order_grants", world), {"parent_parts": [Part.ENTRIES]})
    assert response.status_code == 302
    care_order.refresh_from_db()
    assert (care_order.parent_parts, care_order.foster_parts) == ([Part.ENTRIES], [])

    response = client.post(page("care_order_end", world), {"ended_on": "1900-01-01"})
    assert list(response.context["form"].errors) == ["ended_on"]
    response = client.post(page("care_order_end", world), {"ended_on": TODAY.isoformat()})
    assert response.status_code == 302
    care_order.refresh_from_db()
    assert care_order.ended_on == TODAY
