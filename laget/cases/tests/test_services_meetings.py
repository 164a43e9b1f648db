"""Meetings, guardians and transitions between units (kindergarten → school)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import LegalBasis, MeetingKind
from laget.cases.messages import (
    MSG_MEETING_NEEDS_PLACE,
    MSG_NO_SUBJECT,
    MSG_SAME_UNIT,
    MSG_UNKNOWN_PARTICIPANT,
    MSG_UNKNOWN_UNIT,
)
from laget.cases.models import Case, Meeting, Participant, Transition
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_open, case_report_concern
from laget.cases.services.meetings import meeting_create
from laget.cases.services.transitions import transition_create
from laget.consent.messages import MSG_CONSENT_NOT_FOR_UNIT
from laget.orgs.actors import actor_for
from laget.testing.consents import given_consent
from laget.testing.world import World

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def holder(world: World) -> CaseAccess:
    return case_for(world.users["stafettholder"], world.case.pk, need=Need.COORDINATE, audit=False)


def move_to(world: World, unit: str, **kwargs: object) -> Transition:
    return transition_create(
        actor=actor_for(world.users["stafettholder"]),
        access=holder(world),
        to_unit_id=world.units[unit].pk if unit in world.units else 10**9,
        date=TODAY + datetime.timedelta(days=90),
        meeting_at=timezone.now() + datetime.timedelta(days=60),
        place="Bakketun skole, rom 4",
        legal_basis=LegalBasis.CONSENT,
        **kwargs,  # type: ignore[arg-type]
    )


def test_meeting_needs_a_place_or_a_video_link(world: World) -> None:
    before = Meeting.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        meeting_create(
            actor=actor_for(world.users["stafettholder"]),
            access=holder(world),
            starts_at=timezone.now(),
        )
    assert excinfo.value.message_dict == {"place": [str(MSG_MEETING_NEEDS_PLACE)]}
    assert Meeting.objects.count() == before


def test_meeting_on_video_invites_participants_and_guardians(world: World) -> None:
    access = holder(world)
    guardian = guardian_add(
        actor=actor_for(world.users["stafettholder"]), access=access, name="Ragnhild Fjeldsrud"
    )
    meeting = meeting_create(
        actor=actor_for(world.users["stafettholder"]),
        access=access,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        video_url="https://video.example.invalid/rom-7",
        participant_ids=[world.participant.pk],
        guardian_ids=[guardian.pk],
    )
    attendees = {(a.participant_id, a.guardian_id) for a in meeting.attendees.all()}
    assert attendees == {(world.participant.pk, None), (None, guardian.pk)}


def test_former_participant_cannot_be_invited(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        meeting_create(
            actor=actor_for(world.users["stafettholder"]),
            access=holder(world),
            starts_at=timezone.now(),
            place="Rom 1",
            participant_ids=[world.former.pk],
        )
    assert excinfo.value.message_dict == {"participants": [str(MSG_UNKNOWN_PARTICIPANT)]}


def test_guardian_needs_an_identified_case(world: World) -> None:
    user = world.users["stafettholder"]
    case = case_open(
        actor=actor_for(user), user=user, unit_id=world.units["kindergarten"].pk, label="Anonym"
    )
    access = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    with pytest.raises(ValidationError) as excinfo:
        guardian_add(actor=actor_for(user), access=access, name="Far")
    assert excinfo.value.messages == [str(MSG_NO_SUBJECT)]


def test_transition_brings_in_the_new_unit_sets_up_the_handover_meeting_and_moves_the_case(
    world: World,
) -> None:
    consent = given_consent(world.case, [world.units["school"]], by=world.users["stafettholder"])
    transition = move_to(
        world, "school", consent_id=consent.pk, note="Trenger fast voksen første uke."
    )
    case = Case.objects.get(pk=world.case.pk)
    assert (transition.from_unit, transition.to_unit) == (
        world.units["kindergarten"],
        world.units["school"],
    )
    assert case.unit == world.units["school"]
    school = case.participants.get(unit=world.units["school"], user__isnull=True)
    assert school.is_active and school.consent == consent
    assert school.basis_ref == consent.reference
    meeting = transition.meeting
    assert meeting.kind == MeetingKind.HANDOVER
    attendees = list(meeting.attendees.all())
    invited = {a.participant_id for a in attendees if a.participant_id}
    assert invited == set(case.participants.filter(left_at=None).values_list("pk", flat=True))
    # The guardians (who gave the world's consent) are invited too.
    guardians = {a.guardian_id for a in attendees if a.guardian_id}
    assert case.subject is not None
    assert guardians == set(case.subject.guardians.values_list("pk", flat=True)) != set()
    # The school's staff now read the case through their unit.
    assert case_for(world.users["other_unit"], case.pk, audit=False).case == case


def test_transition_on_a_consent_that_does_not_name_the_new_unit_writes_nothing(
    world: World,
) -> None:
    before = (Transition.objects.count(), Meeting.objects.count(), Participant.objects.count())
    with pytest.raises(ValidationError) as excinfo:
        move_to(world, "school", consent_id=world.consent.pk)  # health clinic and PPT only
    assert excinfo.value.message_dict == {"consent": [str(MSG_CONSENT_NOT_FOR_UNIT)]}
    after = (Transition.objects.count(), Meeting.objects.count(), Participant.objects.count())
    assert after == before
    assert Case.objects.get(pk=world.case.pk).unit == world.units["kindergarten"]


def test_transition_to_the_same_unit_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        move_to(world, "kindergarten")
    assert excinfo.value.message_dict == {"to_unit": [str(MSG_SAME_UNIT)]}


def test_transition_to_an_unknown_unit_is_refused_and_writes_nothing(world: World) -> None:
    meetings = Meeting.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        move_to(world, "nowhere")
    assert excinfo.value.message_dict == {"to_unit": [str(MSG_UNKNOWN_UNIT)]}
    assert Meeting.objects.count() == meetings
    assert Case.objects.get(pk=world.case.pk).unit == world.units["kindergarten"]


def test_report_of_concern_to_an_unknown_unit_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        case_report_concern(
            actor=actor_for(world.users["stafettholder"]),
            access=holder(world),
            reason="Meldeplikt",
            child_welfare_unit_id=10**9,
        )
    assert excinfo.value.message_dict == {"child_welfare_unit": [str(MSG_UNKNOWN_UNIT)]}
