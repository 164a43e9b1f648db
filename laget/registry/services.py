"""Writes to the registry: completing courses, family counts, activity years; and who falls short.

The registry holds no case data, so these write no audit rows about cases.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from laget.orgs.models import Municipality
from laget.registry.models import (
    ActivityYear,
    CountKind,
    Course,
    CourseParticipant,
    CourseStatus,
    FamiliesReached,
    Intervention,
    Practitioner,
    Qualification,
    QualificationType,
)


@transaction.atomic
def course_complete(
    *,
    course: Course,
    completed_ids: list[int] | None = None,
    on: datetime.date | None = None,
) -> list[Qualification]:
    """Mark the course completed and grant its qualification to the participants who
    completed it (`completed_ids`, or those already marked). Idempotent: a practitioner who
    already holds the qualification keeps their first one."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    on = on or course.completed_on or timezone.localdate()
    participants = CourseParticipant.objects.filter(course=course)
    if completed_ids is not None:
        participants.filter(practitioner_id__in=completed_ids).update(completed=True)
    course.status = CourseStatus.COMPLETED
    course.completed_on = on
    course.full_clean()
    course.save(update_fields=["status", "completed_on"])
    granted: list[Qualification] = []
    for p in participants.filter(completed=True):
        qualification, created = Qualification.objects.get_or_create(
            practitioner_id=p.practitioner_id,
            type_id=course.qualification_type_id,
            defaults={"obtained_on": on, "course": course},
        )
        if created:
            granted.append(qualification)
    return granted


@transaction.atomic
def families_count_set(
    *,
    intervention: Intervention,
    municipality: Municipality,
    year: int,
    count: int,
    kind: str = CountKind.REGISTERED,
) -> FamiliesReached:
    """The municipality's count for the intervention and year, of that kind (registered or
    estimated; the two are kept apart). Setting it again replaces it."""
    if kind not in CountKind.values:
        raise ValidationError({"kind": _("Ukjent type antall.")})
    if count < 0:
        raise ValidationError({"count": _("Antallet kan ikke være negativt.")})
    row, _created = FamiliesReached.objects.update_or_create(
        intervention=intervention,
        municipality=municipality,
        year=year,
        kind=kind,
        case=None,
        defaults={"count": count},
    )
    return row


@transaction.atomic
def activity_set(
    *,
    practitioner: Practitioner,
    year: int,
    active: bool,
    reason_left: str = "",
    families: int = 0,
    supervision_hours: int = 0,
) -> ActivityYear:
    """The practitioner's year: active or not (with the reason for leaving), families
    reached and hours of supervision."""
    if not active and not reason_left.strip():
        raise ValidationError({"reason_left": _("Skriv hvorfor utøveren sluttet.")})
    row, _created = ActivityYear.objects.update_or_create(
        practitioner=practitioner,
        year=year,
        defaults={
            "active": active,
            "reason_left": "" if active else reason_left.strip(),
            "families": families,
            "supervision_hours": supervision_hours,
        },
    )
    return row


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


@transaction.atomic
def course_participant_add(*, course: Course, practitioner: Practitioner) -> CourseParticipant:
    """Add the practitioner to the course (again: nothing changes)."""
    if course.status == CourseStatus.COMPLETED:
        raise ValidationError({"practitioner": _("Kurset er fullført.")})
    row, _created = CourseParticipant.objects.get_or_create(
        course=course, practitioner=practitioner
    )
    return row


@transaction.atomic
def course_participant_remove(*, course: Course, practitioner: Practitioner) -> None:
    """Take the practitioner off the course; not once the course is completed."""
    if course.status == CourseStatus.COMPLETED:
        raise ValidationError({"practitioner": _("Kurset er fullført.")})
    CourseParticipant.objects.filter(course=course, practitioner=practitioner).delete()
