"""Who a staff user is in the organisation: read once per request, used by every access check."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from laget.accounts.models import User
from laget.orgs.models import Membership, Municipality, Role


@dataclass(frozen=True)
class StaffProfile:
    user_id: int
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    led_unit_ids: frozenset[int] = field(default_factory=frozenset)
    admin_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    coordinator_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    privacy_officer_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    archivist_municipality_ids: frozenset[int] = field(default_factory=frozenset)
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
        privacy_officer_municipality_ids=frozenset(
            m.municipality_id for m in rows if m.role == Role.PRIVACY_OFFICER
        ),
        archivist_municipality_ids=frozenset(
            m.municipality_id for m in rows if m.role == Role.ARCHIVIST
        ),
        municipality_ids=frozenset(m.municipality_id for m in rows),
        unit_name=unit_rows[0].unit.name if unit_rows and unit_rows[0].unit else "",
    )
    user._laget_profile = profile  # type: ignore[attr-defined]
    return profile


def chosen_municipality(
    ids: frozenset[int], chosen_id: str | None
) -> tuple[Municipality, list[Municipality]]:
    """For a page of one municipality among those a municipal role holds (`ids`): the one
    asked for (`chosen_id`, or the first by name) and all of them. Http404 when the role holds
    none, or for a municipality it does not hold: to others the page is not there."""
    mine = list(Municipality.objects.filter(pk__in=ids).order_by("name", "pk"))
    if not mine:
        raise Http404
    if not chosen_id:
        return mine[0], mine
    chosen = next((m for m in mine if str(m.pk) == chosen_id), None)
    if chosen is None:
        raise Http404
    return chosen, mine


def admin_municipalities(user: User) -> list[Municipality]:
    """The municipalities the user administers."""
    ids = staff_profile(user).admin_municipality_ids
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


def _managed_scope(profile: StaffProfile) -> Q:
    """Admins manage everyone in their municipality; unit leaders the employees of their unit."""
    return Q(municipality_id__in=profile.admin_municipality_ids) | Q(
        unit_id__in=profile.led_unit_ids, role=Role.EMPLOYEE
    )


def managed_memberships(profile: StaffProfile) -> QuerySet[Membership]:
    """The active memberships (pending ones included) the user manages: lists them, ends them."""
    return (
        Membership.objects.filter(_managed_scope(profile), is_active=True)
        .select_related("user", "unit", "municipality")
        .order_by("user__last_name", "user__first_name", "user_id", "pk")
    )


def may_deactivate(by: User, user: User) -> bool:
    """Whether `by` manages every place `user` has: their active memberships, or, with none
    left, every membership they had. Someone with no membership (a family member) is no
    one's to deactivate here."""
    if user.pk == by.pk or not user.is_active:
        return False
    rows = Membership.objects.filter(user=user)
    if rows.filter(is_active=True).exists():
        rows = rows.filter(is_active=True)
    scope = _managed_scope(staff_profile(by))
    return rows.exists() and not rows.exclude(scope).exists()


def memberships_to_accept(user: User) -> QuerySet[Membership]:
    """Pending memberships `user` may accept or decline: as an effective leader of the unit,
    or, for a unit without a leader, as an admin of its municipality. Never one they created
    or one that is their own: the second person must be someone else."""
    profile = staff_profile(user)
    other_leaders = (
        Membership.objects.effective()
        .filter(unit_id=OuterRef("unit_id"), role=Role.UNIT_LEADER)
        .exclude(user_id=OuterRef("user_id"))
    )
    scope = Q(unit_id__in=profile.led_unit_ids) | (
        Q(municipality_id__in=profile.admin_municipality_ids) & ~Q(Exists(other_leaders))
    )
    return (
        Membership.objects.filter(scope, is_active=True, pending=True, unit__isnull=False)
        .exclude(created_by=user)
        .exclude(user=user)
        .select_related("user", "unit", "created_by")
        .order_by("created_at", "pk")
    )


def reviewed_municipalities(user: User) -> list[Municipality]:
    """Where the user reads the review of grants: as privacy officer or admin."""
    profile = staff_profile(user)
    ids = profile.privacy_officer_municipality_ids | profile.admin_municipality_ids
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


def grants(municipalities: list[Municipality]) -> QuerySet[Membership]:
    """Every membership given in these municipalities, newest first, in every state: who gave
    what to whom and when, who accepted, who ended it."""
    return (
        Membership.objects.filter(municipality__in=municipalities)
        .select_related("user", "unit", "municipality", "created_by", "accepted_by", "ended_by")
        .order_by("-created_at", "-pk")
    )


def deactivations(municipalities: list[Municipality]) -> QuerySet[User]:
    """The users with a place in these municipalities whose account was deactivated."""
    return (
        User.objects.filter(
            deactivated_at__isnull=False, memberships__municipality__in=municipalities
        )
        .select_related("deactivated_by")
        .distinct()
        .order_by("-deactivated_at", "-pk")
    )
