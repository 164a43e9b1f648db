"""A moved case is counted once: by the municipality that holds it now (docs/TRANSFER.md), in
the dashboards, in the figures shared between municipalities and in the children reached.
And a participation on a local statute of the old municipality does not break the case page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.cases.access import Need, case_for
from laget.cases.choices import LegalBasis
from laget.cases.models import Case
from laget.cases.services.participants import participant_add
from laget.cases.services.statutes import local_statute_create
from laget.monitoring import indicators
from laget.orgs.actors import actor_for
from laget.orgs.models import UnitKind
from laget.testing.world import World
from laget.transfer.models import Transfer
from laget.transfer.tests.conftest import accept, client_of, propose

pytestmark = pytest.mark.django_db


def _open_cases(world: World, world_b: World) -> dict[int, int]:
    both = Case.objects.filter(municipality__in=[world.municipality, world_b.municipality])
    levels = indicators.cases_per_level(both, "municipality_id")
    return {k: sum(v) for k, v in levels.items()}


def _children_reached(world: World, world_b: World) -> dict[int, int]:
    both = Case.objects.filter(municipality__in=[world.municipality, world_b.municipality])
    year = timezone.localdate().year
    reached = indicators.reached_by(both, [year], by="municipality_id")
    children: dict[int, set[int]] = {}
    for (group, _kind, _year), kids in reached.items():
        children.setdefault(group, set()).update(kids)  # type: ignore[arg-type]
    return {k: len(v) for k, v in children.items()}


def test_a_moved_case_counts_once_for_the_municipality_that_holds_it(
    accepted: Transfer, world: World, world_b: World
) -> None:
    a, b = world.municipality.pk, world_b.municipality.pk
    # Each world opened two cases (its own and the school's); A's first is B's now.
    assert _open_cases(world, world_b) == {a: 1, b: 3}
    assert _children_reached(world, world_b) == {a: 1, b: 3}


def test_before_acceptance_the_case_counts_for_the_sender(
    proposed: Transfer, world: World, world_b: World
) -> None:
    a, b = world.municipality.pk, world_b.municipality.pk
    assert _open_cases(world, world_b) == {a: 2, b: 2}


def test_a_local_statute_of_the_old_municipality_does_not_break_the_case_page(
    world: World, world_b: World
) -> None:
    admin, holder = world.users["admin"], world.users["stafettholder"]
    local = local_statute_create(
        actor=actor_for(admin),
        municipality=world.municipality,
        reference="Lokal forskrift om samarbeid § 1",
        title="Samarbeid med skolen",
        unit_kinds=[UnitKind.SCHOOL],
        reason="Kommunens egen ordning.",
    )
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    participant_add(
        actor=actor_for(holder),
        access=access,
        unit_id=world.units["school"].pk,
        legal_basis=LegalBasis.STATUTE,
        statute=local.key,
    )
    accept(world_b, propose(world, world_b))
    page = client_of(world_b.users["same_unit"]).get(
        reverse("cases:case_detail", kwargs={"case_id": world.case.pk})
    )
    assert page.status_code == 200
    assert "Lokal forskrift om samarbeid § 1" in page.content.decode()
