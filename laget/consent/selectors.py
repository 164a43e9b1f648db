"""Reads of consents: for a case page, for the family, for the daily jobs."""

import datetime

from django.db.models import Prefetch, QuerySet

from laget.cases.models import Case
from laget.consent.models import (
    Consent,
    ConsentEvent,
    ConsentParty,
    ConsentState,
    EventKind,
    WithdrawalNotice,
)

_PARTIES = ConsentParty.objects.select_related("guardian", "care_unit")


def consents_for_case_page(case: Case) -> list[Consent]:
    """What the staff case page shows of each consent: state, units, parties, whose own help
    it is for, and an open notice that one of the guardians withdrew it (`open_notice`; three
    queries — the texts and the event history are on the consent's own page)."""
    consents = list(
        case.consents.select_related("for_guardian", "withdrawal_notice").prefetch_related(
            "units", Prefetch("parties", queryset=_PARTIES)
        )
    )
    for c in consents:
        notice = _notice(c)
        c.open_notice = notice if notice and notice.handled_at is None else None  # type: ignore[attr-defined]
    return consents


def _notice(consent: Consent) -> WithdrawalNotice | None:
    try:
        return consent.withdrawal_notice  # loaded with the consent (select_related)
    except WithdrawalNotice.DoesNotExist:
        return None


def consents_for_case(case: Case) -> list[Consent]:
    return list(
        Consent.objects.filter(case=case)
        .select_related("text", "for_guardian")
        .prefetch_related(
            "units",
            "text__translations",
            Prefetch("parties", queryset=_PARTIES),
            Prefetch(
                "events",
                queryset=ConsentEvent.objects.select_related(
                    "party__guardian", "party__care_unit", "by_user"
                ),
            ),
        )
    )


def consents_expiring_on(day: datetime.date) -> QuerySet[Consent]:
    """Consents in force whose last day is `day` (for the 30-day reminder); a practice case's
    are nobody's to remind."""
    return (
        Consent.objects.filter(state=ConsentState.GIVEN, expires_on=day, case__is_practice=False)
        .select_related("case__subject")
        .prefetch_related(
            Prefetch("parties", queryset=ConsentParty.objects.select_related("guardian"))
        )
    )


def given_in(consent: Consent, *, guardian_id: int | None = None, child: bool = False) -> str:
    """The language of the text the consent was last given in, by the member named (or by
    anyone); empty if it was not given, or on paper with no language recorded. A consent is
    shown again in the language it was given in."""
    language = ""
    for event in consent.events.all():
        if event.kind != EventKind.GIVEN or not event.language:
            continue
        party = event.party
        if guardian_id is not None and (party is None or party.guardian_id != guardian_id):
            continue
        if child and (party is None or not party.is_child):
            continue
        language = event.language
    return language
