"""The child's voice: from LAGET_CHILD_VOICE_AGE the child writes their own view of each
measure and meeting in the portal (`child_view`, the same field staff fill in from what the
child said). Only the child writes it there, never a parent for them."""

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.models import Case, Measure, Meeting
from laget.cases.services.common import ensure_case_open
from laget.family.access import FamilyView
from laget.lib.concurrency import ConflictError, save_versioned

MSG_CHILD_VIEW_CHANGED = _(
    "Noen har endret det som står her mens du skrev. Se hva som står nå, og lagre på nytt."
)


def child_measure(case: Case, view: FamilyView, measure_id: int) -> Measure:
    """A measure of the case the child may see and give their view of; 404 otherwise."""
    if not view.gives_child_view:
        raise Http404
    measure = view.measures(case.measures.all()).filter(pk=measure_id).first()
    if measure is None:
        raise Http404
    return measure


def child_meeting(case: Case, view: FamilyView, meeting_id: int) -> Meeting:
    if not view.gives_child_view:
        raise Http404
    meeting = view.meetings(case.meetings.all()).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


def _same_text(text: str) -> str:
    # A form sends line breaks as CRLF; the API may have saved them as LF.
    return text.replace("\r\n", "\n").strip()


@transaction.atomic
def child_view_write(
    *, actor: Actor, case: Case, view: FamilyView, obj: Measure | Meeting, text: str, was: str
) -> Measure | Meeting:
    """Save the child's view. `was` is the text the child started from: if someone changed
    it meanwhile, ConflictError carries the row as now saved, and nothing is written. Other
    changes to the measure or meeting (a new date, a status) do not stop the child."""
    if isinstance(obj, Measure):
        locked: Measure | Meeting = child_measure(case, view, obj.pk)
    else:
        locked = child_meeting(case, view, obj.pk)
    ensure_case_open(case)
    locked = type(locked)._default_manager.select_for_update().get(pk=locked.pk)
    if _same_text(locked.child_view) != _same_text(was):
        raise ConflictError(locked)
    save_versioned(locked, expected_version=locked.version, fields={"child_view": text.strip()})
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=locked._meta.model_name or "",
        object_id=locked.pk,
        case_id=case.pk,
    )
    return locked
