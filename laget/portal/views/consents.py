"""The family's consents: what each is for, its state, its text, and giving or withdrawing it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from laget.audit.services import Actor
from laget.consent import services
from laget.consent.models import (
    Channel,
    Consent,
    ConsentParty,
    ConsentState,
    ConsentTextTranslation,
)
from laget.consent.rules import ConsentAction, consent_actions
from laget.consent.selectors import consents_for_case
from laget.portal.access import FamilyAccess, family_case_for, family_read, portal_actor
from laget.portal.views.common import portal_login_required, portal_user

# Names of the languages a consent text may come in, each in its own language.
LANGUAGE_NAMES = {
    "nb": "Norsk bokmål",
    "nn": "Norsk nynorsk",
    "en": "English",
    "se": "Davvisámegiella",
    "sma": "Åarjelsaemien",
    "smj": "Julevsámegiella",
}
STATE_HELP = {
    ConsentState.REQUESTED: gettext_lazy("Venter på svar fra dere."),
    ConsentState.GIVEN: gettext_lazy("Tjenestene som står oppført, kan delta i saken."),
    ConsentState.REFUSED: gettext_lazy("Tjenestene kan ikke delta på grunnlag av dette samtykket."),
    ConsentState.WITHDRAWN: gettext_lazy("Tjenestene mistet tilgangen da samtykket ble trukket."),
    ConsentState.EXPIRED: gettext_lazy(
        "Samtykket gjelder ikke lenger. Tjenestene har ikke tilgang."
    ),
}


@dataclass(frozen=True)
class ConsentCard:
    consent: Consent
    state: str
    state_label: str
    state_help: str
    mine: ConsentParty | None
    # What this family member may do now (consent.rules, as the services decide).
    actions: frozenset[ConsentAction]


def _my_party(access: FamilyAccess, consent: Consent) -> ConsentParty | None:
    for party in consent.parties.all():
        if access.child and party.is_child:
            return party
        if access.guardian is not None and party.guardian_id == access.guardian.pk:
            return party
    return None


def _card(access: FamilyAccess, consent: Consent) -> ConsentCard:
    state = consent.effective_state()
    mine = _my_party(access, consent)
    return ConsentCard(
        consent=consent,
        state=state,
        state_label=str(ConsentState(state).label),
        state_help=str(STATE_HELP.get(ConsentState(state), "")),
        mine=mine,
        actions=consent_actions(consent, by_family=True, party=mine),
    )


def _cards(access: FamilyAccess) -> list[ConsentCard]:
    return [_card(access, c) for c in consents_for_case(access.case)]


def _one(access: FamilyAccess, consent_id: int) -> ConsentCard:
    card = next((c for c in _cards(access) if c.consent.pk == consent_id), None)
    if card is None:
        raise Http404
    return card


def _list_url(case_id: int) -> str:
    return reverse("portal:consents", kwargs={"case_id": case_id})


def _detail_url(case_id: int, consent_id: int) -> str:
    return reverse("portal:consent", kwargs={"case_id": case_id, "consent_id": consent_id})


@portal_login_required
@require_http_methods(["GET", "HEAD"])
def consent_list(request: HttpRequest, case_id: int) -> HttpResponse:
    access = family_case_for(portal_user(request), case_id, object_type="consent_list")
    return render(
        request,
        "portal/consent_list.html",
        {"access": access, "case": access.case, "cards": _cards(access), "title": _("Samtykker")},
    )


def _text(
    consent: Consent, wanted: str
) -> tuple[ConsentTextTranslation | None, list[tuple[str, str]]]:
    translations = list(consent.text.translations.all())
    languages = [(t.language, LANGUAGE_NAMES.get(t.language, t.language)) for t in translations]
    return consent.text.in_language(wanted), languages


@portal_login_required
@require_http_methods(["GET", "HEAD"])
def consent_detail(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    user = portal_user(request)
    access = family_case_for(user, case_id, audit=False)
    card = _one(access, consent_id)
    family_read(user, access, "consent", card.consent.pk)
    wanted = str(request.GET.get("sprak") or getattr(request, "LANGUAGE_CODE", "nb"))
    text, languages = _text(card.consent, wanted)
    return render(
        request,
        "portal/consent_detail.html",
        {
            "access": access,
            "case": access.case,
            "card": card,
            "consent": card.consent,
            "text": text,
            "languages": languages,
            "title": text.title if text else _("Samtykke"),
        },
    )


def _act(
    request: HttpRequest,
    case_id: int,
    consent_id: int,
    *,
    action: ConsentAction,
    act: Callable[[Actor, FamilyAccess, Consent], object],
    done: str,
) -> HttpResponse:
    user = portal_user(request)
    access = family_case_for(user, case_id, audit=False)
    card = _one(access, consent_id)
    if action not in card.actions:
        messages.error(request, _("Dette samtykket kan ikke endres slik nå."))
        return redirect(_detail_url(access.case.pk, consent_id))
    try:
        act(portal_actor(user), access, card.consent)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_detail_url(access.case.pk, consent_id))
    messages.success(request, done)
    return redirect(_list_url(access.case.pk))


@portal_login_required
@require_POST
def consent_give(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    language = request.POST.get("sprak", "")[:10] or getattr(request, "LANGUAGE_CODE", "")
    return _act(
        request,
        case_id,
        consent_id,
        action=ConsentAction.GIVE,
        act=lambda actor, access, consent: services.consent_give(
            actor=actor,
            consent=consent,
            guardian=access.guardian,
            child=access.child,
            channel=Channel.DIGITAL,
            language=language,
        ),
        done=_("Takk! Du har gitt samtykket."),
    )


@portal_login_required
@require_POST
def consent_refuse(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    return _act(
        request,
        case_id,
        consent_id,
        action=ConsentAction.REFUSE,
        act=lambda actor, access, consent: services.consent_refuse(
            actor=actor, consent=consent, guardian=access.guardian, child=access.child
        ),
        done=_("Du har sagt nei til samtykket."),
    )


@portal_login_required
@require_POST
def consent_withdraw(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    return _act(
        request,
        case_id,
        consent_id,
        action=ConsentAction.WITHDRAW,
        act=lambda actor, access, consent: services.consent_withdraw(
            actor=actor, consent=consent, guardian=access.guardian, child=access.child
        ),
        done=_("Samtykket er trukket tilbake. Tjenestene det gjaldt, har ikke lenger tilgang."),
    )
