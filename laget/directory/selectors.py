"""Reads of the service directory, for the staff pages, the public pages, the guide and the API.

The public functions return active services only: a deactivated service is neither listed,
found nor linked from a guide step.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from laget.directory import search as _search
from laget.directory.models import Service
from laget.orgs.models import Municipality


def public_services(municipality: Municipality) -> QuerySet[Service]:
    """The municipality's active services, by name."""
    return (
        Service.objects.filter(municipality=municipality, is_active=True)
        .select_related("unit")
        .order_by("name", "pk")
    )


def all_services(municipality_ids: Iterable[int]) -> QuerySet[Service]:
    """Every service of these municipalities, active or not (for those who edit them)."""
    return (
        Service.objects.filter(municipality_id__in=list(municipality_ids))
        .select_related("unit", "municipality")
        .order_by("name", "pk")
    )


def search(
    municipality: Municipality, query: str, *, limit: int | None = None
) -> list[_search.Match]:
    """The municipality's active services matching `query`, best first.

    Each Match says which name matched (`matched`, `field`) and has a `note` such as
    "Tidligere navn: ressursteam" for the page to show.
    """
    return _search.rank(public_services(municipality), query, limit=limit)


def services_by_ids(municipality: Municipality, ids: Iterable[int]) -> list[Service]:
    """The active services of the municipality with these ids, in the order given.

    Ids of services that are gone, deactivated or of another municipality are skipped, so a
    guide step can keep its links when a service is taken out of the directory.
    """
    wanted = list(dict.fromkeys(ids))
    found = {s.pk: s for s in public_services(municipality).filter(pk__in=wanted)}
    return [found[i] for i in wanted if i in found]
