"""Families an intervention reached in a municipality in a year, registered or estimated."""

from django.core.exceptions import ValidationError
from django.db import transaction

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.registry import access
from laget.registry.messages import MSG_COUNT_NEGATIVE, MSG_UNKNOWN_COUNT_KIND
from laget.registry.models import CountKind, FamiliesReached, Intervention
from laget.registry.services.common import raise_errors


def _check_count(count: int) -> None:
    if count < 0:
        raise ValidationError({"count": MSG_COUNT_NEGATIVE})


@transaction.atomic
def families_count_set(
    *,
    by: User,
    intervention: Intervention,
    municipality: Municipality,
    year: int,
    count: int,
    kind: str = CountKind.REGISTERED,
) -> FamiliesReached:
    """The municipality's count for the intervention and year, of that kind (registered or
    estimated; the two are kept apart). Setting it again replaces it. The municipality must lie
    in the user's scope."""
    raise_errors(access.place_errors(by, municipality=municipality, region=municipality.region))
    if kind not in CountKind.values:
        raise ValidationError({"kind": MSG_UNKNOWN_COUNT_KIND})
    _check_count(count)
    row = FamiliesReached.objects.select_for_update().filter(
        intervention=intervention, municipality=municipality, year=year, kind=kind, case=None
    ).first() or FamiliesReached(
        intervention=intervention, municipality=municipality, year=year, kind=kind
    )
    row.count = count
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def families_count_update(*, by: User, row: FamiliesReached, count: int) -> FamiliesReached:
    """Correct a recorded count (what it counts stays)."""
    current = (
        FamiliesReached.objects.select_for_update(of=("self",))
        .select_related("municipality", "intervention")
        .get(pk=row.pk)
    )
    access.require_in_scope(by, current)
    _check_count(count)
    current.count = count
    current.full_clean()
    current.save(update_fields=["count"])
    return current
