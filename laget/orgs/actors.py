"""The Actor for the audit log, built from the logged-in user and the door they came through."""

from laget.accounts.models import User
from laget.audit.models import Via
from laget.audit.services import Actor
from laget.orgs.selectors import staff_profile


def actor_for(user: User, via: str = Via.WEB) -> Actor:
    return Actor(user=user, via=via, unit_name=staff_profile(user).unit_name)
