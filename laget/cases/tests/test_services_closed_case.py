"""A closed case is read-only: every service refuses with MSG_CASE_CLOSED and writes nothing,
also when the request loaded the case just before someone else closed it."""

import dataclasses
import datetime
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditEvent, Via
from laget.audit.services import Actor
from laget.cases.access import CaseAccess, Need, case_for, visible_cases
from laget.cases.choices import Arena, Audience, EntryKind, LegalBasis, Outcome, Response
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.models import (
    Case,
    Entry,
    Measure,
    Meeting,
    MeetingAttendee,
    Participant,
    SameChildNotice,
)
from laget.cases.services.entries import entry_create, entry_create_by_family, entry_update
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import (
    case_change_level,
    case_close,
    case_identify,
    case_open,
    case_register_birth,
    case_report_concern,
    case_step_set,
    same_child_notice_handle,
)
from laget.cases.services.measures import measure_create, measure_evaluate, measure_update
from laget.cases.services.meetings import (
    attendee_respond,
    interpreter_book,
    meeting_create,
    meeting_mark_ready,
    meeting_update,
)
from laget.cases.services.participants import baton_hand_over, participant_add, participant_leave
from laget.cases.services.transitions import transition_create
from laget.cases.tools.services import tool_fill, tool_report_record
from laget.cases.withdrawal_notices import withdrawal_notice_handle
from laget.consent.models import Consent, ConsentState, WithdrawalNotice
from laget.consent.services import (
    closing_request_create,
    consent_give,
    consent_refuse,
    consent_renew,
    consent_request,
    consent_withdraw,
)
from laget.family.access import member_view
from laget.family.choices import HoldBackReason, Part, ProposalAnswer, RestrictionReason
from laget.family.holdbacks import hold_back_change, hold_back_end, hold_back_record
from laget.family.models import CareOrder, HoldBack, Restriction
from laget.family.proposals import leave_out_request, participant_answer
from laget.family.services import (
    care_order_end,
    care_order_record,
    care_order_update_grants,
    child_protection_set,
    member_update,
    restriction_decide,
    restriction_end,
    restriction_propose,
)
from laget.family.voice import child_view_write
from laget.orgs.actors import actor_for
from laget.orgs.models import Role
from laget.people.models import FamilyRole, Guardian, ProtectedAddress, Subject
from laget.portal.services import portal_user_for_guardian
from laget.testing.consents import given_consent
from laget.testing.world import World, add_member, make_user
from laget.tools.models import FilledTool, ToolVersion

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@dataclass
class Chooser:
    """A second closed case, for what the family does in the portal (laget.family.proposals,
    laget.family.voice): Mari, 13, who gives her own view; her mother, who chooses who takes
    part; and a stafettholder who joined on the family's consent. Closing ends every other
    participation, so only the stafettholder is left for the family to answer about or to ask
    to leave out of the meeting: with a consent-based stafettholder the case being closed is
    the one reason left to refuse."""

    case: Case  # loaded after it was closed
    stale: Case  # loaded before
    consent: Consent  # the guardians' consent the stafettholder joined on
    mother: Guardian
    mother_actor: Actor
    child_actor: Actor
    holder: Participant  # Per of the health clinic, on the consent
    measure: Measure
    meeting: Meeting  # upcoming, Per invited
    attendee: MeetingAttendee


