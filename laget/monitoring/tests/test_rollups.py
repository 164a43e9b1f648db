"""Figures from rollups: equal to the computed figures, refreshed by the command, never stale.

The equality test runs the sample generator with several seeds, adds what it leaves out (the
family writing, children with guardians shared between siblings, units of other kinds taking
part, an inactive unit) and compares every figure of both pages, and the pages themselves.
"""

import dataclasses
import datetime
import io
import random
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.cases.choices import Audience, EntryKind, ParticipantRole
from laget.cases.models import Case, Entry, Participant
from laget.monitoring import indicators
from laget.monitoring.dashboard import Dashboard, municipal_dashboard
from laget.monitoring.indicators import Key
from laget.monitoring.models import FigureRollup
from laget.monitoring.rollups import compute_case_figures, refresh_rollups, years_shown
from laget.monitoring.sample import add_sample_cases
from laget.monitoring.testing import steering_town
from laget.orgs.models import Municipality, Unit, UnitKind
from laget.people.models import Guardian, Subject

pytestmark = pytest.mark.django_db

COMPUTED = override_settings(LAGET_ROLLUP_MAX_AGE_SECONDS=0)
AS_OF_LINE = re.compile(r'<p class="meta" data-figures-as-of=.*?</p>', re.S)
MAIN = re.compile(r"<main.*</main>", re.S)  # the page's content (the head has a fresh token)


def content(html: str) -> str:
    match = MAIN.search(html)
    assert match is not None
    return AS_OF_LINE.sub("", match.group(0))


def town(number: str, units_per_kind: int = 2) -> tuple[Municipality, list[Unit], User]:
    """A municipality with units of four kinds, one of them inactive, and its coordinator."""
    m, units, user = steering_town(f"Rullby {number}", number)
    for kind in (UnitKind.KINDERGARTEN, UnitKind.SCHOOL, UnitKind.PPT):
        units += [
            Unit.objects.create(municipality=m, name=f"{kind.label} {i + 2}", kind=kind)
            for i in range(units_per_kind)
        ]
    units.append(
        Unit.objects.create(
            municipality=m, name="Nedlagt skole", kind=UnitKind.SCHOOL, is_active=False
        )
    )
    return m, units, user


