"""Tool pages in a case: picking a tool, filling it, reading and printing a filled one.

Access comes from case_for (through load_case) like every other case page.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.cases.access import Need
from laget.cases.tools.display import answer_rows
from laget.cases.tools.forms import ToolFillForm
from laget.cases.tools.pdf import filled_tool_pdf
from laget.cases.tools.services import tool_fill
from laget.cases.views.common import case_url, form_page, load_case, web_actor
from laget.orgs.models import Unit
from laget.tools.models import FilledTool, ToolVersion, VersionStatus
from laget.tools.selectors import published_tools

GET = ["GET", "HEAD"]
METHODS = ["GET", "HEAD", "POST"]


@login_required
@require_http_methods(GET)
def tool_pick(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    return render(
        request,
        "tools/tool_pick.html",
        {
            "access": access,
            "case": access.case,
            "tools": published_tools({access.case.municipality_id}),
            "title": _("Bruk et verktøy"),
            "back_url": case_url(case_id, "logg"),
        },
    )


@login_required
@require_http_methods(METHODS)
def tool_fill_page(request: HttpRequest, case_id: int, version_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    case = access.case
    version = get_object_or_404(
        ToolVersion.objects.select_related("definition"),
        pk=version_id,
        status=VersionStatus.PUBLISHED,
        definition__municipality_id=case.municipality_id,
    )
    participants = list(
        case.participants.filter(left_at__isnull=True).select_related("user", "unit")
    )
    units = list(
        Unit.objects.filter(municipality_id=case.municipality_id, is_active=True).order_by("name")
    )
    form = ToolFillForm(
        request.POST or None, schema=version.schema, participants=participants, units=units
    )
    definition = version.definition
    return form_page(
        request,
        access=access,
        form=form,
        save=lambda _data: tool_fill(
            actor=web_actor(request), access=access, version=version, answers=form.answers()
        ),
        title=definition.name,
        intro=definition.description,
        success=_("%(tool)s er lagret i loggen.") % {"tool": definition.name},
        anchor="logg",
    )


def _filled(request: HttpRequest, case_id: int, filled_id: int) -> FilledTool:
    access = load_case(request, case_id, Need.READ)
    return get_object_or_404(
        FilledTool.objects.select_related(
            "tool_version__definition", "author", "author_unit", "case"
        ),
        pk=filled_id,
        case=access.case,
    )


@login_required
@require_http_methods(GET)
def filled_detail(request: HttpRequest, case_id: int, filled_id: int) -> HttpResponse:
    filled = _filled(request, case_id, filled_id)
    return render(
        request,
        "tools/filled_detail.html",
        {
            "case": filled.case,
            "filled": filled,
            "rows": answer_rows(filled),
            "title": filled.tool_version.definition.name,
            "back_url": case_url(case_id, "logg"),
        },
    )


@login_required
@require_http_methods(GET)
def filled_pdf(request: HttpRequest, case_id: int, filled_id: int) -> HttpResponse:
    filled = _filled(request, case_id, filled_id)
    response = HttpResponse(filled_tool_pdf(filled), content_type="application/pdf")
    name = slugify(filled.tool_version.definition.slug) or "verktoy"
    response["Content-Disposition"] = f'inline; filename="{name}-{filled.pk}.pdf"'
    return response
