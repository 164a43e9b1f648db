"""Scanned paper consents that no record names.

A scan is written before the transaction that registers it commits (laget.consent.services:
_store_scan), so that a full disk is the form's error and nothing is registered. A worker killed
between the two, or a registration rolled back after the write, leaves a file that no consent
party names. `orphan_scans` finds them and the daily `manage.py consents_sweep_scans` deletes
them; a file younger than ORPHAN_AFTER may belong to a registration still in flight and is left
alone."""

import datetime
from collections.abc import Iterator

from django.core.files.storage import Storage
from django.utils import timezone

from laget.consent.models import ConsentParty

ORPHAN_AFTER = datetime.timedelta(hours=1)
# Where FileField(upload_to="consents/%Y/") puts them.
SCAN_FOLDER = "consents"


def _files(storage: Storage, folder: str) -> Iterator[str]:
    if not storage.exists(folder):
        return
    dirs, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in dirs:
        yield from _files(storage, f"{folder}/{sub}")


def _storage() -> Storage:
    return ConsentParty.scanned_copy.field.storage


def orphan_scans(now: datetime.datetime | None = None) -> list[str]:
    """The scans under SCAN_FOLDER that no consent party names, older than ORPHAN_AFTER."""
    now = now or timezone.now()
    storage = _storage()
    named = set(
        ConsentParty.objects.exclude(scanned_copy="").values_list("scanned_copy", flat=True)
    )
    return sorted(
        name
        for name in _files(storage, SCAN_FOLDER)
        if name not in named and now - storage.get_modified_time(name) >= ORPHAN_AFTER
    )


def sweep_orphan_scans(now: datetime.datetime | None = None) -> int:
    """Delete the orphans; returns how many."""
    storage = _storage()
    orphans = orphan_scans(now)
    for name in orphans:
        storage.delete(name)
    return len(orphans)
