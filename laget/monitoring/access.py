"""Who sees the national figures: a registry role's scope and the municipalities one steers.

The municipality whose implementation plans, surveys and dashboard a user follows is
orgs.rules.managed_municipality (its coordinators and admins; 403 for other staff).
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.orgs.rules import managed_municipality_ids
from laget.registry.access import registry_scope


def aggregate_rows_for(user: User) -> Callable[[Municipality], bool]:
    """Which municipalities' rows of the national figures the user sees: a registry role's scope
    (everything, a region, a municipality) and the municipalities the user follows. 403 for
    users with neither."""
    scope = registry_scope(user)
    own = managed_municipality_ids(user)
    if scope.is_empty and not own:
        raise PermissionDenied

    def sees(municipality: Municipality) -> bool:
        return scope.covers_municipality(municipality) or municipality.pk in own

    return sees
