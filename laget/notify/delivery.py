"""Sending one notification: claim it, send it through the configured email backend, and
record the outcome. Runs in the background worker (see tasks.py), never in a request.

A notification is claimed with a conditional UPDATE, so two workers holding the same task
cannot both send it, and one already sent is never sent again. A failed send is tried again
with exponential backoff until LAGET_NOTIFY_MAX_ATTEMPTS, then the notification is failed.
"""

import datetime
import logging
import smtplib
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.utils import timezone, translation

from laget.notify.content import content_for, link_for
from laget.notify.ics import ics_part, meeting_ics
from laget.notify.models import Kind, Notification, RecipientRole, Status

logger = logging.getLogger(__name__)

# While a send is under way, others leave the notification alone this long. Longer than any
# SMTP timeout; a worker that dies mid-send leaves it to `notify_requeue` after that.
LEASE = datetime.timedelta(minutes=10)


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    SKIPPED = "skipped"


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the n-th failed attempt: 1, 2, 4, 8, … times the base."""
    return datetime.timedelta(seconds=settings.LAGET_NOTIFY_RETRY_SECONDS * 2 ** (attempts - 1))


def error_label(error: BaseException) -> str:
    """The error's class and SMTP code, never its message (servers echo addresses back)."""
    code: int | None = None
    if isinstance(error, smtplib.SMTPResponseException):
        code = error.smtp_code
    elif isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        code = next(iter(error.recipients.values()))[0]
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def is_permanent(error: BaseException) -> bool:
    """The server refused the address for good (5xx): trying again will not help. Other errors,
    configuration ones included, may pass, so they are tried again."""
    return (
        isinstance(error, smtplib.SMTPRecipientsRefused)
        and bool(error.recipients)
        and all(500 <= code < 600 for code, _message in error.recipients.values())
    )


def build_message(notification: Notification) -> EmailMessage:
    with translation.override(notification.language or settings.LANGUAGE_CODE):
        content = content_for(notification)
        message = EmailMessage(
            subject=content.subject,
            body=content.body,
            to=[notification.recipient],
            headers={"Auto-Submitted": "auto-generated"},
        )
        if notification.kind == Kind.MEETING_INVITATION and notification.meeting is not None:
            ics = meeting_ics(
                notification.meeting,
                recipient=notification.recipient,
                link=link_for(notification),
                family=notification.recipient_role == RecipientRole.FAMILY,
            )
            message.attach(ics_part(ics))
    return message


def claim(notification_id: int) -> Notification | None:
    """Take the notification if it is queued, due and has attempts left; count the attempt."""
    now = timezone.now()
    taken = Notification.objects.filter(
        pk=notification_id,
        status=Status.QUEUED,
        next_attempt_at__lte=now,
        attempts__lt=settings.LAGET_NOTIFY_MAX_ATTEMPTS,
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    if not taken:
        return None
    return Notification.objects.select_related("meeting").get(pk=notification_id)


def deliver(notification_id: int) -> tuple[Outcome, Notification | None]:
    """Send one notification once. Returns what happened and the row as now saved."""
    notification = claim(notification_id)
    if notification is None:
        return Outcome.SKIPPED, None
    try:
        build_message(notification).send()
    except Exception as error:  # every failure is an attempt; the worker must go on
        return _failed(notification, error), notification
    notification.status = Status.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["status", "sent_at", "last_error"])
    return Outcome.SENT, notification


def _failed(notification: Notification, error: Exception) -> Outcome:
    notification.last_error = error_label(error)[:100]
    if is_permanent(error) or notification.attempts >= settings.LAGET_NOTIFY_MAX_ATTEMPTS:
        notification.status = Status.FAILED
        outcome = Outcome.FAILED
    else:
        notification.next_attempt_at = timezone.now() + backoff(notification.attempts)
        outcome = Outcome.RETRY
    notification.save(update_fields=["status", "last_error", "next_attempt_at"])
    logger.warning(
        "notification %s: attempt %s failed (%s), %s",
        notification.pk,
        notification.attempts,
        notification.last_error,
        outcome,
    )
    return outcome