def add_family_and_children(m: Municipality, units: list[Unit], author: User, seed: int) -> None:
    """What add_sample_cases leaves out: entries by the family (some glimmers), children known
    by national id whose siblings share a guardian, and units of other kinds taking part."""
    rng = random.Random(seed)
    cases = list(Case.objects.filter(municipality=m).order_by("pk"))
    for case in rng.sample(cases, len(cases) // 4):
        for _ in range(rng.randrange(1, 3)):
            Entry.objects.create(
                case=case,
                kind=rng.choice([EntryKind.GLIMMER, EntryKind.OBSERVATION]),
                text="Fra familien",
                audience=Audience.ALL,
                author=author,
                author_unit=None,
                author_is_child=True,  # the child wrote it (or a guardian: no unit either way)
                created_at=case.opened_at,
            )
    guardians = [f"0{d}017012345" for d in range(1, 8)]
    for i, case in enumerate(rng.sample(cases, len(cases) // 5)):
        child = Subject.objects.create(
            municipality=m,
            kind="child",
            given_name=f"Barn {i}",
            family_name="Test",
            national_id=f"{seed:02d}0170{i:05d}",
        )
        for gid in rng.sample(guardians, rng.randrange(1, 3)):
            Guardian.objects.create(subject=child, name="Foresatt", national_id=gid)
        Case.objects.filter(pk=case.pk).update(subject=child)
    for case in rng.sample(cases, len(cases) // 6):
        other = rng.choice([u for u in units if u.pk != case.unit_id])
        Participant.objects.create(
            case=case,
            unit=other,
            role=ParticipantRole.PARTICIPANT,
            legal_basis="statute",
            basis_ref="Egen tjeneste",
            statute_key="egen-tjeneste",
            joined_at=case.opened_at + datetime.timedelta(days=rng.randrange(0, 400)),
            added_by=author,
        )


def assert_grouping_by_kind_counts_as_the_indicators_do(m: Municipality, year: int) -> None:
    """The page per kind of service sums the units' figures (CaseFigures.grouped); that equals
    what the indicators count grouped by the unit's kind in the database."""
    today = timezone.localdate()
    kinds: dict[Key, Key] = dict(Unit.objects.values_list("pk", "kind"))
    grouped = compute_case_figures(m, year, today).grouped(kinds)
    cases = Case.objects.filter(municipality=m)
    since, by = datetime.date(year, 1, 1), "unit__kind"
    opened = cases.filter(opened_at__year=year)
    assert grouped.levels == indicators.cases_per_level(cases, by)
    assert grouped.holders == indicators.cases_with_stafettholder(cases, by)
    assert grouped.family == indicators.family_participation(cases, by)
    assert grouped.on_time == indicators.measures_evaluated_on_time(cases, by, today, since)
    assert grouped.transitions == indicators.transitions_with_handover_meeting(
        cases, by, today, since
    )
    first = indicators.days_to_first_measure(opened, by)
    assert {k: sorted(v) for k, v in grouped.first.items()} == {
        k: sorted(v) for k, v in first.items()
    }


def without_time(board: Dashboard) -> Dashboard:
    return dataclasses.replace(board, as_of=None, rolled_up=False)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_figures_from_rollups_equal_the_computed_figures(seed: int) -> None:
    m, units, user = town(f"78{seed:02d}", units_per_kind=seed + 1)
    add_sample_cases(m, units, user, 150 * seed, seed=seed)
    add_family_and_children(m, units, user, seed)
    with COMPUTED:
        computed = {
            (year, per_unit): municipal_dashboard(m, year, per_unit=per_unit)
            for year in years_shown(timezone.localdate())
            for per_unit in (False, True)
        }
    for year in years_shown(timezone.localdate()):
        assert_grouping_by_kind_counts_as_the_indicators_do(m, year)
    refresh_rollups(m)
    for (year, per_unit), expected in computed.items():
        rolled = municipal_dashboard(m, year, per_unit=per_unit)
        assert rolled.rolled_up and not expected.rolled_up
        assert without_time(rolled) == without_time(expected), (year, per_unit)
    # The figures are not empty: each page has rows in every figure of the cases.
    board = computed[timezone.localdate().year, True]
    slugs = ("levels", "stafettholder", "family", "reached")
    assert all(next(f for f in board.figures if f.slug == s).rows for s in slugs)


def test_both_pages_read_from_rollups_show_what_computed_pages_show() -> None:
    m, units, user = town("7821")
    add_sample_cases(m, units, user, 120, seed=7)
    add_family_and_children(m, units, user, 7)
    client = Client()
    client.force_login(user)
    pages = [reverse("monitoring:dashboard"), reverse("monitoring:dashboard_units")]
    with COMPUTED:
        computed = [client.get(url).content.decode() for url in pages]
    call_command("refresh_figures", stdout=io.StringIO())
    for url, expected in zip(pages, computed, strict=True):
        response = client.get(url)
        assert response.context["dashboard"].rolled_up
        assert content(response.content.decode()) == content(expected)


def open_cases_on(client: Client) -> str:
    board = client.get(reverse("monitoring:dashboard")).context["dashboard"]
    return next(k.value for k in board.key_figures if k.label == "Åpne saker")


def test_the_refresh_command_makes_a_change_visible() -> None:
    m, units, user = town("7822")
    add_sample_cases(m, units, user, 40, seed=4)
    client = Client()
    client.force_login(user)
    call_command("refresh_figures", municipality=m.number, stdout=io.StringIO())
    before = open_cases_on(client)
    Case.objects.create(municipality=m, unit=units[0], label="Ny", level=1, opened_by=user)
    # The page shows the rollup, with its time, until the next refresh ...
    response = client.get(reverse("monitoring:dashboard"))
    rollup = FigureRollup.objects.get(municipality=m, year=timezone.localdate().year)
    assert response.context["dashboard"].as_of == rollup.computed_at
    assert open_cases_on(client) == before
    local = timezone.localtime(rollup.computed_at)
    assert f"kl. {local:%H.%M}" in response.content.decode()
    # ... which counts the new case.
    call_command("refresh_figures", stdout=io.StringIO())
    assert open_cases_on(client) == str(int(before) + 1)


def test_a_stale_rollup_is_not_shown_the_figures_are_computed() -> None:
    m, units, user = town("7823")
    add_sample_cases(m, units, user, 40, seed=5)
    client = Client()
    client.force_login(user)
    refresh_rollups(m)
    before = open_cases_on(client)
    Case.objects.create(municipality=m, unit=units[0], label="Ny", level=1, opened_by=user)
    now = timezone.now()
    with override_settings(LAGET_ROLLUP_MAX_AGE_SECONDS=600):
        FigureRollup.objects.filter(municipality=m).update(
            computed_at=now - datetime.timedelta(seconds=601)
        )
        assert open_cases_on(client) == str(int(before) + 1)
        # Made today within the age, but for another day: not used either.
        FigureRollup.objects.filter(municipality=m).update(
            computed_at=now, for_date=timezone.localdate() - datetime.timedelta(days=1)
        )
        board = client.get(reverse("monitoring:dashboard")).context["dashboard"]
        assert not board.rolled_up
        assert open_cases_on(client) == str(int(before) + 1)
    FigureRollup.objects.filter(municipality=m).delete()
    assert open_cases_on(client) == str(int(before) + 1)


def page_queries(client: Client, name: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name))
    assert response.context["dashboard"].rolled_up
    return len(captured.captured_queries)


def test_pages_from_rollups_take_as_many_queries_for_600_cases_as_for_10() -> None:
    small, small_units, small_user = town("7824", units_per_kind=1)
    add_sample_cases(small, small_units, small_user, 10, seed=1)
    large, large_units, large_user = town("7825", units_per_kind=12)
    add_sample_cases(large, large_units, large_user, 600, seed=2)
    add_family_and_children(large, large_units, large_user, 2)
    call_command("refresh_figures", stdout=io.StringIO())
    few, many = Client(), Client()
    few.force_login(small_user)
    many.force_login(large_user)
    for name in ("monitoring:dashboard", "monitoring:dashboard_units"):
        assert page_queries(few, name) == page_queries(many, name)
    with CaptureQueriesContext(connection) as captured:
        municipal_dashboard(large)
    # The rollup, the units, and the implementation plans and surveys (sections.py).
    assert len(captured.captured_queries) <= 10
