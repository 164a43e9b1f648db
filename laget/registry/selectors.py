"""Reads of the registry beyond plain scope (laget/registry/access.py): who falls short of
their qualification's requirements, and where a municipality stands in a program."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from laget.registry.models import (
    ActivityYear,
    Agreement,
    Phase,
    Practitioner,
    Qualification,
    QualificationType,
)
from laget.registry.services.agreements import PHASE_ORDER


@dataclass(frozen=True)
class Shortfall:
    practitioner: Practitioner
    type: QualificationType
    families: int
    supervision_hours: int
    # What is missing, in words.
    reasons: tuple[str, ...]


def falling_short(year: int, practitioners: "list[Practitioner] | None" = None) -> list[Shortfall]:
    """Active practitioners whose qualification has requirements they did not meet in `year`
    (families and supervision hours from their ActivityYear; a missing year counts as zero).
    Practitioners marked inactive that year are left out."""
    qualifications = (
        Qualification.objects.filter(type__min_families__isnull=False)
        | Qualification.objects.filter(type__min_supervision_hours__isnull=False)
    ).select_related("practitioner", "type")
    qualifications = qualifications.filter(obtained_on__year__lte=year)
    if practitioners is not None:
        qualifications = qualifications.filter(practitioner__in=practitioners)
    years = {
        a.practitioner_id: a
        for a in ActivityYear.objects.filter(
            year=year, practitioner_id__in={q.practitioner_id for q in qualifications}
        )
    }
    out: list[Shortfall] = []
    for q in qualifications.order_by("practitioner__last_name", "practitioner__first_name"):
        if q.expires_on is not None and q.expires_on.year < year:
            continue
        activity = years.get(q.practitioner_id)
        if activity is not None and not activity.active:
            continue
        families = activity.families if activity else 0
        hours = activity.supervision_hours if activity else 0
        reasons: list[str] = []
        if q.type.min_families is not None and families < q.type.min_families:
            reasons.append(
                _("%(got)s av %(need)s familier") % {"got": families, "need": q.type.min_families}
            )
        if q.type.min_supervision_hours is not None and hours < q.type.min_supervision_hours:
            reasons.append(
                _("%(got)s av %(need)s timer veiledning")
                % {"got": hours, "need": q.type.min_supervision_hours}
            )
        if reasons:
            out.append(Shortfall(q.practitioner, q.type, families, hours, tuple(reasons)))
    return out


@dataclass(frozen=True)
class CurrentPhase:
    phase: str
    label: str
    entered_on: datetime.date


def current_phase(agreement: Agreement) -> CurrentPhase | None:
    """The latest phase the municipality has entered (uses prefetched `phases`)."""
    entries = {p.phase: p.entered_on for p in agreement.phases.all()}
    for phase in reversed(PHASE_ORDER):
        if phase in entries:
            return CurrentPhase(phase, str(Phase(phase).label), entries[phase])
    return None
