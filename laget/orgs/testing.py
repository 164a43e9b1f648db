"""URL kwargs for the organisation's object routes in the access matrix
(laget/tests/test_access_matrix.py): whom to end, deactivate, accept or decline."""

from laget.orgs.models import Membership, Role
from laget.testing.world import World, make_user

# The pending membership's routes: the world's admin created it, so only the unit's leader
# may accept or decline it.
PENDING_ROUTES = {
    "orgs:membership_accept",
    "orgs:membership_decline",
    "api:membership_accept",
    "api:membership_decline",
}


def route_kwargs(name: str, world: World) -> dict[str, object]:
    target = world.users["same_unit"]  # an employee of the kindergarten
    if name in ("orgs:membership_end", "api:membership_end"):
        membership = Membership.objects.get(user=target, unit=world.units["kindergarten"])
        return {"membership_id": membership.pk}
    if name in (
        "orgs:user_deactivate",
        "api:user_deactivate",
        "orgs:user_sign_out",
        "api:user_sign_out",
        "api:membership_add",
    ):
        return {"user_id": target.pk}
    if name in PENDING_ROUTES:
        newcomer = make_user("matrix-ny", "Nora", "Nykommer")
        pending = Membership.objects.create(
            user=newcomer,
            municipality=world.municipality,
            unit=world.units["kindergarten"],
            role=Role.EMPLOYEE,
            created_by=world.users["admin"],
            pending=True,
        )
        return {"membership_id": pending.pk}
    return {}
