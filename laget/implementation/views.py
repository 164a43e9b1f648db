"""Plan pages: the list, a new plan, the plan itself, its phases, the stage tracker and the
comparison. Coordinators and admins of the municipality only (laget/orgs/rules.py)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.implementation import services
from laget.implementation.forms import (
    PhaseAdvanceForm,
    PhaseModelForm,
    PlanCreateForm,
    PlanEditForm,
    SicForm,
)
from laget.implementation.models import PhaseModel
from laget.implementation.phases import install_phase_models
from laget.implementation.plan_page import plan_page
from laget.implementation.selectors import (
    MIN_OTHER_MUNICIPALITIES,
    plan_comparison,
    plan_for,
    plan_summary,
)
from laget.implementation.sic_data import SIC_ACTIVITIES, SIC_STAGES
from laget.implementation.web import METHODS, READ, form_round, initial_from, municipality_of
from laget.lib.dbrouting import reads_from_replica


def _detail(plan_id: int, anchor: str = "") -> str:
    url = reverse("implementation:plan_detail", args=[plan_id])
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_http_methods(READ)
def plan_list(request: HttpRequest) -> HttpResponse:
    municipality = municipality_of(request)
    own_models = PhaseModel.objects.filter(municipality=municipality)
    return render(
        request,
        "implementation/plan_list.html",
        {
            "title": _("Innføringsplaner"),
            "plans": plan_summary(municipality),
            "own_models": own_models,
        },
    )


@login_required
@require_http_methods(METHODS)
def plan_create(request: HttpRequest) -> HttpResponse:
    municipality = municipality_of(request)
    install_phase_models()
    form = PlanCreateForm(request.POST or None, municipality=municipality)
    return form_round(
        request,
        form,
        lambda data: services.plan_create(municipality=municipality, **data),
        title=_("Ny innføringsplan"),
        back_url=reverse("implementation:plan_list"),
        done_url=lambda plan: _detail(plan.pk),
        message=_("Planen er opprettet."),
    )


@login_required
@require_http_methods(METHODS)
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(municipality_of(request), plan_id)
    form = PlanEditForm(request.POST or None, initial=initial_from(plan, PlanEditForm))
    return form_round(
        request,
        form,
        lambda data: services.plan_update(plan=plan, **data),
        title=_("Endre planen"),
        back_url=_detail(plan.pk),
        done_url=_detail(plan.pk),
        message=_("Planen er lagret."),
        extra={"plan": plan},
    )


@login_required
@require_http_methods(METHODS)
def phase_model_create(request: HttpRequest) -> HttpResponse:
    municipality = municipality_of(request)
    form = PhaseModelForm(request.POST or None)
    return form_round(
        request,
        form,
        lambda data: services.phase_model_create(
            municipality=municipality, name=data["name"], phases=data["phases"].splitlines()
        ),
        title=_("Egen fasemodell"),
        back_url=reverse("implementation:plan_list"),
        done_url=reverse("implementation:plan_create"),
        message=_("Fasemodellen er lagret. Du kan nå velge den for en ny plan."),
        extra={"intro": _("Bruk en egen modell når kommunen deler innføringen i andre faser.")},
    )


@login_required
@require_http_methods(READ)
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(municipality_of(request), plan_id)
    page = plan_page(plan, today=timezone.localdate())
    return render(request, "implementation/plan_detail.html", {"title": plan.name, "page": page})


@login_required
@require_http_methods(METHODS)
def phase_advance(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(municipality_of(request), plan_id)
    later = plan_page(plan, today=timezone.localdate()).later_phases
    form = PhaseAdvanceForm(request.POST or None, plan=plan, later=later)
    return form_round(
        request,
        form,
        lambda data: services.phase_advance(plan=plan, **data),
        title=_("Gå videre til neste fase"),
        back_url=_detail(plan.pk, "faser"),
        done_url=_detail(plan.pk, "faser"),
        message=_("Planen er i en ny fase."),
        extra={"plan": plan},
    )


@login_required
@require_http_methods(METHODS)
def sic_mark(request: HttpRequest, plan_id: int, activity: str) -> HttpResponse:
    plan = plan_for(municipality_of(request), plan_id)
    item = SIC_ACTIVITIES.get(activity)
    if item is None:
        raise Http404
    done = plan.sic_completions.filter(activity=activity).first()
    initial = {"completed_on": done.completed_on if done else timezone.localdate()}
    form = SicForm(request.POST or None, plan=plan, initial=initial)
    return form_round(
        request,
        form,
        lambda data: services.sic_mark(
            plan=plan, activity=activity, completed_on=data["completed_on"]
        ),
        title=str(item.name),
        back_url=_detail(plan.pk, "trinn"),
        done_url=_detail(plan.pk, "trinn"),
        message=_("Trinnaktiviteten er lagret."),
        extra={
            "plan": plan,
            "intro": _("Involvert: %(who)s. La datoen stå tom hvis aktiviteten ikke er fullført.")
            % {"who": item.who},
        },
    )


@login_required
@require_http_methods(READ)
@reads_from_replica()
def sic_compare(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(municipality_of(request), plan_id)
    comparison = plan_comparison(plan)
    others = comparison.others or []
    rows = [
        {"stage": stage, "own": own, "median": others[i] if others else None}
        for i, (stage, own) in enumerate(zip(SIC_STAGES, comparison.own, strict=True))
    ]
    return render(
        request,
        "implementation/sic_compare.html",
        {
            "title": _("Sammenlignet med andre kommuner"),
            "plan": plan,
            "comparison": comparison,
            "rows": rows,
            "minimum": MIN_OTHER_MUNICIPALITIES,
        },
    )
