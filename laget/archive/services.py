"""Producing, pushing and confirming archive packages. Each in one transaction, audited in the
case's access log (the package is case content)."""

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from laget.accounts.models import User
from laget.archive.models import ArchivePackage, PackageState
from laget.archive.package import build, reference
from laget.audit.models import AuditAction, Via
from laget.audit.services import Actor, audit_record
from laget.cases.models import Case

SYSTEM = Actor(None, via=Via.SYSTEM, unit_name="")


def _audit(actor: Actor, action: AuditAction, package: ArchivePackage) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="archivepackage",
        object_id=package.pk,
        case_id=package.case_id,
    )


def archive_package_produce(*, case_id: int) -> ArchivePackage | None:
    """The closed case's package: made once, the same row on every later call; None for a case
    that is gone or open (a close that was undone, or a stray call)."""
    existing = ArchivePackage.objects.filter(case_id=case_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _produce(case_id)
    except IntegrityError:
        # Another worker made it in between: theirs stands.
        return ArchivePackage.objects.filter(case_id=case_id).first()


def _produce(case_id: int) -> ArchivePackage | None:
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("municipality", "unit", "subject", "opened_by", "closed_by")
        .filter(pk=case_id, closed_at__isnull=False)
        .first()
    )
    if case is None:
        return None
    if ArchivePackage.objects.filter(case_id=case_id).exists():
        return ArchivePackage.objects.get(case_id=case_id)
    assert case.closed_at is not None
    with translation.override(settings.LANGUAGE_CODE):
        data = build(case)
    package = ArchivePackage(
        case_id=case.pk,
        municipality=case.municipality,
        reference=reference(case),
        case_closed_at=case.closed_at,
        content=ArchivePackage.encode(data),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    package.full_clean()
    package.save()
    _audit(SYSTEM, AuditAction.CREATE, package)
    return package


@transaction.atomic
def archive_package_mark_pushed(*, package_id: int) -> ArchivePackage:
    """Delivered to the archive's drop (laget/archive/push.py). A confirmed package stays so."""
    package = ArchivePackage.objects.select_for_update().get(pk=package_id)
    if package.state == PackageState.PRODUCED:
        package.state = PackageState.PUSHED
        package.pushed_at = timezone.now()
        package.save(update_fields=["state", "pushed_at"])
        _audit(SYSTEM, AuditAction.UPDATE, package)
    return package


@transaction.atomic
def archive_package_confirm(*, actor: Actor, by: User, package: ArchivePackage) -> ArchivePackage:
    """The archivist confirms the archive has received the package. Once is enough: a second
    confirmation changes nothing. The caller has checked that `by` is the municipality's
    archivist (laget.archive.access)."""
    locked = ArchivePackage.objects.select_for_update().get(pk=package.pk)
    if locked.state != PackageState.CONFIRMED:
        locked.state = PackageState.CONFIRMED
        locked.confirmed_at = timezone.now()
        locked.confirmed_by = by
        locked.save(update_fields=["state", "confirmed_at", "confirmed_by"])
        _audit(actor, AuditAction.UPDATE, locked)
    return locked


def archive_package_read(*, actor: Actor, package: ArchivePackage) -> bytes:
    """The package's bytes, for the archivist's download: a read of the case's content."""
    _audit(actor, AuditAction.READ, package)
    return package.data


@transaction.atomic
def archive_packages_delete(*, case_ids: Iterable[int]) -> int:
    """Delete the packages of logs that are being deleted (laget/retention calls this in the
    transaction that deletes them): the package is a copy of the log's content, and the archive
    has confirmed it holds the original. Returns how many went. Not audited per case: the case's
    audit rows name the package, and the retention records the deletion itself."""
    deleted, _per_model = ArchivePackage.objects.filter(case_id__in=list(case_ids)).delete()
    return deleted
