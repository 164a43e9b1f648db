"""The public guide site: a municipality's published guide, its tools and its services,
readable without login, link-shareable per step, cached for speed on a phone."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_http_methods

from laget.guide.models import ExitKind, Step
from laget.public.search import search
from laget.public.selectors import PublicGuide, public_guide
from laget.training.selectors import items_for_step

# Published guides change seldom; five minutes keeps a phone on a slow line fast.
CACHE_SECONDS = 300
GET = ["GET", "HEAD"]
# Longest query read from the search box; anything longer is cut.
QUERY_MAX = 100


@require_http_methods(GET)
@cache_page(CACHE_SECONDS)
def guide_home(request: HttpRequest, municipality_number: str) -> HttpResponse:
    guide = public_guide(municipality_number)
    return render(
        request, "public/guide_home.html", {"guide": guide, "title": guide.version.guide.title}
    )


def _exits(guide: PublicGuide, step: Step) -> list[dict[str, str]]:
    """The ways on from a step; a next step names and links the step it leads to, a report to
    child welfare links the municipality's channel (its form, else the directory's entry)."""
    siblings = {s.slug: s for s in step.level.steps.all()}
    rows = []
    for e in step.exits:
        label, url = str(e.get("label", "")), ""
        if e.get("kind") == ExitKind.REPORT:
            rows.append({"label": label or str(ExitKind.REPORT.label), "report": "1"})
            continue
        target = siblings.get(str(e.get("target"))) if e.get("kind") == ExitKind.NEXT_STEP else None
        if target is not None:
            label = f"{label}: {target.title}" if label and label != target.title else target.title
            url = reverse(
                "public:step",
                kwargs={
                    "municipality_number": guide.municipality.number,
                    "level": step.level.number,
                    "slug": target.slug,
                },
            )
        if label:
            rows.append({"label": label, "url": url})
    return rows


@require_http_methods(GET)
@cache_page(CACHE_SECONDS)
def step_detail(
    request: HttpRequest, municipality_number: str, level: int, slug: str
) -> HttpResponse:
    guide = public_guide(municipality_number)
    step = guide.step(level, slug)
    return render(
        request,
        "public/step.html",
        {
            "guide": guide,
            "step": step,
            "tools": guide.tools_of(step),
            "services": guide.services_of(step),
            "exits": _exits(guide, step),
            # Only the training the municipality has marked public (staff see all of it).
            "training": items_for_step(
                guide.municipality.pk, step.slug, list(step.tool_slugs), public=True
            ),
            "title": step.title,
        },
    )


@require_http_methods(GET)
@cache_page(CACHE_SECONDS)
def tool_detail(request: HttpRequest, municipality_number: str, slug: str) -> HttpResponse:
    guide = public_guide(municipality_number)
    tool = guide.tools.get(slug)
    if tool is None:
        raise Http404
    return render(
        request,
        "public/tool.html",
        {
            "guide": guide,
            "tool": tool,
            "fields": tool.version.schema.get("fields", []),
            "bands": tool.version.schema.get("bands", []),
            "title": tool.definition.name,
        },
    )


@require_http_methods(GET)
def guide_search(request: HttpRequest, municipality_number: str) -> HttpResponse:
    guide = public_guide(municipality_number)
    query = request.GET.get("q", "").strip()[:QUERY_MAX]
    hits = search(guide.municipality, query) if query else None
    return render(
        request,
        "public/search.html",
        {"guide": guide, "query": query, "hits": hits, "title": guide.version.guide.title},
    )
