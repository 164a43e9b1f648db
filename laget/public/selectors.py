"""What the public guide site reads: the published guide, tools and services of a municipality."""

from dataclasses import dataclass, field

from django.http import Http404

from laget.directory.models import Service
from laget.directory.selectors import services_by_ids
from laget.guide.concern import concern_channel
from laget.guide.models import GuideSettings, GuideVersion, Level, Step
from laget.guide.selectors import published_guide
from laget.orgs.models import Municipality
from laget.tools.selectors import PublishedTool, published_tools


@dataclass(frozen=True)
class PublicGuide:
    municipality: Municipality
    version: GuideVersion
    tools: dict[str, PublishedTool] = field(default_factory=dict)
    # Where a concern is reported to child welfare; None while the municipality has not set it.
    concern: GuideSettings | None = None

    @property
    def levels(self) -> list[Level]:
        return list(self.version.levels.all())

    def step(self, level: int, slug: str) -> Step:
        for lvl in self.levels:
            if lvl.number == level:
                for step in lvl.steps.all():
                    if step.slug == slug:
                        return step
        raise Http404

    def tools_of(self, step: Step) -> list[PublishedTool]:
        return [self.tools[s] for s in step.tool_slugs if s in self.tools]

    def services_of(self, step: Step) -> list[Service]:
        return services_by_ids(self.municipality, step.service_ids) if step.service_ids else []


def public_guide(number: str) -> PublicGuide:
    """The published guide of the municipality with this number, or 404."""
    municipality = Municipality.objects.filter(number=number).first()
    if municipality is None:
        raise Http404
    version = published_guide(municipality)
    if version is None:
        raise Http404
    tools = {t.definition.slug: t for t in published_tools({municipality.pk})}
    return PublicGuide(municipality, version, tools, concern_channel(municipality))