@dataclass
class Closed:
    world: World
    actor: Actor
    access: CaseAccess  # loaded after the case was closed
    stale: CaseAccess  # loaded before it was closed, as by a request racing the close
    holder: Participant
    other: Participant
    measure: Measure
    entry: Entry
    meeting: Meeting
    consent: Consent  # the family's consent for the health clinic, PPT and the school
    mother: Guardian
    requested: Consent  # a consent for PPT the family has not answered
    notice: SameChildNotice
    family: Actor  # the mother in the portal
    withdrawn: Consent  # withdrawn by one of the guardians: its notice is open
    restriction: Restriction  # proposed by the stafettholder, not decided
    leader_actor: Actor  # the leader of the responsible unit, who decides restrictions
    leader: CaseAccess
    leader_stale: CaseAccess
    welfare_actor: Actor  # child welfare, in the case since the report of concern
    welfare: CaseAccess  # loaded before the case was closed
    hold_back: HoldBack  # in force since the report
    care_order: CareOrder  # recorded by child welfare, in force
    chooser: Chooser

    def leader_as(self, access: CaseAccess) -> CaseAccess:
        return self.leader_stale if access is self.stale else self.leader

    def welfare_as(self, access: CaseAccess) -> CaseAccess:
        """Child welfare's access with the case as `access` holds it. Closing ended its
        participation, so case_for lets it in no more; the access it took before is what a
        request racing the close carries."""
        return dataclasses.replace(self.welfare, case=access.case)

    def chosen(self, access: CaseAccess) -> Case:
        """The family's case, loaded after the close, or before it with the stale access."""
        return self.chooser.stale if access is self.stale else self.chooser.case


def build_chooser(world: World) -> Chooser:
    units = world.units
    user = world.users["stafettholder"]
    actor = actor_for(user)
    case = case_open(
        actor=actor, user=user, unit_id=units["kindergarten"].pk, label="Jente, 13 år", level=1
    )
    access = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    born = datetime.date(TODAY.year - 13, 1, 1)
    case_identify(actor=actor, access=access, given_name="Mari", family_name="Vik", birth_date=born)
    consent = given_consent(case, [units["health_clinic"]], by=user)
    access = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    nurse = world.users["participant"]
    holder = participant_add(
        actor=actor,
        access=access,
        unit_id=units["health_clinic"].pk,
        user_id=nurse.pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=consent.pk,
    )
    measure = measure_create(
        actor=actor,
        access=access,
        title="Samtaler på helsestasjonen",
        goal="Sove bedre",
        arena=Arena.HOME,
        responsible_id=holder.pk,
        start_date=TODAY,
        evaluation_date=TODAY + datetime.timedelta(days=14),
    )
    meeting = meeting_create(
        actor=actor,
        access=access,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Helsestasjonen",
        participant_ids=[holder.pk],
    )
    baton_hand_over(actor=actor, access=access, to_participant_id=holder.pk)
    access = case_for(nurse, case.pk, need=Need.COORDINATE, audit=False)
    case_close(actor=actor_for(nurse), access=access, reason="Målene er nådd")
    subject = access.case.subject
    assert subject is not None
    mother = subject.guardians.order_by("pk")[0]
    child = User.objects.create_user(username="familie-mari")
    Subject.objects.filter(pk=subject.pk).update(user=child)
    return Chooser(
        case=Case.objects.get(pk=case.pk),
        stale=access.case,
        consent=consent,
        mother=mother,
        mother_actor=Actor(user=portal_user_for_guardian(mother), via=Via.PORTAL),
        child_actor=Actor(user=child, via=Via.PORTAL),
        holder=holder,
        measure=measure,
        meeting=meeting,
        attendee=meeting.attendees.get(participant=holder),
    )


