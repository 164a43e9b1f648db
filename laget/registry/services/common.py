"""What the registry's services share: where a row lands, and raising collected field errors."""

from django.core.exceptions import ValidationError

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.registry import access
from laget.registry.messages import MSG_REGION_REQUIRED

Errors = dict[str, str]


def placement(by: User, *, municipality: Municipality | None, region: str, errors: Errors) -> str:
    """The region a practitioner or course lands in (the municipality's when left empty), with
    the scope rule's field errors added to `errors`. PermissionDenied without a registry role."""
    region = region.strip()
    if municipality is not None and not region and municipality.region:
        region = municipality.region
    if not region:
        errors["region"] = str(MSG_REGION_REQUIRED)
        access.require_scope(by)
    else:
        errors.update(access.place_errors(by, municipality=municipality, region=region))
    return region


def raise_errors(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)
