"""Writes for a municipality's intention agreement and the dates it entered each phase.

The phases come in a fixed order (exploration, establishment, introduction, operation). A
phase may be left out, but no phase may be entered before a phase that comes earlier.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.registry import access
from laget.registry.messages import (
    MSG_AGREEMENT_EXISTS,
    MSG_AGREEMENT_OTHER_MUNICIPALITY,
    MSG_PHASE_BEFORE,
    MSG_UNKNOWN_PHASE,
)
from laget.registry.models import Agreement, Phase, PhaseEntry, Program

# The phases in the order a municipality goes through them.
PHASE_ORDER: list[str] = [
    Phase.EXPLORATION,
    Phase.ESTABLISHMENT,
    Phase.INTRODUCTION,
    Phase.OPERATION,
]


def phase_field(phase: str) -> str:
    """The error key (and form field) for a phase's date."""
    return f"phase_{phase}"


def phase_order_errors(dates: Mapping[str, datetime.date | None]) -> dict[str, str]:
    """Field errors for phases entered before an earlier phase."""
    errors: dict[str, str] = {}
    latest: tuple[str, datetime.date] | None = None
    for phase in PHASE_ORDER:
        on = dates.get(phase)
        if on is None:
            continue
        if latest is not None and on < latest[1]:
            errors[phase_field(phase)] = MSG_PHASE_BEFORE % {
                "phase": Phase(latest[0]).label,
                "date": formats.date_format(latest[1], "SHORT_DATE_FORMAT"),
            }
            continue
        latest = (phase, on)
    return errors


@transaction.atomic
def agreement_save(
    *,
    by: User,
    municipality: Municipality,
    program: Program,
    signed_on: datetime.date,
    parties: str,
    intermunicipal: bool = False,
    steering_group: str = "",
    phases: Mapping[str, datetime.date | None] | None = None,
    agreement: Agreement | None = None,
) -> Agreement:
    """Create or change the municipality's agreement for a program, and set the dates it
    entered each phase (`phases`: phase → date, None removes it; phases not named are kept).
    The municipality must lie in the user's scope (Http404 otherwise)."""
    access.require_in_scope(by, municipality)
    agreement = agreement or Agreement(municipality=municipality)
    if agreement.municipality_id != municipality.pk:
        raise ValidationError(MSG_AGREEMENT_OTHER_MUNICIPALITY)
    unknown = set(phases or {}) - set(PHASE_ORDER)
    if unknown:
        raise ValidationError(MSG_UNKNOWN_PHASE % {"phase": ", ".join(sorted(unknown))})
    errors: dict[str, str] = {}
    if (
        Agreement.objects.filter(municipality=municipality, program=program)
        .exclude(pk=agreement.pk)
        .exists()
    ):
        errors["program"] = str(MSG_AGREEMENT_EXISTS)
    current: dict[str, datetime.date | None] = {}
    if agreement.pk is not None:
        current = dict(agreement.phases.values_list("phase", "entered_on"))
    current.update(phases or {})
    errors.update(phase_order_errors(current))
    if errors:
        raise ValidationError(errors)
    agreement.program = program
    agreement.signed_on = signed_on
    agreement.parties = parties.strip()
    agreement.intermunicipal = intermunicipal
    agreement.steering_group = steering_group.strip()
    agreement.full_clean()
    agreement.save()
    for phase, on in (phases or {}).items():
        if on is None:
            PhaseEntry.objects.filter(agreement=agreement, phase=phase).delete()
        else:
            PhaseEntry.objects.update_or_create(
                agreement=agreement, phase=phase, defaults={"entered_on": on}
            )
    return agreement
