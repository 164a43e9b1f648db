"""A municipality sees only its own; a region its region; program admins everything; others
nothing."""

import pytest
from django.http import Http404

from laget.registry.access import (
    families_for,
    municipalities_for,
    practitioner_for,
    practitioners_for,
    registry_scope,
)
from laget.registry.models import FamiliesReached
from laget.registry.services import families_count_set
from laget.registry.testing import Registry, build_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def reg(db: None) -> Registry:
    r = build_registry()
    intervention = r.program.interventions.get(slug="pmto-behandling")
    for key, m in r.municipalities.items():
        families_count_set(
            by=r.users["program_admin"],
            intervention=intervention,
            municipality=m,
            year=2025,
            count=len(key),
        )
    return r


EXPECTED = {
    "program_admin": ({"elvdal", "asen", "sjovik", "state"}, {"elvdal", "asen", "sjovik"}),
    "regional": ({"elvdal", "asen", "state"}, {"elvdal", "asen"}),
    "municipal": ({"elvdal"}, {"elvdal"}),
    "none": (set(), set()),
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_scope(reg: Registry, role: str) -> None:
    user = reg.users[role]
    practitioners, municipalities = EXPECTED[role]
    key = {p.pk: k for k, p in reg.practitioners.items()}
    mkey = {m.pk: k for k, m in reg.municipalities.items()}
    assert {key[p.pk] for p in practitioners_for(user)} == practitioners
    seen = {mkey[m.pk] for m in municipalities_for(user) if m.pk in mkey}
    assert seen == municipalities
    counts: set[str] = {mkey[f.municipality_id] for f in families_for(user)}
    assert counts == municipalities
    assert FamiliesReached.objects.count() == 3
    for k, p in reg.practitioners.items():
        if k in practitioners:
            assert practitioner_for(user, p.pk) == p
        else:
            with pytest.raises(Http404):
                practitioner_for(user, p.pk)
    assert registry_scope(user).is_empty == (role == "none")


def test_anonymous_sees_nothing(reg: Registry) -> None:
    assert not practitioners_for(None).exists()
    assert not families_for(None).exists()
