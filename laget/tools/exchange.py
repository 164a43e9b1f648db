"""Tools to and from JSON-ready dicts, for sharing between municipalities (the guide's export).

`export_tool` gives the tool's slug, name, kind, description and the schema of its published
version; `import_tool` creates or updates the tool with that slug and publishes the schema as a
new version. Export → import elsewhere → export gives the same dict, and the same JSON with
`dump`.
"""

import copy
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.tools.models import ToolDefinition, ToolKind
from laget.tools.services import tool_create, tool_draft_save, tool_publish, tool_update

MSG_NOTHING_PUBLISHED = gettext_lazy("Verktøyet har ingen publisert versjon å eksportere.")
MSG_BAD_TOOL = gettext_lazy("Verktøyet mangler %(name)s.")


def _canonical(value: Any) -> Any:
    """The value with every object's keys sorted (lists keep their order: it is meaningful)."""
    return json.loads(json.dumps(value, sort_keys=True, ensure_ascii=False))


def export_tool(definition: ToolDefinition) -> dict[str, Any]:
    version = definition.published()
    if version is None:
        raise ValidationError(MSG_NOTHING_PUBLISHED, code="unpublished")
    return _canonical(
        {
            "slug": definition.slug,
            "name": definition.name,
            "kind": definition.kind,
            "description": definition.description,
            "schema": version.schema,
        }
    )


def dump(data: Any) -> str:
    """Deterministic JSON text for exported data."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2)


@transaction.atomic
def import_tool(*, municipality: Municipality, data: dict[str, Any], by: User) -> ToolDefinition:
    for name in ("slug", "name", "schema"):
        if name not in data:
            raise ValidationError(MSG_BAD_TOOL, code="invalid", params={"name": name})
    schema = copy.deepcopy(data["schema"])
    kind = data.get("kind") or ToolKind.FORM
    description = data.get("description", "")
    definition = ToolDefinition.objects.filter(municipality=municipality, slug=data["slug"]).first()
    if definition is None:
        definition = tool_create(
            municipality=municipality,
            slug=data["slug"],
            name=data["name"],
            kind=kind,
            description=description,
            schema=schema,
            by=by,
        )
    else:
        tool_update(definition=definition, name=data["name"], kind=kind, description=description)
        published = definition.published()
        if (
            definition.draft() is None
            and published is not None
            and _canonical(published.schema) == _canonical(schema)
        ):
            return definition  # already the version in use: nothing new to publish
        tool_draft_save(definition=definition, schema=schema, by=by)
    tool_publish(definition=definition, by=by)
    return definition
