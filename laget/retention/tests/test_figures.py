"""Statistics computed before a retention run do not change after it: the same functions the
dashboard and the report use, over every grouping and year, before and after."""

import datetime

import pytest
from django.utils import timezone

from laget.accounts.models import User
from laget.cases.models import Case
from laget.monitoring import indicators
from laget.monitoring.dashboard import municipal_dashboard
from laget.orgs.models import Municipality
from laget.retention.models import RetentionRun, RunStatus
from laget.retention.run import retention_run
from laget.retention.tests.conftest import Town

pytestmark = pytest.mark.django_db


def figures(municipality: Municipality, today: datetime.date) -> dict[object, object]:
    cases = Case.objects.filter(municipality=municipality)
    years = list(range(today.year - 5, today.year + 1))
    found: dict[object, object] = {}
    for by in ("unit_id", "unit__kind", "municipality_id"):
        found[by] = (
            indicators.cases_per_level(cases, by),
            indicators.highest_level_reached(cases, by),
            indicators.days_to_first_measure(cases, by),
            indicators.measures_evaluated_on_time(cases, by, today),
            indicators.cases_with_stafettholder(cases, by),
            indicators.family_participation(cases, by),
            indicators.transitions_with_handover_meeting(cases, by, today),
            # Sets of children's keys, shown as their sizes (a dropped key becomes another).
            {k: len(v) for k, v in indicators.reached_by(cases, years, by).items()},
        )
    found["reached"] = indicators.reached_per_service_and_year(cases, years)
    for year in years:
        for per_unit in (False, True):
            board = municipal_dashboard(municipality, year, today, per_unit=per_unit)
            found[year, per_unit] = (board.key_figures, board.figures)
    return found


def test_the_figures_are_the_same_after_the_run(
    town: Town, frozen: datetime.datetime, admin: User
) -> None:
    municipality = town.world.municipality
    today = timezone.localdate(frozen)
    before = figures(municipality, today)
    dry = retention_run(municipality=municipality, dry_run=True, now=frozen)
    RetentionRun.objects.filter(pk=dry.pk).update(approved_by=admin, approved_at=frozen)
    run = retention_run(municipality=municipality, dry_run=False, now=frozen)
    assert run.status == RunStatus.DONE, run.error
    assert run.total > 0
    assert Case.objects.filter(pk=town.gone.pk, anonymised_at__isnull=False).exists()
    after = figures(municipality, today)
    for key, value in before.items():
        assert after[key] == value, key
