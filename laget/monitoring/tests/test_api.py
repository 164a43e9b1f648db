"""The indicators as JSON: the dashboard's figures, a clear 400 for a bad year."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.monitoring.dashboard import municipal_dashboard
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def test_the_api_gives_the_dashboards_figures(
    world: World, client_for: Callable[[str], Client]
) -> None:
    body = client_for("coordinator").get(reverse("api:indicators")).json()
    board = municipal_dashboard(world.municipality)
    assert body["municipality"] == world.municipality.name
    assert [f["slug"] for f in body["figures"]] == [f.slug for f in board.figures]
    levels = next(f for f in body["figures"] if f["slug"] == "levels")
    expected = next(f for f in board.figures if f.slug == "levels")
    assert levels["rows"] == [list(r) for r in expected.rows]
    assert levels["total"] == list(expected.total or ())


@pytest.mark.parametrize("year", ["1999", "neste", str(timezone.localdate().year + 1)])
def test_a_year_the_dashboard_does_not_offer_is_a_field_error(
    year: str, world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("admin").get(reverse("api:indicators"), {"year": year})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["year"]


def test_the_national_figures_name_how_many_share(
    world: World, client_for: Callable[[str], Client]
) -> None:
    body = client_for("admin").get(reverse("api:indicators_national")).json()
    assert body["shown"] == 0  # Fjordvik does not share
    assert {t["slug"] for t in body["tables"]} >= {"levels", "stafettholder", "reached"}
