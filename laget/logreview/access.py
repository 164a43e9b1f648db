"""Who reviews a municipality's access log: its privacy officer, and nobody else (not its
admin, who may read the review of grants in laget.orgs but administers the people whose reads
are being reviewed). Everyone else is answered 404, as if the page were not there."""

from django.http import Http404

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.orgs.selectors import staff_profile


def reviewed_municipality(
    user: User, municipality_id: str | None
) -> tuple[Municipality, list[Municipality]]:
    """The municipality to review (the chosen one, or the first by name) and all the user
    reviews; 404 for a user who is nobody's privacy officer or for another municipality."""
    ids = staff_profile(user).privacy_officer_municipality_ids
    mine = list(Municipality.objects.filter(pk__in=ids).order_by("name", "pk"))
    if not mine:
        raise Http404
    if not municipality_id:
        return mine[0], mine
    chosen = next((m for m in mine if str(m.pk) == municipality_id), None)
    if chosen is None:
        raise Http404
    return chosen, mine
