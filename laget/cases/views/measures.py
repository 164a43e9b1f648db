"""Measures (tiltak): create, change and evaluate."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.cases.access import CaseAccess, Need
from laget.cases.forms.measures import EvaluationForm, MeasureForm
from laget.cases.models import Measure, Participant
from laget.cases.services import measures
from laget.cases.views.common import form_page, load_case, web_actor

METHODS = ["GET", "HEAD", "POST"]


def _responsible(access: CaseAccess, current: Measure | None = None) -> list[Participant]:
    rows = [p for p in access.case.participants.all() if p.is_active]
    if current is not None and all(p.pk != current.responsible_id for p in rows):
        rows.extend(p for p in access.case.participants.all() if p.pk == current.responsible_id)
    return rows


@login_required
@require_http_methods(METHODS)
def measure_create(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    form = MeasureForm(
        request.POST or None,
        responsible=_responsible(access),
        meetings=access.case.meetings.all(),
        creating=True,
    )

    def save(data: dict[str, Any]) -> None:
        measures.measure_create(
            actor=web_actor(request),
            access=access,
            title=data["title"],
            goal=data["goal"],
            arena=data["arena"],
            responsible_id=data["responsible"],
            start_date=data["start_date"],
            evaluation_date=data["evaluation_date"],
            status=data["status"],
            meeting_id=data.get("meeting"),
            child_view=data.get("child_view", ""),
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Nytt tiltak"),
        intro=_("Hvert tiltak har en ansvarlig og en dato for når det skal evalueres."),
        success=_("Tiltaket er lagret."),
        anchor="tiltak",
    )


@login_required
@require_http_methods(METHODS)
def measure_update(request: HttpRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    measure = get_object_or_404(access.case.measures, pk=measure_id)
    initial = {
        "title": measure.title,
        "goal": measure.goal,
        "arena": measure.arena,
        "responsible": measure.responsible_id,
        "start_date": measure.start_date,
        "evaluation_date": measure.evaluation_date,
        "status": measure.status,
        "child_view": measure.child_view,
        "version": measure.version,
    }
    form = MeasureForm(
        request.POST or None,
        initial=initial,
        responsible=_responsible(access, measure),
        meetings=(),
        creating=False,
    )

    def save(data: dict[str, Any]) -> None:
        changes = {name: data[name] for name in measures.MEASURE_FIELDS}
        if data["responsible"] != measure.responsible_id:
            changes["responsible_id"] = data["responsible"]
        measures.measure_update(
            actor=web_actor(request),
            access=access,
            measure=measure,
            expected_version=data["version"],
            **changes,
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Endre tiltak"),
        success=_("Tiltaket er endret."),
        anchor="tiltak",
    )


@login_required
@require_http_methods(METHODS)
def measure_evaluate(request: HttpRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    measure = get_object_or_404(access.case.measures.select_related("responsible"), pk=measure_id)
    form = EvaluationForm(
        request.POST or None,
        initial={
            "outcome": measure.outcome,
            "evaluation_text": measure.evaluation_text,
            "version": measure.version,
        },
    )

    def save(data: dict[str, Any]) -> None:
        measures.measure_evaluate(
            actor=web_actor(request),
            access=access,
            measure=measure,
            expected_version=data["version"],
            outcome=data["outcome"],
            evaluation_text=data["evaluation_text"],
            status=data["status"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Evaluer tiltaket"),
        success=_("Evalueringen er lagret."),
        anchor="tiltak",
        template="cases/measure_evaluate.html",
        context={"measure": measure},
    )
