"""A family member's access request (GDPR art. 15 and 20), answered by staff.

The stafettholder or a leader of the responsible unit (the people who lift a restriction:
laget.family.services.may_end_restriction) records who asked, when it came in, in which format
and how the copy is given, and produces the copy from that member's `FamilyView`: the same
document the member downloads in the portal (laget/family/copy.py). Every production is
audited, and the request keeps who produced it and when. The answer is due one month after the
request came in (art. 12(3)).

A closed case still gets its requests answered: they come after closing too.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess
from laget.family import services
from laget.family.access import FamilyView, family_views, member_view
from laget.family.copy import FORMATS, build_copy, copy_file
from laget.family.models import AccessRequest, AccessRequestDelivery, CopyFormat
from laget.lib.plausible import case_dates, ensure_plausible
from laget.people.language import member_language

MSG_CHOOSE_MEMBER = _("Velg hvem i familien som ba om innsyn.")
MSG_CHOOSE_FORMAT = _("Velg PDF eller JSON.")
MSG_CHOOSE_DELIVERY = _("Velg hvordan kopien gis.")
MSG_RECEIVED_IN_FUTURE = _("Datoen kan ikke være senere enn i dag.")
MSG_NO_LONGER_READS = _(
    "Familiemedlemmet kan ikke lese saken lenger, så det er ingen kopi å lage. Innsynet må "
    "behandles utenom Laget."
)
CHILD = "child"


def may_answer_access_requests(access: CaseAccess) -> bool:
    """The stafettholder or a leader of the responsible unit: those who decide about the
    family's members' reading (as for lifting a restriction)."""
    return services.may_end_restriction(access)


def due_on(received_on: datetime.date) -> datetime.date:
    """One month after the request came in: the same day next month, or the month's last."""
    year = received_on.year + received_on.month // 12
    month = received_on.month % 12 + 1
    day = min(received_on.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


@dataclass(frozen=True)
class Asker:
    """A family member who may ask: their key in the form, their name and their view."""

    key: str
    label: str
    view: FamilyView


def askers(access: CaseAccess) -> list[Asker]:
    """The members who read the case today (laget.family.access.family_views): those the copy
    is about. One who does not read would get an empty copy; their request is handled outside
    Laget."""
    case = access.case
    rows = []
    for view in family_views(case):
        if view.guardian is not None:
            label = f"{view.guardian.name} ({view.guardian.get_role_display().lower()})"
            rows.append(Asker(f"g{view.guardian.pk}", label, view))
        elif case.subject is not None:
            rows.append(Asker(CHILD, f"{case.subject.full_name} ({_('barnet')})", view))
    return rows


def member_label(request: AccessRequest) -> str:
    if request.guardian is not None:
        return request.guardian.name
    subject = request.case.subject
    return f"{subject.full_name} ({_('barnet')})" if subject is not None else str(_("barnet"))


def _require(access: CaseAccess) -> None:
    if not may_answer_access_requests(access):
        raise PermissionDenied


@transaction.atomic
def access_request_record(
    *,
    actor: Actor,
    access: CaseAccess,
    member: str,
    received_on: datetime.date,
    format: str,
    delivery: str,
) -> AccessRequest:
    _require(access)
    if actor.user is None:
        raise PermissionDenied
    errors: dict[str, object] = {}
    chosen = next((a for a in askers(access) if a.key == member), None)
    if chosen is None:
        errors["member"] = MSG_CHOOSE_MEMBER
    if format not in CopyFormat.values:
        errors["format"] = MSG_CHOOSE_FORMAT
    if delivery not in AccessRequestDelivery.values:
        errors["delivery"] = MSG_CHOOSE_DELIVERY
    if received_on > timezone.localdate():
        errors["received_on"] = MSG_RECEIVED_IN_FUTURE
    if errors:
        raise ValidationError(errors)
    assert chosen is not None
    ensure_plausible({"received_on": (received_on, case_dates())})
    request = AccessRequest(
        case=access.case,
        guardian=chosen.view.guardian,
        is_child=chosen.view.guardian is None,
        received_on=received_on,
        format=format,
        delivery=delivery,
        recorded_by=actor.user,
    )
    request.full_clean()
    request.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="access_request",
        object_id=request.pk,
        case_id=access.case.pk,
    )
    return request


def request_view(request: AccessRequest) -> FamilyView:
    """The member's view today, as the portal would find it for them."""
    if request.guardian is not None:
        return member_view(request.case, guardian=request.guardian)
    return member_view(request.case, child=True)


def request_language(request: AccessRequest) -> str:
    """The language of the member who asked (laget.people.language)."""
    member = request.guardian if request.guardian is not None else request.case.subject
    return member_language(member) if member is not None else ""


@transaction.atomic
def access_request_produce(
    *, actor: Actor, access: CaseAccess, request: AccessRequest, fmt: str
) -> bytes:
    """The copy for the member who asked, in `fmt` (PDF or JSON): built from their view, the
    production kept on the request and audited as a read of the case."""
    _require(access)
    if actor.user is None:
        raise PermissionDenied
    if fmt not in FORMATS:
        raise ValidationError({"format": MSG_CHOOSE_FORMAT})
    request = AccessRequest.objects.select_for_update().get(pk=request.pk, case=access.case)
    view = request_view(request)
    if not view.reads:
        raise ValidationError(MSG_NO_LONGER_READS)
    data = copy_file(build_copy(view, access.case, request_language(request)), fmt)
    request.produced_by = actor.user
    request.produced_at = timezone.now()
    request.produced_format = fmt
    request.save(update_fields=["produced_by", "produced_at", "produced_format"])
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        object_type="family_copy",
        object_id=request.pk,
        case_id=access.case.pk,
    )
    return data
