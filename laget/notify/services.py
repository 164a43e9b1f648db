"""Who is told about what. Called from the case services inside their transaction: the
notifications are saved with the action (a rolled-back action sends nothing) and handed to
the background worker when the transaction commits."""

import datetime
from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone

from laget.cases.choices import Audience
from laget.cases.models import Case, Entry, Meeting
from laget.notify.models import Kind, Notification, RecipientRole
from laget.notify.tasks import send_notification
from laget.people.models import Guardian

# The consent reminder goes out this many days before the last day.
CONSENT_NOTICE_DAYS = 30

Recipients = Iterable[tuple[str, str]]  # (email, RecipientRole)


def queue(
    *,
    event: str,
    kind: str,
    case_id: int,
    recipients: Recipients,
    meeting: Meeting | None = None,
) -> list[Notification]:
    """One notification per address (the first role given wins), none twice for an event."""
    seen = {
        address.lower()
        for address in Notification.objects.filter(event=event).values_list("recipient", flat=True)
    }
    created: list[Notification] = []
    for email, role in recipients:
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
                case_id=case_id,
                meeting=meeting,
            )
        )
    for notification in created:
        transaction.on_commit(partial(hand_over, notification.pk), robust=True)
    return created


def hand_over(notification_id: int) -> None:
    """Give a saved notification to the background worker."""
    send_notification.enqueue(notification_id)


def _staff(case: Case, *, except_user_id: int | None = None) -> Recipients:
    """Active person participants who may read the case today."""
    rows = (
        case.participants.granting_access()
        .filter(user__isnull=False, user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "user__email")
    )
    return [(email, RecipientRole.STAFF) for user_id, email in rows if user_id != except_user_id]


def _guardians(case: Case, *, except_user_id: int | None = None) -> Recipients:
    """The subject's guardians with parental responsibility and an email address."""
    if case.subject_id is None:
        return []
    rows = (
        Guardian.objects.filter(subject_id=case.subject_id, has_parental_responsibility=True)
        .exclude(email="")
        .values_list("user_id", "email")
    )
    return [
        (email, RecipientRole.FAMILY)
        for user_id, email in rows
        if except_user_id is None or user_id != except_user_id
    ]


def notify_entry_created(entry: Entry) -> list[Notification]:
    """Everyone in the case but the author; the family too when the entry is for all."""
    case = entry.case
    recipients = list(_staff(case, except_user_id=entry.author_id))
    if entry.audience == Audience.ALL:
        recipients += _guardians(case, except_user_id=entry.author_id)
    return queue(event=f"entry:{entry.pk}", kind=Kind.ENTRY, case_id=case.pk, recipients=recipients)


def notify_meeting_invitation(meeting: Meeting) -> list[Notification]:
    """Each person invited, with a calendar invitation. A meeting recorded after the fact
    (its time has passed) invites no one."""
    if meeting.starts_at <= timezone.now():
        return []
    recipients: list[tuple[str, str]] = []
    for attendee in meeting.attendees.select_related("participant__user", "guardian"):
        participant = attendee.participant
        if participant is not None and participant.user is not None:
            if participant.is_active and participant.user.is_active:
                recipients.append((participant.user.email, RecipientRole.STAFF))
        elif attendee.guardian is not None:
            recipients.append((attendee.guardian.email, RecipientRole.FAMILY))
    return queue(
        event=f"meeting:{meeting.pk}",
        kind=Kind.MEETING_INVITATION,
        case_id=meeting.case_id,
        recipients=recipients,
        meeting=meeting,
    )


def notify_consents_expiring(today: datetime.date) -> list[Notification]:
    """The guardians of every consent whose last day is 30 days from today. Safe to run more
    than once a day: each guardian is told once per consent and expiry date."""
    from laget.consent.selectors import consents_expiring_on

    day = today + datetime.timedelta(days=CONSENT_NOTICE_DAYS)
    created: list[Notification] = []
    with transaction.atomic():
        for consent in consents_expiring_on(day):
            recipients = [
                (party.guardian.email, RecipientRole.FAMILY)
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
