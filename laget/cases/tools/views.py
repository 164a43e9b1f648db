"""Tool pages in a case: picking a tool, filling it, reading and printing a filled one, and
the report-of-concern step a result that calls for one leads to.

Access comes from case_for (through load_case) like every other case page.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.tools import alarms
from laget.cases.tools.display import answer_rows
from laget.cases.tools.forms import ToolFillForm, ToolReportForm
from laget.cases.tools.pdf import filled_tool_pdf
from laget.cases.tools.services import tool_fill, tool_report_record
from laget.cases.views.common import (
    audit_page_read,
    case_url,
    current_user,
    form_page,
    load_case,
    web_actor,
)
from laget.guide.concern import concern_channel
from laget.orgs.models import Unit, UnitKind
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
    return _access_and_filled(request, case_id, filled_id)[1]


def _access_and_filled(
    request: HttpRequest, case_id: int, filled_id: int
) -> tuple[CaseAccess, FilledTool]:
    access = load_case(request, case_id, Need.READ)
    return access, get_object_or_404(
        FilledTool.objects.select_related(
            "tool_version__definition", "author", "author_unit", "case"
        ),
        pk=filled_id,
        case=access.case,
    )


@login_required
@require_http_methods(GET)
def filled_detail(request: HttpRequest, case_id: int, filled_id: int) -> HttpResponse:
    access, filled = _access_and_filled(request, case_id, filled_id)
    report = alarms.report_for(filled) if filled.requires_report else None
    return render(
        request,
        "tools/filled_detail.html",
        {
            "access": access,
            "case": filled.case,
            "filled": filled,
            "rows": answer_rows(filled),
            "title": filled.tool_version.definition.name,
            "back_url": case_url(case_id, "logg"),
            "who": alarms.who_label(filled.report_to),
            "report": report,
            "alarm_open": filled.requires_report and report is None and not filled.case.is_closed,
        },
    )


def _reporter(request: HttpRequest, case_id: int) -> CaseAccess:
    """The case for someone who may record a report a tool result called for: whoever writes
    in the case (the duty to report is each professional's own, and the one who filled the
    tool must not wait for the stafettholder) and whoever coordinates it."""
    access = case_for(current_user(request), case_id, actor=web_actor(request), audit=False)
    if not (access.may_write or access.may_coordinate):
        raise PermissionDenied
    if request.method in ("GET", "HEAD"):
        audit_page_read(request, access)
    return access


def _reason(filled: FilledTool) -> str:
    when = formats.date_format(timezone.localtime(filled.created_at), "SHORT_DATE_FORMAT")
    return _("Etter «%(tool)s» fylt ut %(date)s: %(band)s (poeng %(points)s).") % {
        "tool": filled.tool_version.definition.name,
        "date": when,
        "band": filled.band_label or "–",
        "points": filled.score_text or "–",
    }


@login_required
@require_http_methods(METHODS)
def filled_report(request: HttpRequest, case_id: int, filled_id: int) -> HttpResponse:
    """The report-of-concern step a tool result leads to: whom to call, where the report is
    sent, and recording that it was."""
    access = _reporter(request, case_id)
    case = access.case
    filled = get_object_or_404(
        FilledTool.objects.select_related("tool_version__definition", "author", "author_unit"),
        pk=filled_id,
        case=case,
    )
    units = list(
        Unit.objects.filter(
            municipality_id=case.municipality_id, kind=UnitKind.CHILD_WELFARE, is_active=True
        ).order_by("name")
    )
    form = ToolReportForm(
        request.POST or None,
        units=units,
        police=filled.report_to_police,
        initial={"reason": _reason(filled)},
    )
    report = alarms.report_for(filled)
    form_tool = alarms.report_form(case)

    def save(data: dict[str, Any]) -> None:
        tool_report_record(
            actor=web_actor(request),
            access=access,
            filled=filled,
            child_welfare_unit_id=data["child_welfare_unit"],
            reason=data["reason"],
            police_notified=bool(data.get("police_notified")),
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Meld bekymring til barnevernet"),
        intro=_(
            "Opplysningsplikten går foran taushetsplikten og trenger ikke samtykke. Ved "
            "mistanke om vold eller overgrep: meld uten å snakke med foreldrene først."
        ),
        submit=_("Registrer at meldingen er sendt"),
        success=_("Bekymringsmeldingen er registrert som sendt."),
        template="tools/filled_report.html",
        context={
            "filled": filled,
            "who": alarms.who_label(filled.report_to),
            "report": report,
            # The municipality's own channel for reports, as the public guide shows it.
            "channel": concern_channel(case.municipality_id),
            "services": alarms.child_welfare_services(case),
            "police_services": alarms.police_services(case),
            "police_numbers": alarms.POLICE_NUMBERS,
            "police": filled.report_to_police,
            "form_tool": form_tool
            if form_tool and form_tool.pk != filled.tool_version_id
            else None,
            "has_units": bool(units),
            "back_url": case_url(case_id),
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
