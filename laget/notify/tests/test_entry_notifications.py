"""A new entry: saved with the entry, sent by the worker through a real SMTP server, telling
only that there is something new."""

from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind
from laget.cases.models import Entry
from laget.cases.services.entries import entry_create
from laget.notify.models import Kind, Notification, RecipientRole, Status
from laget.notify.tests.conftest import (
    GUARDIAN_EMAIL,
    OTHER_GUARDIAN_EMAIL,
    Mailbox,
    NotifyCase,
)
from laget.notify.tests.privacy import leaks, readable_parts
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db

ENTRY_TEXT = "Fortalte at hun gruer seg til svømmingen og sover med lyset på."


def write_entry(world: World, case_id: int, audience: str, text: str = ENTRY_TEXT) -> Entry:
    holder = world.users["stafettholder"]
    return entry_create(
        actor=actor_for(holder, Via.SYSTEM),
        access=case_for(holder, case_id, need=Need.WRITE, audit=False),
        kind=EntryKind.CONVERSATION,
        text=text,
        audience=audience,
    )


def test_entry_from_the_web_is_queued_and_sent_by_the_worker_not_the_request(
    world: World,
    notify_case: NotifyCase,
    client_for: Any,
    smtp: Mailbox,
    run_worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    case = notify_case.case
    with django_capture_on_commit_callbacks(execute=True) as handed_over:
        response = client_for("stafettholder").post(
            reverse("cases:entry_create", kwargs={"case_id": case.pk}),
            {"kind": EntryKind.CONVERSATION, "text": ENTRY_TEXT, "audience": Audience.ALL},
        )
    assert response.status_code == 302
    (entry,) = [e for e in Entry.objects.filter(case=case) if e.text == ENTRY_TEXT]
    queued = Notification.objects.filter(event=f"entry:{entry.pk}")
    # The participant and the guardian with parental responsibility; not the author, and not
    # the guardian without it.
    assert {(n.recipient, n.recipient_role) for n in queued} == {
        (world.users["participant"].email, RecipientRole.STAFF),
        (GUARDIAN_EMAIL, RecipientRole.FAMILY),
    }
    assert {n.status for n in queued} == {Status.QUEUED}
    assert len(handed_over) == 2
    assert smtp.received == []  # nothing went out during the request

    run_worker()

    assert {n.status for n in queued.all()} == {Status.SENT}
    assert {n.attempts for n in queued.all()} == {1}
    assert sorted(r for m in smtp.received for r in m.rcpt_tos) == sorted(
        [world.users["participant"].email, GUARDIAN_EMAIL]
    )
    staff_mail = smtp.to(world.users["participant"].email)[0]
    family_mail = smtp.to(GUARDIAN_EMAIL)[0]
    assert staff_mail["subject"] == "Nytt i stafettloggen"
    case_link = settings.LAGET_BASE_URL + reverse("cases:case_detail", args=[case.pk])
    assert case_link in staff_mail.get_body().get_content()  # type: ignore[union-attr]
    assert "/familie/" in family_mail.get_body().get_content()  # type: ignore[union-attr]
    assert case_link not in " ".join(readable_parts(family_mail))


def test_no_email_contains_the_child_the_case_or_the_entry(
    world: World,
    notify_case: NotifyCase,
    smtp: Mailbox,
    run_worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        write_entry(world, notify_case.case.pk, Audience.ALL)
        write_entry(world, notify_case.case.pk, Audience.PROFESSIONALS, text="Bare for fagfolk.")
    run_worker()
    assert len(smtp.received) == 3
    secrets = [*notify_case.secrets, ENTRY_TEXT, "svømmingen", "Bare for fagfolk"]
    assert leaks((r.message for r in smtp.received), secrets) == []


def test_professionals_only_entry_tells_no_guardian(
    world: World,
    notify_case: NotifyCase,
    smtp: Mailbox,
    run_worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        entry = write_entry(world, notify_case.case.pk, Audience.PROFESSIONALS)
    run_worker()
    recipients = {n.recipient for n in Notification.objects.filter(event=f"entry:{entry.pk}")}
    assert recipients == {world.users["participant"].email}
    assert smtp.to(GUARDIAN_EMAIL) == []
    assert smtp.to(OTHER_GUARDIAN_EMAIL) == []


def test_rolled_back_entry_sends_nothing(
    world: World,
    notify_case: NotifyCase,
    smtp: Mailbox,
    run_worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    before = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True) as handed_over:
        try:
            with transaction.atomic():
                write_entry(world, notify_case.case.pk, Audience.ALL)
                raise RuntimeError("the action fails after the entry is written")
        except RuntimeError:
            pass
    run_worker()
    assert Notification.objects.count() == before
    assert handed_over == []
    assert smtp.received == []


def test_a_sent_notification_is_never_sent_again(
    world: World,
    notify_case: NotifyCase,
    smtp: Mailbox,
    run_worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from laget.notify.services import hand_over

    with django_capture_on_commit_callbacks(execute=True):
        entry = write_entry(world, notify_case.case.pk, Audience.PROFESSIONALS)
    notification = Notification.objects.get(event=f"entry:{entry.pk}")
    hand_over(notification.pk)  # handed over twice, e.g. by notify_requeue
    run_worker()
    hand_over(notification.pk)
    run_worker()
    assert len(smtp.received) == 1
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Status.SENT, 1)


def test_author_is_not_told_about_their_own_entry(
    world: World, notify_case: NotifyCase, django_capture_on_commit_callbacks: Any
) -> None:
    entry = write_entry(world, notify_case.case.pk, Audience.ALL)
    recipients = {n.recipient for n in Notification.objects.filter(event=f"entry:{entry.pk}")}
    assert world.users["stafettholder"].email not in recipients
    assert {n.kind for n in Notification.objects.filter(event=f"entry:{entry.pk}")} == {Kind.ENTRY}
