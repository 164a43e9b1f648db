"""Through the API: the next meeting planned with a PATCH, and the answers of those invited."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from laget.api.tests.conftest import OwnCase
from laget.api.tests.helpers import ClientFor, audited, counts, errors_of, patch, post, url
from laget.audit.models import AuditAction, AuditEvent
from laget.cases.messages import MSG_NEXT_MEETING_NOT_AFTER, MSG_UNKNOWN_ATTENDEE
from laget.cases.models import Meeting, MeetingAttendee
from laget.testing.world import World

pytestmark = pytest.mark.django_db

IN_A_WEEK = timezone.now() + datetime.timedelta(days=7)


def plan(client: Client, own_case: OwnCase, **body: object) -> dict[str, object]:
    data = {
        "starts_at": IN_A_WEEK.isoformat(),
        "place": "Møterom 2",
        "participants": [own_case.holder.pk, own_case.member.pk],
        **body,
    }
    response = post(client, url("meetings", case_id=own_case.case.pk), data)
    assert response.status_code == 201, response.content
    return response.json()


def meeting_path(own_case: OwnCase, meeting_id: object) -> str:
    return url("meeting", case_id=own_case.case.pk, meeting_id=meeting_id)


def respond_path(own_case: OwnCase, meeting_id: object, attendee_id: object) -> str:
    return url(
        "attendee_respond",
        case_id=own_case.case.pk,
        meeting_id=meeting_id,
        attendee_id=attendee_id,
    )


def test_minutes_with_a_next_time_plan_the_follow_up(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    client = client_for("stafettholder")
    # A week ago: a meeting is marked held only once it has started.
    meeting = plan(
        client, own_case, starts_at=(timezone.now() - datetime.timedelta(days=7)).isoformat()
    )
    assert meeting["follows"] is None
    next_at = IN_A_WEEK + datetime.timedelta(weeks=6)
    with audited() as log:
        response = patch(
            client,
            meeting_path(own_case, meeting["id"]),
            {
                "version": 1,
                "status": "held",
                "minutes": "Vi ble enige.",
                "next_starts_at": next_at.isoformat(),
            },
        )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "held"
    assert log.actions() == [(AuditAction.UPDATE, "meeting"), (AuditAction.CREATE, "meeting")]

    listed = client.get(url("meetings", case_id=own_case.case.pk)).json()
    follow_up = next(m for m in listed if m["follows"] == meeting["id"])
    assert follow_up["status"] == "planned" and follow_up["place"] == "Møterom 2"
    assert set(follow_up["participants"]) == {own_case.holder.pk, own_case.member.pk}
    assert follow_up["agenda"].startswith("Oppfølging av møtet ")
    assert log.rows[1].object_id == follow_up["id"]


def test_a_next_time_not_after_the_meeting_is_named_and_nothing_saved(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    client = client_for("stafettholder")
    meeting = plan(client, own_case)
    before = counts(Meeting, MeetingAttendee, AuditEvent)
    response = patch(
        client,
        meeting_path(own_case, meeting["id"]),
        {"version": 1, "status": "held", "next_starts_at": meeting["starts_at"]},
    )
    assert errors_of(response) == {"next_starts_at": [str(MSG_NEXT_MEETING_NOT_AFTER)]}
    assert counts(Meeting, MeetingAttendee, AuditEvent) == before
    assert client.get(meeting_path(own_case, meeting["id"])).json()["version"] == 1


def test_a_null_next_time_plans_nothing(own_case: OwnCase, client_for: ClientFor) -> None:
    client = client_for("stafettholder")
    meeting = plan(client, own_case)
    before = counts(Meeting)
    response = patch(
        client, meeting_path(own_case, meeting["id"]), {"version": 1, "next_starts_at": None}
    )
    assert response.status_code == 200, response.content
    assert counts(Meeting) == before


def test_an_answer_is_recorded_and_the_meeting_returned(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    meeting = plan(client_for("stafettholder"), own_case)
    invitation = next(a for a in meeting["attendees"] if a["participant"] == own_case.member.pk)
    with audited() as log:
        response = post(
            client_for("participant"),
            respond_path(own_case, meeting["id"], invitation["id"]),
            {"response": "accepted"},
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == meeting["id"] and body["version"] == meeting["version"]
    answers = {a["id"]: a["response"] for a in body["attendees"]}
    assert answers[invitation["id"]] == "accepted"
    assert set(answers.values()) == {"accepted", "invited"}
    assert log.actions() == [(AuditAction.UPDATE, "meetingattendee")]
    assert log.rows[0].object_id == invitation["id"]


def test_an_unknown_answer_is_named(own_case: OwnCase, client_for: ClientFor) -> None:
    client = client_for("stafettholder")
    meeting = plan(client, own_case)
    path = respond_path(own_case, meeting["id"], meeting["attendees"][0]["id"])
    assert list(errors_of(post(client, path, {"response": "maybe"}))) == ["response"]
    assert list(errors_of(post(client, path, {}))) == ["response"]


def test_an_attendee_of_another_meeting_is_named_and_nothing_saved(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    client = client_for("stafettholder")
    first = plan(client, own_case)
    second = plan(client, own_case)
    before = counts(AuditEvent)
    response = post(
        client,
        respond_path(own_case, first["id"], second["attendees"][0]["id"]),
        {"response": "declined"},
    )
    assert errors_of(response) == {"attendee": [str(MSG_UNKNOWN_ATTENDEE)]}
    assert counts(AuditEvent) == before
    assert MeetingAttendee.objects.filter(response="declined").count() == 0


def test_a_meeting_of_another_case_gets_404(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    response = post(
        client_for("stafettholder"),
        respond_path(own_case, world.meeting.pk, world.attendee.pk),
        {"response": "accepted"},
    )
    assert response.status_code == 404
