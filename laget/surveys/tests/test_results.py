"""Survey results against figures worked out by hand from responses written for the test.

Three services answer a follow-up round; the kindergarten also answered a baseline before.
Each response is (how often the guide is used, has used the stafettlogg); the other questions
get their first option.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laget.orgs.models import Unit
from laget.surveys.models import Round, RoundUnit
from laget.surveys.results import MIN_GROUP, percent, points, suppressed
from laget.surveys.selectors import RoundResults, latest_round_summary, round_results
from laget.surveys.services import round_create
from laget.surveys.starter import USE_FREQUENCY, install_starter_questionnaire
from laget.surveys.testing import submit
from laget.testing.world import World

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)

# Follow-up round: 12 of 20 invited in the kindergarten, 6 of 8 at the health clinic, 7 of 10
# at the school.
KINDERGARTEN = [
    ("never", "no"),
    ("few_per_year", "no"),
    ("few_per_year", "yes"),
    ("few_per_half_year", "no"),
    ("few_per_half_year", "yes"),
    ("monthly", "yes"),
    ("monthly", "yes"),
    ("monthly", "no"),
    ("monthly", "yes"),
    ("monthly", "no"),
    ("weekly", "yes"),
    ("weekly", "no"),
]
HEALTH_CLINIC = [
    ("few_per_year", "no"),
    ("few_per_half_year", "yes"),
    ("monthly", "no"),
    ("weekly", "yes"),
    ("weekly", "yes"),
    ("weekly", "no"),
]
SCHOOL = [
    ("few_per_year", "no"),
    ("few_per_half_year", "no"),
    ("few_per_half_year", "yes"),
    ("monthly", "no"),
    ("monthly", "no"),
    ("weekly", "yes"),
    ("weekly", "no"),
]
# Baseline round: 10 of 15 invited in the kindergarten.
BASELINE = [
    ("never", "no"),
    ("never", "no"),
    ("never", "yes"),
    ("never", "no"),
    ("few_per_year", "no"),
    ("few_per_year", "no"),
    ("few_per_year", "yes"),
    ("few_per_half_year", "no"),
    ("monthly", "no"),
    ("monthly", "no"),
]


def make_round(
    world: World,
    name: str,
    answers: dict[str, tuple[int, list[tuple[str, str]]]],
    previous: Round | None = None,
) -> Round:
    questionnaire = install_starter_questionnaire(world.municipality)
    units: dict[Unit, int] = {world.units[k]: invited for k, (invited, _) in answers.items()}
    round_ = round_create(
        questionnaire=questionnaire,
        name=name,
        kind="follow_up" if previous else "baseline",
        opens_on=TODAY - datetime.timedelta(days=7),
        closes_on=TODAY + datetime.timedelta(days=7),
        invited=units,
        previous=previous,
    )
    for key, (_invited, rows) in answers.items():
        link = RoundUnit.objects.get(round=round_, unit=world.units[key])
        for use, used_log in rows:
            submit(link, {USE_FREQUENCY: use, "used_log": used_log}, today=TODAY)
    return round_


def follow_up(world: World, **extra: tuple[int, list[tuple[str, str]]]) -> Round:
    baseline = make_round(world, "Førmåling", {"kindergarten": (15, BASELINE)})
    return make_round(
        world,
        "Oppfølging",
        {
            "kindergarten": (20, KINDERGARTEN),
            "health_clinic": (8, HEALTH_CLINIC),
            "school": (10, SCHOOL),
            **extra,
        },
        previous=baseline,
    )


def shares(results: RoundResults, key: str, group: str) -> dict[str, Decimal | None]:
    q = results.question(key)
    assert q is not None
    column = next(c for c in q.columns if c.group == group)
    return {s.value: s.percent for s in column.shares}


def test_response_rates_per_service_and_in_total(world: World) -> None:
    results = round_results(follow_up(world))
    rates = {r.key: (r.responses, r.invited, r.percent) for r in results.kind_rates}
    assert rates == {
        "kindergarten": (12, 20, Decimal("60.0")),
        "health_clinic": (6, 8, Decimal("75.0")),
        "school": (7, 10, Decimal("70.0")),
    }
    # 25 of 38 = 65.789… %
    assert (results.total.responses, results.total.invited) == (25, 38)
    assert results.total.percent == Decimal("65.8")
    assert not results.total_hidden


def test_cross_tab_of_use_by_service_in_percent_of_each_column(world: World) -> None:
    results = round_results(follow_up(world))
    assert shares(results, USE_FREQUENCY, "kindergarten") == {
        "never": Decimal("8.3"),  # 1 of 12
        "few_per_year": Decimal("16.7"),  # 2 of 12
        "few_per_half_year": Decimal("16.7"),
        "monthly": Decimal("41.7"),  # 5 of 12
        "weekly": Decimal("16.7"),
    }
    assert shares(results, USE_FREQUENCY, "health_clinic") == {
        "never": Decimal("0.0"),
        "few_per_year": Decimal("16.7"),  # 1 of 6
        "few_per_half_year": Decimal("16.7"),
        "monthly": Decimal("16.7"),
        "weekly": Decimal("50.0"),  # 3 of 6
    }
    assert shares(results, USE_FREQUENCY, "school") == {
        "never": Decimal("0.0"),
        "few_per_year": Decimal("14.3"),  # 1 of 7
        "few_per_half_year": Decimal("28.6"),  # 2 of 7
        "monthly": Decimal("28.6"),
        "weekly": Decimal("28.6"),
    }
    # All 25: never 1, a few a year 4, a few a half-year 5, monthly 8, weekly 7.
    assert shares(results, USE_FREQUENCY, "total") == {
        "never": Decimal("4.0"),
        "few_per_year": Decimal("16.0"),
        "few_per_half_year": Decimal("20.0"),
        "monthly": Decimal("32.0"),
        "weekly": Decimal("28.0"),
    }
    total = results.cross_tab
    assert total is not None and total.total.answered == 25
    assert [s.count for s in total.total.shares] == [1, 4, 5, 8, 7]


def test_change_from_the_previous_round_in_percentage_points(world: World) -> None:
    results = round_results(follow_up(world))
    changes = {
        c.key: {o.value: (o.before, o.now, o.points) for o in c.options} for c in results.changes
    }
    # Has used the log: 2 of 10 before, 11 of 25 now.
    assert changes["used_log"] == {
        "yes": (Decimal("20.0"), Decimal("44.0"), Decimal("24.0")),
        "no": (Decimal("80.0"), Decimal("56.0"), Decimal("-24.0")),
    }
    # Monthly use: 2 of 10 before, 8 of 25 now; never: 4 of 10 before, 1 of 25 now.
    assert changes[USE_FREQUENCY]["monthly"] == (Decimal("20.0"), Decimal("32.0"), Decimal("12.0"))
    assert changes[USE_FREQUENCY]["never"] == (Decimal("40.0"), Decimal("4.0"), Decimal("-36.0"))
    assert changes[USE_FREQUENCY]["weekly"] == (Decimal("0.0"), Decimal("28.0"), Decimal("28.0"))


def test_a_service_with_fewer_than_5_responses_is_hidden_and_one_more_with_it(
    world: World,
) -> None:
    """PPT's 2 answers are hidden; so is the smallest other column (health clinic, 6), or PPT's
    could be worked out as the total minus the columns shown."""
    ppt = [("weekly", "yes"), ("never", "no")]
    results = round_results(follow_up(world, ppt=(5, ppt)))
    q = results.cross_tab
    assert q is not None
    hidden = {c.group: c.hidden for c in q.by_kind}
    assert hidden == {
        "health_clinic": True,
        "kindergarten": False,
        "school": False,
        "ppt": True,
    }
    assert all(c.shares == [] for c in q.by_kind if c.hidden)
    # Response rates are counts, not answers: still shown for PPT (2 of 5).
    assert next(r for r in results.kind_rates if r.key == "ppt").percent == Decimal("40.0")


def test_a_round_with_fewer_than_5_responses_shows_no_figures(
    world: World, client_for: Callable[[str], Client]
) -> None:
    round_ = make_round(world, "Liten runde", {"kindergarten": (4, KINDERGARTEN[:4])})
    results = round_results(round_)
    assert results.total_hidden
    assert all(q.total.shares == [] and all(c.hidden for c in q.by_kind) for q in results.questions)
    page = client_for("coordinator").get(reverse("surveys:round_results", args=[round_.pk]))
    html = page.content.decode()
    assert "færre enn 5 svar" in html
    assert "%" not in html.split("Antall svar", 1)[1].split("</table>", 1)[0].replace("–", "")


def test_results_page_shows_the_cross_tab(
    world: World, client_for: Callable[[str], Client]
) -> None:
    round_ = follow_up(world)
    page = client_for("coordinator").get(reverse("surveys:round_results", args=[round_.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "41,7 %" in html and "65,8 %" in html and "+24,0" in html


def test_results_take_a_constant_number_of_queries(world: World) -> None:
    small = make_round(world, "Liten", {"kindergarten": (20, KINDERGARTEN[:5])})
    large = follow_up(world, ppt=(5, [("weekly", "yes")] * 5))
    large = Round.objects.select_related("questionnaire", "previous").get(pk=large.pk)
    small = Round.objects.select_related("questionnaire", "previous").get(pk=small.pk)
    with CaptureQueriesContext(connection) as few:
        round_results(small)
    with CaptureQueriesContext(connection) as many:
        round_results(large)
    # Units with their counts, answers grouped, questions, options; and the same for the
    # previous round.
    assert len(few.captured_queries) == 4
    assert len(many.captured_queries) == 8
    with CaptureQueriesContext(connection) as latest:
        summary = latest_round_summary(world.municipality)
    assert summary is not None and summary.round.pk == large.pk
    assert len(latest.captured_queries) == 9


def test_latest_round_summary_is_none_without_responses(world: World) -> None:
    make_round(world, "Tom", {"school": (10, [])})
    assert latest_round_summary(world.municipality) is None


def test_percent_rounds_half_up_to_one_decimal_and_needs_someone_invited() -> None:
    assert percent(5, 12) == Decimal("41.7")
    assert percent(1, 8) == Decimal("12.5")
    assert percent(1, 16) == Decimal("6.3")  # 6.25 rounds up
    assert percent(3, 0) is None
    assert points(11, 25, 2, 10) == Decimal("24.0")
    assert points(1, 3, 1, 2) == Decimal("-16.7")


def test_suppression_hides_enough_to_stop_subtraction() -> None:
    assert MIN_GROUP == 5
    assert suppressed({"a": 12, "b": 6, "c": 7}, total_shown=True) == set()
    assert suppressed({"a": 12, "b": 6, "c": 2}, total_shown=True) == {"b", "c"}
    assert suppressed({"a": 12, "b": 1, "c": 2, "d": 3}, total_shown=True) == {"b", "c", "d"}
    assert suppressed({"a": 12, "b": 6, "c": 2}, total_shown=False) == {"c"}
    assert suppressed({"a": 12, "b": 6, "c": 0}, total_shown=True) == {"c"}
