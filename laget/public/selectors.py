"""What the public guide site reads: the published guide, tools and services of a municipality."""

from dataclasses import dataclass, field

from django.http import Http404

from laget.directory.models import Service
from laget.directory.search import Match
from laget.directory.search import normalize as fold
from laget.directory.selectors import search as search_services
from laget.directory.selectors import services_by_ids
from laget.guide.models import GuideVersion, Level, Step
from laget.guide.selectors import published_guide
from laget.orgs.models import Municipality
from laget.tools.selectors import PublishedTool, published_tools


@dataclass(frozen=True)
class PublicGuide:
    municipality: Municipality
    version: GuideVersion
    tools: dict[str, PublishedTool] = field(default_factory=dict)

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
    return PublicGuide(municipality, version, tools)


@dataclass(frozen=True)
class SearchResults:
    steps: list[Step]
    tools: list[PublishedTool]
    services: list[Match]

    @property
    def empty(self) -> bool:
        return not (self.steps or self.tools or self.services)


def search(guide: PublicGuide, query: str) -> SearchResults:
    """Steps and tools whose words contain every word of the query (accents and case
    ignored), and services by name, abbreviation or former name, typos tolerated."""
    words = fold(query).split()
    if not words:
        return SearchResults([], [], [])

    def hit(*texts: str) -> bool:
        haystack = fold(" ".join(texts))
        return all(w in haystack for w in words)

    steps = [
        s
        for lvl in guide.levels
        for s in lvl.steps.all()
        if hit(s.title, s.body, s.actor, lvl.title)
    ]
    tools = [t for t in guide.tools.values() if hit(t.definition.name, t.definition.description)]
    services = search_services(guide.municipality, query, limit=10)
    return SearchResults(steps, tools, services)
