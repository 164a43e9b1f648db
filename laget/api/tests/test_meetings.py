"""Meetings through the API: plan, read, write minutes with the version read."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from laget.api.tests.conftest import OwnCase
from laget.api.tests.helpers import ClientFor, audited, counts, errors_of, patch, post, url
from laget.audit.models import AuditAction
from laget.cases.messages import MSG_MEETING_NEEDS_PLACE, MSG_UNKNOWN_PARTICIPANT
from laget.cases.models import Meeting, MeetingAttendee
from laget.lib.concurrency import MSG_CONFLICT
from laget.testing.world import World

pytestmark = pytest.mark.django_db

NEXT_WEEK = (timezone.now() + datetime.timedelta(days=7)).isoformat()


def client_of(client_for: ClientFor, role: str = "stafettholder") -> Client:
    return client_for(role)


def test_plan_read_write_minutes_and_see_them(own_case: OwnCase, client_for: ClientFor) -> None:
    client = client_of(client_for)
    guardian = post(
        client, url("guardians", case_id=own_case.case.pk), {"name": "Hanne Tindeland"}
    ).json()
    body = {
        # A week ago: the minutes are written, and it is marked held, once it has taken place.
        "starts_at": (timezone.now() - datetime.timedelta(days=7)).isoformat(),
        "place": "Møterom 2",
        "agenda": "Status og veien videre",
        "participants": [own_case.holder.pk, own_case.member.pk],
        "guardians": [guardian["id"]],
    }
    with audited() as log:
        created = post(client, url("meetings", case_id=own_case.case.pk), body)
    assert created.status_code == 201, created.content
    meeting = created.json()
    assert set(meeting["participants"]) == {own_case.holder.pk, own_case.member.pk}
    assert meeting["guardians"] == [guardian["id"]] and len(meeting["attendees"]) == 3
    assert log.actions() == [(AuditAction.CREATE, "meeting")]

    path = url("meeting", case_id=own_case.case.pk, meeting_id=meeting["id"])
    assert client.get(path).json() == meeting
    with audited() as log:
        changed = patch(
            client,
            path,
            {"version": 1, "minutes": "Vi ble enige.", "status": "held", "guardians": []},
        )
    assert changed.status_code == 200, changed.content
    assert changed.json()["version"] == 2 and changed.json()["guardians"] == []
    assert log.actions() == [(AuditAction.UPDATE, "meeting")]
    listed = client.get(url("meetings", case_id=own_case.case.pk)).json()
    shown = next(m for m in listed if m["id"] == meeting["id"])
    assert shown["minutes"] == "Vi ble enige." and shown["status"] == "held"


def test_a_meeting_needs_a_place_or_video(own_case: OwnCase, client_for: ClientFor) -> None:
    before = counts(Meeting)
    response = post(
        client_of(client_for), url("meetings", case_id=own_case.case.pk), {"starts_at": NEXT_WEEK}
    )
    assert errors_of(response) == {"place": [str(MSG_MEETING_NEEDS_PLACE)]}
    assert counts(Meeting) == before


def test_unknown_attendee_is_named_and_nothing_saved(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(Meeting, MeetingAttendee)
    body = {"starts_at": NEXT_WEEK, "place": "Rom 1", "participants": [world.participant.pk]}
    response = post(client_of(client_for), url("meetings", case_id=own_case.case.pk), body)
    assert errors_of(response) == {"participants": [str(MSG_UNKNOWN_PARTICIPANT)]}
    assert counts(Meeting, MeetingAttendee) == before


def test_malformed_attendee_list_is_named_by_position(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    body = {"starts_at": NEXT_WEEK, "place": "Rom 1", "participants": [own_case.holder.pk, "x"]}
    response = post(client_of(client_for), url("meetings", case_id=own_case.case.pk), body)
    assert list(errors_of(response)) == ["participants.1"]


def test_bad_video_link_is_named(own_case: OwnCase, client_for: ClientFor) -> None:
    body = {"starts_at": NEXT_WEEK, "video_url": "ikke en lenke"}
    response = post(client_of(client_for), url("meetings", case_id=own_case.case.pk), body)
    assert list(errors_of(response)) == ["video_url"]


def test_stale_meeting_change_gets_409_with_the_meeting_as_now_saved(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    client = client_of(client_for)
    body = {"starts_at": NEXT_WEEK, "place": "Rom 1"}
    meeting = post(client, url("meetings", case_id=own_case.case.pk), body).json()
    path = url("meeting", case_id=own_case.case.pk, meeting_id=meeting["id"])
    assert patch(client, path, {"version": 1, "place": "Rom 2"}).status_code == 200
    response = patch(client_of(client_for, "participant"), path, {"version": 1, "place": "Rom 3"})
    assert response.status_code == 409
    assert response.json()["detail"] == str(MSG_CONFLICT)
    assert response.json()["current"]["place"] == "Rom 2"


def test_meeting_of_another_case_gets_404(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    client = client_of(client_for)
    path = url("meeting", case_id=own_case.case.pk, meeting_id=world.meeting.pk)
    assert client.get(path).status_code == 404
    assert patch(client, path, {"version": 1, "place": "Feil"}).status_code == 404
