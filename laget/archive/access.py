"""Who works with a municipality's archive packages: its archivist, and nobody else (not its
admin, not the staff who wrote the log). Everyone else is answered 404, as if the page were not
there."""

from django.http import Http404

from laget.accounts.models import User
from laget.archive.models import ArchivePackage
from laget.orgs.selectors import staff_profile


def archived_municipality_ids(user: User) -> frozenset[int]:
    """The municipalities whose packages the user receives; 404 for everyone else."""
    ids = staff_profile(user).archivist_municipality_ids
    if not ids:
        raise Http404
    return ids


def package_for(user: User, package_id: int) -> ArchivePackage:
    """One package of a municipality the user is archivist for, or 404."""
    package = (
        ArchivePackage.objects.select_related("municipality")
        .filter(pk=package_id, municipality_id__in=archived_municipality_ids(user))
        .first()
    )
    if package is None:
        raise Http404
    return package
