"""Who sees which part of the registry. Every registry view and import goes through here.

A user's scope comes from their RegistryRole rows: a program admin sees everything, a regional
coordinator the practitioners and municipalities of their region, a municipal registrar their
own municipality. Anyone else sees nothing (deny by default). An object outside the scope is
answered like a missing one (404).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.registry.models import (
    Course,
    FamiliesReached,
    Practitioner,
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

    def municipality_q(self, prefix: str = "") -> Q:
        """Rows whose municipality (at `prefix`) lies in the scope."""
        if self.everything:
            return Q()
        q = Q(pk__in=[])
        if self.regions:
            q |= Q(**{f"{prefix}region__in": self.regions})
        if self.municipality_ids:
            q |= Q(**{f"{prefix}pk__in": self.municipality_ids})
        return q

    def covers_municipality(self, municipality: Municipality) -> bool:
        return (
            self.everything
            or municipality.pk in self.municipality_ids
            or (bool(municipality.region) and municipality.region in self.regions)
        )

    def covers_region(self, region: str) -> bool:
        return self.everything or region in self.regions


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
    if scope.everything:
        return Practitioner.objects.all()
    q = Q(pk__in=[])
    if scope.regions:
        q |= Q(region__in=scope.regions)
    if scope.municipality_ids:
        q |= Q(municipality_id__in=scope.municipality_ids)
    return Practitioner.objects.filter(q)


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
    if scope.everything:
        return Course.objects.all()
    q = Q(pk__in=[])
    if scope.regions:
        q |= Q(region__in=scope.regions)
    if scope.municipality_ids:
        q |= Q(municipality_id__in=scope.municipality_ids)
    return Course.objects.filter(q)


def practitioner_for(user: User | None, practitioner_id: int) -> Practitioner:
    try:
        return practitioners_for(user).get(pk=practitioner_id)
    except Practitioner.DoesNotExist:
        raise Http404 from None


def course_for(user: User | None, course_id: int) -> Course:
    try:
        return courses_for(user).get(pk=course_id)
    except Course.DoesNotExist:
        raise Http404 from None
