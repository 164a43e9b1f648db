"""The daily job: guardians of a consent that ends in 30 days are told, once, without a word
about what the consent is for."""

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.consent.models import Consent
from laget.consent.services import consent_give, consent_request
from laget.notify.models import Kind, Notification, RecipientRole
from laget.notify.tests.conftest import GUARDIAN_EMAIL, OTHER_GUARDIAN_EMAIL, Mailbox, NotifyCase
from laget.notify.tests.privacy import leaks
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db

PURPOSE = "Samarbeid med helsestasjonen om søvn og trygghet"
TODAY = timezone.localdate()


def given_consent(world: World, notify_case: NotifyCase, expires_on: datetime.date) -> Consent:
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    consent = consent_request(
        actor=actor,
        access=case_for(holder, notify_case.case.pk, need=Need.COORDINATE, audit=False),
        unit_ids=[world.units["health_clinic"].pk],
        purpose=PURPOSE,
        expires_on=expires_on,
    )
    return consent_give(actor=actor, consent=consent, guardian=notify_case.guardian)


def run_daily_job(today: datetime.date) -> str:
    out = StringIO()
    call_command("notify_consents_expiring", today=today.isoformat(), stdout=out)
    return out.getvalue()


def test_guardians_are_told_30_days_before_and_only_once(
    world: World,
    notify_case: NotifyCase,
    smtp: Mailbox,
    run_worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    consent = given_consent(world, notify_case, TODAY + datetime.timedelta(days=30))
    given_consent(world, notify_case, TODAY + datetime.timedelta(days=31))
    with django_capture_on_commit_callbacks(execute=True):
        assert run_daily_job(TODAY).startswith("1 ")
        assert run_daily_job(TODAY).startswith("0 ")  # the job ran twice today
    notifications = Notification.objects.filter(
        kind=Kind.CONSENT_EXPIRING, case_id=notify_case.case.pk
    )
    assert [(n.recipient, n.recipient_role) for n in notifications] == [
        (GUARDIAN_EMAIL, RecipientRole.FAMILY)
    ]
    assert notifications[0].event == f"consent:{consent.pk}:{consent.expires_on}"

    run_worker()
    assert len(smtp.to(GUARDIAN_EMAIL)) == 1
    message = smtp.to(GUARDIAN_EMAIL)[0]
    assert message["subject"] == "Et samtykke i stafettloggen går snart ut"
    secrets = [*notify_case.secrets, PURPOSE, "søvn", consent.reference]
    assert leaks([message], secrets) == []
    assert smtp.to(OTHER_GUARDIAN_EMAIL) == []  # no parental responsibility, not a party


def test_a_consent_not_ending_in_30_days_tells_no_one(
    world: World, notify_case: NotifyCase
) -> None:
    given_consent(world, notify_case, TODAY + datetime.timedelta(days=29))
    given_consent(world, notify_case, TODAY + datetime.timedelta(days=31))
    run_daily_job(TODAY)
    assert not Notification.objects.filter(
        kind=Kind.CONSENT_EXPIRING, case_id=notify_case.case.pk
    ).exists()
