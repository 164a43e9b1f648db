"""Identifying the person, guardians, level changes, reports of concern and closing."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from laget.cases import register_feed
from laget.cases.access import Need
from laget.cases.choices import ParticipantRole
from laget.cases.forms.lifecycle import (
    CloseForm,
    GuardianForm,
    IdentifyForm,
    LevelForm,
    RegisterLookupForm,
    ReportForm,
)
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.services import guardians, lifecycle, register
from laget.cases.views.common import audit_page_read, case_url, form_page, load_case, web_actor
from laget.folkeregister.connect import page_client, register_configured
from laget.folkeregister.errors import (
    PersonNotFound,
    RegisterDataError,
    RegisterRefused,
    RegisterUnavailable,
)
from laget.orgs.models import Unit, UnitKind

METHODS = ["GET", "HEAD", "POST"]


@login_required
@require_http_methods(METHODS)
def case_identify(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    form = IdentifyForm(request.POST or None)

    def save(data: dict[str, Any]) -> None:
        lifecycle.case_identify(actor=web_actor(request), access=access, **form.person_kwargs())

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Knytt saken til en person"),
        intro=_(
            "Når foreldrene er informert og det er grunnlag for det, knyttes saken til barnet "
            "(eller den gravide). Det du skriver her, hører til denne saken alene."
        ),
        success=_("Saken er knyttet til personen."),
        context={"register": register_configured() and not access.case.is_practice},
        template="cases/identify.html",
    )


@login_required
@require_http_methods(METHODS)
def guardian_add(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    form = GuardianForm(request.POST or None)

    def save(data: dict[str, Any]) -> None:
        guardians.guardian_add(actor=web_actor(request), access=access, **data)

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Legg til foresatt"),
        success=_("Den foresatte er lagt til."),
        anchor="deltakere",
    )


@login_required
@require_http_methods(METHODS)
def case_change_level(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    rows = list(access.case.participants.all())
    has_holder = any(p.role == ParticipantRole.STAFETTHOLDER and p.is_active for p in rows)
    candidates = None if has_holder else [p for p in rows if p.is_active and p.user_id]
    suggested = request.GET.get("til", "")
    initial: dict[str, object] = (
        {"to_level": int(suggested)} if suggested in ("0", "1", "2", "3") else {}
    )
    if candidates is not None and len(candidates) == 1:
        # The one person who can hold the baton (often the one who opened the case).
        initial["stafettholder"] = candidates[0].pk
    form = LevelForm(request.POST or None, holder_candidates=candidates, initial=initial)

    def save(data: dict[str, Any]) -> None:
        lifecycle.case_change_level(
            actor=web_actor(request),
            access=access,
            to_level=data["to_level"],
            reason=data["reason"],
            stafettholder_id=data.get("stafettholder"),
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Endre nivå"),
        intro=_(
            "Saken kan gå opp eller ned, og hoppe over nivåer. Hver endring lagres med "
            "begrunnelse, hvem som bestemte og når."
        ),
        success=_("Nivået er endret."),
        anchor="niva",
    )


@login_required
@require_http_methods(METHODS)
def case_report_concern(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    units = Unit.objects.filter(
        municipality_id=access.case.municipality_id,
        kind=UnitKind.CHILD_WELFARE,
        is_active=True,
    ).order_by("name")
    form = ReportForm(request.POST or None, units=units)

    def save(data: dict[str, Any]) -> None:
        lifecycle.case_report_concern(
            actor=web_actor(request),
            access=access,
            reason=data["reason"],
            child_welfare_unit_id=data["child_welfare_unit"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Bekymringsmelding til barnevernet"),
        intro=_(
            "Opplysningsplikten til barnevernet går foran samtykke. Ved mistanke om vold, "
            "overgrep eller alvorlig omsorgssvikt melder du direkte, uten å snakke med "
            "foreldrene først. Barneverntjenesten blir deltaker i saken med lovhjemmel."
        ),
        success=_("Bekymringsmeldingen er registrert."),
        anchor="niva",
    )


@login_required
@require_http_methods(METHODS)
def case_close(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    form = CloseForm(request.POST or None)

    def save(data: dict[str, Any]) -> None:
        lifecycle.case_close(actor=web_actor(request), access=access, reason=data["reason"])

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Avslutt saken"),
        intro=_("En avsluttet sak kan leses, men ikke endres."),
        submit=_("Avslutt saken"),
        success=_("Saken er avsluttet."),
    )


@login_required
@require_POST
def same_child_notice_handle(request: HttpRequest, case_id: int, notice_id: int) -> HttpResponse:
    """The stafettholder has seen that another service has a concern about the same child."""
    access = load_case(request, case_id, Need.COORDINATE)
    try:
        lifecycle.same_child_notice_handle(
            actor=web_actor(request), access=access, notice_id=notice_id
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Merket som behandlet."))
    return redirect(case_url(access.case.pk, "deltakere"))


MSG_REGISTER_UNAVAILABLE = gettext_lazy(
    "Folkeregisteret svarer ikke nå. Prøv igjen om litt, eller knytt saken til barnet for hånd."
)
MSG_REGISTER_NOT_FOUND = gettext_lazy("Folkeregisteret kjenner ingen med dette nummeret.")


@login_required
@require_http_methods(METHODS)
def case_identify_register(request: HttpRequest, case_id: int) -> HttpResponse:
    """Look the child up in the population register and confirm the family it proposes. The
    lookup is asked again on confirming (stateless); nothing is stored before that."""
    access = load_case(request, case_id, Need.COORDINATE)
    if access.case.is_practice:
        raise Http404  # practice cases are fictional: never looked up
    connected = register_configured()
    form = RegisterLookupForm(request.POST or None)
    proposal: register.Proposal | None = None
    unavailable = False
    if connected and request.method == "POST" and form.is_valid():
        national_id = form.cleaned_data["national_id"]
        actor = web_actor(request)
        try:
            with page_client() as client:
                if "bekreft" in request.POST:
                    register.case_identify_from_register(
                        actor=actor,
                        access=access,
                        national_id=national_id,
                        chosen=set(request.POST.getlist("medlem")),
                        register=client,
                    )
                    messages.success(request, _("Saken er knyttet til barnet og familien."))
                    return redirect(case_url(access.case.pk))
                proposal = register.register_proposal(
                    actor=actor, access=access, national_id=national_id, register=client
                )
        except (RegisterUnavailable, RegisterRefused, RegisterDataError):
            unavailable = True
        except PersonNotFound:
            form.add_error("national_id", MSG_REGISTER_NOT_FOUND)
        except ValidationError as exc:
            form.add_service_errors(exc)
    if request.method == "POST":
        audit_page_read(request, access)
    return render(
        request,
        "cases/identify_register.html",
        {
            "access": access,
            "case": access.case,
            "form": form,
            "proposal": proposal,
            "unavailable": unavailable,
            "connected": connected,
            "unavailable_message": MSG_REGISTER_UNAVAILABLE,
            "title": _("Hent barnet fra Folkeregisteret"),
            "back_url": case_url(access.case.pk),
            "closed_message": MSG_CASE_CLOSED,
        },
    )


@login_required
@require_POST
def register_notice_handle(request: HttpRequest, case_id: int, notice_id: int) -> HttpResponse:
    """The stafettholder has seen what the population register changed."""
    access = load_case(request, case_id, Need.COORDINATE)
    try:
        register_feed.register_notice_handle(
            actor=web_actor(request), access=access, notice_id=notice_id
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Merket som behandlet."))
    return redirect(case_url(access.case.pk, "familie"))
