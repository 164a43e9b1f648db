"""Who a staff user is in the organisation: read once per request, used by every access check."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from laget.accounts.models import User
from laget.orgs.models import Membership, Municipality, Role


@dataclass(frozen=True)
class StaffProfile:
    user_id: int
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    led_unit_ids: frozenset[int] = field(default_factory=frozenset)
    admin_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    coordinator_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    municipality_ids: frozenset[int] = field(default_factory=frozenset)
    # The name of the first unit, for the audit snapshot.
    unit_name: str = ""

    @property
    def is_staff_member(self) -> bool:
        return bool(self.unit_ids)


def staff_profile(user: User) -> StaffProfile:
    cached: StaffProfile | None = getattr(user, "_laget_profile", None)
    if cached is not None:
        return cached
    rows = list(
        Membership.objects.effective().filter(user=user).select_related("unit").order_by("id")
    )
    unit_rows = [m for m in rows if m.unit_id and m.unit is not None and m.unit.is_active]
    profile = StaffProfile(
        user_id=user.pk,
        unit_ids=frozenset(m.unit_id for m in unit_rows if m.unit_id),
        led_unit_ids=frozenset(
            m.unit_id for m in unit_rows if m.role == Role.UNIT_LEADER and m.unit_id
        ),
        admin_municipality_ids=frozenset(m.municipality_id for m in rows if m.role == Role.ADMIN),
        coordinator_municipality_ids=frozenset(
            m.municipality_id for m in rows if m.role == Role.COORDINATOR
        ),
        municipality_ids=frozenset(m.municipality_id for m in rows),
        unit_name=unit_rows[0].unit.name if unit_rows and unit_rows[0].unit else "",
    )
    user._laget_profile = profile  # type: ignore[attr-defined]
    return profile


def admin_municipalities(user: User) -> list[Municipality]:
    """The municipalities the user administers."""
    ids = staff_profile(user).admin_municipality_ids
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


def managed_memberships(profile: StaffProfile) -> QuerySet[Membership]:
    """Admins manage everyone in their municipality; unit leaders the employees of their unit."""
    scope = Q(municipality_id__in=profile.admin_municipality_ids) | Q(
        unit_id__in=profile.led_unit_ids, role=Role.EMPLOYEE
    )
    return (
        Membership.objects.filter(scope, is_active=True)
        .select_related("user", "unit", "municipality")
        .order_by("user__last_name", "user__first_name", "user_id", "pk")
    )
