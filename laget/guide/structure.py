"""A version's structure as plain data: levels → steps, in order, without database ids.

The one shape used to copy a version into a new draft, to export and import guides and to write
the starter guide, so that all of them build versions the same way.
"""

from typing import Any, TypedDict

from laget.guide.models import GuideVersion


class ExitData(TypedDict):
    kind: str
    target: str | int
    label: str


class StepData(TypedDict, total=False):
    slug: str
    title: str
    body: str
    actor: str
    deadline_days: int | None
    exits: list[ExitData]
    tools: list[str]
    services: list[int]


class LevelData(TypedDict, total=False):
    number: int
    title: str
    summary: str
    steps: list[StepData]


def version_levels(version: GuideVersion, *, with_services: bool = True) -> list[LevelData]:
    """The version's levels and steps in order. Service ids belong to one municipality's
    directory, so an export leaves them out (with_services=False)."""
    levels: list[LevelData] = []
    for level in version.levels.all().order_by("number").prefetch_related("steps"):
        steps: list[StepData] = []
        for step in sorted(level.steps.all(), key=lambda s: (s.order, s.pk)):
            data: StepData = {
                "slug": step.slug,
                "title": step.title,
                "body": step.body,
                "actor": step.actor,
                "deadline_days": step.deadline_days,
                "exits": [normal_exit(e) for e in step.exits],
                "tools": list(step.tool_slugs),
            }
            if with_services:
                data["services"] = list(step.service_ids)
            steps.append(data)
        levels.append(
            {"number": level.number, "title": level.title, "summary": level.summary, "steps": steps}
        )
    return levels


def normal_exit(value: Any) -> ExitData:
    """An exit with exactly the three keys; a level target as an int, others as text."""
    kind = str(value.get("kind", "")) if isinstance(value, dict) else ""
    target: Any = value.get("target", "") if isinstance(value, dict) else ""
    label = str(value.get("label", "")) if isinstance(value, dict) else ""
    if kind == "level":
        try:
            target = int(target)
        except (TypeError, ValueError):
            target = str(target)
    else:
        target = "" if target is None else str(target)
    return {"kind": kind, "target": target, "label": label}
