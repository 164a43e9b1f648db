"""The municipal dashboard and its PDF: figures, tables, and a constant number of queries."""

import io
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from laget.accounts.models import User
from laget.monitoring.dashboard import municipal_dashboard
from laget.monitoring.sample import add_sample_cases
from laget.orgs.models import Municipality, Unit, UnitKind
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def town(number: str) -> tuple[Municipality, list[Unit], User]:
    m = Municipality.objects.create(name=f"Prøvekommune {number}", number=number)
    units = [
        Unit.objects.create(municipality=m, name=f"Enhet {kind.label}", kind=kind)
        for kind in (UnitKind.KINDERGARTEN, UnitKind.HEALTH_CLINIC, UnitKind.SCHOOL)
    ]
    author = User.objects.create_user(username=f"forfatter{number}", password="x")
    return m, units, author


def queries_for_dashboard(municipality: Municipality) -> int:
    with CaptureQueriesContext(connection) as captured:
        municipal_dashboard(municipality)
    return len(captured.captured_queries)


def test_the_dashboard_takes_as_many_queries_for_5000_cases_as_for_10() -> None:
    small, small_units, a = town("7711")
    add_sample_cases(small, small_units, a, 10, seed=1)
    large, large_units, b = town("7712")
    add_sample_cases(large, large_units, b, 5000, seed=2)
    few = queries_for_dashboard(small)
    many = queries_for_dashboard(large)
    assert few == many
    # Computed: no rollup (test_rollups.py has the count with one); the training figure is one.
    assert many <= 17


def test_the_dashboard_counts_what_the_cases_hold() -> None:
    m, units, author = town("7713")
    add_sample_cases(m, units, author, 200, seed=3)
    board = municipal_dashboard(m)
    levels = next(f for f in board.figures if f.slug == "levels")
    from laget.cases.models import Case

    open_cases = Case.objects.filter(municipality=m, closed_at__isnull=True)
    assert levels.total is not None
    assert levels.total[-1] == str(open_cases.count())
    assert [b.value for b in levels.bars] == [open_cases.filter(level=n).count() for n in range(4)]
    # Every unit row's levels add up to its total.
    for row in levels.rows:
        assert sum(int(v) for v in row[1:5]) == int(row[5])


def test_the_dashboard_page_shows_every_chart_with_its_table(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").get(reverse("monitoring:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    board = response.context["dashboard"]
    for figure in board.figures:
        assert f'id="figur-{figure.slug}"' in html
        if figure.bars:
            assert f'data-chart="{figure.slug}"' in html
            assert f'id="figur-{figure.slug}-tabell"' in html


def test_a_year_outside_the_offered_ones_falls_back_to_this_year(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").get(reverse("monitoring:dashboard"), {"ar": "1999"})
    assert response.context["dashboard"].year == response.context["dashboard"].today.year


def test_the_report_pdf_holds_the_dashboards_figures(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("admin")
    response = client.get(reverse("monitoring:report_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "rapport til styringsgruppen" in text
    board = client.get(reverse("monitoring:dashboard")).context["dashboard"]
    for figure in board.figures:
        assert figure.title in text
    for key in board.key_figures:
        assert key.label in text
