"""Delivering packages to the municipality's archive: to a folder (an SFTP-mounted drop, say)
and/or an HTTPS endpoint. A package counts as pushed only when every configured target took
it; a failure leaves it unpushed for the next run and is reported without personal data (the
package's id and number, and the kind of error, never its content or a name)."""

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import requests
from django.conf import settings

from laget.archive.models import ArchivePackage
from laget.archive.selectors import unpushed
from laget.archive.services import archive_package_mark_pushed

TIMEOUT_SECONDS = 60


class PushNotConfigured(RuntimeError):
    pass


class ChecksumMismatch(ValueError):
    """The stored package no longer matches the SHA-256 taken when it was made."""


@dataclass
class PushResult:
    pushed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "<reference>: <kind of error>"


def write_atomically(folder: Path, name: str, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it into place: a reader of the
    drop sees the whole file or nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, folder / name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def to_folder(root: Path, package: ArchivePackage, data: bytes) -> None:
    """The zip, and beside it its SHA-256 (sha256sum's format) for the archive to check, in a
    folder per municipality (its number): each municipality's archive can have its own drop
    mounted there."""
    folder = root / package.municipality.number
    write_atomically(folder, package.filename, data)
    checksum = f"{hashlib.sha256(data).hexdigest()}  {package.filename}\n".encode()
    write_atomically(folder, f"{package.filename}.sha256", checksum)


def to_url(url: str, token: str, package: ArchivePackage, data: bytes) -> None:
    response = requests.post(
        url,
        data=data,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/zip",
            "Content-Disposition": f'attachment; filename="{package.filename}"',
            "Digest": f"sha-256={package.sha256}",
        },
        timeout=TIMEOUT_SECONDS,
    )
    response.raise_for_status()


def _error_kind(exc: Exception) -> str:
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"HTTP {exc.response.status_code}"
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"{type(exc).__name__} (errno {exc.errno})"
    return type(exc).__name__


def push_all() -> PushResult:
    folder = Path(settings.LAGET_ARCHIVE_PUSH_DIR) if settings.LAGET_ARCHIVE_PUSH_DIR else None
    url = settings.LAGET_ARCHIVE_PUSH_URL
    if folder is None and not url:
        raise PushNotConfigured
    result = PushResult()
    for package in unpushed().iterator(chunk_size=20):
        try:
            data = package.data
            if hashlib.sha256(data).hexdigest() != package.sha256:
                raise ChecksumMismatch
            if folder is not None:
                to_folder(folder, package, data)
            if url:
                to_url(url, settings.LAGET_ARCHIVE_PUSH_TOKEN, package, data)
        except Exception as exc:
            result.failed.append(f"{package.reference}: {_error_kind(exc)}")
            continue
        archive_package_mark_pushed(package_id=package.pk)
        result.pushed.append(package.reference)
    return result
