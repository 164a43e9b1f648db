"""Restricting a family member (laget.family.services): the stafettholder proposes, a leader of
the responsible unit who is not the proposer approves or refuses, the stafettholder or the
leader ends it; each step audited, and nothing changes for the member until it is approved.
world.case's family: Hanne and Jon Fjeldsrud (guardians) and Emil (4)."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from laget.audit.models import AuditAction, AuditEvent
from laget.cases.access import CaseAccess, case_for
from laget.cases.choices import Audience, EntryKind
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.services.entries import entry_create
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_identify
from laget.family import services
from laget.family.access import member_view
from laget.family.choices import Part, RestrictionReason, RestrictionState
from laget.family.models import Restriction
from laget.notify.models import Notification
from laget.orgs.actors import actor_for
from laget.people.models import Guardian
from laget.testing.world import World
from laget.testing.worlds import close_case

pytestmark = pytest.mark.django_db

# Who sees world.case, and who of them may do what with a restriction.
READERS = ("stafettholder", "participant", "unit_leader")
PROPOSERS = {"stafettholder"}
DECIDERS = {"unit_leader"}
ENDERS = {"stafettholder", "unit_leader"}


def access_of(world: World, role: str) -> CaseAccess:
    return case_for(world.users[role], world.case.pk, audit=False)


def mother(world: World) -> Guardian:
    assert world.case.subject is not None
    return world.case.subject.guardians.order_by("pk")[0]


def propose(world: World, role: str = "stafettholder", **changes: Any) -> Restriction:
    kwargs: dict[str, Any] = {
        "guardian_id": mother(world).pk,
        "parts": [Part.MEETINGS],
        "reason": RestrictionReason.VIOLENCE,
    }
    kwargs.update(changes)
    return services.restriction_propose(
        actor=actor_for(world.users[role]), access=access_of(world, role), **kwargs
    )


def decide(
    world: World, restriction: Restriction, role: str = "unit_leader", approve: bool = True
) -> Restriction:
    return services.restriction_decide(
        actor=actor_for(world.users[role]),
        access=access_of(world, role),
        restriction=restriction,
        approve=approve,
    )


def end(world: World, restriction: Restriction, role: str = "stafettholder") -> Restriction:
    return services.restriction_end(
        actor=actor_for(world.users[role]), access=access_of(world, role), restriction=restriction
    )


def audit_rows(since: int) -> list[tuple[str, str, int | None, int | None]]:
    rows = AuditEvent.objects.filter(id__gt=since).order_by("id")
    return list(rows.values_list("action", "object_type", "object_id", "case_id"))


def last_audit_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return {k: [str(m) for m in v] for k, v in exc.value.message_dict.items()}


# --- Who may act ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", READERS)
def test_only_the_stafettholder_proposes(world: World, role: str) -> None:
    if role in PROPOSERS:
        restriction = propose(world, role)
        assert restriction.state == RestrictionState.PROPOSED
        assert restriction.proposed_by == world.users[role]
    else:
        with pytest.raises(PermissionDenied):
            propose(world, role)
        assert not Restriction.objects.exists()


@pytest.mark.parametrize("role", READERS)
def test_only_a_leader_of_the_responsible_unit_decides(world: World, role: str) -> None:
    restriction = propose(world)
    if role in DECIDERS:
        assert decide(world, restriction, role).state == RestrictionState.IN_FORCE
    else:
        with pytest.raises(PermissionDenied):
            decide(world, restriction, role)
        restriction.refresh_from_db()
        assert restriction.state == RestrictionState.PROPOSED


def test_the_proposer_cannot_approve_even_as_a_leader(world: World) -> None:
    """A leader who proposed (here: stands in the record as proposer) is not the second
    person."""
    restriction = propose(world)
    Restriction.objects.filter(pk=restriction.pk).update(proposed_by=world.users["unit_leader"])
    restriction.refresh_from_db()
    with pytest.raises(PermissionDenied):
        decide(world, restriction)


@pytest.mark.parametrize("role", READERS)
def test_the_stafettholder_or_the_leader_ends(world: World, role: str) -> None:
    restriction = decide(world, propose(world))
    if role in ENDERS:
        ended = end(world, restriction, role)
        assert (ended.state, ended.ended_by) == (RestrictionState.ENDED, world.users[role])
    else:
        with pytest.raises(PermissionDenied):
            end(world, restriction, role)


@pytest.mark.parametrize("role", ["same_unit", "other_unit", "former_participant", "admin"])
def test_who_does_not_see_the_case_never_reaches_a_service(world: World, role: str) -> None:
    with pytest.raises(Http404):
        access_of(world, role)


def test_a_restriction_of_another_case_is_missing(world: World) -> None:
    restriction = propose(world)
    other = case_for(world.users["outsider_holder"], world.other_case.pk, audit=False)
    with pytest.raises(Http404):
        services.restriction_end(
            actor=actor_for(world.users["outsider_holder"]), access=other, restriction=restriction
        )


# --- The lifecycle and what the member reads ------------------------------------------------


def test_nothing_changes_for_the_member_until_a_leader_approves(world: World) -> None:
    restriction = propose(world)
    assert not member_view(world.case, guardian=mother(world)).hides(Part.MEETINGS)
    decide(world, restriction)
    assert member_view(world.case, guardian=mother(world)).hides(Part.MEETINGS)
    end(world, restriction)
    assert not member_view(world.case, guardian=mother(world)).hides(Part.MEETINGS)


def test_a_refused_restriction_never_applies(world: World) -> None:
    refused = decide(world, propose(world), approve=False)
    assert refused.state == RestrictionState.REFUSED
    assert refused.decided_by == world.users["unit_leader"]
    assert not member_view(world.case, guardian=mother(world)).hides(Part.MEETINGS)


def test_the_whole_log_leaves_the_member_reading_nothing(world: World) -> None:
    restriction = propose(world, whole_log=True, parts=[Part.ENTRIES])
    assert (restriction.whole_log, restriction.parts) == (True, [])
    decide(world, restriction)
    assert not member_view(world.case, guardian=mother(world)).reads


def test_chosen_entries_measures_and_meetings_are_hidden_from_the_member(world: World) -> None:
    restriction = propose(
        world,
        parts=[],
        entry_ids=[world.entry.pk],
        measure_ids=[world.measure.pk],
        meeting_ids=[world.meeting.pk],
    )
    decide(world, restriction)
    view = member_view(world.case, guardian=mother(world))
    assert (view.hidden_entries, view.hidden_measures, view.hidden_meetings) == (
        {world.entry.pk},
        {world.measure.pk},
        {world.meeting.pk},
    )
    assert not view.entries(world.case.entries.all()).filter(pk=world.entry.pk).exists()


def test_the_child_can_be_restricted(world: World) -> None:
    restriction = propose(world, guardian_id=None, child=True)
    assert (restriction.guardian, restriction.is_child) == (None, True)


def test_a_decided_restriction_is_not_decided_again(world: World) -> None:
    restriction = decide(world, propose(world))
    with pytest.raises(ValidationError) as exc:
        decide(world, restriction, approve=False)
    assert errors_of(exc) == {"decision": [str(services.MSG_ALREADY_DECIDED)]}


def test_an_ended_restriction_is_not_ended_again(world: World) -> None:
    restriction = end(world, propose(world))
    with pytest.raises(ValidationError) as exc:
        end(world, restriction)
    assert exc.value.messages == [str(services.MSG_NOT_ACTIVE)]


def test_a_proposal_can_be_withdrawn(world: World) -> None:
    assert end(world, propose(world)).state == RestrictionState.ENDED


# --- Audit ----------------------------------------------------------------------------------


def test_each_step_is_audited(world: World) -> None:
    before = last_audit_id()
    restriction = propose(world)
    decide(world, restriction)
    end(world, restriction, "unit_leader")
    case_id = world.case.pk
    assert audit_rows(before) == [
        (AuditAction.CREATE, "restriction", restriction.pk, case_id),
        (AuditAction.UPDATE, "restriction", restriction.pk, case_id),
        (AuditAction.UPDATE, "restriction", restriction.pk, case_id),
    ]
    actors = AuditEvent.objects.filter(id__gt=before).order_by("id").values_list("actor", flat=True)
    assert list(actors) == [
        world.users[r].pk for r in ("stafettholder", "unit_leader", "unit_leader")
    ]


def test_the_member_is_not_told_in_the_access_log(world: World) -> None:
    restriction = propose(world)
    decide(world, restriction)
    assert world.case.subject is not None
    for guardian in world.case.subject.guardians.all():
        log = member_view(world.case, guardian=guardian).audit(
            AuditEvent.objects.filter(case_id=world.case.pk)
        )
        assert not log.filter(object_type="restriction").exists()


def test_a_refused_service_writes_nothing(world: World) -> None:
    before = last_audit_id()
    with pytest.raises(PermissionDenied):
        propose(world, "participant")
    with pytest.raises(ValidationError):
        propose(world, reason="")
    assert audit_rows(before) == []
    assert not Restriction.objects.exists()


# --- Validation, field by field --------------------------------------------------------------


def _other_case_guardian(world: World) -> Guardian:
    nurse = world.users["outsider_holder"]
    access = case_for(nurse, world.other_case.pk, audit=False)
    case_identify(actor=actor_for(nurse), access=access, given_name="Ida", family_name="Storvik")
    access = case_for(nurse, world.other_case.pk, audit=False)
    return guardian_add(actor=actor_for(nurse), access=access, name="Mona Storvik")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"guardian_id": None}, "member", services.MSG_CHOOSE_MEMBER),
        ({"child": True}, "member", services.MSG_CHOOSE_MEMBER),
        ({"guardian_id": 10**9}, "member", services.MSG_CHOOSE_MEMBER),
        ({"reason": "hevn"}, "reason", services.MSG_CHOOSE_REASON),
        ({"reason": RestrictionReason.OTHER}, "note", services.MSG_NOTE_FOR_OTHER),
        ({"reason": RestrictionReason.OTHER, "note": "  "}, "note", services.MSG_NOTE_FOR_OTHER),
        ({"parts": []}, "parts", services.MSG_CHOOSE_WHAT),
        ({"parts": ["adresser"]}, "parts", services.MSG_UNKNOWN_PART),
        ({"entry_ids": [10**9]}, "entries", services.MSG_NOT_IN_CASE),
        ({"measure_ids": [10**9]}, "measures", services.MSG_NOT_IN_CASE),
        ({"meeting_ids": [10**9]}, "meetings", services.MSG_NOT_IN_CASE),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_field_says_what_is_wrong(
    world: World, changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        propose(world, **changes)
    assert errors_of(exc) == {field: [str(message)]}


def test_a_guardian_of_another_case_cannot_be_restricted_here(world: World) -> None:
    stranger = _other_case_guardian(world)
    with pytest.raises(ValidationError) as exc:
        propose(world, guardian_id=stranger.pk)
    assert errors_of(exc) == {"member": [str(services.MSG_CHOOSE_MEMBER)]}


def test_objects_of_another_case_are_refused_by_field(world: World) -> None:
    nurse = world.users["outsider_holder"]
    access = case_for(nurse, world.other_case.pk, audit=False)
    foreign = entry_create(
        actor=actor_for(nurse),
        access=access,
        kind=EntryKind.NOTE,
        text="Annen sak",
        audience=Audience.ALL,
    )
    with pytest.raises(ValidationError) as exc:
        propose(world, entry_ids=[world.entry.pk, foreign.pk], measure_ids=[world.measure.pk])
    assert errors_of(exc) == {"entries": [str(services.MSG_NOT_IN_CASE)]}


def test_other_reason_with_a_note_is_taken(world: World) -> None:
    restriction = propose(world, reason=RestrictionReason.OTHER, note="Midlertidig forføyning")
    restriction.refresh_from_db()
    assert restriction.note == "Midlertidig forføyning"


# --- A closed case --------------------------------------------------------------------------


def test_a_closed_case_refuses_every_restriction_service(world: World) -> None:
    restriction = propose(world)
    close_case(world)
    before = last_audit_id()
    calls = [
        lambda: propose(world),
        lambda: decide(world, restriction),
        lambda: end(world, restriction),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as exc:
            call()
        assert exc.value.messages == [str(MSG_CASE_CLOSED)]
    assert audit_rows(before) == []


def test_the_unit_leaders_are_told_a_restriction_awaits_them(world: World) -> None:
    restriction = propose(world)
    told = set(
        Notification.objects.filter(event=f"restriction:{restriction.pk}").values_list(
            "recipient", flat=True
        )
    )
    assert told == {world.users["unit_leader"].email}
    assert world.users["stafettholder"].email not in told
