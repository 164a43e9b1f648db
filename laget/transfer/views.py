"""The transfer pages: the stafettholder's proposal on the case, the receiving leaders' inbox
and their decision. A proposal is missing (404) to everyone but the receiving unit's leaders;
the case's own page is the sending side's, behind laget.cases.access."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.audit.models import AuditAction
from laget.audit.services import audit_list, audit_record
from laget.cases.access import CaseAccess, Need
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.views.common import (
    audit_page_read,
    case_url,
    current_user,
    load_case,
    web_actor,
)
from laget.lib.forms import LagetForm
from laget.transfer import services
from laget.transfer.access import (
    awaiting_export,
    closing_records,
    incoming,
    incoming_for,
    sees_inbox,
)
from laget.transfer.forms import AcceptForm, DeclineForm, ProposeForm
from laget.transfer.keys import peers
from laget.transfer.models import Transfer
from laget.transfer.selectors import case_guardians, case_transfers, receiving_units, unit_members

METHODS = ["GET", "HEAD", "POST"]
CLOSING_RECORDS_SHOWN = 50


def _holder_case(request: HttpRequest, case_id: int) -> CaseAccess:
    """The case, for its stafettholder only: others who read it are refused (403)."""
    access = load_case(request, case_id, Need.READ)
    if not access.is_stafettholder:
        raise PermissionDenied
    return access


def propose_url(case_id: int) -> str:
    return reverse("transfer:propose", kwargs={"case_id": case_id})


@login_required
@require_http_methods(METHODS)
def propose(request: HttpRequest, case_id: int) -> HttpResponse:
    access = _holder_case(request, case_id)
    case = access.case
    transfers = list(case_transfers(case))
    waiting = next((t for t in transfers if t.is_open), None)
    form = ProposeForm(
        request.POST if request.method == "POST" and waiting is None else None,
        units=receiving_units(case),
        guardians=case_guardians(case),
        peers=peers(),
    )
    if request.method == "POST" and waiting is None and not case.is_closed and form.is_valid():
        data = form.cleaned_data
        try:
            services.transfer_propose(
                actor=web_actor(request),
                access=access,
                to_unit_id=data["to_unit"],
                to_installation=data.get("to_installation", ""),
                description=data["description"],
                consent_guardian_ids=data["consent_guardians"],
                consent_child=data["consent_child"],
                consent_date=data["consent_date"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request, _("Forslaget er sendt. Lederne i enheten som skal ta imot, får beskjed.")
            )
            return redirect(propose_url(case.pk))
    if request.method == "POST":
        audit_page_read(request, access)
    return render(
        request,
        "transfer/propose.html",
        {
            "title": _("Flytt saken til en annen kommune"),
            "access": access,
            "case": case,
            "form": form,
            "waiting": waiting,
            "transfers": transfers,
            "back_url": case_url(case.pk),
            "closed_message": MSG_CASE_CLOSED,
            "submit": _("Send forslaget"),
        },
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, case_id: int) -> HttpResponse:
    access = _holder_case(request, case_id)
    try:
        services.transfer_withdraw(actor=web_actor(request), access=access)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Forslaget om flytting er trukket tilbake."))
    return redirect(propose_url(access.case.pk))


@login_required
@require_http_methods(["GET", "HEAD"])
def inbox(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not sees_inbox(user):
        raise Http404
    waiting = list(
        incoming(user)
        .select_related("from_municipality", "from_unit", "to_unit")
        .order_by("proposed_at", "pk")
    )
    records = list(
        closing_records(user)
        .select_related("from_unit", "to_municipality")
        .order_by("-decided_at", "-pk")[:CLOSING_RECORDS_SHOWN]
    )
    exports = list(awaiting_export(user).select_related("from_unit").order_by("proposed_at", "pk"))
    # The neutral descriptions belong to the cases: showing them is a read of each.
    audit_list(
        actor=web_actor(request),
        case_ids=[t.case_id for t in waiting if t.case_id],
        object_type="transfer_list",
    )
    return render(
        request,
        "transfer/inbox.html",
        {
            "title": _("Flytting av saker"),
            "waiting": waiting,
            "records": records,
            "exports": exports,
        },
    )


def _audit_transfer_read(request: HttpRequest, transfer: Transfer) -> None:
    audit_record(
        actor=web_actor(request),
        action=AuditAction.READ,
        object_type="transfer",
        object_id=transfer.pk,
        case_id=transfer.case_id,
    )


def _decision_page(
    request: HttpRequest, transfer: Transfer, form: LagetForm, template: str, **extra: Any
) -> HttpResponse:
    _audit_transfer_read(request, transfer)
    return render(
        request,
        template,
        {
            "transfer": transfer,
            "form": form,
            "back_url": reverse("transfer:inbox"),
            **extra,
        },
    )


@login_required
@require_http_methods(METHODS)
def decide(request: HttpRequest, transfer_id: int) -> HttpResponse:
    user = current_user(request)
    transfer = incoming_for(user, transfer_id)
    assert transfer.to_unit is not None
    form = AcceptForm(
        request.POST if request.method == "POST" else None,
        members=unit_members(transfer.to_unit),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_accept(
                actor=web_actor(request),
                by=user,
                transfer_id=transfer.pk,
                new_holder_id=form.cleaned_data["new_holder"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Saken er tatt imot og hører nå til kommunen deres."))
            assert transfer.case_id is not None
            return redirect(case_url(transfer.case_id))
    return _decision_page(
        request,
        transfer,
        form,
        "transfer/decide.html",
        title=_("Forslag om å ta imot en sak"),
        submit=_("Ta imot saken"),
    )


@login_required
@require_http_methods(METHODS)
def decline(request: HttpRequest, transfer_id: int) -> HttpResponse:
    user = current_user(request)
    transfer = incoming_for(user, transfer_id)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_decline(
                actor=web_actor(request),
                by=user,
                transfer_id=transfer.pk,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Forslaget er avslått. Stafettholderen får beskjed."))
            return redirect("transfer:inbox")
    return _decision_page(
        request,
        transfer,
        form,
        "transfer/decline.html",
        title=_("Avslå å ta imot saken"),
        submit=_("Avslå"),
    )
