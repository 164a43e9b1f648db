"""Participants: bringing units and people in, letting them go, handing over the baton."""

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import ParticipantRole
from laget.cases.forms.participants import BatonForm, ParticipantAddForm
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.services import participants
from laget.cases.statutes import statutes_for
from laget.cases.views.common import (
    audit_page_read,
    case_url,
    current_user,
    form_page,
    load_case,
    web_actor,
)
from laget.consent.models import Consent
from laget.consent.rules import JOINABLE_STATES, joinable
from laget.orgs.models import Membership, Unit

METHODS = ["GET", "HEAD", "POST"]


def _units(access: CaseAccess) -> QuerySet[Unit]:
    return Unit.objects.filter(
        municipality_id=access.case.municipality_id, is_active=True
    ).order_by("name")


def _people(units: QuerySet[Unit]) -> list[tuple[Unit, list[User]]]:
    """Active staff of each unit, for the person list. Organisation data, not case content."""
    rows = (
        Membership.objects.filter(unit__in=units, is_active=True, user__is_active=True)
        .select_related("user", "unit")
        .order_by("unit__name", "user__first_name", "user__last_name", "user_id")
    )
    grouped: dict[int, list[User]] = defaultdict(list)
    unit_by_id: dict[int, Unit] = {}
    for m in rows:
        assert m.unit is not None
        unit_by_id[m.unit.pk] = m.unit
        if all(u.pk != m.user_id for u in grouped[m.unit.pk]):
            grouped[m.unit.pk].append(m.user)
    return [(unit_by_id[pk], people) for pk, people in grouped.items()]


def open_consents(access: CaseAccess) -> list[Consent]:
    """The case's consents a participant can still join on: requested or given, not expired."""
    rows = access.case.consents.filter(state__in=JOINABLE_STATES).prefetch_related("units")
    return [c for c in rows if joinable(c)]


@login_required
@require_http_methods(METHODS)
def participant_add(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    units = _units(access)
    form = ParticipantAddForm(
        request.POST or None,
        # A notice that another unit has a concern about the same child links here with it.
        initial={"unit": request.GET.get("unit", "")},
        units=units,
        people=_people(units),
        consents=open_consents(access),
        statutes=statutes_for(access.case.municipality_id),
        people_url=reverse("cases:participant_people", kwargs={"case_id": access.case.pk}),
    )

    def save(data: dict[str, Any]) -> None:
        participants.participant_add(
            actor=web_actor(request),
            access=access,
            unit_id=data["unit"],
            user_id=data.get("user"),
            role=data["role"],
            legal_basis=data["legal_basis"],
            statute=data["statute"],
            consent_id=data["consent"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Legg til deltaker"),
        intro=_(
            "En deltaker får lese saken så lenge rettsgrunnlaget gjelder: et samtykke fra "
            "familien som gjelder for enheten, eller en lovhjemmel. En hel enhet som deltar, "
            "gir alle i enheten tilgang."
        ),
        success=_("Deltakeren er lagt til."),
        anchor="deltakere",
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def participant_people(request: HttpRequest, case_id: int) -> HttpResponse:
    """htmx fragment: the <option>s for the staff of one unit, for the participant form.
    It shows organisation data only, no case content, so it is not recorded as a read."""
    access = case_for(current_user(request), case_id, need=Need.COORDINATE, audit=False)
    try:
        unit_id = int(request.GET.get("unit", ""))
    except ValueError:
        unit_id = 0
    groups = _people(_units(access).filter(pk=unit_id))
    people = groups[0][1] if groups else []
    return render(request, "cases/_people_options.html", {"people": people})


@login_required
@require_http_methods(METHODS)
def participant_leave(request: HttpRequest, case_id: int, participant_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    participant = get_object_or_404(
        access.case.participants.filter(left_at__isnull=True).select_related("user", "unit"),
        pk=participant_id,
    )
    errors: list[str] = []
    if request.method == "POST":
        try:
            participants.participant_leave(
                actor=web_actor(request), access=access, participant_id=participant.pk
            )
        except ValidationError as exc:
            errors = exc.messages
            audit_page_read(request, access)
        else:
            messages.success(request, _("Deltakeren er gått ut av saken."))
            return redirect(case_url(access.case.pk, "deltakere"))
    return render(
        request,
        "cases/participant_leave.html",
        {
            "access": access,
            "case": access.case,
            "participant": participant,
            "errors": errors,
            "title": _("Gå ut av saken"),
            "closed_message": MSG_CASE_CLOSED,
            "back_url": case_url(access.case.pk, "deltakere"),
        },
    )


@login_required
@require_http_methods(METHODS)
def baton_hand_over(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    candidates = [
        p
        for p in access.case.participants.all()
        if p.is_active and p.user_id and p.role != ParticipantRole.STAFETTHOLDER
    ]
    form = BatonForm(request.POST or None, candidates=candidates)

    def save(data: dict[str, Any]) -> None:
        participants.baton_hand_over(
            actor=web_actor(request),
            access=access,
            to_participant_id=data["to_participant"],
            note=data["note"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Overlever stafetten"),
        intro=_(
            "Stafettholderen koordinerer saken: kaller inn til møter, holder loggen oppdatert "
            "og tar inn og ut deltakere. Overleveringen lagres med dato og notat."
        ),
        success=_("Stafetten er overlevert."),
        anchor="deltakere",
    )
