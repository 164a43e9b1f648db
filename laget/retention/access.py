"""Who sets a municipality's retention: its admin, and nobody else. Everyone else is answered
404, as if the page were not there."""

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.orgs.selectors import chosen_municipality, staff_profile


def sets_retention(user: User) -> bool:
    """Whether the user administers a municipality, and so sets its retention."""
    return bool(staff_profile(user).admin_municipality_ids)


def administered_municipality(
    user: User, municipality_id: str | None
) -> tuple[Municipality, list[Municipality]]:
    """The municipality chosen (or the first by name) and all the user administers; 404 for a
    user who administers none, or for another municipality."""
    return chosen_municipality(staff_profile(user).admin_municipality_ids, municipality_id)
