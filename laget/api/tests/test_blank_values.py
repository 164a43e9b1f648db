"""Blank optional values: taken as empty where the API takes them, and the schema says "" is a
value wherever the API gives or takes it (issue 12, reproduction 4: a blank `video_url`, `web`,
`email`, `channel` or `outcome` broke the formats the schema declared)."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from laget.api.tests.helpers import ClientFor, errors_of, patch, post, url
from laget.testing.world import World

pytestmark = pytest.mark.django_db

NEXT_WEEK = (timezone.now() + datetime.timedelta(days=7)).isoformat()


def components() -> dict[str, Any]:
    response = Client().get(url("schema"))
    assert response.status_code == 200
    schemas: dict[str, Any] = response.json()["components"]["schemas"]
    return schemas


def takes_blank(schemas: dict[str, Any], prop: dict[str, Any]) -> bool:
    """Whether the property's schema admits "" (directly, or through one of its options)."""
    if "$ref" in prop:
        return takes_blank(schemas, schemas[prop["$ref"].rsplit("/", 1)[1]])
    options = prop.get("oneOf", []) + prop.get("anyOf", []) + prop.get("allOf", [])
    if options:
        return any(takes_blank(schemas, o) for o in options)
    if "enum" in prop:
        return "" in prop["enum"]
    return prop.get("type") == "string" and "format" not in prop and not prop.get("minLength")


@pytest.mark.parametrize(
    ("component", "field", "blank"),
    [
        # What the API gives: a value never set reads as "".
        ("Meeting", "video_url", True),
        ("Service", "web", True),
        ("Service", "email", True),
        ("Measure", "recurrence", True),
        ("ConsentParty", "channel", True),
        ("ConsentEvent", "channel", True),
        ("User", "email", True),
        # What the API takes: an optional link or address may be left empty...
        ("MeetingCreateRequest", "video_url", True),
        ("PatchedMeetingUpdateRequest", "video_url", True),
        ("TransitionCreateRequest", "video_url", True),
        ("ServiceWriteRequest", "web", True),
        ("ServiceWriteRequest", "email", True),
        ("GuardianCreateRequest", "email", True),
        ("StaffCreateRequest", "email", True),
        # ... but a choice the endpoint needs may not.
        ("MeasureEvaluateRequest", "outcome", False),
        ("AttendeeResponseRequest", "response", False),
    ],
)
def test_the_schema_says_where_blank_is_a_value(
    world: World, component: str, field: str, blank: bool
) -> None:
    schemas = components()
    assert takes_blank(schemas, schemas[component]["properties"][field]) is blank


def test_a_blank_video_link_is_taken_as_empty(world: World, client_for: ClientFor) -> None:
    client = client_for("stafettholder")
    body = {"starts_at": NEXT_WEEK, "place": "Rom 1", "video_url": ""}
    created = post(client, url("meetings", case_id=world.case.pk), body)
    assert created.status_code == 201, created.content
    assert created.json()["video_url"] == ""
    meeting = url("meeting", case_id=world.case.pk, meeting_id=created.json()["id"])
    changed = patch(client, meeting, {"version": created.json()["version"], "video_url": ""})
    assert changed.status_code == 200, changed.content


def test_a_blank_web_and_email_of_a_service_are_taken(world: World, client_for: ClientFor) -> None:
    body = {"name": "Familiesenteret", "web": "", "email": ""}
    response = post(client_for("coordinator"), url("services"), body)
    assert response.status_code == 201, response.content
    assert (response.json()["web"], response.json()["email"]) == ("", "")


def test_a_blank_outcome_is_a_400_on_the_field(world: World, client_for: ClientFor) -> None:
    measure = url("measure_evaluate", case_id=world.case.pk, measure_id=world.measure.pk)
    body = {"version": world.measure.version, "outcome": "", "text": "Gikk fint."}
    assert list(errors_of(post(client_for("stafettholder"), measure, body))) == ["outcome"]
