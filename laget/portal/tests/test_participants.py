"""The portal's page "Hvem er med": the proposed participants answered yes or no, someone asked
to be left out of a meeting; the staff case page shows what the family said. Members without
the right, or with the participants hidden from them, find no such page."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.cases.access import Need, case_for
from laget.cases.services.lifecycle import case_close
from laget.family.choices import Part, ProposalAnswer, RestrictionReason, RestrictionState
from laget.family.models import LeaveOutRequest, ParticipantAnswer, Restriction
from laget.family.proposals import MSG_ALREADY_ANSWERED
from laget.orgs.actors import actor_for
from laget.people.models import FamilyRole, Guardian, ProtectedAddress
from laget.portal.services import portal_user_for_guardian
from laget.testing.family import Family
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def page_url(family: Family) -> str:
    return reverse("portal:participants", kwargs={"case_id": family.case.pk})


def answer_url(family: Family, participant_id: int) -> str:
    return reverse(
        "portal:participant_answer",
        kwargs={"case_id": family.case.pk, "participant_id": participant_id},
    )


def leave_out_url(family: Family, attendee_id: int) -> str:
    return reverse(
        "portal:leave_out",
        kwargs={
            "case_id": family.case.pk,
            "meeting_id": family.meeting.pk,
            "attendee_id": attendee_id,
        },
    )


def portal_client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="laget.portal.oidc.PortalOIDCBackend")
    return client


def test_the_mother_sees_the_proposed_participant_and_declines(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    case_page = client.get(reverse("portal:case", kwargs={"case_id": family.case.pk}))
    assert page_url(family) in case_page.content.decode()
    body = client.get(page_url(family)).content.decode()
    assert world.participant.label in body
    assert answer_url(family, world.participant.pk) in body

    response = client.post(
        answer_url(family, world.participant.pk), {"answer": ProposalAnswer.DECLINED}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(page_url(family))
    row = ParticipantAnswer.objects.get(participant=world.participant)
    assert (row.guardian_id, row.answer) == (family.mother.pk, ProposalAnswer.DECLINED)
    after = client.get(page_url(family)).content.decode()
    assert answer_url(family, world.participant.pk) not in after
    assert "Du har svart" in after

    again = client.post(
        answer_url(family, world.participant.pk),
        {"answer": ProposalAnswer.ACCEPTED},
        follow=True,
    )
    assert str(MSG_ALREADY_ANSWERED) in again.content.decode()
    assert ParticipantAnswer.objects.get(participant=world.participant).answer == "declined"


def test_the_staff_page_shows_the_familys_answer_and_request(
    world: World, family: Family, client_as: Callable[[str], Client], client_for: object
) -> None:
    client = client_as("own_guardian")
    client.post(answer_url(family, world.participant.pk), {"answer": ProposalAnswer.DECLINED})
    client.post(leave_out_url(family, world.attendee.pk))
    assert LeaveOutRequest.objects.filter(attendee=world.attendee).exists()

    staff = client_for("stafettholder")  # type: ignore[operator]
    body = staff.get(reverse("cases:case_detail", args=[family.case.pk])).content.decode()
    assert "Familiens svar" in body
    assert f"{family.mother.name}: avslått" in body
    assert "familien har sagt nei til denne deltakeren" in body
    assert "Familien ber om at disse ikke er med" in body
    assert f"spurt av {family.mother.name}" in body


def test_asking_to_leave_someone_out_shows_on_the_page(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    body = client.get(page_url(family)).content.decode()
    assert leave_out_url(family, world.attendee.pk) in body
    # The family's own invitations are not listed to be left out.
    father = family.meeting.attendees.get(guardian=family.father)
    assert leave_out_url(family, father.pk) not in body
    assert client.post(leave_out_url(family, father.pk)).status_code == 404

    response = client.post(leave_out_url(family, world.attendee.pk))
    assert response.status_code == 302
    after = client.get(page_url(family)).content.decode()
    assert leave_out_url(family, world.attendee.pk) not in after
    assert "om at de ikke er med" in after


@pytest.mark.parametrize("role", [FamilyRole.PARENT_NO_PR, FamilyRole.FOSTER])
def test_a_member_who_does_not_choose_finds_no_page(
    world: World, family: Family, role: str
) -> None:
    Guardian.objects.filter(pk=family.father.pk).update(role=role)
    client = portal_client(portal_user_for_guardian(family.father))
    case_page = client.get(reverse("portal:case", kwargs={"case_id": family.case.pk}))
    assert case_page.status_code == 200
    assert page_url(family) not in case_page.content.decode()
    assert client.get(page_url(family)).status_code == 404
    assert (
        client.post(answer_url(family, world.participant.pk), {"answer": "declined"}).status_code
        == 404
    )
    assert client.post(leave_out_url(family, world.attendee.pk)).status_code == 404
    assert not ParticipantAnswer.objects.exists() and not LeaveOutRequest.objects.exists()


def test_a_member_shut_out_of_the_participants_finds_no_page(world: World, family: Family) -> None:
    Restriction.objects.create(
        case=family.case,
        guardian=family.father,
        parts=[Part.PARTICIPANTS],
        reason=RestrictionReason.VIOLENCE,
        state=RestrictionState.IN_FORCE,
        proposed_by=world.users["stafettholder"],
        decided_by=world.users["unit_leader"],
        decided_at=timezone.now(),
    )
    client = portal_client(portal_user_for_guardian(family.father))
    case_page = client.get(reverse("portal:case", kwargs={"case_id": family.case.pk}))
    assert page_url(family) not in case_page.content.decode()
    assert client.get(page_url(family)).status_code == 404
    assert (
        client.post(answer_url(family, world.participant.pk), {"answer": "declined"}).status_code
        == 404
    )


def test_no_locating_unit_name_reaches_a_member_who_may_not_see_it(
    world: World, family: Family
) -> None:
    Guardian.objects.filter(pk=family.mother.pk).update(
        protected_address=ProtectedAddress.CONFIDENTIAL
    )
    client = portal_client(portal_user_for_guardian(family.father))
    body = client.get(page_url(family)).content.decode()
    for unit in ("health_clinic", "kindergarten"):
        assert world.units[unit].name not in body


def test_a_closed_case_shows_the_answers_but_takes_none(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, family.case.pk, need=Need.COORDINATE, audit=False)
    case_close(actor=actor_for(holder), access=access, reason="Ferdig")
    client = client_as("own_guardian")
    body = client.get(page_url(family)).content.decode()
    assert answer_url(family, world.participant.pk) not in body
    client.post(answer_url(family, world.participant.pk), {"answer": "declined"})
    assert not ParticipantAnswer.objects.exists()
