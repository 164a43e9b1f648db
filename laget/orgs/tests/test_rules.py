"""The municipal roles, spelled once (orgs.rules): coordinators and admins steer the
municipality's work; admins alone administer it. Every app's access rows prove the callers
(laget/tests/test_access_matrix.py); this is the rule itself."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from laget.accounts.models import User
from laget.orgs.rules import (
    administered_municipality_ids,
    administers,
    managed_municipality,
    managed_municipality_ids,
    manages_municipality,
)
from laget.orgs.selectors import StaffProfile
from laget.testing.world import World

HERE, THERE = 1, 2
PROFILES = {
    "coordinator": StaffProfile(user_id=1, coordinator_municipality_ids=frozenset({HERE})),
    "admin": StaffProfile(user_id=2, admin_municipality_ids=frozenset({HERE})),
    "unit_leader": StaffProfile(
        user_id=3,
        unit_ids=frozenset({5}),
        led_unit_ids=frozenset({5}),
        municipality_ids=frozenset({HERE}),
    ),
    "employee": StaffProfile(
        user_id=4, unit_ids=frozenset({5}), municipality_ids=frozenset({HERE})
    ),
}
# role → (manages HERE, administers HERE)
TABLE = {
    "coordinator": (True, False),
    "admin": (True, True),
    "unit_leader": (False, False),
    "employee": (False, False),
}


@pytest.mark.parametrize("role", TABLE)
def test_who_manages_and_who_administers(role: str) -> None:
    profile = PROFILES[role]
    manages, admin = TABLE[role]
    assert manages_municipality(profile, HERE) is manages
    assert administers(profile, HERE) is admin
    assert not manages_municipality(profile, THERE)
    assert not administers(profile, THERE)
    assert managed_municipality_ids(profile) == ({HERE} if manages else set())
    assert administered_municipality_ids(profile) == ({HERE} if admin else set())


def test_anonymous_manages_nothing() -> None:
    anonymous = AnonymousUser()
    assert managed_municipality_ids(anonymous) == frozenset()  # type: ignore[arg-type]
    assert not administers(anonymous, HERE)  # type: ignore[arg-type]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "admin", "unit_leader", "participant"])
def test_the_municipality_one_steers(role: str, world: World) -> None:
    user: User = world.users[role]
    if role in ("coordinator", "admin"):
        assert managed_municipality(user) == world.municipality
        assert manages_municipality(user, world.municipality.pk)
    else:
        with pytest.raises(PermissionDenied):
            managed_municipality(user)
