"""Writes for implementation plans: plans, phases, phase models and the stage tracker.

Milestones, activities, ambassadors and steering meetings are in item_services.py.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from laget.implementation.models import (
    PhaseDefinition,
    PhaseModel,
    Plan,
    PlanPhase,
    SicCompletion,
)
from laget.implementation.phases import install_phase_models
from laget.implementation.sic_data import SIC_ACTIVITIES
from laget.orgs.models import Municipality
from laget.registry.models import Program

MSG_PLAN_NAME_TAKEN = _("Kommunen har allerede en plan med dette navnet.")
MSG_PHASE_MODEL_OTHER = _("Fasemodellen hører til en annen kommune.")
MSG_PHASE_OTHER_MODEL = _("Fasen hører ikke til planens fasemodell.")
MSG_PHASE_BACKWARDS = _("Planen kan bare gå videre til en senere fase.")
MSG_PHASE_DATE_BEFORE = _("Datoen kan ikke være før planen gikk inn i nåværende fase (%(date)s).")
MSG_PHASES_TOO_FEW = _("Skriv minst to faser, én per linje.")
MSG_PHASES_DOUBLE = _("To faser har samme navn.")
MSG_PHASE_MODEL_TAKEN = _("Kommunen har allerede en fasemodell med dette navnet.")
MSG_UNKNOWN_SIC = _("Ukjent aktivitet.")


def _check_phase_model(municipality: Municipality, phase_model: PhaseModel) -> None:
    if phase_model.municipality_id not in (None, municipality.pk):
        raise ValidationError({"phase_model": MSG_PHASE_MODEL_OTHER})


def _check_name(municipality: Municipality, name: str, plan: Plan | None) -> None:
    taken = Plan.objects.filter(municipality=municipality, name=name)
    if plan is not None:
        taken = taken.exclude(pk=plan.pk)
    if taken.exists():
        raise ValidationError({"name": MSG_PLAN_NAME_TAKEN})


@transaction.atomic
def plan_create(
    *,
    municipality: Municipality,
    name: str,
    phase_model: PhaseModel,
    started_on: datetime.date,
    program: Program | None = None,
    steering_group: str = "",
    shares_progress: bool = False,
) -> Plan:
    """A new plan, entering the first phase of its model on `started_on`."""
    name = name.strip()
    _check_phase_model(municipality, phase_model)
    _check_name(municipality, name, None)
    plan = Plan(
        municipality=municipality,
        name=name,
        program=program,
        phase_model=phase_model,
        steering_group=steering_group.strip(),
        shares_progress=shares_progress,
    )
    plan.full_clean()
    plan.save()
    first = phase_model.phases.order_by("order").first()
    if first is not None:
        PlanPhase.objects.create(plan=plan, phase=first, entered_on=started_on)
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    name: str,
    program: Program | None,
    steering_group: str,
    shares_progress: bool,
) -> Plan:
    """Name, program, steering group and sharing; the phase model stays."""
    name = name.strip()
    _check_name(plan.municipality, name, plan)
    plan.name = name
    plan.program = program
    plan.steering_group = steering_group.strip()
    plan.shares_progress = shares_progress
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def phase_advance(*, plan: Plan, phase: PhaseDefinition, entered_on: datetime.date) -> PlanPhase:
    """Enter a later phase (phases may be skipped, never gone back to), not before the date
    the current phase was entered."""
    if phase.model_id != plan.phase_model_id:
        raise ValidationError({"phase": MSG_PHASE_OTHER_MODEL})
    current = (
        PlanPhase.objects.select_for_update()
        .filter(plan=plan)
        .select_related("phase")
        .order_by("-phase__order")
        .first()
    )
    if current is not None:
        if phase.order <= current.phase.order:
            raise ValidationError({"phase": MSG_PHASE_BACKWARDS})
        if entered_on < current.entered_on:
            date = formats.date_format(current.entered_on, "SHORT_DATE_FORMAT")
            raise ValidationError({"entered_on": MSG_PHASE_DATE_BEFORE % {"date": date}})
    entry = PlanPhase(plan=plan, phase=phase, entered_on=entered_on)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def phase_model_create(*, municipality: Municipality, name: str, phases: list[str]) -> PhaseModel:
    """The municipality's own phase model, phases in the order given."""
    install_phase_models()
    name = name.strip()
    names = [p.strip() for p in phases if p.strip()]
    if len(names) < 2:
        raise ValidationError({"phases": MSG_PHASES_TOO_FEW})
    slugs = [slugify(p)[:40] or str(i) for i, p in enumerate(names, start=1)]
    if len(set(slugs)) != len(slugs):
        raise ValidationError({"phases": MSG_PHASES_DOUBLE})
    slug = f"{municipality.number}-{slugify(name)}"[:50]
    if PhaseModel.objects.filter(slug=slug).exists():
        raise ValidationError({"name": MSG_PHASE_MODEL_TAKEN})
    model = PhaseModel(slug=slug, name=name, municipality=municipality)
    model.full_clean()
    model.save()
    for order, (phase_slug, phase_name) in enumerate(zip(slugs, names, strict=True), start=1):
        PhaseDefinition.objects.create(model=model, order=order, slug=phase_slug, name=phase_name)
    return model


@transaction.atomic
def sic_mark(*, plan: Plan, activity: str, completed_on: datetime.date | None) -> None:
    """Record the date a stage activity was completed; None marks it as not completed."""
    if activity not in SIC_ACTIVITIES:
        raise ValidationError(MSG_UNKNOWN_SIC)
    if completed_on is None:
        SicCompletion.objects.filter(plan=plan, activity=activity).delete()
        return
    SicCompletion.objects.update_or_create(
        plan=plan, activity=activity, defaults={"completed_on": completed_on}
    )
