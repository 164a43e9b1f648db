"""A failed send is tried again later, with growing waits, and given up after the last try.
What is recorded about a failure is the error's class and code, never the server's words."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind
from laget.cases.services.entries import entry_create
from laget.notify.delivery import backoff
from laget.notify.models import Notification, Status
from laget.notify.tests.conftest import Mailbox, NotifyCase, free_port, time_passes
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def one_notification(world: World, notify_case: NotifyCase, capture: Any) -> Notification:
    """A professionals-only entry: one email, to the health clinic's participant."""
    holder = world.users["stafettholder"]
    with capture(execute=True):
        entry = entry_create(
            actor=actor_for(holder, Via.SYSTEM),
            access=case_for(holder, notify_case.case.pk, need=Need.WRITE, audit=False),
            kind=EntryKind.NOTE,
            text="Avtalt oppfølging.",
            audience=Audience.PROFESSIONALS,
        )
    return Notification.objects.get(event=f"entry:{entry.pk}")


def test_temporary_refusal_is_retried_later_and_then_delivered(
    world: World,
    notify_case: NotifyCase,
    smtp: Mailbox,
    run_worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    notification = one_notification(world, notify_case, django_capture_on_commit_callbacks)
    smtp.refuse = 1
    started = timezone.now()
    run_worker()

    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Status.QUEUED, 1)
    assert notification.last_error == "SMTPDataError 451"
    assert notification.next_attempt_at >= started + backoff(1)
    assert smtp.received == []

    run_worker()  # not yet due: nothing happens
    notification.refresh_from_db()
    assert notification.attempts == 1

    time_passes()
    run_worker()
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Status.SENT, 2)
    assert notification.last_error == ""
    assert len(smtp.received) == 1


def test_after_the_last_attempt_the_notification_is_failed(
    world: World,
    notify_case: NotifyCase,
    smtp: Mailbox,
    run_worker: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.LAGET_NOTIFY_MAX_ATTEMPTS = 3
    notification = one_notification(world, notify_case, django_capture_on_commit_callbacks)
    smtp.refuse = 99
    for _attempt in range(5):
        run_worker()
        time_passes()
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Status.FAILED, 3)
    assert notification.last_error == "SMTPDataError 451"
    assert smtp.received == []


def test_unreachable_server_is_a_retry_recording_only_the_error_class(
    world: World,
    notify_case: NotifyCase,
    run_worker: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 5
    notification = one_notification(world, notify_case, django_capture_on_commit_callbacks)
    run_worker()
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Status.QUEUED, 1)
    assert notification.last_error == "ConnectionRefusedError"


def test_waits_double_after_each_failure(settings: Any) -> None:
    settings.LAGET_NOTIFY_RETRY_SECONDS = 60
    assert [backoff(n) for n in (1, 2, 3, 4)] == [
        datetime.timedelta(minutes=m) for m in (1, 2, 4, 8)
    ]
