"""Staff pages for a case's consents: request (for the case, or one family member's own
help), register paper answers and withdrawals, renew, child welfare's own answers under a care
order, the notice left when one guardian withdraws, read the history in the family's language,
and export the ISO/IEC TS 27560 record."""

import json
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.views.common import (
    audit_page_read,
    case_url,
    current_user,
    form_page,
    load_case,
    web_actor,
)
from laget.cases.withdrawal_notices import withdrawal_notice_handle
from laget.consent import services
from laget.consent.export import consent_record
from laget.consent.forms import (
    CareAnswerForm,
    ConsentRequestForm,
    PaperConsentForm,
    RenewForm,
    WithdrawForm,
)
from laget.consent.models import Channel, Consent, ConsentParty
from laget.consent.rules import (
    ConsentAction,
    care_actions,
    care_party_for,
    consent_actions,
    consent_refusal,
    parties_for,
)
from laget.consent.selectors import given_in
from laget.family.access import family_views
from laget.orgs.models import Unit
from laget.orgs.selectors import staff_profile

METHODS = ["GET", "HEAD", "POST"]
ANCHOR = "samtykker"


def _refused(
    request: HttpRequest, access: CaseAccess, consent: Consent, action: ConsentAction
) -> HttpResponse | None:
    """Back to the consent with the reason, when its state allows the action for no one."""
    refusal = consent_refusal(consent, action, by_family=False)
    if refusal is None:
        return None
    for message in refusal.messages:
        messages.error(request, message)
    return redirect("consent:consent_detail", case_id=access.case.pk, consent_id=consent.pk)


def _consent(access: CaseAccess, consent_id: int) -> Consent:
    return get_object_or_404(
        access.case.consents.select_related("text", "for_guardian").prefetch_related(
            "units",
            "parties__guardian",
            "parties__care_unit",
            "events__party__guardian",
            "events__party__care_unit",
            "events__by_user",
            "text__translations",
        ),
        pk=consent_id,
    )


def _care_party(request: HttpRequest, access: CaseAccess, consent: Consent) -> ConsentParty | None:
    """The child welfare party the user answers for (consent.rules.care_party_for)."""
    return care_party_for(consent, access, staff_profile(current_user(request)).unit_ids)


