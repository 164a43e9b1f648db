"""The test world (laget/testing/world.py, municipality A) and a second one, B, built once per
module inside the world's transaction: the case moves from A's kindergarten to B's."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.family.access import consent_parties
from laget.orgs.actors import actor_for
from laget.testing.world import World, build_world
from laget.transfer.models import Transfer
from laget.transfer.services import transfer_accept, transfer_propose

DESCRIPTION = "Gutt, 5 år, familien flytter i august"


@pytest.fixture(scope="module")
def world_b(world: World, django_db_blocker: object) -> World:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return build_world("-b")


def propose(world: World, world_b: World | None, **overrides: object) -> Transfer:
    """The stafettholder proposes world.case to B's kindergarten (or where `overrides` say),
    everyone in the family having agreed."""
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.READ, audit=False)
    guardians, child = consent_parties(world.case)
    kwargs: dict[str, object] = {
        "actor": actor_for(holder, Via.WEB),
        "access": access,
        "to_unit_id": world_b.units["kindergarten"].pk if world_b else None,
        "description": DESCRIPTION,
        "consent_guardian_ids": [g.pk for g in guardians],
        "consent_child": child,
        "consent_date": timezone.localdate() - datetime.timedelta(days=1),
    }
    kwargs.update(overrides)
    return transfer_propose(**kwargs)  # type: ignore[arg-type]


def accept(world_b: World, transfer: Transfer, holder: str = "same_unit") -> Transfer:
    """B's kindergarten leader takes the case in; B's `holder` becomes its stafettholder."""
    leader = world_b.users["unit_leader"]
    return transfer_accept(
        actor=actor_for(leader),
        by=leader,
        transfer_id=transfer.pk,
        new_holder_id=world_b.users[holder].pk,
    )


@pytest.fixture
def proposed(db: None, world: World, world_b: World) -> Transfer:
    return propose(world, world_b)


@pytest.fixture
def accepted(proposed: Transfer, world_b: World) -> Transfer:
    return accept(world_b, proposed)


def client_of(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
