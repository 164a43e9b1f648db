"""Municipal intention agreements and implementation phases, for the municipalities in the
user's registry scope (laget/registry/access.py). No registry role: 403; a municipality or
agreement outside the scope: 404."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.lib.dbrouting import reads_from_replica
from laget.lib.forms import DATE_INPUT, LagetForm, LongTextField
from laget.orgs.models import Municipality
from laget.registry import access
from laget.registry.models import Agreement, Phase, PhaseEntry, Program
from laget.registry.selectors import current_phase
from laget.registry.services.agreements import PHASE_ORDER, agreement_save, phase_field

METHODS = ["GET", "HEAD", "POST"]
READ = ["GET", "HEAD"]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


class AgreementForm(LagetForm):
    program = forms.ModelChoiceField(label=gettext_lazy("Program"), queryset=Program.objects.all())
    signed_on = forms.DateField(label=gettext_lazy("Avtalen ble inngått"), widget=DATE_INPUT)
    parties = LongTextField(label=gettext_lazy("Parter"), rows=3)
    intermunicipal = forms.BooleanField(
        label=gettext_lazy("Interkommunalt samarbeid"), required=False
    )
    steering_group = LongTextField(
        label=gettext_lazy("Styringsgruppe"),
        rows=4,
        required=False,
        help_text=gettext_lazy("Én person per linje, med rolle."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for phase in PHASE_ORDER:
            self.fields[phase_field(phase)] = forms.DateField(
                label=_("Gikk inn i fasen «%(phase)s»") % {"phase": Phase(phase).label},
                widget=DATE_INPUT,
                required=False,
            )

    def phases(self) -> dict[str, Any]:
        return {phase: self.cleaned_data.get(phase_field(phase)) for phase in PHASE_ORDER}


def _save(
    user: User,
    form: AgreementForm,
    municipality: Municipality,
    agreement: Agreement | None,
) -> Agreement | None:
    data = form.cleaned_data
    try:
        return agreement_save(
            by=user,
            municipality=municipality,
            agreement=agreement,
            program=data["program"],
            signed_on=data["signed_on"],
            parties=data["parties"],
            intermunicipal=data["intermunicipal"],
            steering_group=data["steering_group"],
            phases=form.phases(),
        )
    except ValidationError as e:
        form.add_service_errors(e)
        return None


def _page(request: HttpRequest, form: AgreementForm, title: str, status: int) -> HttpResponse:
    return render(
        request,
        "registry/agreement_form.html",
        {"title": title, "form": form, "back_url": reverse("registry:agreement_list")},
        status=status,
    )


@login_required
@require_http_methods(READ)
@reads_from_replica()
def agreement_list(request: HttpRequest) -> HttpResponse:
    """Each municipality in scope: its program, the agreement date and the current phase."""
    user = _user(request)
    access.require_scope(user)
    municipalities = access.municipalities_for(user).order_by("name")
    agreements = (
        access.agreements_for(user)
        .select_related("program")
        .prefetch_related(Prefetch("phases", queryset=PhaseEntry.objects.all()))
    )
    by_municipality: dict[int, list[Agreement]] = {}
    for a in agreements.order_by("program__name"):
        by_municipality.setdefault(a.municipality_id, []).append(a)
    rows = []
    for m in municipalities:
        for a in by_municipality.get(m.pk, []):
            rows.append({"municipality": m, "agreement": a, "phase": current_phase(a)})
        if m.pk not in by_municipality:
            rows.append({"municipality": m, "agreement": None, "phase": None})
    return render(
        request,
        "registry/agreement_list.html",
        {"title": _("Avtaler og faser"), "rows": rows},
    )


@login_required
@require_http_methods(METHODS)
def agreement_create(request: HttpRequest, municipality_id: int) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    municipality = access.municipality_for(user, municipality_id)
    form = AgreementForm(request.POST or None)
    saved = request.method == "POST" and form.is_valid() and _save(user, form, municipality, None)
    if saved:
        messages.success(request, _("Avtalen er lagret."))
        return redirect("registry:agreement_list")
    status = 400 if request.method == "POST" else 200
    title = _("Ny avtale for %(municipality)s") % {"municipality": municipality.name}
    return _page(request, form, title, status)


@login_required
@require_http_methods(METHODS)
def agreement_edit(request: HttpRequest, agreement_id: int) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    agreement = access.agreement_for(user, agreement_id)
    initial: dict[str, Any] = {
        "program": agreement.program_id,
        "signed_on": agreement.signed_on,
        "parties": agreement.parties,
        "intermunicipal": agreement.intermunicipal,
        "steering_group": agreement.steering_group,
    }
    for entry in agreement.phases.all():
        initial[phase_field(entry.phase)] = entry.entered_on
    form = AgreementForm(request.POST or None, initial=initial)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and _save(user, form, agreement.municipality, agreement)
    )
    if saved:
        messages.success(request, _("Avtalen er lagret."))
        return redirect("registry:agreement_list")
    status = 400 if request.method == "POST" else 200
    title = _("Avtale for %(municipality)s") % {"municipality": agreement.municipality.name}
    return _page(request, form, title, status)
