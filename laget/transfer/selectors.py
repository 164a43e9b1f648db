"""What the transfer pages read."""

from django.db.models import QuerySet

from laget.accounts.models import User
from laget.cases.models import Case
from laget.orgs.models import Membership, Role, Unit
from laget.people.models import Guardian
from laget.transfer.models import Transfer


def receiving_units(case: Case) -> list[Unit]:
    """The active units of every other municipality, by municipality and name."""
    return list(
        Unit.objects.filter(is_active=True)
        .exclude(municipality_id=case.municipality_id)
        .select_related("municipality")
        .order_by("municipality__name", "name", "pk")
    )


def case_guardians(case: Case) -> list[Guardian]:
    if case.subject_id is None:
        return []
    return sorted(Guardian.objects.filter(subject_id=case.subject_id), key=lambda g: g.name)


def case_transfers(case: Case) -> QuerySet[Transfer]:
    """The case's transfers, newest first, as its stafettholder sees them."""
    return Transfer.objects.filter(case=case).select_related(
        "to_unit", "to_municipality", "proposed_by", "decided_by"
    )


def unit_members(unit: Unit) -> list[User]:
    """Who can become the stafettholder in the receiving unit: its staff today."""
    rows = (
        Membership.objects.effective()
        .filter(unit=unit, role__in=[Role.EMPLOYEE, Role.UNIT_LEADER])
        .select_related("user")
    )
    users = {m.user.pk: m.user for m in rows}
    return sorted(users.values(), key=lambda u: (u.last_name, u.first_name, u.pk))
