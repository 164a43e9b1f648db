"""Results as CSV and XLSX and a chart per question: the same round rule and the same hidden
groups as the results page."""

import csv
import io
from collections.abc import Callable

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from laget.orgs.models import Municipality, Unit, UnitKind
from laget.surveys.charts import question_chart
from laget.surveys.selectors import round_results
from laget.surveys.starter import USE_FREQUENCY
from laget.surveys.testing import STEERING, open_round
from laget.surveys.tests.test_results import follow_up
from laget.testing.world import ROLES, World

pytestmark = pytest.mark.django_db

EXPORTS = ["surveys:round_results_csv", "surveys:round_results_xlsx"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", EXPORTS)
def test_exports_are_for_those_who_see_the_results_page(
    world: World, client_for: Callable[[str], Client], role: str, route: str
) -> None:
    round_ = open_round(world.municipality)
    client = client_for(role)
    page = client.get(reverse("surveys:round_results", args=[round_.pk]))
    export = client.get(reverse(route, args=[round_.pk]))
    assert export.status_code == page.status_code
    if role in STEERING:
        assert export.status_code == 200
        assert export["Content-Disposition"].startswith("attachment;")
        assert "no-store" in export["Cache-Control"]
    elif world.user(role) is None:
        assert export.status_code == 302
    else:
        assert export.status_code in (403, 404)


@pytest.mark.parametrize("route", EXPORTS)
def test_another_municipalitys_round_is_missing(
    world: World, client_for: Callable[[str], Client], route: str
) -> None:
    other = Municipality.objects.create(name="Annenby", number="8801")
    Unit.objects.create(municipality=other, name="Annenby skole", kind=UnitKind.SCHOOL)
    round_ = open_round(other)
    assert client_for("coordinator").get(reverse(route, args=[round_.pk])).status_code == 404


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_holds_the_pages_figures_and_hides_the_same_groups(
    world: World, client_for: Callable[[str], Client]
) -> None:
    ppt = [("weekly", "yes"), ("never", "no")]
    round_ = follow_up(world, ppt=(5, ppt))
    results = round_results(round_)
    rows = csv_rows(
        client_for("coordinator")
        .get(reverse("surveys:round_results_csv", args=[round_.pk]))
        .content
    )
    heading = rows[3]
    assert heading[:4] == [
        "Spørsmål",
        "Svar",
        "Alle som svarte: antall",
        "Alle som svarte: prosent",
    ]
    use = results.cross_tab
    assert use is not None
    monthly = next(r for r in rows if len(r) > 1 and r[0] == use.text and r[1] == "Hver måned")
    # All 27: monthly 8 (29.6 %); the health clinic and PPT hidden.
    assert monthly[2:4] == ["8", "29,6"]
    groups = [c.label for c in use.columns]
    for i, group in enumerate(groups):
        cells = monthly[2 + 2 * i : 4 + 2 * i]
        column = use.columns[i]
        assert (cells == ["skjult", "skjult"]) == column.hidden, group
    # No number of a hidden group anywhere: every cell of a hidden column says so.
    hidden_at = [2 + 2 * i for i, c in enumerate(use.columns) if c.hidden]
    for row in rows[4:]:
        for j in hidden_at:
            assert row[j] == "skjult", row


def test_the_xlsx_has_the_same_rows_as_the_csv(
    world: World, client_for: Callable[[str], Client]
) -> None:
    round_ = follow_up(world)
    client = client_for("admin")
    rows = csv_rows(client.get(reverse("surveys:round_results_csv", args=[round_.pk])).content)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("surveys:round_results_xlsx", args=[round_.pk])).content)
    )
    sheet = [
        [
            "" if v is None else str(v).replace(".", ",") if isinstance(v, float) else str(v)
            for v in row
        ]
        for row in book.active.iter_rows(values_only=True)
    ]

    def value(text: str) -> object:
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return text

    def trimmed(table: list[list[str]]) -> list[list[object]]:
        out = []
        for row in table:
            while row and row[-1] == "":
                row = row[:-1]
            if row:
                out.append([value(v) for v in row])
        return out

    assert trimmed(sheet) == trimmed(rows)


def test_a_chart_per_question_with_a_bar_per_group(world: World) -> None:
    ppt = [("weekly", "yes"), ("never", "no")]
    results = round_results(follow_up(world, ppt=(5, ppt)))
    use = results.question(USE_FREQUENCY)
    assert use is not None
    chart = question_chart(use)
    assert [b.label for b in chart.bars] == [c.label for c in use.columns]
    assert chart.bars[0].label == "Alle som svarte"
    for bar, column in zip(chart.bars, use.columns, strict=True):
        assert bar.hidden == column.hidden
        if not bar.hidden:
            # The segments fill the bar: 100 % (up to rounding).
            assert abs(sum(s.width for s in bar.segments) - 300) < 1.5
    assert [item.label for item in chart.legend] == [label for _v, label in use.options]
    # Options go light to dark in order.
    shades = [item.shade for item in chart.legend]
    assert shades == sorted(shades) and shades[0] == 0 and shades[-1] == 6


def test_the_results_page_draws_every_question_and_links_the_exports(
    world: World, client_for: Callable[[str], Client]
) -> None:
    round_ = follow_up(world)
    html = client_for("coordinator").get(reverse("surveys:round_results", args=[round_.pk]))
    text = html.content.decode()
    assert text.count('data-chart="q-') == len(round_results(round_).questions)
    assert reverse("surveys:round_results_csv", args=[round_.pk]) in text
    assert reverse("surveys:round_results_xlsx", args=[round_.pk]) in text
    # Every number column's heading is right-aligned like its numbers, "all" included.
    assert '<th scope="col" class="num">Alle som svarte</th>' in text
