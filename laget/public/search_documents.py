"""What the public search looks through, as documents: the published guide's steps, the
published tools and the active services of one municipality.

Each document has three weighted texts, the same on both databases: A the title (a
service's names), B a summary (who does the step, a tool's or service's description), C the
body (the step's text, a tool's questions and answers, who a service is for and how to get
in touch). search_postgres.py spells the same fields as database expressions.
"""

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laget.directory.models import Service
from laget.directory.selectors import public_services
from laget.guide.models import GuideVersion, Step, VersionStatus
from laget.orgs.models import Municipality
from laget.tools.selectors import PublishedTool, published_tools


class Kind(enum.StrEnum):
    STEP = "step"
    TOOL = "tool"
    SERVICE = "service"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])


KIND_LABELS = {
    Kind.STEP: _("Steg i veilederen"),
    Kind.TOOL: _("Verktøy"),
    Kind.SERVICE: _("Tjeneste"),
}

WEIGHTS = ("A", "B", "C")
_MARKDOWN = re.compile(r"[*_#>`|\[\]]+|^\s*[-+]\s+", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    kind: Kind
    pk: int
    title: str
    url: str
    meta: str
    texts: dict[str, str]  # weight ("A", "B", "C") -> plain text
    snippet_texts: tuple[str, ...] = ()  # what a snippet quotes from, first choice first


def json_strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, as PostgreSQL's jsonb_to_tsvector(…, '["string"]')."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


# The keys of a tool's schema whose strings a person reads (laget/tools/schema.py).
HUMAN_KEYS = frozenset({"label", "help", "interpretation", "statement", "labels"})


def human_strings(value: Any, *, human: bool = False) -> Iterator[str]:
    """The strings of a tool's schema a person reads (labels, help, band texts), not its keys,
    types and option values: what a snippet quotes."""
    if isinstance(value, str):
        if human:
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from human_strings(item, human=human or key in HUMAN_KEYS)
    elif isinstance(value, list):
        for item in value:
            yield from human_strings(item, human=human)


def plain(markdown: str) -> str:
    return " ".join(_MARKDOWN.sub(" ", markdown).split())


def published_version_id(municipality: Municipality) -> int | None:
    """The version the public guide shows (as guide.selectors.published_guide chooses it)."""
    return (
        GuideVersion.objects.filter(
            guide__municipality=municipality, status=VersionStatus.PUBLISHED
        )
        .order_by("guide_id")
        .values_list("pk", flat=True)
        .first()
    )


def step_document(municipality: Municipality, step: Step) -> Document:
    level = step.level
    body = plain(step.body)
    return Document(
        Kind.STEP,
        step.pk,
        step.title,
        reverse(
            "public:step",
            kwargs={
                "municipality_number": municipality.number,
                "level": level.number,
                "slug": step.slug,
            },
        ),
        str(_("Nivå %(n)s") % {"n": level.number}),
        {"A": step.title, "B": step.actor, "C": body},
        (body, step.actor),
    )


def tool_document(municipality: Municipality, tool: PublishedTool) -> Document:
    d = tool.definition
    return Document(
        Kind.TOOL,
        tool.version.pk,
        d.name,
        reverse("public:tool", kwargs={"municipality_number": municipality.number, "slug": d.slug}),
        "",
        {"A": d.name, "B": d.description, "C": " ".join(json_strings(tool.version.schema))},
        (d.description, ". ".join(human_strings(tool.version.schema))),
    )


def service_document(municipality: Municipality, s: Service) -> Document:
    return Document(
        Kind.SERVICE,
        s.pk,
        s.name,
        reverse(
            "directory:public_detail",
            kwargs={"municipality_number": municipality.number, "service_id": s.pk},
        ),
        s.get_kind_display(),
        {
            "A": " ".join([s.name, *s.abbreviations, *s.former_names]),
            "B": s.description,
            "C": f"{s.target_group} {s.how_to_refer}",
        },
        (s.description, s.target_group, s.how_to_refer),
    )


def documents(
    municipality: Municipality,
    *,
    version_id: int | None,
    tools: list[PublishedTool],
    only: Mapping[Kind, Iterable[int]] | None = None,
) -> list[Document]:
    """The municipality's documents (with `only`: just these ids of each kind)."""
    docs: list[Document] = []
    step_ids = set(only.get(Kind.STEP, ())) if only is not None else None
    if version_id is not None and step_ids != set():
        steps = Step.objects.filter(level__version_id=version_id).select_related("level")
        if step_ids is not None:
            steps = steps.filter(pk__in=step_ids)
        docs += [step_document(municipality, s) for s in steps.order_by("level__number", "order")]
    tool_ids = set(only.get(Kind.TOOL, ())) if only is not None else None
    docs += [
        tool_document(municipality, t)
        for t in tools
        if tool_ids is None or t.version.pk in tool_ids
    ]
    service_ids = set(only.get(Kind.SERVICE, ())) if only is not None else None
    if service_ids != set():
        services = public_services(municipality)
        if service_ids is not None:
            services = services.filter(pk__in=service_ids)
        docs += [service_document(municipality, s) for s in services]
    return docs


def tools_of(municipality: Municipality) -> list[PublishedTool]:
    return published_tools({municipality.pk})
