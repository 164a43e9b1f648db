"""Who sets a municipality's retention: its admin, and nobody else. Everyone else is answered
404, as if the page were not there."""

from django.http import Http404

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.orgs.selectors import staff_profile


def sets_retention(user: User) -> bool:
    """Whether the user administers a municipality, and so sets its retention."""
    return bool(staff_profile(user).admin_municipality_ids)


def administered_municipality(
    user: User, municipality_id: str | None
) -> tuple[Municipality, list[Municipality]]:
    """The municipality chosen (or the first by name) and all the user administers; 404 for a
    user who administers none, or for another municipality."""
    ids = staff_profile(user).admin_municipality_ids
    mine = list(Municipality.objects.filter(pk__in=ids).order_by("name", "pk"))
    if not mine:
        raise Http404
    if not municipality_id:
        return mine[0], mine
    chosen = next((m for m in mine if str(m.pk) == municipality_id), None)
    if chosen is None:
        raise Http404
    return chosen, mine
