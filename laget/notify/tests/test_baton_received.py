"""Handing over the baton: the new stafettholder is told by email, in the handover's own
transaction, and the email says nothing about the case, the child or who handed it over."""

from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.services.participants import baton_hand_over
from laget.notify.models import Kind, Notification, RecipientRole, Status
from laget.notify.tests.conftest import Mailbox, NotifyCase
from laget.notify.tests.privacy import leaks, readable_parts
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db

NOTE = "Helsestasjonen følger opp søvnproblemene videre."


def per_row(world: World, notify_case: NotifyCase) -> int:
    return notify_case.case.participants.get(user=world.users["participant"]).pk


def test_the_new_holder_is_emailed_with_nothing_about_the_case(
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
            reverse("cases:baton_hand_over", kwargs={"case_id": case.pk}),
            {"to_participant": per_row(world, notify_case), "note": NOTE},
        )
    assert response.status_code == 302
    handover = case.handovers.get()
    queued = Notification.objects.filter(event=f"baton:{handover.pk}")
    # The new holder only: not the former holder who handed it over, not the family.
    assert [(n.recipient, n.recipient_role, n.kind, n.status) for n in queued] == [
        (world.users["participant"].email, RecipientRole.STAFF, Kind.BATON_RECEIVED, Status.QUEUED)
    ]
    assert len(handed_over) == 1
    assert smtp.received == []  # sent by the worker, not the request

    run_worker()

    (mail,) = smtp.to(world.users["participant"].email)
    assert len(smtp.received) == 1
    assert mail["subject"] == "Du har fått stafetten i en stafettlogg"
    case_link = settings.LAGET_BASE_URL + reverse("cases:case_detail", args=[case.pk])
    assert case_link in mail.get_body().get_content()  # type: ignore[union-attr]
    holder = world.users["stafettholder"]
    secrets = [
        *notify_case.secrets,
        NOTE,
        "søvn",
        holder.first_name,
        holder.last_name,
        world.users["participant"].last_name,
    ]
    assert leaks([mail], secrets) == []
    assert "stafettholder" in " ".join(readable_parts(mail))


def test_taking_the_baton_yourself_tells_no_one(
    world: World, notify_case: NotifyCase, django_capture_on_commit_callbacks: Any
) -> None:
    # Whoever may coordinate can hand the baton to a person; here to themselves.
    per = world.users["participant"]
    access = case_for(
        world.users["stafettholder"], notify_case.case.pk, need=Need.COORDINATE, audit=False
    )
    with django_capture_on_commit_callbacks(execute=True) as handed_over:
        handover = baton_hand_over(
            actor=actor_for(per, Via.SYSTEM),
            access=access,
            to_participant_id=per_row(world, notify_case),
        )
    assert not Notification.objects.filter(event=f"baton:{handover.pk}").exists()
    assert handed_over == []


def test_a_handover_that_fails_tells_no_one(
    world: World, notify_case: NotifyCase, django_capture_on_commit_callbacks: Any
) -> None:
    before = Notification.objects.count()
    access = case_for(
        world.users["stafettholder"], notify_case.case.pk, need=Need.COORDINATE, audit=False
    )
    with django_capture_on_commit_callbacks(execute=True) as handed_over:
        try:
            with transaction.atomic():
                baton_hand_over(
                    actor=actor_for(world.users["stafettholder"], Via.SYSTEM),
                    access=access,
                    to_participant_id=per_row(world, notify_case),
                )
                raise RuntimeError("the action fails after the handover is saved")
        except RuntimeError:
            pass
    assert Notification.objects.count() == before
    assert handed_over == []
