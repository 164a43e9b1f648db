"""Who reviews a municipality's access log: its privacy officer, and nobody else (not its
admin, who may read the review of grants in laget.orgs but administers the people whose reads
are being reviewed). Everyone else is answered 404, as if the page were not there."""

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.orgs.selectors import chosen_municipality, staff_profile


def reviewed_municipality(
    user: User, municipality_id: str | None
) -> tuple[Municipality, list[Municipality]]:
    """The municipality to review (the chosen one, or the first by name) and all the user
    reviews; 404 for a user who is nobody's privacy officer or for another municipality."""
    return chosen_municipality(
        staff_profile(user).privacy_officer_municipality_ids, municipality_id
    )
