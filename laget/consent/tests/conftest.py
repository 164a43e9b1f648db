"""The families of laget/testing/family.py for the consent tests, and people they need: a
portal login for the father, and a child welfare worker taking part in world.case on a
statute."""

from collections.abc import Callable

import pytest
from django.test import Client

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import LegalBasis
from laget.cases.services.participants import participant_add
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership, Role
from laget.portal.services import portal_user_for_pid
from laget.testing.family import Family, build_family
from laget.testing.world import World, make_user

PORTAL_BACKEND = "laget.portal.oidc.PortalOIDCBackend"


@pytest.fixture(scope="module")
def family(world: World, django_db_blocker: object) -> Family:
    """The families, built once per module inside the world's transaction; the father gets
    his portal login too (users["father"])."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        family = build_family(world)
        father = portal_user_for_pid(family.pids[family.father.name])
        assert father is not None
        family.users["father"] = father
        return family


@pytest.fixture
def client_as(db: None, family: Family) -> Callable[[str], Client]:
    """client_as(role) -> a Client logged in to the portal as that family role."""

    def make(role: str) -> Client:
        client = Client()
        user = family.user(role)
        if user is not None:
            client.force_login(user, backend=PORTAL_BACKEND)
        return client

    return make


def child_welfare_worker(world: World, username: str = "kaia") -> User:
    """Kaia at child welfare, taking part in world.case on a statute (she keeps reading
    whatever the family's consents do)."""
    user = make_user(username, "Kaia", "Brattset")
    unit = world.units["child_welfare"]
    Membership.objects.create(
        user=user, municipality=world.municipality, unit=unit, role=Role.EMPLOYEE
    )
    holder = world.users["stafettholder"]
    participant_add(
        actor=actor_for(holder, Via.SYSTEM),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        unit_id=unit.pk,
        user_id=user.pk,
        legal_basis=LegalBasis.STATUTE,
        statute="samarbeid-barnevern",
    )
    return user
