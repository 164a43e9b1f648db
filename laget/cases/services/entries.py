"""Log entries: observations, conversations, decisions, minutes, glimmers and notes."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.models import Entry
from laget.cases.services.common import audit_write, case_meeting, ensure_in_case, ensure_open
from laget.lib.concurrency import save_versioned


@transaction.atomic
def entry_create(
    *,
    actor: Actor,
    access: CaseAccess,
    kind: str,
    text: str,
    audience: str,
    meeting_id: int | None = None,
) -> Entry:
    ensure_open(access)
    assert actor.user is not None and access.participant is not None
    entry = Entry(
        case=access.case,
        kind=kind,
        text=text.strip(),
        audience=audience,
        author=actor.user,
        author_unit_id=access.participant.unit_id,
        meeting=case_meeting(access, meeting_id),
    )
    entry.full_clean()
    entry.save()
    audit_write(actor, AuditAction.CREATE, entry, access.case.pk)
    return entry


@transaction.atomic
def entry_update(
    *,
    actor: Actor,
    access: CaseAccess,
    entry: Entry,
    expected_version: int,
    text: str | None = None,
    audience: str | None = None,
    kind: str | None = None,
) -> Entry:
    """Only the author corrects an entry; a stale version is refused, never overwritten."""
    ensure_open(access)
    ensure_in_case(access, entry)
    if actor.user is None or entry.author_id != actor.user.pk:
        raise PermissionDenied
    fields: dict[str, str] = {}
    if text is not None:
        fields["text"] = text.strip()
    if audience is not None:
        fields["audience"] = audience
    if kind is not None:
        fields["kind"] = kind
    save_versioned(entry, expected_version=expected_version, fields=fields)
    audit_write(actor, AuditAction.UPDATE, entry, access.case.pk)
    return entry
