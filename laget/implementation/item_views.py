"""Adding and changing a plan's milestones, unit activities, ambassadors, steering meetings and
decisions. One view per kind serves both: without an id it adds, with one it changes."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.implementation import item_services as s
from laget.implementation.forms import (
    ActivityForm,
    AgentForm,
    DecisionForm,
    MeetingForm,
    MilestoneForm,
)
from laget.implementation.models import (
    Activity,
    ChangeAgent,
    Decision,
    Milestone,
    Plan,
    SteeringMeeting,
)
from laget.implementation.selectors import plan_for
from laget.implementation.web import METHODS, form_round, initial_from, municipality_of


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    return plan_for(municipality_of(request), plan_id)


def _back(plan: Plan, anchor: str) -> str:
    return reverse("implementation:plan_detail", args=[plan.pk]) + f"#{anchor}"


@login_required
@require_http_methods(METHODS)
def milestone_edit(
    request: HttpRequest, plan_id: int, milestone_id: int | None = None
) -> HttpResponse:
    plan = _plan(request, plan_id)
    obj = get_object_or_404(Milestone, pk=milestone_id, plan=plan) if milestone_id else None
    initial = initial_from(obj, MilestoneForm) if obj else None
    form = MilestoneForm(request.POST or None, plan=plan, initial=initial)
    return form_round(
        request,
        form,
        lambda data: s.milestone_save(plan=plan, milestone=obj, **data),
        title=_("Endre milepæl") if obj else _("Ny milepæl"),
        back_url=_back(plan, "milepaeler"),
        done_url=_back(plan, "milepaeler"),
        message=_("Milepælen er lagret."),
        extra={"plan": plan},
    )


@login_required
@require_http_methods(METHODS)
def activity_edit(
    request: HttpRequest, plan_id: int, activity_id: int | None = None
) -> HttpResponse:
    plan = _plan(request, plan_id)
    obj = get_object_or_404(Activity, pk=activity_id, plan=plan) if activity_id else None
    initial = initial_from(obj, ActivityForm) if obj else None
    form = ActivityForm(request.POST or None, plan=plan, initial=initial)
    return form_round(
        request,
        form,
        lambda data: s.activity_save(plan=plan, activity=obj, **data),
        title=_("Endre aktivitet") if obj else _("Ny aktivitet i en enhet"),
        back_url=_back(plan, "enheter"),
        done_url=_back(plan, "enheter"),
        message=_("Aktiviteten er lagret."),
        extra={"plan": plan},
    )


@login_required
@require_http_methods(METHODS)
def agent_edit(request: HttpRequest, plan_id: int, agent_id: int | None = None) -> HttpResponse:
    plan = _plan(request, plan_id)
    obj = get_object_or_404(ChangeAgent, pk=agent_id, plan=plan) if agent_id else None
    initial = initial_from(obj, AgentForm) if obj else None
    form = AgentForm(request.POST or None, plan=plan, initial=initial)
    return form_round(
        request,
        form,
        lambda data: s.agent_save(plan=plan, agent=obj, **data),
        title=_("Endre ambassadør") if obj else _("Ny ambassadør"),
        back_url=_back(plan, "enheter"),
        done_url=_back(plan, "enheter"),
        message=_("Ambassadøren er lagret."),
        extra={"plan": plan},
    )


@login_required
@require_http_methods(METHODS)
def meeting_edit(request: HttpRequest, plan_id: int, meeting_id: int | None = None) -> HttpResponse:
    plan = _plan(request, plan_id)
    obj = get_object_or_404(SteeringMeeting, pk=meeting_id, plan=plan) if meeting_id else None
    initial = initial_from(obj, MeetingForm) if obj else None
    form = MeetingForm(request.POST or None, plan=plan, initial=initial)
    return form_round(
        request,
        form,
        lambda data: s.meeting_save(plan=plan, meeting=obj, **data),
        title=_("Endre møte i styringsgruppen") if obj else _("Nytt møte i styringsgruppen"),
        back_url=_back(plan, "styringsgruppe"),
        done_url=_back(plan, "styringsgruppe"),
        message=_("Møtet er lagret."),
        extra={"plan": plan},
    )


@login_required
@require_http_methods(METHODS)
def decision_edit(
    request: HttpRequest, plan_id: int, meeting_id: int, decision_id: int | None = None
) -> HttpResponse:
    plan = _plan(request, plan_id)
    meeting = get_object_or_404(SteeringMeeting, pk=meeting_id, plan=plan)
    obj = get_object_or_404(Decision, pk=decision_id, meeting=meeting) if decision_id else None
    initial = initial_from(obj, DecisionForm) if obj else None
    form = DecisionForm(request.POST or None, plan=plan, initial=initial)
    return form_round(
        request,
        form,
        lambda data: s.decision_save(meeting=meeting, decision=obj, **data),
        title=_("Endre vedtak") if obj else _("Nytt vedtak"),
        back_url=_back(plan, "styringsgruppe"),
        done_url=_back(plan, "styringsgruppe"),
        message=_("Vedtaket er lagret."),
        extra={"plan": plan},
    )
