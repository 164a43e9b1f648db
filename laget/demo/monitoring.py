"""Demo data for implementation monitoring: a plan, shared figures, and neighbours to compare.

The neighbours are fictional municipalities with load-only cases (laget/monitoring/sample.py)
that share their figures, so the national view has something to show; nobody logs in to them.
"""

import random

from django.db import transaction

from laget.accounts.models import User
from laget.demo import data
from laget.demo.surveys import seed_demo_surveys
from laget.demo.town import Town
from laget.implementation.demo import seed_demo_plans
from laget.monitoring.models import FigureSharing
from laget.monitoring.sample import add_sample_cases
from laget.orgs.models import Municipality, Unit, UnitKind

# (name, number, cases): sizes apart enough that small cells show up as «<5».
NEIGHBOURS = (
    ("Storevik kommune", "9972", 400),
    ("Lyngset kommune", "9973", 150),
    ("Fossåsen kommune", "9974", 60),
    ("Skjærholmen kommune", "9975", 6),
)
NEIGHBOUR_UNITS = (
    ("barnehage", UnitKind.KINDERGARTEN),
    ("helsestasjon", UnitKind.HEALTH_CLINIC),
    ("skole", UnitKind.SCHOOL),
)


def seed_monitoring(town: Town, rng: random.Random) -> None:
    """The demo municipality's implementation plan and surveys; it shares its figures."""
    seed_demo_plans(town.municipality, town.units.values(), today=town.today)
    seed_demo_surveys(town.municipality, town.units.values(), town.today, rng)
    FigureSharing.objects.create(municipality=town.municipality, shares=True)


@transaction.atomic
def seed_neighbours() -> None:
    """Neighbouring municipalities that share their figures (run by `seed_demo`, the command)."""
    author = User.objects.create_user(username="demo-naboer", password=None, is_active=False)
    for i, (name, number, cases) in enumerate(NEIGHBOURS, start=1):
        m = Municipality.objects.create(name=name, number=number, region=data.REGION)
        short = name.removesuffix(" kommune")
        units = [
            Unit.objects.create(municipality=m, name=f"{short} {label}", kind=kind)
            for label, kind in NEIGHBOUR_UNITS
        ]
        add_sample_cases(m, units, author, cases, seed=i)
        FigureSharing.objects.create(municipality=m, shares=True)
