"""Courses: training for a qualification in a term, its participants, and completing it (which
grants the qualification to those who completed)."""

import datetime
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.registry import access
from laget.registry.messages import MSG_COURSE_COMPLETED, MSG_UNKNOWN_PRACTITIONER
from laget.registry.models import (
    Course,
    CourseParticipant,
    CourseStatus,
    Practitioner,
    Qualification,
    QualificationType,
)
from laget.registry.requirements import missing_training
from laget.registry.services.common import Errors, placement, raise_errors

# An argument left out: the course keeps what it has (the API's PATCH sends only what changes).
KEEP = datetime.date.min


def _fill(
    course: Course,
    *,
    by: User,
    qualification_type: QualificationType,
    year: int,
    term: str,
    status: str,
    region: str,
    municipality: Municipality | None,
    registration_deadline: datetime.date | None = KEEP,
) -> Course:
    errors: Errors = {}
    region = placement(by, municipality=municipality, region=region, errors=errors)
    raise_errors(errors)
    course.qualification_type = qualification_type
    course.year = year
    course.term = term
    course.status = status
    course.region = region
    course.municipality = municipality
    if registration_deadline != KEEP:
        course.registration_deadline = registration_deadline
    course.full_clean()
    course.save()
    return course


@transaction.atomic
def course_create(
    *,
    by: User,
    qualification_type: QualificationType,
    year: int,
    term: str,
    status: str = CourseStatus.PLANNED,
    region: str = "",
    municipality: Municipality | None = None,
    registration_deadline: datetime.date | None = None,
) -> Course:
    """A course held in the user's region, or in one of their municipalities; the report
    shows its registration deadline while nobody has signed up."""
    return _fill(
        Course(),
        by=by,
        qualification_type=qualification_type,
        year=year,
        term=term,
        status=status,
        region=region,
        municipality=municipality,
        registration_deadline=registration_deadline,
    )


@transaction.atomic
def course_update(
    *,
    by: User,
    course: Course,
    qualification_type: QualificationType,
    year: int,
    term: str,
    status: str,
    region: str,
    municipality: Municipality | None,
    registration_deadline: datetime.date | None = KEEP,
) -> Course:
    current = Course.objects.select_for_update().get(pk=course.pk)
    access.require_in_scope(by, current)
    return _fill(
        current,
        by=by,
        qualification_type=qualification_type,
        year=year,
        term=term,
        status=status,
        region=region,
        municipality=municipality,
        registration_deadline=registration_deadline,
    )


def _open_course(by: User, course: Course, field: str) -> Course:
    """The course, locked, in the user's scope and not completed."""
    current = Course.objects.select_for_update().get(pk=course.pk)
    access.require_in_scope(by, current)
    if current.status == CourseStatus.COMPLETED:
        raise ValidationError({field: MSG_COURSE_COMPLETED})
    return current


@transaction.atomic
def course_participant_add(
    *, by: User, course: Course, practitioner: Practitioner
) -> CourseParticipant:
    """Add a practitioner of the user's scope to the course (again: nothing changes)."""
    current = _open_course(by, course, "practitioner")
    access.require_in_scope(by, practitioner)
    row, _created = CourseParticipant.objects.get_or_create(
        course=current, practitioner=practitioner
    )
    return row


@transaction.atomic
def course_participant_remove(*, by: User, course: Course, practitioner: Practitioner) -> None:
    """Take a practitioner of the user's scope off the course; not once it is completed."""
    current = _open_course(by, course, "practitioner")
    access.require_in_scope(by, practitioner)
    CourseParticipant.objects.filter(course=current, practitioner=practitioner).delete()


@transaction.atomic
def course_participants_set(
    *, by: User, course: Course, practitioner_ids: Collection[int]
) -> list[CourseParticipant]:
    """The course's participants among the practitioners the user sees become exactly
    `practitioner_ids`; participants outside the user's scope stay as they are. An id the user
    does not see is refused like an unknown one."""
    current = _open_course(by, course, "participants")
    wanted = set(practitioner_ids)
    visible = access.practitioners_for(by)
    found = set(visible.filter(pk__in=wanted).values_list("pk", flat=True))
    if found != wanted:
        raise ValidationError({"participants": MSG_UNKNOWN_PRACTITIONER})
    rows = CourseParticipant.objects.filter(course=current)
    rows.filter(practitioner__in=visible).exclude(practitioner_id__in=wanted).delete()
    have = set(rows.values_list("practitioner_id", flat=True))
    CourseParticipant.objects.bulk_create(
        [CourseParticipant(course=current, practitioner_id=pk) for pk in sorted(wanted - have)]
    )
    return list(rows.order_by("pk"))


@transaction.atomic
def course_complete(
    *,
    by: User,
    course: Course,
    completed_ids: list[int] | None = None,
    on: datetime.date | None = None,
) -> list[Qualification]:
    """Mark the course completed and grant its qualification to the participants who
    completed it (`completed_ids`, or those already marked). Idempotent: a practitioner who
    already holds the qualification keeps their first one."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    access.require_in_scope(by, course)
    on = on or course.completed_on or timezone.localdate()
    participants = CourseParticipant.objects.filter(course=course)
    if completed_ids is not None:
        participants.filter(practitioner_id__in=completed_ids).update(completed=True)
    _require_training(course, participants.filter(completed=True))
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


def _require_training(course: Course, completed: QuerySet[CourseParticipant]) -> None:
    """Refuse the completion when a participant lacks the training the course's qualification
    requires (laget/registry/requirements.py); nothing is marked then."""
    qt = course.qualification_type
    if qt.required_training_id is None:
        return
    for p in completed.select_related("practitioner"):
        missing = missing_training(p.practitioner, qt)
        if missing is not None:
            raise ValidationError({"completed": f"{p.practitioner}: {missing}"})
