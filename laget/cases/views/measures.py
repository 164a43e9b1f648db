"""Measures (tiltak): create, change and evaluate."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.cases.access import CaseAccess, Need
from laget.cases.choices import ARENA_OF_UNIT_KIND
from laget.cases.forms.measures import EvaluationForm, MeasureForm
from laget.cases.models import Measure, Participant
from laget.cases.services import measures
from laget.cases.views.common import current_user, form_page, load_case, web_actor

METHODS = ["GET", "HEAD", "POST"]


def _responsible(access: CaseAccess, current: Measure | None = None) -> list[Participant]:
    rows = [p for p in access.case.participants.all() if p.is_active]
    if current is not None and all(p.pk != current.responsible_id for p in rows):
        rows.extend(p for p in access.case.participants.all() if p.pk == current.responsible_id)
    return rows


def _new_measure_defaults(responsible: list[Participant], user: User) -> dict[str, object]:
    """What a new measure most often is: starting today, with the person writing it (their
    own participation) responsible, in the arena their unit works in."""
    defaults: dict[str, object] = {"start_date": timezone.localdate()}
    mine = next((p for p in responsible if p.user_id == user.pk), None)
    if mine is not None:
        defaults["responsible"] = mine.pk
        arena = ARENA_OF_UNIT_KIND.get(mine.unit.kind)
        if arena:
            defaults["arena"] = arena
    return defaults


@login_required
@require_http_methods(METHODS)
def measure_create(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    responsible = _responsible(access)
    form = MeasureForm(
        request.POST or None,
        initial=_new_measure_defaults(responsible, current_user(request)),
        responsible=responsible,
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
            recurrence=data.get("recurrence", ""),
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
        "recurrence": measure.recurrence,
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
    evaluations = list(measure.evaluations.select_related("author", "author_unit"))
    # A new evaluation each time: the earlier ones are shown above the form and stay.
    form = EvaluationForm(
        request.POST or None,
        initial={"evaluated_on": timezone.localdate(), "version": measure.version},
    )

    def save(data: dict[str, Any]) -> None:
        measures.measure_evaluate(
            actor=web_actor(request),
            access=access,
            measure=measure,
            expected_version=data["version"],
            evaluated_on=data["evaluated_on"],
            outcome=data["outcome"],
            text=data["text"],
            status=data["status"],
            next_evaluation_on=data.get("next_evaluation_on"),
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Evaluer tiltaket"),
        intro=_("Hver evaluering lagres for seg. Tidligere evalueringer blir stående."),
        success=_("Evalueringen er lagret."),
        anchor=f"tiltak-{measure.pk}",
        template="cases/measure_evaluate.html",
        context={"measure": measure, "evaluations": evaluations},
    )
