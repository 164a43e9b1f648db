"""The municipal roles, spelled once: who steers a municipality's work and who administers it.

A municipality's coordinators and admins steer its work with the model (the action guide, the
service directory, the tools, the implementation plans, the employee surveys, the dashboard);
its admins alone administer the organisation (units, staff, the municipality's settings).
Neither role reads case content by being one (see cases.access). Every app asks here.
"""

from django.core.exceptions import PermissionDenied

from laget.accounts.models import User
from laget.orgs.models import Municipality, Role
from laget.orgs.selectors import StaffProfile, staff_profile

# The roles that steer a municipality's work (for queries over memberships).
MANAGER_ROLES = (Role.COORDINATOR, Role.ADMIN)


def _profile(who: User | StaffProfile) -> StaffProfile | None:
    if isinstance(who, StaffProfile):
        return who
    if not who.is_authenticated:
        return None
    return staff_profile(who)


def managed_municipality_ids(who: User | StaffProfile) -> frozenset[int]:
    """The municipalities whose work the user steers: as their coordinator or admin."""
    profile = _profile(who)
    if profile is None:
        return frozenset()
    return profile.coordinator_municipality_ids | profile.admin_municipality_ids


def starts_on_dashboard(who: User | StaffProfile) -> bool:
    """A coordinator or admin who works in no unit holds no case: their start page is the
    municipality's dashboard, and "Mine saker" is not theirs."""
    profile = _profile(who)
    return (
        profile is not None
        and not profile.is_staff_member
        and bool(managed_municipality_ids(profile))
    )


def manages_municipality(who: User | StaffProfile, municipality_id: int) -> bool:
    """Coordinator or admin of this municipality."""
    return municipality_id in managed_municipality_ids(who)


def administered_municipality_ids(who: User | StaffProfile) -> frozenset[int]:
    """The municipalities whose organisation the user administers (admin only)."""
    profile = _profile(who)
    return profile.admin_municipality_ids if profile is not None else frozenset()


def administers(who: User | StaffProfile, municipality_id: int) -> bool:
    """Admin of this municipality."""
    return municipality_id in administered_municipality_ids(who)


def manages_staff(who: User | StaffProfile) -> bool:
    """Admins manage the staff of their municipality, unit leaders the employees of their
    unit: the staff pages and endpoints are theirs."""
    profile = _profile(who)
    return profile is not None and bool(
        administered_municipality_ids(profile) or profile.led_unit_ids
    )


def managed_municipalities(user: User) -> list[Municipality]:
    """The municipalities the user steers, by name."""
    ids = managed_municipality_ids(user)
    return list(Municipality.objects.filter(pk__in=ids).order_by("name", "pk"))


def managed_municipality(user: User) -> Municipality:
    """The one municipality the user steers (the first by name); 403 for everyone else."""
    ids = managed_municipality_ids(user)
    if not ids:
        raise PermissionDenied
    municipality = Municipality.objects.filter(pk__in=ids).order_by("name", "pk").first()
    if municipality is None:
        raise PermissionDenied
    return municipality