def build_closed_case(world: World) -> Closed:
    user = world.users["stafettholder"]
    actor = actor_for(user)
    case = case_open(
        actor=actor, user=user, unit_id=world.units["kindergarten"].pk, label="Gutt, 6 år", level=1
    )
    access = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    holder = case.participants.get(user=user)
    case_identify(actor=actor, access=access, given_name="Ola", family_name="Vik")
    units = world.units
    consent = given_consent(case, [units["health_clinic"], units["ppt"], units["school"]], by=user)
    other = participant_add(
        actor=actor,
        access=access,
        unit_id=units["health_clinic"].pk,
        user_id=world.users["participant"].pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=consent.pk,
    )
    measure = measure_create(
        actor=actor,
        access=access,
        title="Lekegruppe",
        goal="Flere venner",
        arena=Arena.KINDERGARTEN,
        responsible_id=holder.pk,
        start_date=TODAY,
        evaluation_date=TODAY + datetime.timedelta(days=14),
    )
    entry = entry_create(
        actor=actor, access=access, kind=EntryKind.NOTE, text="Notat", audience=Audience.ALL
    )
    meeting = meeting_create(
        actor=actor,
        access=access,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        place="Møterom 2",
    )
    mother = guardian_add(actor=actor, access=access, name="Mor Vik")
    requested = consent_request(
        actor=actor, access=access, unit_ids=[units["ppt"].pk], purpose="PPT skal vurdere"
    )
    notice = SameChildNotice.objects.create(case=case, unit=units["school"])

    # One of the guardians withdraws a consent (registered by staff): a notice to handle.
    withdrawn = given_consent(case, [units["school"]], by=user, purpose="Skolestart")
    first_guardian = withdrawn.parties.filter(guardian__isnull=False).order_by("pk")[0].guardian
    consent_withdraw(actor=actor, consent=withdrawn, guardian=first_guardian)
    access = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    restriction = restriction_propose(
        actor=actor,
        access=access,
        guardian_id=mother.pk,
        parts=[Part.PLACES],
        reason=RestrictionReason.VIOLENCE,
    )
    # The report brings child welfare in and holds the family's log back; child welfare then
    # records a care order.
    case_report_concern(
        actor=actor,
        access=access,
        reason="Meldeplikt",
        child_welfare_unit_id=units["child_welfare"].pk,
    )
    hold_back = HoldBack.objects.get(case=case)
    social_worker = make_user("berit-bv", "Berit", "Solheim")
    add_member(social_worker, world.municipality, units["child_welfare"], Role.EMPLOYEE)
    welfare_actor = actor_for(social_worker)
    welfare = case_for(social_worker, case.pk, audit=False)
    care_order = care_order_record(
        actor=welfare_actor,
        access=welfare,
        unit_id=units["child_welfare"].pk,
        starts_on=TODAY,
        parent_parts=[Part.MEETINGS],
    )
    leader_user = world.users["unit_leader"]
    leader_stale = case_for(leader_user, case.pk, audit=False)

    stale = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    case_close(actor=actor, access=access, reason="Målene er nådd")
    closed = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    family = Actor(user=portal_user_for_guardian(mother), via=Via.PORTAL)
    return Closed(
        world=world,
        actor=actor,
        access=closed,
        stale=stale,
        holder=holder,
        other=other,
        measure=measure,
        entry=entry,
        meeting=meeting,
        consent=consent,
        mother=mother,
        requested=requested,
        notice=notice,
        family=family,
        withdrawn=withdrawn,
        restriction=restriction,
        leader_actor=actor_for(leader_user),
        leader=case_for(leader_user, case.pk, audit=False),
        leader_stale=leader_stale,
        welfare_actor=welfare_actor,
        welfare=welfare,
        hold_back=hold_back,
        care_order=care_order,
        chooser=build_chooser(world),
    )


def _tool_version(world: World) -> ToolVersion:
    assert world.tool_version is not None
    return world.tool_version


Call = Callable[[Closed, CaseAccess], object]

