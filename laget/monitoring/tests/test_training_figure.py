"""The dashboard's training figure: per service, the share of staff who completed the core
training (laget/training/figures.py); the same computed and from the rollup, in a fixed number
of queries whatever the number of staff."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laget.accounts.models import User
from laget.monitoring.dashboard import municipal_dashboard
from laget.monitoring.figures import Figure
from laget.monitoring.rollups import refresh_rollups
from laget.monitoring.testing import steering_town
from laget.orgs.models import Municipality, Role, Unit
from laget.testing.world import add_member, make_user
from laget.training.models import TrainingItem, TrainingKind
from laget.training.services import training_complete
from laget.training.starter import CONVERSATION, LEVEL_0, install_starter_training

pytestmark = pytest.mark.django_db

COMPUTED = override_settings(LAGET_ROLLUP_MAX_AGE_SECONDS=0)


def training_figure(m: Municipality, *, per_unit: bool = False) -> Figure:
    board = municipal_dashboard(m, per_unit=per_unit)
    return next(f for f in board.figures if f.slug == "training")


def staff(m: Municipality, unit: Unit, count: int, prefix: str) -> list[User]:
    people = []
    for i in range(count):
        user = make_user(f"{prefix}{m.number}{i}", "Ansatt", f"{prefix} {i}")
        add_member(user, m, unit, Role.EMPLOYEE)
        people.append(user)
    return people


def core_done(user: User) -> None:
    for slug in (CONVERSATION, LEVEL_0):
        training_complete(by=user, item=TrainingItem.objects.get(municipality=None, slug=slug))


def test_the_share_per_service_counts_staff_with_all_the_core_training() -> None:
    install_starter_training(by=None)
    m, (kindergarten, clinic, school), _coordinator = steering_town("Lærby", "9701")
    kids = staff(m, kindergarten, 4, "bhg")
    nurses = staff(m, clinic, 2, "hs")
    staff(m, school, 1, "sk")
    core_done(kids[0])
    core_done(kids[1])
    core_done(nurses[0])
    # Only one of the two core items: not counted as trained.
    training_complete(by=kids[2], item=TrainingItem.objects.get(slug=CONVERSATION))
    with COMPUTED:
        rows = {r[0]: r[1:] for r in training_figure(m).rows}
    assert rows["Barnehage"] == ("2", "4", "50 %")
    assert rows["Helsestasjon"] == ("1", "2", "50 %")
    assert rows["Skole"] == ("0", "1", "0 %")
    # A municipality's own core item counts for its staff too: nobody has done it yet.
    TrainingItem.objects.create(
        municipality=m, slug="lokal", title="Lokal", kind=TrainingKind.TEXT, is_core=True
    )
    with COMPUTED:
        rows = {r[0]: r[1:] for r in training_figure(m).rows}
        total = training_figure(m).total
    assert rows["Barnehage"] == ("0", "4", "0 %")
    assert total == ("I alt", "0", "7", "0 %")


def test_the_figure_is_the_same_computed_and_from_the_rollup() -> None:
    install_starter_training(by=None)
    m, (kindergarten, clinic, _school), _coordinator = steering_town("Rullær", "9702")
    for user in staff(m, kindergarten, 3, "a")[:2] + staff(m, clinic, 3, "b")[:1]:
        core_done(user)
    with COMPUTED:
        computed = {p: training_figure(m, per_unit=p) for p in (False, True)}
    refresh_rollups(m)
    for per_unit, expected in computed.items():
        board = municipal_dashboard(m, per_unit=per_unit)
        assert board.rolled_up
        assert next(f for f in board.figures if f.slug == "training") == expected
    assert {r[0]: r[1] for r in computed[True].rows} == {
        kindergarten.name: "2",
        clinic.name: "1",
    }


def dashboard_queries(m: Municipality) -> int:
    with COMPUTED, CaptureQueriesContext(connection) as captured:
        municipal_dashboard(m, timezone.localdate().year)
    return len(captured.captured_queries)


def test_the_figure_takes_as_many_queries_for_forty_staff_as_for_two() -> None:
    install_starter_training(by=None)
    small, (s_unit, *_), _ = steering_town("Litenby", "9703")
    large, (l_unit, l_unit2, _l3), _ = steering_town("Storby", "9704")
    for user in staff(small, s_unit, 2, "s"):
        core_done(user)
    for i, user in enumerate(staff(large, l_unit, 20, "l") + staff(large, l_unit2, 20, "m")):
        if i % 2:
            core_done(user)
    assert dashboard_queries(small) == dashboard_queries(large)
