"""Writes of the tools app: definitions and their versions, and filling a tool in a case."""

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.choices import Audience, EntryKind
from laget.cases.services.common import audit_write, ensure_open
from laget.cases.services.entries import entry_create
from laget.orgs.models import Municipality, Unit
from laget.tools.models import (
    MSG_PUBLISHED_IMMUTABLE,
    FilledTool,
    ToolDefinition,
    ToolVersion,
    VersionStatus,
)
from laget.tools.schema import clean_answers, validate_schema
from laget.tools.scoring import format_value, score

MSG_NO_DRAFT = gettext_lazy("Verktøyet har ikke noe utkast å publisere.")
MSG_UNKNOWN_VERSION = gettext_lazy("Velg en publisert versjon av et verktøy i kommunen.")
MSG_SLUG_TAKEN = gettext_lazy("Kommunen har allerede et verktøy med dette kortnavnet.")


def _next_number(definition: ToolDefinition) -> int:
    top = definition.versions.aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


@transaction.atomic
def tool_create(
    *,
    municipality: Municipality,
    slug: str,
    name: str,
    kind: str,
    description: str = "",
    schema: dict[str, Any],
    by: User,
) -> ToolDefinition:
    """A new tool with its first version as a draft."""
    if ToolDefinition.objects.filter(municipality=municipality, slug=slug).exists():
        raise ValidationError({"slug": MSG_SLUG_TAKEN}, code="unique")
    definition = ToolDefinition(
        municipality=municipality,
        slug=slug,
        name=name.strip(),
        kind=kind,
        description=description.strip(),
    )
    definition.full_clean()
    definition.save()
    tool_draft_save(definition=definition, schema=schema, by=by)
    return definition


@transaction.atomic
def tool_update(
    *, definition: ToolDefinition, name: str, kind: str, description: str = ""
) -> ToolDefinition:
    """Name, kind and description belong to the tool, not to a version."""
    definition.name = name.strip()
    definition.kind = kind
    definition.description = description.strip()
    definition.full_clean()
    definition.save()
    return definition


@transaction.atomic
def tool_draft_save(
    *, definition: ToolDefinition, schema: dict[str, Any] | None = None, by: User
) -> ToolVersion:
    """Save the draft's schema; without a draft, start one from the published version (or
    from `schema`). A published version is never touched: changes go to a new draft."""
    definition = ToolDefinition.objects.select_for_update().get(pk=definition.pk)
    draft = definition.draft()
    if draft is None:
        published = definition.published()
        if schema is None:
            if published is None:
                raise ValidationError(MSG_NO_DRAFT, code="no_draft")
            schema = copy.deepcopy(published.schema)
        draft = ToolVersion(
            definition=definition, number=_next_number(definition), created_by=by, schema={}
        )
    if schema is not None:
        draft.schema = schema
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def tool_publish(*, definition: ToolDefinition, by: User) -> ToolVersion:
    """Publish the draft: from now on it is the version filled, and it never changes."""
    definition = ToolDefinition.objects.select_for_update().get(pk=definition.pk)
    draft = definition.draft()
    if draft is None:
        raise ValidationError(MSG_NO_DRAFT, code="no_draft")
    validate_schema(draft.schema)
    draft.status = VersionStatus.PUBLISHED
    draft.published_at = timezone.now()
    draft.full_clean()
    draft.save()
    return draft


def version_update(*, version: ToolVersion, schema: dict[str, Any]) -> ToolVersion:
    """Change a version's schema: a draft only."""
    if version.is_published:
        raise ValidationError(MSG_PUBLISHED_IMMUTABLE, code="published")
    version.schema = schema
    version.full_clean()
    version.save()
    return version


def _entry_text(definition: ToolDefinition, value: float | None, band: str) -> str:
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
    entry = entry_create(
        actor=actor,
        access=access,
        kind=EntryKind.NOTE,
        text=_entry_text(definition, value, band),
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
        author=actor.user,
        author_unit_id=access.participant.unit_id,
        entry=entry,
    )
    filled.full_clean()
    filled.save()
    audit_write(actor, AuditAction.CREATE, filled, case.pk)
    return filled
