"""Ids beyond what the database holds are refused with 400 naming the field, never a 500
(issue 12, reproduction 3); so are page offsets and years beyond it (or beyond the calendar)."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from laget.api.tests.helpers import every_door_token, token_client
from laget.testing.world import World

pytestmark = pytest.mark.django_db

TOO_BIG = 2**63


@pytest.mark.parametrize(
    ("name", "method", "kwargs", "body", "field"),
    [
        ("api:consents", "post", {}, {"units": [TOO_BIG], "purpose": "x"}, "units"),
        (
            "api:meetings",
            "post",
            {},
            {"starts_at": "2030-01-01T10:00:00+01:00", "place": "Rom", "participants": [TOO_BIG]},
            "participants",
        ),
        (
            "api:meetings",
            "post",
            {},
            {"starts_at": "2030-01-01T10:00:00+01:00", "place": "Rom", "guardians": [TOO_BIG]},
            "guardians",
        ),
        (
            "api:meeting",
            "patch",
            {"meeting_id": "meeting"},
            {"version": 1, "participants": [TOO_BIG]},
            "participants",
        ),
        ("api:meeting", "patch", {"meeting_id": "meeting"}, {"version": TOO_BIG}, "version"),
        ("api:participants", "post", {}, {"unit": TOO_BIG, "legal_basis": "consent"}, "unit"),
        (
            "api:measures",
            "post",
            {},
            {
                "title": "T",
                "goal": "G",
                "arena": "home",
                "responsible": TOO_BIG,
                "start_date": "2030-01-01",
                "evaluation_date": "2030-02-01",
            },
            "responsible",
        ),
    ],
)
def test_an_id_out_of_range_is_a_400_on_its_field(
    name: str,
    method: str,
    kwargs: dict[str, str],
    body: dict[str, object],
    field: str,
    world: World,
    client_for: Callable[[str], Client],
) -> None:
    url = reverse(
        name,
        kwargs={"case_id": world.case.pk, **{k: getattr(world, v).pk for k, v in kwargs.items()}},
    )
    response = getattr(client_for("stafettholder"), method)(
        url, body, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    named = response.json()["errors"]
    assert any(key == field or key.startswith(f"{field}.") for key in named), named


@pytest.mark.parametrize("name", ["registry_practitioners", "grants"])
def test_a_page_offset_beyond_the_database_is_a_400_on_it(name: str, world: World) -> None:
    """Found by the schemathesis run (laget/api/tests/test_fuzz.py): a 500 before."""
    client = token_client(every_door_token(world))
    response = client.get(reverse(f"api:{name}"), {"offset": str(TOO_BIG * 10**9)})
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["offset"]


@pytest.mark.parametrize("param", ["year", "term_year"])
def test_a_report_year_far_ahead_is_a_400_on_it(param: str, world: World) -> None:
    """Found by the schemathesis run: the filter's upper bound was shown, not checked (a 500)."""
    client = token_client(every_door_token(world))
    response = client.get(reverse("api:registry_report"), {param: "8388609"})
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [param]
