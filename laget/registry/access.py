"""Who sees and who writes which part of the registry. Every registry page, API endpoint, service
and import goes through here.

A user's scope comes from their RegistryRole rows: a program admin sees everything, a regional
coordinator the practitioners and municipalities of their region, a municipal registrar their
own municipality. Anyone else sees nothing (deny by default). An object outside the scope is
answered like a missing one (404).

The one rule: a row placed in a municipality (or none) and a region lies in the scope when the
user is a program admin, the municipality is one of theirs, or the region is one of theirs.
`Scope.covers` states it for one row and `Scope.q` for a query; nothing else spells it. Writes
follow the same rule: the services call `require_in_scope` for the row they change and
`place_errors` for where a new or moved row lands.
"""

from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.registry.messages import MSG_MUNICIPALITY_OUTSIDE, MSG_REGION_OUTSIDE
from laget.registry.models import (
    ActivityYear,
    Agreement,
    Course,
    FamiliesReached,
    Practitioner,
    Program,
    Qualification,
    RegistryRole,
    RegistryRoleKind,
)


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    regions: frozenset[str] = field(default_factory=frozenset)
    municipality_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.regions or self.municipality_ids)

    def covers(self, municipality_id: int | None, region: str) -> bool:
        """The scope rule for one row placed in `municipality_id` (or none) and `region`."""
        return (
            self.everything
            or (municipality_id is not None and municipality_id in self.municipality_ids)
            or (bool(region) and region in self.regions)
        )

    def q(self, *, municipality: str, region: str) -> Q:
        """The same rule as `covers`, for rows whose municipality id and region are at the
        lookups `municipality` and `region`."""
        if self.everything:
            return Q()
        q = Q(pk__in=[])
        if self.regions:
            q |= Q(**{f"{region}__in": self.regions})
        if self.municipality_ids:
            q |= Q(**{f"{municipality}__in": self.municipality_ids})
        return q

    def municipality_q(self, prefix: str = "") -> Q:
        """Rows whose municipality (at `prefix`) lies in the scope."""
        return self.q(municipality=f"{prefix}pk", region=f"{prefix}region")

    def covers_municipality(self, municipality: Municipality) -> bool:
        return self.covers(municipality.pk, municipality.region)

    def covers_region(self, region: str) -> bool:
        return self.covers(None, region)


NOTHING = Scope()


def registry_scope(user: User | None) -> Scope:
    if user is None or not user.is_authenticated:
        return NOTHING
    cached: Scope | None = getattr(user, "_registry_scope", None)
    if cached is not None:
        return cached
    everything = False
    regions: set[str] = set()
    municipality_ids: set[int] = set()
    for kind, region, municipality_id in RegistryRole.objects.filter(user=user).values_list(
        "kind", "region", "municipality_id"
    ):
        if kind == RegistryRoleKind.PROGRAM_ADMIN:
            everything = True
        elif kind == RegistryRoleKind.REGIONAL and region:
            regions.add(region)
        elif kind == RegistryRoleKind.MUNICIPAL and municipality_id is not None:
            municipality_ids.add(municipality_id)
    scope = Scope(everything, frozenset(regions), frozenset(municipality_ids))
    user._registry_scope = scope  # type: ignore[attr-defined]
    return scope


def require_scope(user: User | None) -> Scope:
    """The user's scope; PermissionDenied for a user without any registry role."""
    scope = registry_scope(user)
    if scope.is_empty:
        raise PermissionDenied
    return scope


def require_program_admin(user: User | None) -> Scope:
    """Programs as data are for program admins (the role whose scope is everything)."""
    scope = registry_scope(user)
    if not scope.everything:
        raise PermissionDenied
    return scope


def programs_for(user: User | None) -> list[Program]:
    """The programs the user reports on: all for a program admin, else those of their roles."""
    scope = registry_scope(user)
    if scope.is_empty:
        return []
    if scope.everything:
        return list(Program.objects.order_by("name"))
    ids = RegistryRole.objects.filter(user=user).values_list("program_id", flat=True)
    return list(Program.objects.filter(pk__in=ids).order_by("name"))


# --- Reading: what the user sees (lists) and one object of it (404 outside) ------------------


def municipalities_for(user: User | None) -> QuerySet[Municipality]:
    scope = registry_scope(user)
    if scope.is_empty:
        return Municipality.objects.none()
    return Municipality.objects.filter(scope.municipality_q())


