"""The registry report on the web: an HTML page with filters and the same figures as CSV, XLSX
and PDF downloads. Scope comes only from `laget.registry.access`: no registry role → 403; a
region or municipality outside the user's scope → 404."""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.registry.access import municipalities_for, practitioners_for, require_scope
from laget.registry.exports import report_csv, report_pdf, report_title, report_xlsx
from laget.registry.models import Program, RegistryRole, Term
from laget.registry.reports import (
    Report,
    ReportScope,
    TermRef,
    build_report,
    family_columns,
    table_columns,
    table_titles,
)

READ = ["GET", "HEAD"]
FIRST_YEAR = 2000


class ReportFilter(forms.Form):
    program = forms.ChoiceField(label=gettext_lazy("Program"))
    area = forms.ChoiceField(label=gettext_lazy("Område"), required=False)
    year = forms.IntegerField(label=gettext_lazy("År (aktive)"), min_value=FIRST_YEAR)
    term = forms.ChoiceField(label=gettext_lazy("Termin for nye"), choices=Term.choices)
    term_year = forms.IntegerField(
        label=gettext_lazy("År for terminen"), min_value=FIRST_YEAR, required=False
    )

    def __init__(
        self,
        data: dict[str, str],
        *,
        programs: list[Program],
        areas: list[tuple[str, str]],
    ) -> None:
        super().__init__(data)
        program_field = self.fields["program"]
        assert isinstance(program_field, forms.ChoiceField)
        program_field.choices = [(p.slug, p.name) for p in programs]
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.ChoiceField)
        area_field.choices = areas
        last = datetime.date.today().year + 5
        for name in ("year", "term_year"):
            field = self.fields[name]
            assert isinstance(field, forms.IntegerField)
            field.max_value = last
            field.widget.attrs["max"] = last


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _programs(user: User, everything: bool) -> list[Program]:
    if everything:
        return list(Program.objects.order_by("name"))
    ids = RegistryRole.objects.filter(user=user).values_list("program_id", flat=True)
    return list(Program.objects.filter(pk__in=ids).order_by("name"))


def _areas(user: User) -> list[tuple[str, str]]:
    scope = require_scope(user)
    everything = _("Hele landet") if scope.everything else _("Hele mitt område")
    municipalities = list(municipalities_for(user).order_by("region", "name"))
    regions = sorted(
        {m.region for m in municipalities if m.region} if scope.everything else scope.regions
    )
    return (
        [("", everything)]
        + [(f"r:{r}", _("Region %(region)s") % {"region": r}) for r in regions]
        + [(f"m:{m.pk}", m.name) for m in municipalities]
    )


def _scope_for(user: User, area: str) -> ReportScope:
    scope = require_scope(user)
    municipalities = municipalities_for(user)
    if area == "":
        if scope.everything:
            return ReportScope.of(None, None, _("Hele landet"))
        ids = list(municipalities.values_list("pk", flat=True))
        names = sorted(scope.regions) or list(municipalities.values_list("name", flat=True))
        return ReportScope.of(ids, scope.regions, ", ".join(names))
    if area.startswith("r:"):
        region = area[2:]
        ids = list(municipalities.filter(region=region).values_list("pk", flat=True))
        if not ids and not scope.covers_region(region):
            raise Http404
        label = _("Region %(region)s") % {"region": region}
        # State services' practitioners of the region count only for those who see the region.
        regions = [region] if scope.covers_region(region) else []
        return ReportScope.of(ids, regions, label)
    if area.startswith("m:") and area[2:].isdigit():
        municipality = municipalities.filter(pk=int(area[2:])).first()
        if municipality is None:
            raise Http404
        return ReportScope.of([municipality.pk], [], municipality.name)
    raise Http404


def _report(request: HttpRequest) -> tuple[Report | None, ReportFilter]:
    user = _user(request)
    scope = require_scope(user)
    programs = _programs(user, scope.everything)
    today = datetime.date.today()
    data: dict[str, str] = {
        "program": programs[0].slug if programs else "",
        "area": "",
        "year": str(today.year),
        "term": Term.SPRING if today.month <= 6 else Term.AUTUMN,
        "term_year": "",
    }
    data.update({k: request.GET[k] for k in data if k in request.GET})
    area = data["area"]
    form = ReportFilter(data, programs=programs, areas=_areas(user))
    if not form.is_valid():
        # An area outside the scope is not a form error: it is not there for this user.
        if "area" in form.errors:
            raise Http404
        return None, form
    program = next(p for p in programs if p.slug == form.cleaned_data["program"])
    year: int = form.cleaned_data["year"]
    term_year: int = form.cleaned_data["term_year"] or year
    report = build_report(
        program=program,
        scope=_scope_for(user, area),
        year=year,
        term=TermRef(term_year, form.cleaned_data["term"]),
        practitioners=practitioners_for(user),
    )
    return report, form


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
def report_csv_view(request: HttpRequest) -> HttpResponse:
    r = _required(request)
    return _download(r, report_csv(r), "text/csv; charset=utf-8", "csv")


@login_required
@require_http_methods(READ)
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
def report_pdf_view(request: HttpRequest) -> HttpResponse:
    r = _required(request)
    return _download(r, report_pdf(r), "application/pdf", "pdf")
