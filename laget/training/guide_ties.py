"""What a municipality's own training item can be tied to: the steps and tools of its published
guide, by slug as the item stores them (models.py), found the way the case page finds them
(laget/guide/selectors.published_guide: levels and steps in order; a step names its tools by
slug, laget/tools names them).

Steps are grouped by level. A slug the guide has in two levels is offered once, under the first:
an item names "the step" by its slug alone. Tools are one list in the order the guide first
uses them, each saying in which levels it is used.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from laget.guide.selectors import published_guide
from laget.tools.selectors import published_tools

Choices = list[tuple[str, str]]


@dataclass(frozen=True)
class GuideTies:
    # [(level label, [(step slug, step title), …]), …]
    step_groups: list[tuple[str, Choices]] = field(default_factory=list)
    tools: Choices = field(default_factory=list)

    @property
    def step_slugs(self) -> set[str]:
        return {slug for _label, steps in self.step_groups for slug, _title in steps}

    @property
    def tool_slugs(self) -> set[str]:
        return {slug for slug, _name in self.tools}

    @property
    def is_empty(self) -> bool:
        return not self.step_groups


def _level_label(number: int, title: str) -> str:
    """ "Steg på nivå 1: Tiltak i egen tjeneste", also from a title that names its level
    ("Nivå 1: Tiltak i egen tjeneste", as the starter guide's do)."""
    prefix = f"{_('Nivå')} {number}"
    if title.casefold().startswith(prefix.casefold()):
        title = title[len(prefix) :].lstrip(" :–-")
    if not title:
        return _("Steg på nivå %(number)s") % {"number": number}
    return _("Steg på nivå %(number)s: %(title)s") % {"number": number, "title": title}


def guide_ties(municipality_id: int) -> GuideTies:
    """The published guide's steps (by level) and the tools its steps use; nothing without a
    published guide. Five queries."""
    version = published_guide(municipality_id)
    if version is None:
        return GuideTies()
    names = {t.definition.slug: t.definition.name for t in published_tools({municipality_id})}
    groups: list[tuple[str, Choices]] = []
    seen_steps: set[str] = set()
    tool_levels: dict[str, list[int]] = {}
    for level in version.levels.all():
        steps: Choices = []
        for step in level.steps.all():
            if step.slug not in seen_steps:
                seen_steps.add(step.slug)
                steps.append((step.slug, step.title))
            for slug in step.tool_slugs:
                levels = tool_levels.setdefault(slug, [])
                if level.number not in levels:
                    levels.append(level.number)
        if steps:
            groups.append((_level_label(level.number, level.title), steps))
    tools = [
        (
            slug,
            _("%(name)s (nivå %(levels)s)")
            % {"name": names.get(slug, slug), "levels": ", ".join(str(n) for n in levels)},
        )
        for slug, levels in tool_levels.items()
    ]
    return GuideTies(groups, tools)
