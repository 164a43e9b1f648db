"""Meetings on the web: the next meeting from the edit form, the links between a meeting and
its follow-up on the case page, and recording an invited person's answer (with or without
JavaScript)."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import AuditAction, AuditEvent
from laget.cases.choices import MeetingStatus, ParticipantRole, Response
from laget.cases.messages import MSG_NEXT_MEETING_NOT_AFTER, MSG_UNKNOWN_RESPONSE
from laget.cases.models import Meeting, MeetingAttendee
from laget.family.choices import Part, RestrictionReason, RestrictionState
from laget.family.models import Restriction
from laget.testing.world import World

pytestmark = pytest.mark.django_db

FORM_FORMAT = "%Y-%m-%dT%H:%M"


def url(name: str, world: World, **kwargs: int) -> str:
    return reverse(f"cases:{name}", kwargs={"case_id": world.case.pk, **kwargs})


def respond_url(world: World, attendee: MeetingAttendee | None = None) -> str:
    attendee = attendee or world.attendee
    return url("attendee_respond", world, meeting_id=attendee.meeting_id, attendee_id=attendee.pk)


def edit_form(world: World, **changes: Any) -> dict[str, Any]:
    """The meeting edit form of world.meeting as the stafettholder would send it."""
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    holder = world.case.participants.get(role=ParticipantRole.STAFETTHOLDER, left_at=None)
    return {
        "kind": meeting.kind,
        "starts_at": timezone.localtime(meeting.starts_at).strftime(FORM_FORMAT),
        "place": meeting.place,
        "video_url": "",
        "agenda": "",
        "participants": [holder.pk, world.participant.pk],
        "status": MeetingStatus.HELD,
        "minutes": "Vi ble enige om bildekalender.",
        "version": meeting.version,
        **changes,
    }


def form_errors(response: Any) -> dict[str, list[str]]:
    return {k: [str(m) for m in v] for k, v in response.context["form"].errors.items()}


def test_next_meeting_from_the_edit_form_is_planned_and_linked_on_the_case_page(
    world: World, client_for: Any
) -> None:
    client = client_for("stafettholder")
    next_at = timezone.localtime(world.meeting.starts_at) + datetime.timedelta(weeks=6)
    response = client.post(
        url("meeting_update", world, meeting_id=world.meeting.pk),
        edit_form(world, next_starts_at=next_at.strftime(FORM_FORMAT)),
    )
    assert response.status_code == 302, form_errors(response)
    assert response["Location"].endswith(f"#mote-{world.meeting.pk}")
    follow_up = Meeting.objects.get(follows=world.meeting)
    assert follow_up.status == MeetingStatus.PLANNED
    assert {a.participant_id for a in follow_up.attendees.all()} == {
        a.participant_id for a in world.meeting.attendees.all()
    }

    html = client.get(url("case_detail", world)).content.decode()
    assert "Neste møte er satt opp." in html
    assert f'id="mote-{follow_up.pk}"' in html and f'id="mote-{world.meeting.pk}"' in html
    # The held meeting points to the next one, the next one back to the one it follows up.
    assert f'<a href="#mote-{follow_up.pk}">Neste møte: ' in html
    assert f'<a href="#mote-{world.meeting.pk}">Oppfølging av møtet ' in html


def test_next_meeting_before_the_meeting_is_a_field_error_and_nothing_is_saved(
    world: World, client_for: Any
) -> None:
    before = Meeting.objects.count()
    earlier = timezone.localtime(world.meeting.starts_at) - datetime.timedelta(days=1)
    response = client_for("stafettholder").post(
        url("meeting_update", world, meeting_id=world.meeting.pk),
        edit_form(world, next_starts_at=earlier.strftime(FORM_FORMAT)),
    )
    assert response.status_code == 200
    assert form_errors(response) == {"next_starts_at": [str(MSG_NEXT_MEETING_NOT_AFTER)]}
    assert Meeting.objects.count() == before
    assert Meeting.objects.get(pk=world.meeting.pk).status == MeetingStatus.PLANNED


def test_a_new_meeting_invites_the_family_who_may_see_meetings_and_lands_on_itself(
    world: World, client_for: Any
) -> None:
    """The family is ticked in advance, except a member restricted from the meetings (an
    invitation would show them the meeting); after saving, the page opens at the new meeting,
    not the top of the list."""
    assert world.case.subject is not None
    first, second = world.case.subject.guardians.order_by("pk")[:2]
    Restriction.objects.create(
        case=world.case,
        guardian=second,
        parts=[Part.MEETINGS],
        reason=RestrictionReason.VIOLENCE,
        state=RestrictionState.IN_FORCE,
        proposed_by=world.users["stafettholder"],
        decided_by=world.users["unit_leader"],
        decided_at=timezone.now(),
    )
    client = client_for("stafettholder")
    form = client.get(url("meeting_create", world)).context["form"]
    assert form.initial["guardians"] == [first.pk]
    starts = timezone.localtime() + datetime.timedelta(days=7)
    response = client.post(
        url("meeting_create", world),
        {
            "kind": world.meeting.kind,
            "starts_at": starts.strftime(FORM_FORMAT),
            "place": "Møterom 2",
            "participants": [world.participant.pk],
            "guardians": [first.pk],
        },
    )
    assert response.status_code == 302, form_errors(response)
    new = Meeting.objects.filter(case=world.case).latest("pk")
    assert response["Location"] == url("case_detail", world) + f"#mote-{new.pk}"


def test_the_next_meeting_field_is_on_the_edit_form_only(world: World, client_for: Any) -> None:
    client = client_for("stafettholder")
    edit = client.get(url("meeting_update", world, meeting_id=world.meeting.pk))
    assert "next_starts_at" in edit.context["form"].fields
    assert "next_starts_at" not in client.get(url("meeting_create", world)).context["form"].fields


def test_an_answer_is_recorded_without_javascript_and_the_page_shown_again(
    world: World, client_for: Any
) -> None:
    client = client_for("participant")
    response = client.post(respond_url(world), {"response": Response.ACCEPTED})
    assert response.status_code == 302
    assert response["Location"] == url("case_detail", world) + "#moter"
    assert MeetingAttendee.objects.get(pk=world.attendee.pk).response == Response.ACCEPTED
    row = AuditEvent.objects.order_by("-id").first()
    assert row is not None
    assert (row.action, row.object_type, row.object_id) == (
        AuditAction.UPDATE,
        "meetingattendee",
        world.attendee.pk,
    )
    html = client.get(response["Location"]).content.decode()
    assert "Svaret er lagret." in html
    assert f"{world.attendee.label} – kommer" in html


def test_with_htmx_only_the_persons_row_comes_back(world: World, client_for: Any) -> None:
    response = client_for("stafettholder").post(
        respond_url(world), {"response": Response.DECLINED}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="invitert-{world.attendee.pk}"')
    assert "kommer ikke" in html
    assert '<option value="declined" selected>' in html
    assert MeetingAttendee.objects.get(pk=world.attendee.pk).response == Response.DECLINED


def test_an_unknown_answer_is_shown_as_a_message_and_nothing_is_saved(
    world: World, client_for: Any
) -> None:
    client = client_for("participant")
    audits = AuditEvent.objects.count()
    response = client.post(respond_url(world), {"response": "kanskje"})
    assert response.status_code == 302
    assert MeetingAttendee.objects.get(pk=world.attendee.pk).response == Response.INVITED
    assert AuditEvent.objects.count() == audits
    assert str(MSG_UNKNOWN_RESPONSE) in client.get(response["Location"]).content.decode()
    # With htmx the whole page is loaded again, so that the message has somewhere to go.
    response = client.post(respond_url(world), {"response": "kanskje"}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == url("case_detail", world) + "#moter"


def test_answers_are_recorded_by_post_only(world: World, client_for: Any) -> None:
    assert client_for("participant").get(respond_url(world)).status_code == 405


def test_the_case_page_offers_answers_for_planned_meetings_to_those_who_write(
    world: World, client_for: Any
) -> None:
    form_action = f'action="{respond_url(world)}"'
    assert form_action in client_for("participant").get(url("case_detail", world)).content.decode()
    # The unit leader reads the case but does not write in it.
    assert (
        form_action not in client_for("unit_leader").get(url("case_detail", world)).content.decode()
    )
    Meeting.objects.filter(pk=world.meeting.pk).update(status=MeetingStatus.HELD)
    assert (
        form_action not in client_for("participant").get(url("case_detail", world)).content.decode()
    )
