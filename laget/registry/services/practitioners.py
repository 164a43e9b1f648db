"""Practitioners: who they are and where they work, their years in the program, and the
qualifications they hold."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.registry import access
from laget.registry.messages import (
    MSG_ALREADY_QUALIFIED,
    MSG_EXPIRES_BEFORE_OBTAINED,
    MSG_MUNICIPALITY_OR_EMPLOYER,
    MSG_REASON_LEFT_REQUIRED,
)
from laget.registry.models import ActivityYear, Practitioner, Qualification, QualificationType
from laget.registry.requirements import missing_training
from laget.registry.services.common import Errors, placement, raise_errors


def _fill(
    practitioner: Practitioner,
    *,
    by: User,
    ref: str,
    first_name: str,
    last_name: str,
    email: str,
    municipality: Municipality | None,
    employer_name: str,
    region: str,
) -> Practitioner:
    errors: Errors = {}
    region = placement(by, municipality=municipality, region=region, errors=errors)
    if municipality is None and not employer_name.strip():
        errors["employer_name"] = str(MSG_MUNICIPALITY_OR_EMPLOYER)
    raise_errors(errors)
    practitioner.ref = ref.strip()
    practitioner.first_name = first_name.strip()
    practitioner.last_name = last_name.strip()
    practitioner.email = email.strip()
    practitioner.municipality = municipality
    practitioner.employer_name = employer_name.strip()
    practitioner.region = region
    practitioner.full_clean()
    practitioner.save()
    return practitioner


@transaction.atomic
def practitioner_create(
    *,
    by: User,
    ref: str,
    first_name: str,
    last_name: str,
    email: str = "",
    municipality: Municipality | None = None,
    employer_name: str = "",
    region: str = "",
) -> Practitioner:
    """Register a practitioner employed by a municipality in the user's scope, or by a state or
    specialist service (`employer_name`) in their region. The region is the municipality's
    when left empty."""
    return _fill(
        Practitioner(),
        by=by,
        ref=ref,
        first_name=first_name,
        last_name=last_name,
        email=email,
        municipality=municipality,
        employer_name=employer_name,
        region=region,
    )


@transaction.atomic
def practitioner_update(
    *,
    by: User,
    practitioner: Practitioner,
    ref: str,
    first_name: str,
    last_name: str,
    email: str,
    municipality: Municipality | None,
    employer_name: str,
    region: str,
) -> Practitioner:
    """Change a practitioner in the user's scope; where they work must stay in it."""
    current = Practitioner.objects.select_for_update().get(pk=practitioner.pk)
    access.require_in_scope(by, current)
    return _fill(
        current,
        by=by,
        ref=ref,
        first_name=first_name,
        last_name=last_name,
        email=email,
        municipality=municipality,
        employer_name=employer_name,
        region=region,
    )


def _year_fill(
    row: ActivityYear,
    *,
    active: bool,
    reason_left: str,
    families: int,
    supervision_hours: int,
) -> ActivityYear:
    if ActivityYear.lacks_reason(active, reason_left):
        raise ValidationError({"reason_left": MSG_REASON_LEFT_REQUIRED})
    row.active = active
    row.reason_left = "" if active else reason_left.strip()
    row.families = families
    row.supervision_hours = supervision_hours
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def activity_set(
    *,
    by: User,
    practitioner: Practitioner,
    year: int,
    active: bool,
    reason_left: str = "",
    families: int = 0,
    supervision_hours: int = 0,
) -> ActivityYear:
    """The practitioner's year: active or not (with the reason for leaving), families
    reached and hours of supervision. Setting a year again replaces it."""
    access.require_in_scope(by, practitioner)
    row = ActivityYear.objects.select_for_update().filter(
        practitioner=practitioner, year=year
    ).first() or ActivityYear(practitioner=practitioner, year=year)
    return _year_fill(
        row,
        active=active,
        reason_left=reason_left,
        families=families,
        supervision_hours=supervision_hours,
    )


@transaction.atomic
def activity_year_update(
    *,
    by: User,
    activity_year: ActivityYear,
    active: bool,
    reason_left: str,
    families: int,
    supervision_hours: int,
) -> ActivityYear:
    """Change a recorded year (its practitioner and year stay)."""
    row = (
        ActivityYear.objects.select_for_update(of=("self",))
        .select_related("practitioner")
        .get(pk=activity_year.pk)
    )
    access.require_in_scope(by, row)
    return _year_fill(
        row,
        active=active,
        reason_left=reason_left,
        families=families,
        supervision_hours=supervision_hours,
    )


def _dates_errors(obtained_on: datetime.date, expires_on: datetime.date | None) -> Errors:
    if expires_on is not None and expires_on < obtained_on:
        return {"expires_on": str(MSG_EXPIRES_BEFORE_OBTAINED)}
    return {}


@transaction.atomic
def qualification_add(
    *,
    by: User,
    practitioner: Practitioner,
    type: QualificationType,
    obtained_on: datetime.date,
    expires_on: datetime.date | None = None,
) -> Qualification:
    """Record a qualification the practitioner obtained outside a course in the registry."""
    access.require_in_scope(by, practitioner)
    errors = _dates_errors(obtained_on, expires_on)
    if Qualification.objects.filter(practitioner=practitioner, type=type).exists():
        errors["type"] = str(MSG_ALREADY_QUALIFIED)
    elif (missing := missing_training(practitioner, type)) is not None:
        errors["type"] = missing
    raise_errors(errors)
    qualification = Qualification(
        practitioner=practitioner, type=type, obtained_on=obtained_on, expires_on=expires_on
    )
    qualification.full_clean()
    qualification.save()
    return qualification


@transaction.atomic
def qualification_update(
    *,
    by: User,
    qualification: Qualification,
    obtained_on: datetime.date,
    expires_on: datetime.date | None,
) -> Qualification:
    """Correct when a qualification was obtained, or end it (`expires_on`)."""
    row = (
        Qualification.objects.select_for_update(of=("self",))
        .select_related("practitioner", "type")
        .get(pk=qualification.pk)
    )
    access.require_in_scope(by, row)
    raise_errors(_dates_errors(obtained_on, expires_on))
    row.obtained_on = obtained_on
    row.expires_on = expires_on
    row.full_clean()
    row.save(update_fields=["obtained_on", "expires_on"])
    return row
