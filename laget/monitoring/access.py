"""Who follows the municipality's implementation: its coordinators and admins.

Every page of the implementation plans, the employee surveys and the monitoring dashboard asks
here first. Other staff get 403; an object of another municipality is answered as missing (404)
by the caller, which filters by the municipality returned here.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.orgs.selectors import staff_profile
from laget.registry.access import registry_scope


def steering_municipality_ids(user: User) -> frozenset[int]:
    """The municipalities whose implementation the user follows (coordinator or admin)."""
    if not user.is_authenticated:
        return frozenset()
    profile = staff_profile(user)
    return profile.admin_municipality_ids | profile.coordinator_municipality_ids


def steering_municipality(user: User) -> Municipality:
    """The one municipality the user follows; 403 for everyone else."""
    ids = steering_municipality_ids(user)
    if not ids:
        raise PermissionDenied
    municipality = Municipality.objects.filter(pk__in=ids).order_by("name").first()
    if municipality is None:
        raise PermissionDenied
    return municipality


def aggregate_rows_for(user: User) -> Callable[[Municipality], bool]:
    """Which municipalities' rows of the national figures the user sees: a registry role's scope
    (everything, a region, a municipality) and the municipalities the user follows. 403 for
    users with neither."""
    scope = registry_scope(user)
    own = steering_municipality_ids(user)
    if scope.is_empty and not own:
        raise PermissionDenied

    def sees(municipality: Municipality) -> bool:
        return scope.covers_municipality(municipality) or municipality.pk in own

    return sees
