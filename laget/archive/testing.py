"""Test helpers: a stored package without the work of making one, and the URL kwargs of the
archive's routes for the access matrix (laget/tests/test_access_matrix.py)."""

import hashlib

from django.utils import timezone

from laget.archive.models import ArchivePackage
from laget.cases.models import Case
from laget.testing.world import World

FAKE_ZIP = b"PK\x05\x06" + b"\x00" * 18  # an empty zip


def stored_package(case: Case, data: bytes = FAKE_ZIP) -> ArchivePackage:
    """A package row for `case` as if the worker had made it (the bytes are not a real package:
    for tests of who may reach it, not of what it holds)."""
    return ArchivePackage.objects.create(
        case_id=case.pk,
        municipality=case.municipality,
        reference=f"{timezone.localdate(case.opened_at).year}/{case.pk}",
        case_closed_at=case.closed_at or timezone.now(),
        content=ArchivePackage.encode(data),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def route_kwargs(name: str, world: World) -> dict[str, object]:
    """URL kwargs for the route named `name` in the access matrix's world."""
    if name in ("archive:package_download", "archive:package_confirm"):
        return {"package_id": stored_package(world.case).pk}
    return {}
