"""Reading the guide: the published version of a municipality, with levels and steps fetched."""

from django.db.models import Prefetch, QuerySet

from laget.guide.models import Guide, GuideVersion, Level, Step, VersionStatus
from laget.orgs.models import Municipality


def _with_structure(versions: QuerySet[GuideVersion]) -> QuerySet[GuideVersion]:
    return versions.select_related("guide", "guide__municipality").prefetch_related(
        Prefetch(
            "levels",
            queryset=Level.objects.order_by("number").prefetch_related(
                Prefetch("steps", queryset=Step.objects.order_by("order", "pk"))
            ),
        )
    )


def version_with_structure(version_id: int) -> GuideVersion | None:
    return _with_structure(GuideVersion.objects.filter(pk=version_id)).first()


def published_guide(municipality: Municipality | int) -> GuideVersion | None:
    """The municipality's published guide version (its first guide that has one), with
    `levels` and each level's `steps` prefetched in order; None if nothing is published."""
    municipality_id = municipality if isinstance(municipality, int) else municipality.pk
    return (
        _with_structure(
            GuideVersion.objects.filter(
                guide__municipality_id=municipality_id, status=VersionStatus.PUBLISHED
            )
        )
        .order_by("guide_id")
        .first()
    )


def step_by_slug(municipality: Municipality | int, slug: str) -> Step | None:
    """A step of the municipality's published guide, with its level and version."""
    version = published_guide(municipality)
    if version is None:
        return None
    for level in version.levels.all():
        for step in level.steps.all():
            if step.slug == slug:
                return step
    return None


def guides_of(municipality: Municipality) -> QuerySet[Guide]:
    return (
        Guide.objects.filter(municipality=municipality)
        .prefetch_related(Prefetch("versions", queryset=GuideVersion.objects.order_by("-number")))
        .order_by("pk")
    )


def main_guide(municipality: Municipality) -> Guide | None:
    """The guide a municipality works with (the first one made)."""
    return Guide.objects.filter(municipality=municipality).order_by("pk").first()
