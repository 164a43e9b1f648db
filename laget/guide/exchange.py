"""A guide with its tools as one JSON file, to move it from one municipality to another.

The file holds no database ids, dates or user names, and its keys are sorted, so exporting a
guide, importing it into a second municipality and exporting it there gives the same file.
Service ids are left out: they point into one municipality's own service directory.
"""

import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.guide.models import Guide, GuideVersion, VersionStatus
from laget.guide.services import guide_create, guide_publish, version_create
from laget.guide.structure import LevelData, StepData, normal_exit, version_levels
from laget.orgs.models import Municipality
from laget.orgs.rules import manages_municipality

FORMAT = "laget-guide"
FORMAT_VERSION = 1

MSG_NOT_A_GUIDE = _("Filen er ikke en eksportert veileder fra Laget.")
MSG_NEWER_FORMAT = _("Filen er laget av en nyere versjon av Laget (format %(v)s).")
MSG_BAD_GUIDE = _("Veilederen i filen mangler %(what)s.")
MSG_NOTHING_TO_EXPORT = _("Kommunen har ingen veileder å eksportere.")


def _tool_exchange() -> Any:
    try:
        from laget.tools import exchange
    except ImportError:
        return None
    return exchange


def _tools_for(municipality: Municipality, slugs: set[str]) -> list[dict[str, Any]]:
    exchange = _tool_exchange()
    if exchange is None or not slugs:
        return []
    from laget.tools.models import ToolDefinition

    definitions = ToolDefinition.objects.filter(municipality=municipality, slug__in=slugs)
    return [exchange.export_tool(d) for d in definitions.order_by("slug")]


def export_version(version: GuideVersion) -> dict[str, Any]:
    guide = version.guide
    levels = version_levels(version, with_services=False)
    slugs = {t for level in levels for step in level.get("steps", []) for t in step["tools"]}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "guide": {"title": guide.title, "slug": guide.slug, "levels": levels},
        "tools": _tools_for(guide.municipality, slugs),
    }


def export_guide(municipality: Municipality) -> dict[str, Any]:
    """The municipality's guide: its published version, or else its newest."""
    guide = Guide.objects.filter(municipality=municipality).order_by("pk").first()
    version = None
    if guide is not None:
        version = (
            guide.versions.filter(status=VersionStatus.PUBLISHED).first()
            or guide.versions.order_by("-number").first()
        )
    if version is None:
        raise ValidationError(MSG_NOTHING_TO_EXPORT, code="empty")
    return export_version(version)


def dumps(data: dict[str, Any]) -> str:
    """The one way a guide file is written: sorted keys, UTF-8 text, a final newline."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def _levels(raw: Any) -> list[LevelData]:
    if not isinstance(raw, list):
        raise ValidationError(MSG_BAD_GUIDE % {"what": "levels"}, code="invalid")
    levels: list[LevelData] = []
    for level in raw:
        if not isinstance(level, dict) or not isinstance(level.get("number"), int):
            raise ValidationError(MSG_BAD_GUIDE % {"what": "levels[].number"}, code="invalid")
        steps: list[StepData] = []
        for step in level.get("steps") or []:
            if not isinstance(step, dict) or not step.get("slug"):
                raise ValidationError(MSG_BAD_GUIDE % {"what": "steps[].slug"}, code="invalid")
            steps.append(
                {
                    "slug": str(step["slug"]),
                    "title": str(step.get("title", "")),
                    "body": str(step.get("body", "")),
                    "actor": str(step.get("actor", "")),
                    "deadline_days": step.get("deadline_days"),
                    "exits": [normal_exit(e) for e in step.get("exits") or []],
                    "tools": [str(t) for t in step.get("tools") or []],
                }
            )
        levels.append(
            {
                "number": level["number"],
                "title": str(level.get("title", "")),
                "summary": str(level.get("summary", "")),
                "steps": steps,
            }
        )
    return levels


@transaction.atomic
def import_guide(
    *,
    municipality: Municipality,
    data: Any,
    by: User,
    publish: bool = False,
    system: bool = False,
) -> GuideVersion:
    """Put the guide of `data` into `municipality` as a new draft (published with publish=True).

    Its tools are imported first; a tool whose slug the municipality already has is kept as it
    is (the municipality's own tool wins). A guide with the same slug gets a new version.
    `by` must be the municipality's coordinator or admin, unless system=True (a management
    command); `by` is the tools' author either way.
    """
    if not system and not manages_municipality(by, municipality.pk):
        raise PermissionDenied
    author = None if system else by
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(MSG_NOT_A_GUIDE, code="format")
    if not isinstance(data.get("format_version"), int) or data["format_version"] > FORMAT_VERSION:
        raise ValidationError(MSG_NEWER_FORMAT % {"v": data.get("format_version")}, code="format")
    raw = data.get("guide")
    if not isinstance(raw, dict) or not raw.get("title") or not raw.get("slug"):
        raise ValidationError(MSG_BAD_GUIDE % {"what": "title/slug"}, code="invalid")
    levels = _levels(raw.get("levels"))

    tools = data.get("tools") or []
    exchange = _tool_exchange()
    if tools and exchange is not None:
        from laget.tools.models import ToolDefinition

        have = set(
            ToolDefinition.objects.filter(municipality=municipality).values_list("slug", flat=True)
        )
        for tool in tools:
            if isinstance(tool, dict) and tool.get("slug") not in have:
                exchange.import_tool(municipality=municipality, data=tool, by=by)

    guide = Guide.objects.filter(municipality=municipality, slug=raw["slug"]).first()
    if guide is None:
        guide = guide_create(
            by=author, municipality=municipality, title=str(raw["title"]), slug=str(raw["slug"])
        )
    version = version_create(by=author, guide=guide, levels=levels, note=str(_("Importert")))
    if publish:
        version = guide_publish(by=author, version=version)
    return version
