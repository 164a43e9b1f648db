"""Who sees which training pages: every staff user their municipalities' training; a unit's
overview its leaders and the municipality's coordinators and admins; the editor of a
municipality's own items its coordinators and admins (orgs.rules.manages_municipality, the rule
the guide editor and the dashboard follow). A page one may not see is missing (404)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from laget.accounts.models import User
from laget.orgs.models import Municipality, Unit
from laget.orgs.rules import (
    managed_municipalities,
    managed_municipality_ids,
    manages_municipality,
)
from laget.orgs.selectors import staff_profile
from laget.training.models import TrainingItem
from laget.training.selectors import items_for


def staff_municipality_ids(user: User) -> frozenset[int]:
    """The municipalities the user works in; 403 for someone who works in none (a family)."""
    ids = staff_profile(user).municipality_ids
    if not ids:
        raise PermissionDenied
    return ids


def item_for(user: User, item_id: int) -> TrainingItem:
    item = items_for(staff_municipality_ids(user)).filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


def may_see_unit(user: User, unit: Unit) -> bool:
    """Leaders of the unit (the staff profile's led units: the one rule of who leads a unit),
    and the municipality's coordinators and admins (orgs.rules)."""
    return unit.pk in staff_profile(user).led_unit_ids or manages_municipality(
        user, unit.municipality_id
    )


def unit_for(user: User, unit_id: int) -> Unit:
    unit = Unit.objects.select_related("municipality").filter(pk=unit_id).first()
    if unit is None or not may_see_unit(user, unit):
        raise Http404
    return unit


def units_seen_by(user: User) -> list[Unit]:
    """The units whose training overview the user may open, by name."""
    profile = staff_profile(user)
    scope = Q(pk__in=profile.led_unit_ids) | Q(
        municipality_id__in=managed_municipality_ids(profile)
    )
    return list(Unit.objects.filter(scope, is_active=True).order_by("name", "pk"))


def editable_municipalities(user: User) -> list[Municipality]:
    """The municipalities whose own training the user edits, by name (the list page's link)."""
    return managed_municipalities(user)


def editable_municipality(user: User, municipality_id: int) -> Municipality:
    """A municipality whose own training the user edits; 404 for anyone else."""
    if not manages_municipality(user, municipality_id):
        raise Http404
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        raise Http404
    return municipality


def own_item_for(user: User, item_id: int) -> TrainingItem:
    """One of a municipality's own items, for its coordinators and admins; 404 for anyone
    else and for Laget's national set (not the municipality's to change)."""
    item = (
        TrainingItem.objects.select_related("municipality")
        .filter(pk=item_id, municipality__isnull=False)
        .first()
    )
    if item is None or item.municipality_id is None:
        raise Http404
    if not manages_municipality(user, item.municipality_id):
        raise Http404
    return item
