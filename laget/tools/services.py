"""Writes of the tools app: definitions and their versions (filling one in a case is
laget/cases/tools/services.py)."""

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.tools.models import (
    MSG_PUBLISHED_IMMUTABLE,
    ToolDefinition,
    ToolVersion,
    VersionStatus,
)
from laget.tools.schema import validate_schema

MSG_NO_DRAFT = gettext_lazy("Verktøyet har ikke noe utkast å publisere.")
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
