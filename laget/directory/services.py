"""Writes to the service directory. Only the municipal coordinator or admin of the service's
municipality edits it (orgs.rules.manages_municipality); everyone else gets PermissionDenied.

The directory holds public information about the municipality's services, not about people,
so these writes are not recorded in the case audit log.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from laget.accounts.models import User
from laget.directory.models import Service
from laget.orgs.models import Municipality
from laget.orgs.rules import manages_municipality

# The fields a coordinator may set, as the services take them.
EDITABLE = (
    "name",
    "abbreviations",
    "former_names",
    "kind",
    "description",
    "target_group",
    "how_to_refer",
    "phone",
    "email",
    "address",
    "web",
    "unit",
    "is_active",
)


def _apply(service: Service, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    for key, value in fields.items():
        if isinstance(value, str) and key not in ("description", "target_group", "how_to_refer"):
            value = value.strip()
        setattr(service, key, value)


@transaction.atomic
def service_create(*, by: User, municipality: Municipality, **fields: Any) -> Service:
    """Create a service; `fields` are among EDITABLE (`unit` a Unit or None)."""
    if not manages_municipality(by, municipality.pk):
        raise PermissionDenied
    service = Service(municipality=municipality)
    _apply(service, fields)
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def service_update(*, by: User, service: Service, **fields: Any) -> Service:
    """Change the fields given; the others stay as they are."""
    if not manages_municipality(by, service.municipality_id):
        raise PermissionDenied
    _apply(service, fields)
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def service_deactivate(*, by: User, service: Service) -> Service:
    """Take a service out of the directory and its search; it can be made active again."""
    return service_update(by=by, service=service, is_active=False)
