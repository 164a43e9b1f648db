"""The outbox's door: queue one notification per recipient and hand it to the background
worker when the transaction commits. Who is told is decided by the app that owns the rule
(laget/cases/notifications.py for a case, laget/consent/notifications.py for consents);
this module knows no case, person or consent."""

from collections.abc import Iterable
from functools import partial
from typing import NamedTuple

from django.db import transaction

from laget.lib.practice import is_practice_case
from laget.notify.models import Notification
from laget.notify.tasks import send_notification


class Recipient(NamedTuple):
    email: str
    role: str  # RecipientRole
    # A family member's language (laget.people.language); staff are written to in bokmål.
    language: str = ""


Recipients = Iterable[Recipient]


def queue(
    *,
    event: str,
    kind: str,
    case_id: int,
    recipients: Recipients,
    meeting_id: int | None = None,
) -> list[Notification]:
    """One notification per address (the first role given wins), none twice for an event.
    A practice case (laget/lib/practice.py) is news to no one: nothing is queued."""
    if is_practice_case(case_id):
        return []
    seen = {
        address.lower()
        for address in Notification.objects.filter(event=event).values_list("recipient", flat=True)
    }
    created: list[Notification] = []
    for email, role, language in recipients:
        address = email.strip()
        if not address or address.lower() in seen:
            continue
        seen.add(address.lower())
        created.append(
            Notification.objects.create(
                event=event,
                kind=kind,
                recipient=address,
                recipient_role=role,
                language=language,
                case_id=case_id,
                meeting_id=meeting_id,
            )
        )
    for notification in created:
        transaction.on_commit(partial(hand_over, notification.pk), robust=True)
    return created


def hand_over(notification_id: int) -> None:
    """Give a saved notification to the background worker."""
    send_notification.enqueue(notification_id)