CALLS: dict[str, Call] = {
    "case_identify": lambda c, a: case_identify(
        actor=c.actor, access=a, given_name="Ola", family_name="Vik"
    ),
    "case_register_birth": lambda c, a: case_register_birth(
        actor=c.actor, access=a, given_name="Ola", family_name="Vik", birth_date=TODAY
    ),
    "case_change_level": lambda c, a: case_change_level(
        actor=c.actor, access=a, to_level=2, reason="Mer hjelp"
    ),
    "case_report_concern": lambda c, a: case_report_concern(
        actor=c.actor,
        access=a,
        reason="Meldeplikt",
        child_welfare_unit_id=c.world.units["child_welfare"].pk,
    ),
    "case_close": lambda c, a: case_close(actor=c.actor, access=a, reason="Igjen"),
    "participant_add": lambda c, a: participant_add(
        actor=c.actor,
        access=a,
        unit_id=c.world.units["ppt"].pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=c.consent.pk,
    ),
    "participant_leave": lambda c, a: participant_leave(
        actor=c.actor, access=a, participant_id=c.other.pk
    ),
    "baton_hand_over": lambda c, a: baton_hand_over(
        actor=c.actor, access=a, to_participant_id=c.other.pk
    ),
    "measure_create": lambda c, a: measure_create(
        actor=c.actor,
        access=a,
        title="Nytt",
        goal="Mål",
        arena=Arena.HOME,
        responsible_id=c.holder.pk,
        start_date=TODAY,
        evaluation_date=TODAY,
    ),
    "measure_update": lambda c, a: measure_update(
        actor=c.actor, access=a, measure=c.measure, expected_version=1, goal="Nytt mål"
    ),
    "measure_evaluate": lambda c, a: measure_evaluate(
        actor=c.actor,
        access=a,
        measure=c.measure,
        expected_version=1,
        outcome=Outcome.WORKED,
        text="Bra",
    ),
    "entry_create": lambda c, a: entry_create(
        actor=c.actor, access=a, kind=EntryKind.GLIMMER, text="Smilte", audience=Audience.ALL
    ),
    "entry_update": lambda c, a: entry_update(
        actor=c.actor, access=a, entry=c.entry, expected_version=1, text="Rettet"
    ),
    "meeting_create": lambda c, a: meeting_create(
        actor=c.actor, access=a, starts_at=timezone.now(), place="Kontoret"
    ),
    "meeting_update": lambda c, a: meeting_update(
        actor=c.actor, access=a, meeting=c.meeting, expected_version=1, minutes="Referat"
    ),
    "transition_create": lambda c, a: transition_create(
        actor=c.actor,
        access=a,
        to_unit_id=c.world.units["school"].pk,
        date=TODAY,
        meeting_at=timezone.now(),
        place="Skolen",
        legal_basis=LegalBasis.CONSENT,
        consent_id=c.consent.pk,
    ),
    "guardian_add": lambda c, a: guardian_add(actor=c.actor, access=a, name="Mor"),
    "case_step_set": lambda c, a: case_step_set(actor=c.actor, access=a, step_slug="x"),
    "same_child_notice_handle": lambda c, a: same_child_notice_handle(
        actor=c.actor, access=a, notice_id=c.notice.pk
    ),
    "attendee_respond": lambda c, a: attendee_respond(
        actor=c.actor, access=a, meeting=c.meeting, attendee_id=0, response=Response.ACCEPTED
    ),
    "interpreter_book": lambda c, a: interpreter_book(
        actor=c.actor, access=a, meeting=c.meeting, attendee_id=0, booked=True
    ),
    "meeting_mark_ready": lambda c, a: meeting_mark_ready(
        actor=c.actor, access=a, meeting=c.meeting
    ),
    "entry_create_by_family": lambda c, a: entry_create_by_family(
        actor=c.family, case=a.case, kind=EntryKind.GLIMMER, text="Fin dag", guardian=c.mother
    ),
    "consent_request": lambda c, a: consent_request(
        actor=c.actor, access=a, unit_ids=[c.world.units["ppt"].pk], purpose="Samarbeid"
    ),
    "consent_give": lambda c, a: consent_give(
        actor=c.family, consent=c.requested, guardian=c.mother
    ),
    "consent_refuse": lambda c, a: consent_refuse(
        actor=c.family, consent=c.requested, guardian=c.mother
    ),
    "consent_renew": lambda c, a: consent_renew(
        actor=c.actor, access=a, consent=c.consent, expires_on=TODAY + datetime.timedelta(days=9)
    ),
    "closing_request_create": lambda c, a: closing_request_create(
        actor=c.family, case=a.case, guardian=c.mother
    ),
    "tool_fill": lambda c, a: tool_fill(
        actor=c.actor, access=a, version=_tool_version(c.world), answers={}
    ),
    "tool_report_record": lambda c, a: tool_report_record(
        actor=c.actor,
        access=a,
        filled=FilledTool(case=c.world.case),
        child_welfare_unit_id=c.world.units["child_welfare"].pk,
        reason="Skåren sier at barnevernet skal varsles",
    ),
    "withdrawal_notice_handle": lambda c, a: withdrawal_notice_handle(
        actor=c.actor, access=a, consent_id=c.withdrawn.pk
    ),
    # laget.family.services: restrictions, care orders, family members
    "restriction_propose": lambda c, a: restriction_propose(
        actor=c.actor,
        access=a,
        guardian_id=c.mother.pk,
        parts=[Part.PARTICIPANTS],
        reason=RestrictionReason.VIOLENCE,
    ),
    "restriction_decide": lambda c, a: restriction_decide(
        actor=c.leader_actor, access=c.leader_as(a), restriction=c.restriction, approve=True
    ),
    "restriction_end": lambda c, a: restriction_end(
        actor=c.actor, access=a, restriction=c.restriction
    ),
    # One care order at a time: on an open case this one would be refused as a second, but
    # the closed case is checked first.
    "care_order_record": lambda c, a: care_order_record(
        actor=c.welfare_actor,
        access=c.welfare_as(a),
        unit_id=c.world.units["child_welfare"].pk,
        starts_on=TODAY,
    ),
    "care_order_update_grants": lambda c, a: care_order_update_grants(
        actor=c.welfare_actor,
        access=c.welfare_as(a),
        care_order=c.care_order,
        parent_parts=[Part.ENTRIES],
        foster_parts=[Part.ENTRIES],
    ),
    "care_order_end": lambda c, a: care_order_end(
        actor=c.welfare_actor, access=c.welfare_as(a), care_order=c.care_order, ended_on=TODAY
    ),
    "member_update": lambda c, a: member_update(
        actor=c.actor,
        access=a,
        guardian=c.mother,
        role=FamilyRole.PARENT_NO_PR,
        protected_address=ProtectedAddress.CONFIDENTIAL,
    ),
    "child_protection_set": lambda c, a: child_protection_set(
        actor=c.actor, access=a, protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL
    ),
    # laget.family.holdbacks
    "hold_back_record": lambda c, a: hold_back_record(
        actor=c.actor,
        case=a.case,
        unit=c.world.units["child_welfare"],
        decided_by=c.world.users["stafettholder"],
        starts_at=timezone.now(),
    ),
    "hold_back_change": lambda c, a: hold_back_change(
        actor=c.welfare_actor,
        access=c.welfare_as(a),
        hold_back_id=c.hold_back.pk,
        ends_on=TODAY + datetime.timedelta(days=30),
        reason=HoldBackReason.SUSPECTED_VIOLENCE,
    ),
    "hold_back_end": lambda c, a: hold_back_end(
        actor=c.welfare_actor, access=c.welfare_as(a), hold_back_id=c.hold_back.pk
    ),
    # laget.family.proposals and laget.family.voice: the family in the portal
    "participant_answer": lambda c, a: participant_answer(
        actor=c.chooser.mother_actor,
        case=c.chosen(a),
        view=member_view(c.chosen(a), guardian=c.chooser.mother),
        participant_id=c.chooser.holder.pk,
        answer=ProposalAnswer.DECLINED,
    ),
    "leave_out_request": lambda c, a: leave_out_request(
        actor=c.chooser.mother_actor,
        case=c.chosen(a),
        view=member_view(c.chosen(a), guardian=c.chooser.mother),
        meeting_id=c.chooser.meeting.pk,
        attendee_id=c.chooser.attendee.pk,
    ),
    "child_view_write": lambda c, a: child_view_write(
        actor=c.chooser.child_actor,
        case=c.chosen(a),
        view=member_view(c.chosen(a), child=True),
        obj=c.chooser.measure,
        text="Det hjelper å snakke med noen.",
        was="",
    ),
}

