"""A closed case is read-only: every service refuses with MSG_CASE_CLOSED and writes nothing,
also when the request loaded the case just before someone else closed it."""

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

from laget.audit.models import AuditEvent, Via
from laget.audit.services import Actor
from laget.cases.access import CaseAccess, Need, case_for, visible_cases
from laget.cases.choices import Arena, Audience, EntryKind, LegalBasis, Outcome, Response
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.models import Case, Entry, Measure, Meeting, Participant, SameChildNotice
from laget.cases.services.entries import entry_create, entry_create_by_family, entry_update
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import (
    case_change_level,
    case_close,
    case_identify,
    case_open,
    case_report_concern,
    case_step_set,
    same_child_notice_handle,
)
from laget.cases.services.measures import measure_create, measure_evaluate, measure_update
from laget.cases.services.meetings import attendee_respond, meeting_create, meeting_update
from laget.cases.services.participants import baton_hand_over, participant_add, participant_leave
from laget.cases.services.transitions import transition_create
from laget.cases.tools.services import tool_fill
from laget.consent.models import Consent
from laget.consent.services import (
    closing_request_create,
    consent_give,
    consent_refuse,
    consent_renew,
    consent_request,
)
from laget.orgs.actors import actor_for
from laget.people.models import Guardian
from laget.portal.services import portal_user_for_guardian
from laget.testing.consents import given_consent
from laget.testing.world import World

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


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
    stale = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    case_close(actor=actor, access=access, reason="Målene er nådd")
    closed = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    family = Actor(user=portal_user_for_guardian(mother), via=Via.PORTAL)
    return Closed(
        world,
        actor,
        closed,
        stale,
        holder,
        other,
        measure,
        entry,
        meeting,
        consent,
        mother,
        requested,
        notice,
        family,
    )


Call = Callable[[Closed, CaseAccess], object]

CALLS: dict[str, Call] = {
    "case_identify": lambda c, a: case_identify(
        actor=c.actor, access=a, given_name="Ola", family_name="Vik"
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
        evaluation_text="Bra",
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
        actor=c.actor, access=a, version=c.world.tool_version, answers={}
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


def test_closing_ends_every_other_participation(world: World) -> None:
    closed = build_closed_case(world)
    case = closed.access.case
    active = case.participants.filter(left_at__isnull=True)
    assert list(active) == [closed.holder]
    with pytest.raises(Http404):
        case_for(world.users["participant"], case.pk, audit=False)
    assert not visible_cases(world.users["participant"]).filter(pk=case.pk).exists()


# Public helpers of the service modules that write nothing.
READS_ONLY = {"consent_for_participant"}

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
