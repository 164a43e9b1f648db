"""The family chooses who takes part: a participant on the family's consent is proposed to each
member who chooses, and one the family declines never reads the case on that consent — not
even after the consent is given. A member asks that someone be left out of a meeting; staff see
both. Who sees what follows the member's view (laget.family.access)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.access import Need, case_for, visible_cases
from laget.cases.choices import LegalBasis
from laget.cases.models import Meeting, Participant
from laget.cases.services.meetings import meeting_create
from laget.cases.services.participants import participant_add
from laget.consent.models import Channel, Consent
from laget.consent.services import consent_give, consent_request
from laget.family.access import FamilyView, member_view
from laget.family.choices import Part, ProposalAnswer, RestrictionReason, RestrictionState
from laget.family.models import LeaveOutRequest, ParticipantAnswer, Restriction
from laget.family.proposals import (
    MSG_ALREADY_ANSWERED,
    MSG_ALREADY_ASKED,
    MSG_CHOOSE_ANSWER,
    family_answers,
    leave_out_request,
    participant_answer,
    participants_page,
)
from laget.notify.models import Kind, Notification
from laget.orgs.actors import actor_for
from laget.people.models import FamilyRole, Guardian, ProtectedAddress
from laget.portal.access import portal_actor
from laget.portal.services import portal_user_for_guardian
from laget.portal.tests.conftest import family
from laget.testing.family import Family
from laget.testing.world import World

pytestmark = pytest.mark.django_db

__all__ = ["family"]


def view_of(family: Family, guardian: Guardian) -> FamilyView:
    return member_view(family.case, guardian=Guardian.objects.get(pk=guardian.pk))


def user_of(guardian: Guardian) -> User:
    return portal_user_for_guardian(guardian)


def answer(family: Family, guardian: Guardian, participant: Participant, value: str) -> None:
    participant_answer(
        actor=portal_actor(user_of(guardian)),
        case=family.case,
        view=view_of(family, guardian),
        participant_id=participant.pk,
        answer=value,
    )


def propose_school(world: World, family: Family) -> tuple[Participant, Consent]:
    """Nils at the school joins on a consent the family has been asked for, not yet given."""
    holder = world.users["stafettholder"]
    access = case_for(holder, family.case.pk, need=Need.COORDINATE, audit=False)
    consent = consent_request(
        actor=actor_for(holder),
        access=access,
        unit_ids=[world.units["school"].pk],
        purpose="Samarbeid med skolen før skolestart",
    )
    participant = participant_add(
        actor=actor_for(holder),
        access=access,
        unit_id=world.units["school"].pk,
        user_id=world.users["other_unit"].pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=consent.pk,
    )
    return participant, consent


def give_all(consent: Consent, by: User) -> None:
    for party in consent.parties.all():
        consent = consent_give(
            actor=actor_for(by, Via.SYSTEM),
            consent=consent,
            guardian=party.guardian,
            child=party.is_child,
            channel=Channel.DIGITAL,
        )
    assert Consent.objects.get(pk=consent.pk).state == "given"


def test_a_participant_on_consent_is_proposed_and_a_statute_one_is_not(
    world: World, family: Family
) -> None:
    page = participants_page(family.case, view_of(family, family.mother))
    assert [p.pk for p in page.proposed] == [world.participant.pk]
    assert page.answered == []


@pytest.mark.parametrize("who", ["mother", "father"])
def test_a_declined_participant_never_gains_access_even_once_consent_is_given(
    world: World, family: Family, who: str
) -> None:
    nils = world.users["other_unit"]
    participant, consent = propose_school(world, family)
    answer(family, getattr(family, who), participant, ProposalAnswer.DECLINED)
    give_all(consent, world.users["stafettholder"])

    assert not visible_cases(nils).filter(pk=family.case.pk).exists()
    with pytest.raises(Http404):
        case_for(nils, family.case.pk)
    assert not Participant.objects.granting_access().filter(pk=participant.pk).exists()


def test_an_accepted_participant_reads_once_consent_is_given(world: World, family: Family) -> None:
    nils = world.users["other_unit"]
    participant, consent = propose_school(world, family)
    answer(family, family.mother, participant, ProposalAnswer.ACCEPTED)
    assert not visible_cases(nils).filter(pk=family.case.pk).exists()
    give_all(consent, world.users["stafettholder"])
    assert case_for(nils, family.case.pk, audit=False).case.pk == family.case.pk


def test_declining_ends_access_at_once_and_tells_the_stafettholder(
    world: World, family: Family
) -> None:
    per = world.users["participant"]
    assert case_for(per, family.case.pk, audit=False)
    answer(family, family.mother, world.participant, ProposalAnswer.DECLINED)
    with pytest.raises(Http404):
        case_for(per, family.case.pk)
    notice = Notification.objects.filter(case_id=family.case.pk, kind=Kind.CASE_NOTICE)
    assert notice.filter(event__startswith="participant-declined:").exists()


def test_the_answer_is_recorded_and_audited_as_the_members(world: World, family: Family) -> None:
    answer(family, family.mother, world.participant, ProposalAnswer.ACCEPTED)
    row = ParticipantAnswer.objects.get(participant=world.participant)
    assert (row.guardian_id, row.is_child, row.answer) == (
        family.mother.pk,
        False,
        ProposalAnswer.ACCEPTED,
    )
    event = AuditEvent.objects.filter(case_id=family.case.pk).order_by("-pk").first()
    assert event is not None
    assert (event.via, event.action, event.object_type, event.object_id) == (
        Via.PORTAL,
        AuditAction.UPDATE,
        "participant",
        world.participant.pk,
    )
    page = participants_page(family.case, view_of(family, family.mother))
    assert page.proposed == []
    assert [a.participant.pk for a in page.answered] == [world.participant.pk]
    # The father has not answered: it is still proposed to him.
    father = participants_page(family.case, view_of(family, family.father))
    assert [p.pk for p in father.proposed] == [world.participant.pk]


def test_a_member_answers_once(world: World, family: Family) -> None:
    answer(family, family.mother, world.participant, ProposalAnswer.ACCEPTED)
    with pytest.raises(ValidationError) as err:
        answer(family, family.mother, world.participant, ProposalAnswer.DECLINED)
    assert err.value.messages == [str(MSG_ALREADY_ANSWERED)]


def test_an_answer_must_be_yes_or_no(world: World, family: Family) -> None:
    with pytest.raises(ValidationError) as err:
        answer(family, family.mother, world.participant, "kanskje")
    assert err.value.message_dict == {"answer": [str(MSG_CHOOSE_ANSWER)]}


def test_a_statute_participant_cannot_be_answered(world: World, family: Family) -> None:
    holder_row = family.case.participants.get(user=world.users["stafettholder"])
    with pytest.raises(Http404):
        answer(family, family.mother, holder_row, ProposalAnswer.DECLINED)


def _set_role(guardian: Guardian, role: str) -> None:
    Guardian.objects.filter(pk=guardian.pk).update(
        role=role, has_parental_responsibility=role == FamilyRole.GUARDIAN
    )


@pytest.mark.parametrize(
    "role", [FamilyRole.PARENT_NO_PR, FamilyRole.FOSTER, FamilyRole.GUARDIAN_NO_PR]
)
def test_members_without_the_right_get_nothing(world: World, family: Family, role: str) -> None:
    _set_role(family.father, role)
    view = view_of(family, family.father)
    assert not view.chooses_participants
    assert participants_page(family.case, view).proposed == []
    with pytest.raises(Http404):
        answer(family, family.father, world.participant, ProposalAnswer.DECLINED)
    assert not ParticipantAnswer.objects.exists()


def restrict(world: World, family: Family, guardian: Guardian, parts: list[str]) -> None:
    Restriction.objects.create(
        case=family.case,
        guardian=guardian,
        parts=parts,
        reason=RestrictionReason.VIOLENCE,
        state=RestrictionState.IN_FORCE,
        proposed_by=world.users["stafettholder"],
        decided_by=world.users["unit_leader"],
        decided_at=timezone.now(),
    )


def test_a_member_shut_out_of_the_participants_sees_and_answers_none(
    world: World, family: Family
) -> None:
    restrict(world, family, family.father, [Part.PARTICIPANTS])
    view = view_of(family, family.father)
    assert view.rights.chooses_participants and not view.chooses_participants
    page = participants_page(family.case, view)
    assert (page.proposed, page.answered, page.meetings) == ([], [], [])
    with pytest.raises(Http404):
        answer(family, family.father, world.participant, ProposalAnswer.DECLINED)
    with pytest.raises(Http404):
        ask_leave_out(family, family.father, world.attendee.pk)


def test_a_unit_that_would_tell_where_a_protected_member_lives_is_not_proposed(
    world: World, family: Family
) -> None:
    """The mother has a protected address: the health clinic would tell the father where."""
    Guardian.objects.filter(pk=family.mother.pk).update(
        protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL
    )
    view = view_of(family, family.father)
    assert not view.shows_unit(world.units["health_clinic"])
    page = participants_page(family.case, view)
    assert page.proposed == []
    labels = [i.label for m in page.meetings for i in m.invited]
    assert all(world.units["health_clinic"].name not in label for label in labels)
    with pytest.raises(Http404):
        answer(family, family.father, world.participant, ProposalAnswer.DECLINED)
    # She sees it herself.
    mine = participants_page(family.case, view_of(family, family.mother))
    assert [p.pk for p in mine.proposed] == [world.participant.pk]


def test_a_participant_on_one_parents_own_help_is_not_the_others_to_answer(
    world: World, family: Family
) -> None:
    Consent.objects.filter(pk=world.consent.pk).update(for_guardian=family.mother)
    father = view_of(family, family.father)
    assert participants_page(family.case, father).proposed == []
    with pytest.raises(Http404):
        answer(family, family.father, world.participant, ProposalAnswer.DECLINED)
    mother = participants_page(family.case, view_of(family, family.mother))
    assert [p.pk for p in mother.proposed] == [world.participant.pk]


def test_the_teenager_chooses_in_their_own_case(world: World, family: Family) -> None:
    teen = member_view(family.teen_case, child=True)
    assert teen.chooses_participants
    proposed = Participant.objects.create(
        case=family.teen_case,
        unit=world.units["health_clinic"],
        legal_basis=LegalBasis.CONSENT,
        consent=family.teen_consent,
        basis_ref=family.teen_consent.reference,
        added_by=world.users["other_unit"],
    )
    assert [p.pk for p in participants_page(family.teen_case, teen).proposed] == [proposed.pk]
    participant_answer(
        actor=portal_actor(family.users["child_over"]),
        case=family.teen_case,
        view=teen,
        participant_id=proposed.pk,
        answer=ProposalAnswer.DECLINED,
    )
    row = ParticipantAnswer.objects.get(participant=proposed)
    assert row.is_child and row.guardian_id is None


def ask_leave_out(
    family: Family, guardian: Guardian, attendee_id: int, meeting_id: int = 0
) -> None:
    leave_out_request(
        actor=portal_actor(user_of(guardian)),
        case=family.case,
        view=view_of(family, guardian),
        meeting_id=meeting_id or family.meeting.pk,
        attendee_id=attendee_id,
    )


def test_the_family_asks_to_leave_someone_out_of_a_meeting(world: World, family: Family) -> None:
    page = participants_page(family.case, view_of(family, family.mother))
    (upcoming,) = [m for m in page.meetings if m.meeting.pk == family.meeting.pk]
    invited = {i.attendee.pk: i for i in upcoming.invited}
    assert world.attendee.pk in invited
    # Who else in the family is invited is not listed.
    assert all(i.attendee.guardian_id is None for i in upcoming.invited)

    ask_leave_out(family, family.mother, world.attendee.pk)
    row = LeaveOutRequest.objects.get(attendee=world.attendee)
    assert row.guardian_id == family.mother.pk
    event = AuditEvent.objects.filter(case_id=family.case.pk).order_by("-pk").first()
    assert event is not None
    assert (event.via, event.object_type, event.object_id) == (
        Via.PORTAL,
        "meeting",
        family.meeting.pk,
    )
    assert Notification.objects.filter(event=f"leave-out:{row.pk}").exists()
    # The invitation stands until staff decide.
    assert family.meeting.attendees.filter(pk=world.attendee.pk).exists()
    with pytest.raises(ValidationError) as err:
        ask_leave_out(family, family.mother, world.attendee.pk)
    assert err.value.messages == [str(MSG_ALREADY_ASKED)]
    again = participants_page(family.case, view_of(family, family.mother))
    asked = [i for m in again.meetings for i in m.invited if i.attendee.pk == world.attendee.pk]
    assert asked[0].asked_at is not None


def test_a_guardian_invitation_or_a_past_meeting_cannot_be_asked_about(
    world: World, family: Family
) -> None:
    own = family.meeting.attendees.get(guardian=family.father)
    with pytest.raises(Http404):
        ask_leave_out(family, family.mother, own.pk)
    holder = world.users["stafettholder"]
    access = case_for(holder, family.case.pk, need=Need.WRITE, audit=False)
    past = meeting_create(
        actor=actor_for(holder),
        access=access,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        place="Solstrålen",
        participant_ids=[world.participant.pk],
    )
    attendee = past.attendees.get()
    with pytest.raises(Http404):
        ask_leave_out(family, family.mother, attendee.pk, meeting_id=past.pk)
    assert Meeting.objects.filter(pk=past.pk).exists()


def test_staff_see_the_familys_answers(world: World, family: Family) -> None:
    answer(family, family.mother, world.participant, ProposalAnswer.DECLINED)
    ask_leave_out(family, family.mother, world.attendee.pk)
    found = family_answers(family.case)
    (said,) = found.by_participant[world.participant.pk]
    assert (said.who, said.declined) == (family.mother.name, True)
    assert found.declined(world.participant.pk)
    ((who, asked_by, _at),) = found.leave_outs[family.meeting.pk]
    assert (who, asked_by) == (world.attendee.label, family.mother.name)