# Writes that a closed case still takes, each for a reason.
ALLOWED_ON_A_CLOSED_CASE = {
    # Withdrawing consent is the family's right whatever state the log is in.
    "consent_withdraw",
    # Opens a new case; there is no closed case yet.
    "case_open",
    # A nightly job recording that consents passed their date (access ended already).
    "consents_expire",
    # Runs inside consent_withdraw, which a closed case takes (above): it leaves a notice
    # only on an open case, so on a closed one it writes nothing and tells no one (tested
    # below).
    "withdrawal_notice_open",
}


@pytest.mark.parametrize("service", sorted(CALLS))
def test_closed_case_refuses_every_service(world: World, service: str) -> None:
    closed = build_closed_case(world)
    audit_before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        CALLS[service](closed, closed.access)
    assert excinfo.value.messages == [str(MSG_CASE_CLOSED)]
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.parametrize("service", sorted(CALLS))
def test_case_closed_after_the_request_loaded_it_still_refuses(world: World, service: str) -> None:
    closed = build_closed_case(world)
    assert not closed.stale.case.is_closed
    audit_before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        CALLS[service](closed, closed.stale)
    assert excinfo.value.messages == [str(MSG_CASE_CLOSED)]
    assert AuditEvent.objects.count() == audit_before


def test_the_last_stafettholder_and_the_unit_leader_read_a_closed_case_for_a_while(
    world: World, settings: Any
) -> None:
    closed = build_closed_case(world)
    case_id = closed.access.case.pk
    for role in ("stafettholder", "unit_leader"):
        access = case_for(world.users[role], case_id, audit=False)
        assert access.case.is_closed
        assert not access.can_write and not access.can_coordinate
    Case.objects.filter(pk=case_id).update(
        closed_at=timezone.now()
        - datetime.timedelta(days=settings.LAGET_CLOSED_CASE_READ_DAYS, minutes=1)
    )
    for role in ("stafettholder", "unit_leader"):
        with pytest.raises(Http404):
            case_for(world.users[role], case_id, audit=False)


