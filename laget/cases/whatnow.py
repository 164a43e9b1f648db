"""«Hva nå?»: the step of the action guide a case is at, its tools, the training tied to them
(laget/training) and the ways on."""

from dataclasses import dataclass, field

from laget.cases.models import Case
from laget.guide.models import ExitKind, Step
from laget.guide.selectors import published_guide
from laget.tools.selectors import PublishedTool, published_tools
from laget.training.models import TrainingItem
from laget.training.selectors import items_for_step


@dataclass(frozen=True)
class Exit:
    kind: str
    label: str
    target: str | int | None
    # For a next step: the title of the step it leads to, so the button names where it goes.
    target_title: str = ""


@dataclass(frozen=True)
class WhatNow:
    step: Step
    steps: list[Step]
    tools: list[PublishedTool] = field(default_factory=list)
    exits: list[Exit] = field(default_factory=list)
    training: list[TrainingItem] = field(default_factory=list)

    @property
    def position(self) -> int:
        return self.steps.index(self.step) + 1


def steps_of_level(case: Case) -> list[Step]:
    """The steps of the case's level in the municipality's published guide."""
    version = published_guide(case.municipality_id)
    if version is None:
        return []
    level = next((lvl for lvl in version.levels.all() if lvl.number == case.level), None)
    return list(level.steps.all()) if level else []


def step_at(case: Case, steps: list[Step]) -> Step:
    """The step the case is at: the one it was moved to, else the first of its level (a new
    case, or one whose level changed, has no step of its own yet). `steps` is not empty."""
    return next((s for s in steps if s.slug == case.guide_step), steps[0])


def what_now(case: Case) -> WhatNow | None:
    """Where the case is in the guide, or None when the municipality has published none."""
    steps = steps_of_level(case)
    if not steps:
        return None
    step = step_at(case, steps)
    tools = {t.definition.slug: t for t in published_tools({case.municipality_id})}
    titles = {s.slug: s.title for s in steps}
    exits = [
        Exit(
            kind=e.get("kind", ""),
            label=e.get("label", ""),
            target=e.get("target"),
            target_title=titles.get(str(e.get("target")), "")
            if e.get("kind") == ExitKind.NEXT_STEP
            else "",
        )
        for e in step.exits
        if e.get("kind") in ExitKind.values
    ]
    following = steps.index(step) + 1
    if following < len(steps) and not any(e.kind == ExitKind.NEXT_STEP for e in exits):
        nxt = steps[following]
        exits.insert(
            0,
            Exit(kind=ExitKind.NEXT_STEP, label=nxt.title, target=nxt.slug, target_title=nxt.title),
        )
    return WhatNow(
        step=step,
        steps=steps,
        tools=[tools[s] for s in step.tool_slugs if s in tools],
        exits=exits,
        training=items_for_step(case.municipality_id, step.slug, list(step.tool_slugs)),
    )
