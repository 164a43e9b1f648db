"""Writes for programs as data: a program, its interventions and its qualification types.

Only program admins reach these (program_views.py checks). Every write runs full_clean(); a
slug already used in the program is a field error on `slug`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from laget.registry.models import Intervention, Program, QualificationType


@transaction.atomic
def program_save(
    *, slug: str, name: str, owner: str = "", program: Program | None = None
) -> Program:
    """Create a program, or change one (`program`)."""
    program = program or Program()
    program.slug = slug.strip()
    program.name = name.strip()
    program.owner = owner.strip()
    if program.slug and Program.objects.filter(slug=program.slug).exclude(pk=program.pk).exists():
        raise ValidationError({"slug": _("Et annet program har allerede denne kortadressen.")})
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def intervention_save(
    *,
    program: Program,
    slug: str,
    name: str,
    order: int = 0,
    intervention: Intervention | None = None,
) -> Intervention:
    """Add an intervention to the program, or change one of its interventions."""
    intervention = intervention or Intervention(program=program)
    if intervention.program_id != program.pk:
        raise ValidationError(_("Intervensjonen hører til et annet program."))
    intervention.slug = slug.strip()
    intervention.name = name.strip()
    intervention.order = order
    if intervention.slug and (
        Intervention.objects.filter(program=program, slug=intervention.slug)
        .exclude(pk=intervention.pk)
        .exists()
    ):
        raise ValidationError(
            {"slug": _("Programmet har allerede en intervensjon med denne kortadressen.")}
        )
    intervention.full_clean()
    intervention.save()
    return intervention


@transaction.atomic
def qualification_type_save(
    *,
    program: Program,
    slug: str,
    name: str,
    kind: str,
    intervention: Intervention | None = None,
    min_families: int | None = None,
    period_months: int | None = None,
    min_supervision_hours: int | None = None,
    order: int = 0,
    qualification_type: QualificationType | None = None,
) -> QualificationType:
    """Add a qualification type to the program, or change one. What keeping it takes: a
    minimum of families and/or hours of supervision per period of months."""
    qt = qualification_type or QualificationType(program=program)
    if qt.program_id != program.pk:
        raise ValidationError(_("Kvalifikasjonen hører til et annet program."))
    errors: dict[str, str] = {}
    if intervention is not None and intervention.program_id != program.pk:
        errors["intervention"] = _("Intervensjonen hører til et annet program.")
    has_minimum = min_families is not None or min_supervision_hours is not None
    if has_minimum and not period_months:
        errors["period_months"] = _("Oppgi perioden kravene gjelder for.")
    if period_months is not None and not has_minimum:
        errors["period_months"] = _(
            "En periode trengs bare når det er krav om familier eller veiledning."
        )
    if slug.strip() and (
        QualificationType.objects.filter(program=program, slug=slug.strip())
        .exclude(pk=qt.pk)
        .exists()
    ):
        errors["slug"] = _("Programmet har allerede en kvalifikasjon med denne kortadressen.")
    if errors:
        raise ValidationError(errors)
    qt.slug = slug.strip()
    qt.name = name.strip()
    qt.kind = kind
    qt.intervention = intervention
    qt.min_families = min_families
    qt.period_months = period_months
    qt.min_supervision_hours = min_supervision_hours
    qt.order = order
    qt.full_clean()
    qt.save()
    return qt