def test_a_guardian_withdrawing_consent_on_a_closed_case_leaves_no_notice(world: World) -> None:
    """On an open case one guardian's withdrawal leaves the coordinators a notice (Mari's two
    guardians both gave this consent); a closed case has no one to follow it up."""
    chooser = build_closed_case(world).chooser
    consent = consent_withdraw(
        actor=chooser.mother_actor, consent=chooser.consent, guardian=chooser.mother
    )
    assert consent.state == ConsentState.WITHDRAWN
    assert not WithdrawalNotice.objects.filter(consent=chooser.consent).exists()


def test_closing_ends_every_other_participation(world: World) -> None:
    closed = build_closed_case(world)
    case = closed.access.case
    active = case.participants.filter(left_at__isnull=True)
    assert list(active) == [closed.holder]
    with pytest.raises(Http404):
        case_for(world.users["participant"], case.pk, audit=False)
    assert not visible_cases(world.users["participant"]).filter(pk=case.pk).exists()


# Public helpers of the service modules that write nothing: who may do what, and what a page
# shows.
READS_ONLY = {
    "consent_for_participant",
    # laget.family.services
    "sees_restrictions",
    "may_propose_restriction",
    "may_decide_restriction",
    "may_end_restriction",
    "may_record_care_order",
    "may_manage_care_order",
    "may_edit_members",
    "child_welfare_unit_id",
    # laget.family.holdbacks
    "managing_unit_ids",
    "managed_hold_backs",
    "hold_backs_in_force",
    # laget.family.proposals
    "participants_page",
    "family_answers",
    # laget.family.voice
    "child_measure",
    "child_meeting",
}

WRITE_MODULES = [
    "laget.cases.services.entries",
    "laget.cases.services.guardians",
    "laget.cases.services.lifecycle",
    "laget.cases.services.measures",
    "laget.cases.services.meetings",
    "laget.cases.services.participants",
    "laget.cases.services.transitions",
    "laget.consent.services",
    "laget.cases.tools.services",
    "laget.cases.withdrawal_notices",
    "laget.family.services",
    "laget.family.holdbacks",
    "laget.family.proposals",
    "laget.family.voice",
]


def _case_writes() -> set[str]:
    """Every public service that writes to a case: it takes the case's access, the case, or
    one of its consents."""
    names = set()
    for module_name in WRITE_MODULES:
        module = importlib.import_module(module_name)
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module_name:
                continue
            params = inspect.signature(fn).parameters
            if {"access", "case", "consent"} & set(params) or name in ALLOWED_ON_A_CLOSED_CASE:
                names.add(name)
    return names


def test_every_write_service_of_a_case_is_called_on_a_closed_case() -> None:
    """A new write service without a row in CALLS (or a reason in ALLOWED_ON_A_CLOSED_CASE)
    fails here."""
    assert _case_writes() - ALLOWED_ON_A_CLOSED_CASE - READS_ONLY == set(CALLS)
