"""The demo municipality's organisation, created the way the municipality's chain does it:
the first admin is bootstrapped, the admin creates units, unit leaders and the coordinator,
and each unit leader adds their own employees."""

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from laget.accounts.models import User
from laget.cases.models import Case
from laget.demo import data
from laget.folkeregister.client import RegisterClient
from laget.orgs.models import Membership, Municipality, Role, Unit
from laget.orgs.services import staff_create, unit_create


@dataclass
class Town:
    municipality: Municipality
    units: dict[str, Unit]
    users: dict[str, User]
    # Username -> the key of the unit they work in (absent for municipality-wide roles).
    home: dict[str, str]
    today: datetime.date
    used_national_ids: set[str] = field(default_factory=set)
    # A stream of its own, so that whether synthetic ids are allowed (a setting) and how many
    # draws a birth date needs never shift the other random choices.
    id_rng: random.Random = field(
        default_factory=lambda: random.Random(data.RANDOM_SEED + 1)  # noqa: S311
    )
    # Cases a later step needs again (the move to a neighbouring municipality), by story name.
    cases: dict[str, Case] = field(default_factory=dict)
    # The population register while the stories run (laget/demo/register.py), and the national
    # id of each story family's child in it (laget/demo/population.py).
    register: RegisterClient | None = None
    register_ids: dict[str, str] = field(default_factory=dict)


def staff_email(username: str) -> str:
    """A demo employee's e-mail address (the registry's practitioner who is one of them shares
    it: laget/demo/registry.py)."""
    return f"{username}@havbrekke.demo.invalid"


def _email(spec: data.StaffSpec) -> str:
    return staff_email(spec.username)


def build_town() -> Town:
    municipality = Municipality.objects.create(
        name=data.MUNICIPALITY_NAME, number=data.MUNICIPALITY_NUMBER, region=data.REGION
    )
    spec = data.ADMIN
    admin = User(
        username=spec.username,
        first_name=spec.first_name,
        last_name=spec.last_name,
        email=_email(spec),
    )
    # One (deliberately slow) password hash, shared by every demo user: the demo stays fast.
    admin.set_password(data.PASSWORD)
    admin.full_clean()
    admin.save()
    Membership.objects.create(
        user=admin, municipality=municipality, unit=None, role=Role.ADMIN, title=spec.title
    )
    units = {
        u.key: unit_create(by=admin, municipality=municipality, name=u.name, kind=u.kind)
        for u in data.UNITS
    }
    users: dict[str, User] = {admin.username: admin}
    leaders: dict[str, User] = {}
    for spec in data.STAFF:
        unit = units[spec.unit] if spec.unit else None
        by = leaders[spec.unit] if spec.role == Role.EMPLOYEE and spec.unit else admin
        user = staff_create(
            by=by,
            municipality=municipality,
            unit=unit,
            role=spec.role,
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=_email(spec),
            title=spec.title,
        )
        if spec.role == Role.UNIT_LEADER and spec.unit:
            # The town's leaders were in place before Laget came: what the admin created is
            # taken as accepted (in real use a second person accepts, see orgs.services).
            Membership.objects.filter(user=user, pending=True).update(
                pending=False, accepted_at=timezone.now()
            )
            leaders[spec.unit] = user
        users[spec.username] = user
    User.objects.filter(pk__in=[u.pk for u in users.values()]).update(password=admin.password)
    home = {s.username: s.unit for s in data.ALL_STAFF if s.unit}
    return Town(municipality, units, users, home, timezone.localdate())
