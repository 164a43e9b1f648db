"""Reads of the archive packages, for the archivist's page and for the retention."""

from collections.abc import Iterable

from django.db.models import QuerySet

from laget.archive.models import ArchivePackage, PackageState


def archived_and_confirmed(case_ids: Iterable[int]) -> set[int]:
    """Those of the cases whose package the archive has confirmed it received: the only closed
    logs the retention may delete (laget/retention)."""
    ids = set(case_ids)
    if not ids:
        return set()
    return set(
        ArchivePackage.objects.filter(case_id__in=ids, state=PackageState.CONFIRMED).values_list(
            "case_id", flat=True
        )
    )


def package_list(municipality_ids: Iterable[int], state: str = "") -> QuerySet[ArchivePackage]:
    """The municipalities' packages, newest closed first, without their content."""
    rows = (
        ArchivePackage.objects.filter(municipality_id__in=list(municipality_ids))
        .select_related("municipality", "confirmed_by")
        .defer("content")
    )
    if state in PackageState.values:
        rows = rows.filter(state=state)
    return rows.order_by("-case_closed_at", "-id")


def unpushed() -> QuerySet[ArchivePackage]:
    """Packages made but not yet delivered, oldest first (archive_push)."""
    return (
        ArchivePackage.objects.filter(state=PackageState.PRODUCED)
        .select_related("municipality")
        .order_by("created_at", "id")
    )
