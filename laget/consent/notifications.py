"""Who is told about a consent: its guardians, a month before its last day. The outbox
(laget/notify) only sends."""

import datetime

from django.db import transaction

from laget.consent.selectors import consents_expiring_on
from laget.notify.models import Kind, Notification, RecipientRole
from laget.notify.services import Recipient, queue
from laget.people.language import member_language

# The consent reminder goes out this many days before the last day.
CONSENT_NOTICE_DAYS = 30


def notify_consents_expiring(today: datetime.date) -> list[Notification]:
    """The guardians of every consent whose last day is 30 days from today. Safe to run more
    than once a day: each guardian is told once per consent and expiry date."""
    day = today + datetime.timedelta(days=CONSENT_NOTICE_DAYS)
    created: list[Notification] = []
    with transaction.atomic():
        for consent in consents_expiring_on(day):
            recipients = [
                Recipient(
                    party.guardian.email, RecipientRole.FAMILY, member_language(party.guardian)
                )
                for party in consent.parties.all()
                if party.guardian is not None
            ]
            created += queue(
                event=f"consent:{consent.pk}:{day.isoformat()}",
                kind=Kind.CONSENT_EXPIRING,
                case_id=consent.case_id,
                recipients=recipients,
            )
    return created
