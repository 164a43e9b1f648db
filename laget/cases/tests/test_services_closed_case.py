"""A closed case is read-only: every service refuses with MSG_CASE_CLOSED and writes nothing,
also when the request loaded the case just before someone else closed it."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from laget.audit.models import AuditEvent
from laget.audit.services import Actor
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import Arena, Audience, EntryKind, LegalBasis, Outcome
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.models import Entry, Measure, Meeting, Participant
from laget.cases.services.entries import entry_create, entry_update
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import (
    case_change_level,
    case_close,
    case_identify,
    case_open,
    case_report_concern,
)
from laget.cases.services.measures import measure_create, measure_evaluate, measure_update
from laget.cases.services.meetings import meeting_create, meeting_update
from laget.cases.services.participants import baton_hand_over, participant_add, participant_leave
from laget.cases.services.transitions import transition_create
from laget.consent.models import Consent
from laget.orgs.actors import actor_for
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
    stale = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    case_close(actor=actor, access=access, reason="Målene er nådd")
    closed = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    return Closed(world, actor, closed, stale, holder, other, measure, entry, meeting, consent)


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


def test_closed_case_can_still_be_read(world: World) -> None:
    closed = build_closed_case(world)
    access = case_for(world.users["participant"], closed.access.case.pk, audit=False)
    assert access.case.is_closed
    assert access.may_write and not access.can_write
