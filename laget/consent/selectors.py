"""Reads of consents: for a case page, for the family, for the daily jobs."""

import datetime

from django.db.models import Prefetch, QuerySet

from laget.cases.models import Case
from laget.consent.models import Consent, ConsentEvent, ConsentParty, ConsentState


def consents_for_case_page(case: Case) -> list[Consent]:
    """What the staff case page shows of each consent: state, units and parties (three
    queries; the texts and the event history are on the consent's own page)."""
    return list(
        Consent.objects.filter(case=case).prefetch_related(
            "units",
            Prefetch("parties", queryset=ConsentParty.objects.select_related("guardian")),
        )
    )


def consents_for_case(case: Case) -> list[Consent]:
    return list(
        Consent.objects.filter(case=case)
        .select_related("text")
        .prefetch_related(
            "units",
            "text__translations",
            Prefetch("parties", queryset=ConsentParty.objects.select_related("guardian")),
            Prefetch(
                "events", queryset=ConsentEvent.objects.select_related("party__guardian", "by_user")
            ),
        )
    )


def consents_expiring_on(day: datetime.date) -> QuerySet[Consent]:
    """Consents in force whose last day is `day` (for the 30-day reminder)."""
    return (
        Consent.objects.filter(state=ConsentState.GIVEN, expires_on=day)
        .select_related("case__subject")
        .prefetch_related(
            Prefetch("parties", queryset=ConsentParty.objects.select_related("guardian"))
        )
    )
