"""A family moving to a neighbouring municipality (run by `seed_demo`, the command, after the
neighbours exist): Storevik's kindergarten gets a leader who can log in, and Lars's log waits
in her list of proposed moves (laget/transfer)."""

import datetime

from django.db import transaction
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.demo import data
from laget.demo.town import Town
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership, Municipality, Role, Unit
from laget.transfer.services import transfer_propose

NEIGHBOUR_NUMBER = "9972"  # Storevik (laget/demo/monitoring.py NEIGHBOURS)
LEADER = ("solveig", "Solveig", "Nordhaug")
MOVING_LOGIN = (LEADER[0], "unit leader in neighbouring Storevik: a family's log waits at Flytting")


@transaction.atomic
def seed_moving(town: Town) -> None:
    storevik = Municipality.objects.get(number=NEIGHBOUR_NUMBER)
    kindergarten = Unit.objects.get(municipality=storevik, name="Storevik barnehage")
    username, first, last = LEADER
    leader = User.objects.create_user(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@storevik.demo.invalid",
    )
    # The demo's one password hash (laget/demo/town.py), so that it logs in like the others.
    leader.password = town.users[data.ADMIN.username].password
    leader.save(update_fields=["password"])
    Membership.objects.create(
        user=leader,
        municipality=storevik,
        unit=kindergarten,
        role=Role.UNIT_LEADER,
        title="Styrer",
    )
    case = town.cases["lars"]
    holder = town.users["jonas"]
    assert case.subject is not None
    transfer_propose(
        actor=actor_for(holder, Via.SYSTEM),
        access=case_for(holder, case.pk, need=Need.COORDINATE, audit=False),
        to_unit_id=kindergarten.pk,
        description="Gutt, 5 år, nivå 1: faste overganger og bildedagsplan i barnehagen.",
        consent_guardian_ids=list(case.subject.guardians.values_list("pk", flat=True)),
        consent_child=False,
        consent_date=timezone.localdate() - datetime.timedelta(days=2),
    )
