"""Programs as data: a program admin creates programs and adds or edits their interventions
and qualification types. Anyone else gets 403."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.lib.dbrouting import reads_from_replica
from laget.lib.forms import LagetForm
from laget.registry import access
from laget.registry.models import Intervention, Program, QualificationKind, QualificationType
from laget.registry.planned import PlannedStart, PlannedStartError, parse_planned
from laget.registry.services import intervention_save, program_save, qualification_type_save
from laget.training.selectors import national_items

METHODS = ["GET", "HEAD", "POST"]
READ = ["GET", "HEAD"]


def require_program_admin(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    access.require_program_admin(user)
    return user


class ProgramForm(LagetForm):
    name = forms.CharField(label=gettext_lazy("Navn"), max_length=200)
    slug = forms.SlugField(
        label=gettext_lazy("Kortadresse"),
        max_length=50,
        help_text=gettext_lazy("Små bokstaver, tall og bindestrek, f.eks. «tibir»."),
    )
    owner = forms.CharField(label=gettext_lazy("Programeier"), max_length=200, required=False)


class PlannedStartField(forms.CharField):
    """A planned start written as people say it; cleans to a PlannedStart."""

    def clean(self, value: Any) -> PlannedStart:
        text = super().clean(value)
        try:
            return parse_planned(text or "")
        except PlannedStartError as e:
            raise forms.ValidationError(str(e), code="invalid") from e


class InterventionForm(LagetForm):
    name = forms.CharField(label=gettext_lazy("Navn"), max_length=200)
    slug = forms.SlugField(label=gettext_lazy("Kortadresse"), max_length=50)
    order = forms.IntegerField(label=gettext_lazy("Rekkefølge"), min_value=0, initial=0)
    planned_start = PlannedStartField(
        label=gettext_lazy("Planlagt oppstart"),
        max_length=40,
        required=False,
        help_text=gettext_lazy(
            "Halvår og år («våren 2018»), bare år («2018») eller dato («15.08.2018»). "
            "Rapporten viser dette til tiltaket har tall."
        ),
    )


class QualificationTypeForm(LagetForm):
    name = forms.CharField(label=gettext_lazy("Navn"), max_length=200)
    slug = forms.SlugField(label=gettext_lazy("Kortadresse"), max_length=50)
    kind = forms.ChoiceField(label=gettext_lazy("Type"), choices=QualificationKind.choices)
    intervention = forms.ModelChoiceField(
        label=gettext_lazy("Intervensjon"),
        queryset=Intervention.objects.none(),
        required=False,
        empty_label=gettext_lazy("Ingen bestemt intervensjon"),
    )
    min_families = forms.IntegerField(
        label=gettext_lazy("Minste antall familier per periode"), min_value=0, required=False
    )
    min_supervision_hours = forms.IntegerField(
        label=gettext_lazy("Minste antall timer veiledning per periode"),
        min_value=0,
        required=False,
    )
    period_months = forms.IntegerField(
        label=gettext_lazy("Periode (måneder)"), min_value=1, max_value=120, required=False
    )
    required_training = forms.ModelChoiceField(
        label=gettext_lazy("Krever opplæringen"),
        queryset=national_items(),
        required=False,
        empty_label=gettext_lazy("Ingen opplæring kreves"),
        help_text=gettext_lazy(
            "Lagets nasjonale opplæring. En utøver som er koblet til en bruker i Laget, får "
            "ikke kvalifikasjonen før opplæringen er fullført."
        ),
    )
    order = forms.IntegerField(label=gettext_lazy("Rekkefølge"), min_value=0, initial=0)

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["intervention"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = program.interventions.all()


def _form_page(
    request: HttpRequest, form: forms.Form, title: str, back_url: str, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "registry/program_form.html",
        {"title": title, "form": form, "back_url": back_url},
        status=status,
    )


@login_required
@require_http_methods(READ)
@reads_from_replica()
def program_list(request: HttpRequest) -> HttpResponse:
    require_program_admin(request)
    return render(
        request,
        "registry/program_list.html",
        {"title": _("Programmer"), "programs": Program.objects.all()},
    )


@login_required
@require_http_methods(METHODS)
def program_create(request: HttpRequest) -> HttpResponse:
    user = require_program_admin(request)
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = program_save(by=user, **form.cleaned_data)
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            messages.success(request, _("Programmet er opprettet."))
            return redirect("registry:program_detail", program_id=program.pk)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form, _("Nytt program"), reverse("registry:program_list"), status)


@login_required
@require_http_methods(METHODS)
def program_detail(request: HttpRequest, program_id: int) -> HttpResponse:
    """The program with its interventions and qualifications; POST changes its name."""
    user = require_program_admin(request)
    program = get_object_or_404(Program, pk=program_id)
    initial = {"name": program.name, "slug": program.slug, "owner": program.owner}
    form = ProgramForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                program_save(by=user, program=program, **form.cleaned_data)
            except ValidationError as e:
                form.add_service_errors(e)
            else:
                messages.success(request, _("Programmet er lagret."))
                return redirect("registry:program_detail", program_id=program.pk)
        status = 400
    return render(
        request,
        "registry/program_detail.html",
        {
            "title": program.name,
            "program": program,
            "form": form,
            "interventions": [(i, PlannedStart.of(i).label) for i in program.interventions.all()],
            "qualification_types": program.qualification_types.select_related(
                "intervention", "required_training"
            ),
        },
        status=status,
    )


def _intervention_page(
    request: HttpRequest, user: User, program: Program, intervention: Intervention | None
) -> HttpResponse:
    initial = (
        {
            "name": intervention.name,
            "slug": intervention.slug,
            "order": intervention.order,
            "planned_start": PlannedStart.of(intervention).text,
        }
        if intervention
        else {"order": program.interventions.count() + 1}
    )
    form = InterventionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            intervention_save(
                by=user, program=program, intervention=intervention, **form.cleaned_data
            )
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            messages.success(request, _("Intervensjonen er lagret."))
            return redirect("registry:program_detail", program_id=program.pk)
    title = (_("Endre intervensjon") if intervention else _("Ny intervensjon i %(program)s")) % {
        "program": program.name
    }
    status = 400 if request.method == "POST" else 200
    back = reverse("registry:program_detail", args=[program.pk])
    return _form_page(request, form, title, back, status)


@login_required
@require_http_methods(METHODS)
def program_intervention_add(request: HttpRequest, program_id: int) -> HttpResponse:
    user = require_program_admin(request)
    program = get_object_or_404(Program, pk=program_id)
    return _intervention_page(request, user, program, None)


@login_required
@require_http_methods(METHODS)
def program_intervention_edit(
    request: HttpRequest, program_id: int, intervention_id: int
) -> HttpResponse:
    user = require_program_admin(request)
    program = get_object_or_404(Program, pk=program_id)
    intervention = get_object_or_404(Intervention, pk=intervention_id, program=program)
    return _intervention_page(request, user, program, intervention)


def _qualification_page(
    request: HttpRequest, user: User, program: Program, qt: QualificationType | None
) -> HttpResponse:
    initial: dict[str, object] = {"order": program.qualification_types.count() + 1}
    if qt is not None:
        initial = {
            "name": qt.name,
            "slug": qt.slug,
            "kind": qt.kind,
            "intervention": qt.intervention_id,
            "min_families": qt.min_families,
            "min_supervision_hours": qt.min_supervision_hours,
            "period_months": qt.period_months,
            "required_training": qt.required_training_id,
            "order": qt.order,
        }
    form = QualificationTypeForm(request.POST or None, initial=initial, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            qualification_type_save(
                by=user, program=program, qualification_type=qt, **form.cleaned_data
            )
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            messages.success(request, _("Kvalifikasjonen er lagret."))
            return redirect("registry:program_detail", program_id=program.pk)
    title = (_("Endre kvalifikasjon") if qt else _("Ny kvalifikasjon i %(program)s")) % {
        "program": program.name
    }
    status = 400 if request.method == "POST" else 200
    back = reverse("registry:program_detail", args=[program.pk])
    return _form_page(request, form, title, back, status)


@login_required
@require_http_methods(METHODS)
def program_qualification_add(request: HttpRequest, program_id: int) -> HttpResponse:
    user = require_program_admin(request)
    program = get_object_or_404(Program, pk=program_id)
    return _qualification_page(request, user, program, None)


@login_required
@require_http_methods(METHODS)
def program_qualification_edit(
    request: HttpRequest, program_id: int, qualification_type_id: int
) -> HttpResponse:
    user = require_program_admin(request)
    program = get_object_or_404(Program, pk=program_id)
    qt = get_object_or_404(QualificationType, pk=qualification_type_id, program=program)
    return _qualification_page(request, user, program, qt)
