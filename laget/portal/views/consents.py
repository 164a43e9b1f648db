"""The family's consents: what each is for, its state, its text, and giving or withdrawing it.

Each member sees the case's consents and the ones for their own help, never another member's
own help (FamilyView.sees_consent): that one is missing for them on every route (404). A
withdrawn consent says what it did, to the one who withdrew it and to the other parties: the
services named on it lost access, those taking part by law go on, and a consent for one's own
help is not touched.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
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
    EventKind,
)
from laget.consent.rules import ConsentAction, consent_actions, member_answers
from laget.consent.selectors import given_in
from laget.family.shown import consent_parties, consent_units, member_consents
from laget.lib.languages import language_name
from laget.portal.access import FamilyAccess, family_case_for, family_read, portal_actor
from laget.portal.views.common import portal_login_required, portal_user
from laget.portal.withdrawal import withdrawal_effects

STATE_HELP = {
    ConsentState.REQUESTED: gettext_lazy("Venter på svar fra dere."),
    ConsentState.GIVEN: gettext_lazy("Tjenestene som står oppført, kan delta i saken."),
    ConsentState.REFUSED: gettext_lazy("Tjenestene kan ikke delta på grunnlag av dette samtykket."),
    ConsentState.WITHDRAWN: gettext_lazy(
        "Tjenestene som står oppført, mistet tilgangen da samtykket ble trukket tilbake."
    ),
    ConsentState.EXPIRED: gettext_lazy(
        "Samtykket gjelder ikke lenger. Tjenestene har ikke tilgang."
    ),
}


# What a withdrawal did, to the one who withdrew and to the others it affects.
WITHDRAWN_BY_ME = gettext_lazy(
    "Du trakk samtykket tilbake %(date)s. Tjenestene som står oppført, mistet tilgangen da. "
    "Tjenester som deltar fordi loven sier det, kan fortsatt lese saken."
)
WITHDRAWN_BY_OTHER = gettext_lazy(
    "Samtykket ble trukket tilbake %(date)s av en annen som skulle samtykke. Tjenestene som "
    "står oppført, mistet tilgangen da. Tjenester som deltar fordi loven sier det, kan fortsatt "
    "lese saken. Stafettholderen tar kontakt om veien videre."
)
OWN_HELP_GOES_ON = gettext_lazy(
    "Et samtykke som gjelder din egen hjelp, gjelder fortsatt til du selv trekker det tilbake."
)


@dataclass(frozen=True)
class ConsentCard:
    consent: Consent
    state: str
    state_label: str
    state_help: str
    # The member's party, while they answer for it (None: every action is missing for them).
    mine: ConsentParty | None
    # What this family member may do now (consent.rules, as the services decide).
    actions: frozenset[ConsentAction]
    # A withdrawn consent: what the withdrawal did, worded for this member.
    withdrawal: str = ""
    # A consent for this member's own help (only they see it).
    own_help: bool = False
    # The units it names and who answers, as this member may see them (laget.family.access:
    # a unit that tells where a protected member lives, or withheld participants, is neutral).
    units: tuple[str, ...] = ()
    parties: tuple[tuple[str, str], ...] = ()


def _my_party(access: FamilyAccess, consent: Consent) -> ConsentParty | None:
    for party in consent.parties.all():
        if access.child and party.is_child:
            return party
        if access.guardian is not None and party.guardian_id == access.guardian.pk:
            return party
    return None


def _withdrawal(consent: Consent, mine: ConsentParty | None, own_help_elsewhere: bool) -> str:
    """What the withdrawal did, worded for this member (whether they withdrew it themselves)."""
    event = next((e for e in consent.events.all() if e.kind == EventKind.WITHDRAWN), None)
    if consent.state != ConsentState.WITHDRAWN or event is None:
        return ""
    date = _day(event.at)
    by_me = mine is not None and event.party_id == mine.pk
    text = str((WITHDRAWN_BY_ME if by_me else WITHDRAWN_BY_OTHER) % {"date": date})
    if consent.for_guardian_id is None and own_help_elsewhere:
        text += " " + str(OWN_HELP_GOES_ON)
    return text


def _day(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


def _card(access: FamilyAccess, consent: Consent, own_help: bool = False) -> ConsentCard:
    state = consent.effective_state()
    party = _my_party(access, consent)
    mine = party if party is not None and member_answers(consent, access.view) else None
    return ConsentCard(
        consent=consent,
        state=state,
        state_label=str(ConsentState(state).label),
        state_help=str(STATE_HELP.get(ConsentState(state), "")),
        mine=mine,
        actions=consent_actions(consent, by_family=True, party=mine),
        withdrawal=_withdrawal(consent, party, own_help),
        own_help=consent.for_guardian_id is not None,
        units=consent_units(access.view, consent),
        parties=consent_parties(access.view, consent),
    )


def _cards(access: FamilyAccess) -> list[ConsentCard]:
    seen = member_consents(access.view, access.case)
    # Whether this member has their own help on a consent in force, untouched by the case's.
    own_help = any(c.for_guardian_id is not None and c.is_in_force() for c in seen)
    return [_card(access, c, own_help) for c in seen]


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
    languages = [(t.language, language_name(t.language)) for t in translations]
    return consent.text.in_language(wanted), languages


@portal_login_required
@require_http_methods(["GET", "HEAD"])
def consent_detail(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    user = portal_user(request)
    access = family_case_for(user, case_id, audit=False)
    card = _one(access, consent_id)
    family_read(user, access, "consent", card.consent.pk)
    # Chosen on the page; else the language the member gave it in; else the page's.
    wanted = str(
        request.GET.get("sprak")
        or given_in(
            card.consent,
            guardian_id=access.guardian.pk if access.guardian is not None else None,
            child=access.child,
        )
        or getattr(request, "LANGUAGE_CODE", "nb")
    )
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
    if card.mine is None:
        # Not theirs to answer (another member's, or child welfare's under a care order): the
        # action is missing for them, like a consent they may not see.
        raise Http404
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


# The explicit confirmation a withdrawal needs: a POST without it shows what will happen.
CONFIRM_FIELD = "bekreft"
CONFIRM_VALUE = "trekk-tilbake"


def _withdraw_page(
    request: HttpRequest, access: FamilyAccess, card: ConsentCard, *, status: int = 200
) -> HttpResponse:
    may = card.mine is not None and ConsentAction.WITHDRAW in card.actions
    effects = withdrawal_effects(access.view, access.case, card.consent) if may else None
    return render(
        request,
        "portal/consent_withdraw.html",
        {
            "access": access,
            "case": access.case,
            "card": card,
            "consent": card.consent,
            "may": may,
            "effects": effects,
            "confirm_field": CONFIRM_FIELD,
            "confirm_value": CONFIRM_VALUE,
            "title": _("Trekke tilbake samtykket?"),
        },
        status=status,
    )


@portal_login_required
@require_http_methods(["GET", "HEAD"])
def consent_withdraw_confirm(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    """What withdrawing will do (who loses access, what stays), and the confirmation. Shown to
    whoever sees the consent; the consequences and the button only to the one who may withdraw
    it now."""
    user = portal_user(request)
    access = family_case_for(user, case_id, audit=False)
    card = _one(access, consent_id)
    family_read(user, access, "consent", card.consent.pk)
    return _withdraw_page(request, access, card)


@portal_login_required
@require_POST
def consent_withdraw(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    if request.POST.get(CONFIRM_FIELD) != CONFIRM_VALUE:
        # Not confirmed: nothing changes; the member is shown what would happen and asked.
        user = portal_user(request)
        access = family_case_for(user, case_id, audit=False)
        card = _one(access, consent_id)
        if card.mine is None:
            raise Http404
        family_read(user, access, "consent", card.consent.pk)
        return _withdraw_page(request, access, card)
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
