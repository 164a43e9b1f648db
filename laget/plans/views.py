"""The individual plan's pages: its overview, the decision, the coordinator, the handover and
the handover package's two downloads."""

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.cases.access import CaseAccess, Need
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.models import Participant
from laget.cases.views.common import case_url, current_user, form_page, load_case, web_actor
from laget.plans import services
from laget.plans.access import is_active_coordinator, package_case
from laget.plans.forms import CoordinatorForm, DecisionForm, HandoverForm, WithdrawForm
from laget.plans.package import handover_document, handover_pdf
from laget.plans.selectors import plan_state

METHODS = ["GET", "HEAD", "POST"]
ANCHOR = "individuell-plan"


def _candidates(access: CaseAccess) -> list[Participant]:
    """The people who may be named coordinator: taking part now, on a basis that holds."""
    granting = {p.pk for p in getattr(access.case, "granting", [])}
    return [p for p in access.case.participants.all() if p.pk in granting and p.user_id]


@login_required
@require_http_methods(["GET", "HEAD"])
def plan_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.READ)
    user = current_user(request)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "access": access,
            "case": access.case,
            "plan": plan_state(access.case),
            "may_download": access.may_coordinate or is_active_coordinator(access.case, user),
            "title": _("Individuell plan og koordinator"),
            "back_url": case_url(access.case.pk, ANCHOR),
            "closed_message": MSG_CASE_CLOSED,
        },
    )


@login_required
@require_http_methods(METHODS)
def decision_record(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    current = plan_state(access.case).decision
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            "decided_on": current.decided_on,
            "decided_by": current.decided_by,
            "statute": current.statute,
            "statute_other": current.statute_other,
            "grounds": current.grounds,
        }
    form = DecisionForm(request.POST or None, initial=initial, correcting=current is not None)

    def save(data: dict[str, Any]) -> None:
        services.plan_decision_record(actor=web_actor(request), access=access, **data)

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Rett vedtaket") if current else _("Vedtak om individuell plan"),
        intro=_(
            "Registrer vedtaket om at barnet har rett til individuell plan: når det ble fattet, "
            "av hvem og med hvilken lovhjemmel og begrunnelse. Saken merkes da med behov for "
            "individuell plan."
        ),
        success=_("Vedtaket er registrert."),
        anchor=ANCHOR,
    )


@login_required
@require_http_methods(METHODS)
def decision_withdraw(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    form = WithdrawForm(request.POST or None)

    def save(data: dict[str, Any]) -> None:
        services.plan_decision_withdraw(
            actor=web_actor(request), access=access, reason=data["reason"]
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Trekk tilbake vedtaket om individuell plan"),
        intro=_(
            "Vedtaket blir stående i historikken med begrunnelsen, og saken merkes ikke lenger "
            "med behov for individuell plan."
        ),
        submit=_("Trekk tilbake"),
        success=_("Vedtaket er trukket tilbake."),
        anchor=ANCHOR,
    )


@login_required
@require_http_methods(METHODS)
def coordinator_name(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    form = CoordinatorForm(request.POST or None, candidates=_candidates(access))

    def save(data: dict[str, Any]) -> None:
        services.plan_coordinator_name(
            actor=web_actor(request),
            access=access,
            participant_id=data["participant"],
            from_date=data["from_date"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Koordinator"),
        intro=_(
            "Koordinatoren har hovedansvaret for å følge opp barnet og den individuelle planen "
            "(helse- og omsorgstjenesteloven § 7-2). Det er en annen rolle enn "
            "stafettholderen, men samme person kan ha begge. Velg en person som deltar i saken."
        ),
        success=_("Koordinatoren er registrert."),
        anchor=ANCHOR,
    )


@login_required
@require_http_methods(METHODS)
def hand_over(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    state = plan_state(access.case)
    current = state.coordinator
    initial = {"participant": current.participant_id} if current is not None else {}
    form = HandoverForm(request.POST or None, candidates=_candidates(access), initial=initial)

    def save(data: dict[str, Any]) -> None:
        services.plan_hand_over(
            actor=web_actor(request),
            access=access,
            participant_id=data["participant"],
            from_date=data["from_date"],
            note=data["note"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Overlever til individuell plan"),
        intro=_(
            "Stafettloggen avsluttes med begrunnelsen «videreført i individuell plan», og "
            "koordinatoren får en overleveringspakke (PDF og JSON) til planens system. Etter "
            "overleveringen kan saken bare leses."
        ),
        submit=_("Overlever og avslutt saken"),
        success=_("Saken er overlevert til individuell plan og avsluttet."),
        anchor=ANCHOR,
        template="plans/hand_over.html",
        context={"plan": state},
    )


def _download(response: HttpResponse, filename: str) -> HttpResponse:
    # The name carries the case number only; the package is never kept by a cache.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD"])
def package_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    case = package_case(current_user(request), case_id, actor=web_actor(request))
    pdf = handover_pdf(handover_document(case))
    return _download(
        HttpResponse(pdf, content_type="application/pdf"), f"individuell-plan-sak-{case.pk}.pdf"
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def package_json(request: HttpRequest, case_id: int) -> HttpResponse:
    case = package_case(current_user(request), case_id, actor=web_actor(request))
    body = json.dumps(handover_document(case), ensure_ascii=False, indent=2)
    return _download(
        HttpResponse(body, content_type="application/json; charset=utf-8"),
        f"individuell-plan-sak-{case.pk}.json",
    )