@login_required
@require_http_methods(METHODS)
def consent_request(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    units = Unit.objects.filter(municipality_id=access.case.municipality_id, is_active=True)
    members = [v.guardian for v in family_views(access.case) if v.guardian is not None]
    form = ConsentRequestForm(
        request.POST or None, units=list(units.order_by("name")), members=members
    )

    def save(data: dict[str, Any]) -> None:
        services.consent_request(
            actor=web_actor(request),
            access=access,
            unit_ids=data["units"],
            purpose=data["purpose"],
            expires_on=data["expires_on"],
            for_guardian_id=data["for_guardian"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Be om samtykke"),
        intro=_(
            "De foresatte med foreldreansvar får spørsmålet i familiesiden. Fra "
            "aldersgrensen svarer barnet selv. Har barnevernet omsorgen, svarer barnevernet i "
            "stedet for foreldrene. Enhetene får tilgang når alle har samtykket."
        ),
        success=_("Samtykket er sendt til familien."),
        anchor=ANCHOR,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def consent_detail(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.READ)
    consent = _consent(access, consent_id)
    languages = sorted(t.language for t in consent.text.translations.all())
    # Chosen on the page; else the language it was given in; else the page's.
    language = request.GET.get("sprak") or given_in(consent) or get_language() or "nb"
    care_party = _care_party(request, access, consent)
    return render(
        request,
        "consent/consent_detail.html",
        {
            "access": access,
            "case": access.case,
            "consent": consent,
            "actions": (
                consent_actions(consent, by_family=False) if access.can_coordinate else frozenset()
            ),
            "care_party": care_party,
            "care_actions": care_actions(consent, care_party),
            "text": consent.text.in_language(language),
            "languages": languages,
            "title": _("Samtykke %(ref)s") % {"ref": consent.reference},
        },
    )


@login_required
@require_http_methods(METHODS)
def consent_paper(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    consent = _consent(access, consent_id)
    if refused := _refused(request, access, consent, ConsentAction.REGISTER_PAPER):
        return refused
    form = PaperConsentForm(
        request.POST or None,
        request.FILES or None,
        parties=parties_for(consent, ConsentAction.REGISTER_PAPER),
    )

    def save(data: dict[str, Any]) -> None:
        party = form.chosen()
        services.consent_give(
            actor=web_actor(request),
            consent=consent,
            guardian=party.guardian,
            child=party.is_child,
            channel=Channel.PAPER,
            scanned_copy=data["scanned_copy"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Registrer samtykke gitt på papir"),
        success=_("Samtykket er registrert."),
        anchor=ANCHOR,
    )


@login_required
@require_http_methods(METHODS)
def consent_withdraw(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    consent = _consent(access, consent_id)
    if refused := _refused(request, access, consent, ConsentAction.WITHDRAW):
        return refused
    form = WithdrawForm(request.POST or None, parties=parties_for(consent, ConsentAction.WITHDRAW))

    def save(data: dict[str, Any]) -> None:
        party = form.chosen()
        services.consent_withdraw(
            actor=web_actor(request),
            consent=consent,
            guardian=party.guardian,
            child=party.is_child,
            note=data["note"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Registrer at samtykket er trukket tilbake"),
        intro=_("Enhetene som deltar på dette samtykket, mister tilgangen med en gang."),
        success=_("Samtykket er trukket tilbake."),
        anchor=ANCHOR,
    )


@login_required
@require_http_methods(METHODS)
def consent_care(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    """Child welfare's own answer for the care it holds, by its staff who take part. Anyone
    else who reads the case may not (403); a consent without a care party is the same."""
    user = current_user(request)
    access = case_for(user, case_id, need=Need.READ, audit=False)
    consent = _consent(access, consent_id)
    party = _care_party(request, access, consent)
    if party is None:
        raise PermissionDenied
    if request.method in ("GET", "HEAD"):
        audit_page_read(request, access)  # the read, once it is allowed (as load_case would)
    actions = care_actions(consent, party)
    if not actions:
        messages.error(request, _("Barnevernet kan ikke svare på dette samtykket nå."))
        return redirect("consent:consent_detail", case_id=access.case.pk, consent_id=consent.pk)
    form = CareAnswerForm(request.POST or None, actions=actions)

    def save(data: dict[str, Any]) -> None:
        actor, action = web_actor(request), ConsentAction(data["answer"])
        if action is ConsentAction.GIVE:
            services.consent_give(actor=actor, consent=consent, care=access)
        elif action is ConsentAction.REFUSE:
            services.consent_refuse(actor=actor, consent=consent, care=access)
        else:
            services.consent_withdraw(actor=actor, consent=consent, care=access)

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Svar for barnevernet, som har omsorgen"),
        intro=_(
            "Barnevernet har overtatt omsorgen og svarer i stedet for foreldrene. Svaret "
            "registreres på deg og står i samtykkets historikk."
        ),
        success=_("Svaret er registrert."),
        anchor=ANCHOR,
    )


@login_required
@require_POST
def notice_handle(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    """Those who coordinate the case have seen that one guardian withdrew the consent."""
    access = load_case(request, case_id, Need.COORDINATE)
    try:
        handled = withdrawal_notice_handle(
            actor=web_actor(request), access=access, consent_id=consent_id
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if handled:
            messages.success(request, _("Merket som behandlet."))
    return redirect(case_url(access.case.pk, ANCHOR))


@login_required
@require_http_methods(METHODS)
def consent_renew(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    consent = _consent(access, consent_id)
    if refused := _refused(request, access, consent, ConsentAction.RENEW):
        return refused
    form = RenewForm(request.POST or None)

    def save(data: dict[str, Any]) -> None:
        services.consent_renew(
            actor=web_actor(request),
            access=access,
            consent=consent,
            expires_on=data["expires_on"],
            note=data["note"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Forny samtykket"),
        success=_("Samtykket er fornyet."),
        anchor=ANCHOR,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def consent_export(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    """The ISO/IEC TS 27560 record as JSON-LD (its read is audited by load_case)."""
    access = load_case(request, case_id, Need.READ)
    consent = _consent(access, consent_id)
    body = json.dumps(consent_record(consent), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/ld+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{consent.reference}.jsonld"'
    return response


@login_required
@require_http_methods(["GET", "HEAD"])
def consent_scan(
    request: HttpRequest, case_id: int, consent_id: int, party_id: int
) -> FileResponse:
    """The scanned paper consent, to those who read the case (the read is audited)."""
    access = load_case(request, case_id, Need.READ)
    consent = _consent(access, consent_id)
    party = next((p for p in consent.parties.all() if p.pk == party_id and p.scanned_copy), None)
    if party is None:
        raise Http404
    return FileResponse(
        party.scanned_copy.open("rb"),
        as_attachment=True,
        filename=f"{consent.reference}-{party.pk}{Path(party.scanned_copy.name).suffix}",
    )
