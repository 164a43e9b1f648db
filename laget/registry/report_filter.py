"""The registry report's filter (program, area, year, term) read from query parameters, and the
report it selects for a user. The web page and its downloads and the API's JSON report use this
one function, so they show the same figures. Scope comes only from laget/registry/access.py: no
registry role → PermissionDenied; a region or municipality outside the scope → Http404."""

import datetime
from collections.abc import Mapping

from django import forms
from django.core.validators import MaxValueValidator
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laget.accounts.models import User
from laget.registry.access import (
    municipalities_for,
    practitioners_for,
    programs_for,
    require_scope,
)
from laget.registry.models import Program, Term
from laget.registry.reports import Report, ReportScope, TermRef, build_report

FIRST_YEAR = 2000
# The query parameters of the filter.
PARAMS = ("program", "area", "year", "term", "term_year")


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
            # Set after the field was made: its validator must be added too (a year far
            # ahead was a 500 in the API, found by laget/api/tests/test_fuzz.py).
            field.validators.append(MaxValueValidator(last))
            field.widget.attrs["max"] = last


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


def report_for(user: User, params: Mapping[str, str]) -> tuple[Report | None, ReportFilter]:
    """The report the parameters select (defaults: the user's first program, their whole area,
    this year, this term), or None with the filter's errors."""
    require_scope(user)
    programs = programs_for(user)
    today = datetime.date.today()
    data: dict[str, str] = {
        "program": programs[0].slug if programs else "",
        "area": "",
        "year": str(today.year),
        "term": Term.SPRING if today.month <= 6 else Term.AUTUMN,
        "term_year": "",
    }
    data.update({k: str(params[k]) for k in PARAMS if k in params})
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
