"""Filling a published tool in a case: the answers checked and scored, kept with the version,
and a note in the case's log; and recording the report of concern a result called for."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.choices import Audience, EntryKind
from laget.cases.models import LevelChange
from laget.cases.services.common import audit_write, ensure_in_case, ensure_open, require_text
from laget.cases.services.entries import entry_create
from laget.cases.services.lifecycle import case_report_concern
from laget.cases.tools.alarms import MSG_POLICE_NOTIFIED, alarm_text
from laget.orgs.models import Unit
from laget.tools.models import FilledTool, ToolDefinition, ToolVersion
from laget.tools.schema import clean_answers
from laget.tools.scoring import format_value, score

MSG_UNKNOWN_VERSION = gettext_lazy("Velg en publisert versjon av et verktøy i kommunen.")


def _entry_text(
    definition: ToolDefinition, value: float | None, band: str, report_to: tuple[str, ...]
) -> str:
    if report_to:
        return str(alarm_text(definition.name, band, format_value(value), report_to))
    if value is None:
        return _("%(tool)s er fylt ut.") % {"tool": definition.name}
    points = format_value(value)
    if band:
        return _("%(tool)s: %(band)s (poeng %(points)s)") % {
            "tool": definition.name,
            "band": band,
            "points": points,
        }
    return _("%(tool)s: poeng %(points)s") % {"tool": definition.name, "points": points}


@transaction.atomic
def tool_fill(
    *, actor: Actor, access: CaseAccess, version: ToolVersion, answers: object
) -> FilledTool:
    """Fill a published tool in a case: the answers checked against that version's schema,
    scored, kept with the version, and a log entry for the professionals with the result."""
    ensure_open(access)
    case = access.case
    definition = version.definition
    if not version.is_published or definition.municipality_id != case.municipality_id:
        raise ValidationError({"version": MSG_UNKNOWN_VERSION}, code="unknown")
    cleaned = clean_answers(
        version.schema,
        answers,
        known_participant=lambda pk: case.participants.filter(pk=pk).exists(),
        known_unit=lambda pk: Unit.objects.filter(
            pk=pk, municipality_id=case.municipality_id
        ).exists(),
    )
    result = score(version.schema, cleaned)
    value = float(result.value) if result is not None else None
    band = result.band if result is not None else ""
    report_to = result.report_to if result is not None else ()
    # A result that obliges a report is for the professionals alone, like every tool result:
    # the family's views (laget.family.access) never show this entry.
    entry = entry_create(
        actor=actor,
        access=access,
        kind=EntryKind.NOTE,
        text=_entry_text(definition, value, band, report_to),
        audience=Audience.PROFESSIONALS,
    )
    assert actor.user is not None and access.participant is not None
    filled = FilledTool(
        case=case,
        tool_version=version,
        answers=cleaned,
        score_value=value,
        band_label=band,
        interpretation=result.interpretation if result is not None else "",
        requires_report=bool(report_to),
        report_to=list(report_to),
        author=actor.user,
        author_unit_id=access.participant.unit_id,
        entry=entry,
    )
    filled.full_clean()
    filled.save()
    audit_write(actor, AuditAction.CREATE, filled, case.pk)
    return filled


@transaction.atomic
def tool_report_record(
    *,
    actor: Actor,
    access: CaseAccess,
    filled: FilledTool,
    child_welfare_unit_id: int,
    reason: str,
    police_notified: bool = False,
) -> LevelChange:
    """Record that the report of concern a tool result called for was sent: the case's one
    record of a report (lifecycle.case_report_concern: child welfare joins on the statute, the
    family's access log is held back, the write is audited), which closes the tool's alarm."""
    ensure_open(access)
    ensure_in_case(access, filled)
    reason = require_text("reason", reason)
    if police_notified:
        reason = f"{reason}\n\n{MSG_POLICE_NOTIFIED}"
    return case_report_concern(
        actor=actor, access=access, reason=reason, child_welfare_unit_id=child_welfare_unit_id
    )
