"""The registry report on the web: an HTML page with filters and the same figures as CSV, XLSX
and PDF downloads. The filter and scope are laget/registry/report_filter.py's: no registry role →
403; a region or municipality outside the user's scope → 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.lib.dbrouting import reads_from_replica
from laget.registry.exports import report_csv, report_pdf, report_title, report_xlsx
from laget.registry.report_filter import ReportFilter, report_for
from laget.registry.reports import Report, family_columns, table_columns, table_titles

READ = ["GET", "HEAD"]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _report(request: HttpRequest) -> tuple[Report | None, ReportFilter]:
    return report_for(_user(request), request.GET)


def _download(report: Report, content: bytes, content_type: str, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"rapport-{report.program.slug}-{report.year}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _required(request: HttpRequest) -> Report:
    report, _form = _report(request)
    if report is None:
        raise Http404
    return report


@login_required
@require_http_methods(READ)
@reads_from_replica()
def report(request: HttpRequest) -> HttpResponse:
    result, form = _report(request)
    titles = table_titles()
    query = urlencode({k: v for k, v in form.data.items() if v})
    return render(
        request,
        "registry/report.html",
        {
            "title": report_title(result) if result else _("Rapport"),
            "report": result,
            "form": form,
            "query": query,
            "competence_title": titles[0],
            "interventions_title": titles[1],
            "families_title": titles[2],
            "columns": table_columns(result) if result else [],
            "family_columns": family_columns(result) if result else [],
        },
        status=200 if result else 400,
    )


@login_required
@require_http_methods(READ)
@reads_from_replica()
def report_csv_view(request: HttpRequest) -> HttpResponse:
    r = _required(request)
    return _download(r, report_csv(r), "text/csv; charset=utf-8", "csv")


@login_required
@require_http_methods(READ)
@reads_from_replica()
def report_xlsx_view(request: HttpRequest) -> HttpResponse:
    r = _required(request)
    return _download(
        r,
        report_xlsx(r),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    )


@login_required
@require_http_methods(READ)
@reads_from_replica()
def report_pdf_view(request: HttpRequest) -> HttpResponse:
    r = _required(request)
    return _download(r, report_pdf(r), "application/pdf", "pdf")