def practitioners_for(user: User | None) -> QuerySet[Practitioner]:
    """Practitioners employed in the scope's municipalities; for a region also those whose
    region is the coordinator's (state or specialist services without a municipality)."""
    scope = registry_scope(user)
    if scope.is_empty:
        return Practitioner.objects.none()
    return Practitioner.objects.filter(scope.q(municipality="municipality_id", region="region"))


def qualifications_for(user: User | None) -> QuerySet[Qualification]:
    """The qualifications of the practitioners the user sees."""
    return Qualification.objects.filter(practitioner__in=practitioners_for(user))


def activity_years_for(user: User | None) -> QuerySet[ActivityYear]:
    return ActivityYear.objects.filter(practitioner__in=practitioners_for(user))


def families_for(user: User | None) -> QuerySet[FamiliesReached]:
    scope = registry_scope(user)
    if scope.is_empty:
        return FamiliesReached.objects.none()
    return FamiliesReached.objects.filter(scope.municipality_q("municipality__"))


def courses_for(user: User | None) -> QuerySet[Course]:
    """Courses held in the scope: by region, or in one of its municipalities."""
    scope = registry_scope(user)
    if scope.is_empty:
        return Course.objects.none()
    return Course.objects.filter(scope.q(municipality="municipality_id", region="region"))


def agreements_for(user: User | None) -> QuerySet[Agreement]:
    return Agreement.objects.filter(municipality__in=municipalities_for(user))


M = TypeVar("M", bound=Model)


def _one(queryset: QuerySet[M], pk: int) -> M:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def practitioner_for(user: User | None, practitioner_id: int) -> Practitioner:
    return _one(practitioners_for(user), practitioner_id)


def course_for(user: User | None, course_id: int) -> Course:
    return _one(courses_for(user), course_id)


def municipality_for(user: User | None, municipality_id: int) -> Municipality:
    return _one(municipalities_for(user), municipality_id)


def agreement_for(user: User | None, agreement_id: int) -> Agreement:
    return _one(agreements_for(user).select_related("municipality", "program"), agreement_id)


def qualification_for(user: User | None, qualification_id: int) -> Qualification:
    return _one(qualifications_for(user).select_related("type", "practitioner"), qualification_id)


def activity_year_for(user: User | None, activity_year_id: int) -> ActivityYear:
    return _one(activity_years_for(user).select_related("practitioner"), activity_year_id)


def families_reached_for(user: User | None, row_id: int) -> FamiliesReached:
    return _one(families_for(user).select_related("intervention", "municipality"), row_id)


# --- Writing: the row changed must be in scope, and so must where it lands --------------------

Placed = (
    Practitioner
    | Course
    | Qualification
    | ActivityYear
    | FamiliesReached
    | Agreement
    | Municipality
)


def place_of(obj: Placed) -> tuple[int | None, str]:
    """Where a row lies for the scope rule: its municipality id (or None) and its region."""
    if isinstance(obj, Municipality):
        return obj.pk, obj.region
    if isinstance(obj, Practitioner | Course):
        return obj.municipality_id, obj.region
    if isinstance(obj, Qualification | ActivityYear):
        return place_of(obj.practitioner)
    return place_of(obj.municipality)


def require_in_scope(user: User | None, obj: Placed) -> Scope:
    """For a write to an existing row: PermissionDenied without a registry role, Http404 for a
    row outside the scope (as for a missing one)."""
    scope = require_scope(user)
    if not scope.covers(*place_of(obj)):
        raise Http404
    return scope


def place_errors(
    user: User | None, *, municipality: Municipality | None, region: str
) -> dict[str, str]:
    """Field errors for a row about to land in `municipality` and `region` (empty: allowed).

    The municipality must be one the user sees, and the row must then lie in the scope by its
    municipality or its region. PermissionDenied without a registry role.
    """
    scope = require_scope(user)
    if municipality is not None and not scope.covers_municipality(municipality):
        return {"municipality": str(MSG_MUNICIPALITY_OUTSIDE)}
    if scope.covers(municipality.pk if municipality else None, region):
        return {}
    if not scope.regions:
        return {"municipality": str(MSG_MUNICIPALITY_OUTSIDE)}
    return {"region": str(MSG_REGION_OUTSIDE)}
