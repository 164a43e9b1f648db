"""Figures across municipalities: only those that share, suppressed once, rows by scope."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.monitoring.aggregates import national_aggregate
from laget.monitoring.models import FigureSharing
from laget.monitoring.sample import add_sample_cases
from laget.orgs.models import Municipality, Unit, UnitKind
from laget.registry.models import RegistryRole, RegistryRoleKind
from laget.registry.programs import install_tibir
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def town(name: str, number: str, region: str, cases: int, shares: bool = True) -> Municipality:
    m = Municipality.objects.create(name=name, number=number, region=region)
    units = [
        Unit.objects.create(municipality=m, name=f"{name} {kind.label}", kind=kind)
        for kind in (UnitKind.KINDERGARTEN, UnitKind.HEALTH_CLINIC, UnitKind.SCHOOL)
    ]
    author = User.objects.create_user(username=f"a{number}", password="x")
    add_sample_cases(m, units, author, cases, seed=int(number))
    FigureSharing.objects.create(municipality=m, shares=shares)
    return m


@pytest.fixture
def country() -> dict[str, Municipality]:
    return {
        "big": town("Storby", "7801", "Øst", 300),
        "mid": town("Mellomby", "7802", "Øst", 60),
        "tiny": town("Småvik", "7803", "Vest", 3),
        "west": town("Vestøy", "7804", "Vest", 120),
        "private": town("Lukket", "7805", "Vest", 80, shares=False),
    }


def table(aggregate, slug: str):
    return next(t for t in aggregate.tables if t.slug == slug)


def test_only_sharing_municipalities_are_in_the_figures(country: dict[str, Municipality]) -> None:
    result = national_aggregate(lambda m: True)
    names = [row[0] for row in table(result, "levels").rows]
    assert sorted(names) == sorted(["Storby", "Mellomby", "Småvik", "Vestøy"])
    assert result.municipalities == 4


def test_a_municipality_with_three_cases_shows_no_count(country: dict[str, Municipality]) -> None:
    result = national_aggregate(lambda m: True)
    levels = table(result, "levels")
    tiny = next(row for row in levels.rows if row[0] == "Småvik")
    assert tiny[-1] == "<5"
    for t in result.tables:
        for row in t.rows:
            for value in row[2:]:
                assert not (value.isdigit() and 0 < int(value) < 5), (t.slug, row)


def test_a_regional_view_is_rows_of_the_national_table(country: dict[str, Municipality]) -> None:
    everything = national_aggregate(lambda m: True)
    west = national_aggregate(lambda m: m.region == "Vest")
    for whole, part in zip(everything.tables, west.tables, strict=True):
        assert set(part.rows) <= set(whole.rows)
        assert part.total == whole.total
        assert {row[1] for row in part.rows} <= {"Vest"}


def test_who_sees_which_rows(
    country: dict[str, Municipality], world: World, client_for: Callable[[str], Client]
) -> None:
    program = install_tibir()
    regional = User.objects.create_user(username="regional", password="x")
    RegistryRole.objects.create(
        user=regional, kind=RegistryRoleKind.REGIONAL, program=program, region="Øst"
    )
    client = Client()
    client.force_login(regional)
    rows = client.get(reverse("monitoring:aggregate")).context["aggregate"].tables[0].rows
    assert sorted(r[0] for r in rows) == ["Mellomby", "Storby"]
    # The world's coordinator follows Fjordvik, which does not share: no rows, only totals.
    response = client_for("coordinator").get(reverse("monitoring:aggregate"))
    assert response.context["aggregate"].shown == 0
    assert response.context["aggregate"].tables[0].total is not None


def test_the_admin_turns_sharing_on_and_off(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("admin")
    client.post(reverse("monitoring:sharing"), {"shares": "on"})
    assert FigureSharing.objects.get(municipality=world.municipality).shares is True
    client.post(reverse("monitoring:sharing"), {})
    sharing = FigureSharing.objects.get(municipality=world.municipality)
    assert sharing.shares is False
    from laget.audit.models import AuditEvent

    changes = AuditEvent.objects.filter(object_type="figure_sharing", object_id=sharing.pk)
    assert [e.actor_id for e in changes] == [world.users["admin"].pk] * 2
    # The coordinator reads the choice but cannot change it.
    assert (
        client_for("coordinator").post(reverse("monitoring:sharing"), {"shares": "on"}).status_code
        == 403
    )


def test_the_national_set_is_computed_once_and_shared_by_viewers(
    country: dict[str, Municipality], django_assert_max_num_queries
) -> None:
    from django.core.cache import cache
    from django.test import override_settings

    cache.clear()
    with override_settings(LAGET_FIGURE_CACHE_SECONDS=60):
        everything = national_aggregate(lambda m: True)
        with django_assert_max_num_queries(0):
            west = national_aggregate(lambda m: m.region == "Vest")
    cache.clear()
    assert {r[0] for r in west.tables[0].rows} == {"Småvik", "Vestøy"}
    assert set(west.tables[0].rows) <= set(everything.tables[0].rows)


def steering_user(municipality: Municipality, username: str) -> User:
    from laget.orgs.models import Role
    from laget.testing.world import add_member

    user = User.objects.create_user(username=username, password="x")
    add_member(user, municipality, None, Role.COORDINATOR)
    return user


def levels_row(client: Client, name: str) -> tuple[str, ...]:
    tables = client.get(reverse("monitoring:aggregate")).context["aggregate"].tables
    return next(row for row in table_of(tables, "levels").rows if row[0] == name)


def table_of(tables, slug: str):
    return next(t for t in tables if t.slug == slug)


def town_with_open_cases(name: str, number: str, region: str, open_cases: int) -> Municipality:
    from laget.cases.models import Case

    m = town(name, number, region, open_cases + 10)
    cases = Case.objects.filter(municipality=m).order_by("pk")
    cases.update(closed_at=None)
    extra = list(cases.values_list("pk", flat=True))[open_cases:]
    Case.objects.filter(pk__in=extra).update(closed_at=timezone.now())
    return m


def test_a_municipality_sees_its_own_29_cases_never_as_small(
    country: dict[str, Municipality],
) -> None:
    own = town_with_open_cases("Tjueni", "7806", "Øst", 29)
    client = Client()
    client.force_login(steering_user(own, "tjueni"))
    response = client.get(reverse("monitoring:aggregate"))
    assert response.context["aggregate"].has_own
    row = levels_row(client, "Tjueni")
    assert row[-1] == "29"
    assert "<5" not in row
    assert sum(int(v) for v in row[2:-1]) == 29
    assert "egne tall" in response.content.decode()
    # Everyone else reads the row from the one suppressed table, small levels hidden.
    national = national_aggregate(lambda m: True)
    public = next(r for r in table_of(national.tables, "levels").rows if r[0] == "Tjueni")
    for mine, theirs in zip(row[2:], public[2:], strict=True):
        assert theirs in (mine, "<5")
        assert theirs == "<5" or not 0 < int(theirs) < 5


def test_a_small_municipality_sees_its_own_small_numbers_and_others_do_not(
    country: dict[str, Municipality],
) -> None:
    tiny = country["tiny"]
    client = Client()
    client.force_login(steering_user(tiny, "smaavik"))
    row = levels_row(client, "Småvik")
    assert row[-1] == "3"
    outsider = Client()
    outsider.force_login(steering_user(country["big"], "storby"))
    everything = outsider.get(reverse("monitoring:aggregate")).context["aggregate"]
    assert [r[0] for r in table_of(everything.tables, "levels").rows] == ["Storby"]
    national = national_aggregate(lambda m: True, own=[country["big"].pk])
    tiny_row = next(r for r in table_of(national.tables, "levels").rows if r[0] == "Småvik")
    assert tiny_row[-1] == "<5"


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_two_sharing_municipalities_do_not_see_each_other_through_the_total(seed: int) -> None:
    a = town_with_open_cases("Ånes", "7811", "Nord", 29)
    b = town("Bø", f"78{seed:02d}", "Nord", 12 + seed)
    mine = national_aggregate(lambda m: m.pk == a.pk, own=[a.pk])
    public = national_aggregate(lambda m: True)
    for t, whole in zip(mine.tables, public.tables, strict=True):
        if t.slug not in ("levels", "reached"):
            continue
        own_row = t.rows[0]
        other = next(r for r in whole.rows if r[0] == b.name)
        assert t.total is not None
        for j in range(2, len(t.total)):
            if t.total[j] in ("<5", "–") or j >= len(own_row):
                continue
            # A shown total minus one's own is the other's value: shown to everyone anyway.
            assert other[j] == str(int(t.total[j]) - int(own_row[j])), (t.slug, j)
