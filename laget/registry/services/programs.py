"""Writes for programs as data: a program, its interventions and its qualification types.

Only program admins may (PermissionDenied for anyone else). Every write runs full_clean(); a
slug already used in the program is a field error on `slug`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from laget.accounts.models import User
from laget.registry import access
from laget.registry.messages import (
    MSG_INTERVENTION_OTHER_PROGRAM,
    MSG_INTERVENTION_SLUG_TAKEN,
    MSG_PERIOD_REQUIRED,
    MSG_PERIOD_WITHOUT_MINIMUM,
    MSG_PROGRAM_SLUG_TAKEN,
    MSG_QUALIFICATION_OTHER_PROGRAM,
    MSG_QUALIFICATION_SLUG_TAKEN,
    MSG_TRAINING_NOT_NATIONAL,
)
from laget.registry.models import Intervention, Program, QualificationType
from laget.registry.planned import PlannedStart
from laget.training.models import TrainingItem

# An argument left out: the row keeps what it has (the API's PATCH sends only what changes).
KEEP = PlannedStart(year=-1)


@transaction.atomic
def program_save(
    *, by: User, slug: str, name: str, owner: str = "", program: Program | None = None
) -> Program:
    """Create a program, or change one (`program`)."""
    access.require_program_admin(by)
    program = program or Program()
    program.slug = slug.strip()
    program.name = name.strip()
    program.owner = owner.strip()
    if program.slug and Program.objects.filter(slug=program.slug).exclude(pk=program.pk).exists():
        raise ValidationError({"slug": MSG_PROGRAM_SLUG_TAKEN})
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def intervention_save(
    *,
    by: User,
    program: Program,
    slug: str,
    name: str,
    order: int = 0,
    intervention: Intervention | None = None,
    planned_start: PlannedStart = KEEP,
) -> Intervention:
    """Add an intervention to the program, or change one of its interventions. Its planned
    start (laget/registry/planned.py) is shown in the report until it has numbers."""
    access.require_program_admin(by)
    intervention = intervention or Intervention(program=program)
    if intervention.program_id != program.pk:
        raise ValidationError(MSG_INTERVENTION_OTHER_PROGRAM)
    intervention.slug = slug.strip()
    intervention.name = name.strip()
    intervention.order = order
    if planned_start is not KEEP:
        intervention.planned_year = planned_start.year
        intervention.planned_term = planned_start.term
        intervention.planned_on = planned_start.on
    if intervention.slug and (
        Intervention.objects.filter(program=program, slug=intervention.slug)
        .exclude(pk=intervention.pk)
        .exists()
    ):
        raise ValidationError({"slug": MSG_INTERVENTION_SLUG_TAKEN})
    intervention.full_clean()
    intervention.save()
    return intervention


@transaction.atomic
def qualification_type_save(
    *,
    by: User,
    program: Program,
    slug: str,
    name: str,
    kind: str,
    intervention: Intervention | None = None,
    min_families: int | None = None,
    period_months: int | None = None,
    min_supervision_hours: int | None = None,
    required_training: TrainingItem | None = None,
    order: int = 0,
    qualification_type: QualificationType | None = None,
) -> QualificationType:
    """Add a qualification type to the program, or change one. What keeping it takes: a
    minimum of families and/or hours of supervision per period of months."""
    access.require_program_admin(by)
    qt = qualification_type or QualificationType(program=program)
    if qt.program_id != program.pk:
        raise ValidationError(MSG_QUALIFICATION_OTHER_PROGRAM)
    errors: dict[str, object] = {}
    if intervention is not None and intervention.program_id != program.pk:
        errors["intervention"] = MSG_INTERVENTION_OTHER_PROGRAM
    has_minimum = min_families is not None or min_supervision_hours is not None
    if has_minimum and not period_months:
        errors["period_months"] = MSG_PERIOD_REQUIRED
    if period_months is not None and not has_minimum:
        errors["period_months"] = MSG_PERIOD_WITHOUT_MINIMUM
    if slug.strip() and (
        QualificationType.objects.filter(program=program, slug=slug.strip())
        .exclude(pk=qt.pk)
        .exists()
    ):
        errors["slug"] = MSG_QUALIFICATION_SLUG_TAKEN
    if required_training is not None and required_training.municipality_id is not None:
        errors["required_training"] = MSG_TRAINING_NOT_NATIONAL
    if errors:
        raise ValidationError(errors)
    qt.slug = slug.strip()
    qt.name = name.strip()
    qt.kind = kind
    qt.intervention = intervention
    qt.min_families = min_families
    qt.period_months = period_months
    qt.min_supervision_hours = min_supervision_hours
    qt.required_training = required_training
    qt.order = order
    qt.full_clean()
    qt.save()
    return qt
