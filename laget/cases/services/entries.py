"""Log entries: observations, conversations, decisions, minutes, glimmers and notes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.choices import FAMILY_ENTRY_KINDS, Audience
from laget.cases.messages import MSG_FAMILY_ENTRY_KIND, MSG_NOT_FAMILY
from laget.cases.models import Case, Entry
from laget.cases.notifications import notify_entry_created
from laget.cases.rules import may_correct
from laget.cases.services.common import (
    audit_write,
    case_meeting,
    ensure_case_open,
    ensure_in_case,
    ensure_open,
)
from laget.family.access import member_view
from laget.lib.concurrency import save_versioned
from laget.people.models import Guardian


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
    notify_entry_created(entry)
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
    """Only the author corrects an entry (cases.rules.may_correct); a stale version is
    refused, never overwritten."""
    ensure_open(access)
    ensure_in_case(access, entry)
    if actor.user is None or not may_correct(entry, user=actor.user, access=access):
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


@transaction.atomic
def entry_create_by_family(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    text: str,
    guardian: Guardian | None = None,
    child: bool = False,
) -> Entry:
    """A comment or a glimmer written by the family in the portal: by a member whose role lets
    them write, or by the child from LAGET_CHILD_VOICE_AGE (`child=True`, marked as theirs).
    Always for everyone in the case. Who may write is laget.family.access's rule, asked here
    too."""
    ensure_case_open(case)
    if kind not in FAMILY_ENTRY_KINDS:
        raise ValidationError({"kind": MSG_FAMILY_ENTRY_KIND}, code="invalid_choice")
    if (guardian is None) == (not child):
        raise ValidationError(MSG_NOT_FAMILY, code="not_family")
    if guardian is not None and guardian.subject_id != case.subject_id:
        raise ValidationError(MSG_NOT_FAMILY, code="not_family")
    if not member_view(case, guardian=guardian, child=child).rights.writes:
        raise ValidationError(MSG_NOT_FAMILY, code="not_family")
    assert actor.user is not None
    entry = Entry(
        case=case,
        kind=kind,
        text=text.strip(),
        audience=Audience.ALL,
        author=actor.user,
        author_guardian=guardian,
        author_is_child=child,
    )
    entry.full_clean()
    entry.save()
    audit_write(actor, AuditAction.CREATE, entry, case.pk)
    notify_entry_created(entry)
    return entry
