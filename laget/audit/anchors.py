"""Anchors: the newest audit checkpoint (id and hash) written outside the database.

An anchor is taken by `manage.py audit_anchor` (hourly, deploy/systemd/laget-audit-anchor.timer)
and after every backup. It writes a checkpoint (laget/audit/checkpoints.py), checks the whole
log, and writes the checkpoint's id and hash to the application log (logger
`laget.audit.anchor`, one line) and, when LAGET_AUDIT_ANCHOR_DIR is set, appends it to
`audit-anchors.jsonl` there; the backup manifest holds the newest checkpoint too. An anchor never
certifies a log that does not verify. `verify_audit` checks the live log against all of them: a
log that lost its newest checkpoints no longer holds the anchored one. Anchors written before
the chains were split name a row (kind "row") and are checked as such.

Anchors hold ids, hashes and times only, no personal data.
"""

import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from laget.audit.chain import ROW, Anchor, ChainCheck, chain_verify
from laget.audit.checkpoints import audit_checkpoint

FILE_NAME = "audit-anchors.jsonl"
UNREADABLE = "{path}, line {line}: not an audit anchor"
UNOPENABLE = "The anchors in {path} cannot be read: {reason}"
UNWRITABLE = "The anchor cannot be written to {path}: {reason}"

logger = logging.getLogger("laget.audit.anchor")
problems = logging.getLogger("laget.audit")


class AnchorFileError(Exception):
    """The anchor file cannot be read as anchors."""


class AuditChainBroken(Exception):
    def __init__(self, check: ChainCheck) -> None:
        super().__init__(check.summary())
        self.check = check


def anchor_dir(directory: str | Path | None = None) -> Path | None:
    chosen = settings.LAGET_AUDIT_ANCHOR_DIR if directory is None else directory
    return Path(chosen) if chosen else None


def anchors_read(directory: str | Path | None = None) -> list[Anchor]:
    """Every anchor in the anchor file, oldest first (none without a directory or file)."""
    folder = anchor_dir(directory)
    if folder is None:
        return []
    path = folder / FILE_NAME
    try:
        lines = path.read_text().splitlines()
    except FileNotFoundError:
        return []
    except OSError as e:
        raise AnchorFileError(UNOPENABLE.format(path=path, reason=e.strerror)) from e
    anchors = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            anchors.append(
                Anchor(
                    id=int(data["id"]),
                    hash=str(data["hash"]),
                    at=str(data["at"]),
                    source=str(data.get("source", "")),
                    kind=str(data.get("kind", ROW)),
                )
            )
        except (ValueError, KeyError, TypeError) as e:
            raise AnchorFileError(UNREADABLE.format(path=path, line=number)) from e
    return anchors


def anchor_from_manifest(path: Path) -> Anchor | None:
    """The chain head a backup manifest (laget/ops/backup.py) recorded, as an anchor."""
    try:
        manifest = json.loads(path.read_text())
        head = manifest["audit_head"]
        if head is None:
            return None
        return Anchor(
            id=int(head["id"]),
            hash=str(head["hash"]),
            at=str(manifest["created"]),
            source="backup",
            kind=str(head.get("kind", ROW)),
        )
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise AnchorFileError(UNREADABLE.format(path=path, line=1)) from e


def _append(folder: Path, anchor: Anchor) -> None:
    line = json.dumps(
        {
            "id": anchor.id,
            "hash": anchor.hash,
            "at": anchor.at,
            "source": anchor.source,
            "kind": anchor.kind,
        },
        sort_keys=True,
    )
    path = folder / FILE_NAME
    try:
        folder.mkdir(mode=0o750, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
        try:
            os.write(fd, (line + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as e:
        raise AnchorFileError(UNWRITABLE.format(path=path, reason=e.strerror)) from e


def anchor_take(*, source: str, directory: str | Path | None = None) -> tuple[ChainCheck, Anchor]:
    """Write a checkpoint if a chain moved, check the whole log and the anchors so far, then
    anchor the newest checkpoint. Raises AuditChainBroken (and logs the one-line result) instead of anchoring
    a log that does not verify."""
    folder = anchor_dir(directory)
    anchors = anchors_read(folder) if folder else []
    audit_checkpoint()
    check = chain_verify(anchors=anchors)
    if not check.ok:
        problems.error(check.summary())
        raise AuditChainBroken(check)
    now = timezone.now().isoformat(timespec="seconds")
    head = check.head
    anchor = Anchor(
        id=head.id if head else 0, hash=head.hash if head else "", at=now, source=source
    )
    logger.info(
        "audit anchor checkpoint=%d hash=%s at=%s source=%s", anchor.id, anchor.hash, now, source
    )
    if folder is not None and head is not None:
        _append(folder, anchor)
    return check, anchor
