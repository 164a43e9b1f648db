"""The issue's withdrawal test, through every door.

A participant on the family's consent reads the case in the web and the API; a guardian
withdraws the consent in the family portal; the participant's next read through both doors
is refused; a participant on a statutory basis still reads; the family's access log shows
each of those reads.
"""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.cases.choices import LegalBasis
from laget.cases.services.participants import participant_add
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership, Role
from laget.portal.views.consents import CONFIRM_FIELD, CONFIRM_VALUE
from laget.testing.family import Family
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def _child_welfare_worker(world: World) -> User:
    user = User.objects.create_user(
        username="barnevern-kari", first_name="Kaia", last_name="Brattset"
    )
    unit = world.units["child_welfare"]
    Membership.objects.create(
        user=user, municipality=world.municipality, unit=unit, role=Role.EMPLOYEE
    )
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    participant_add(
        actor=actor_for(holder, Via.SYSTEM),
        access=access,
        unit_id=unit.pk,
        user_id=user.pk,
        legal_basis=LegalBasis.STATUTE,
        statute="samarbeid-barnevern",
    )
    return user


def test_withdrawal_in_the_portal_ends_consent_based_reads_at_once(
    world: World,
    family: Family,
    client_for: Callable[[str], Client],
    client_as: Callable[[str], Client],
) -> None:
    nurse = client_for("participant")
    welfare_user = _child_welfare_worker(world)
    welfare = Client()
    welfare.force_login(welfare_user)
    page = reverse("cases:case_detail", args=[world.case.pk])
    api = reverse("api:case", args=[world.case.pk])

    assert nurse.get(page).status_code == 200
    assert nurse.get(api).status_code == 200

    guardian = client_as("own_guardian")
    withdrawn = guardian.post(
        reverse("portal:consent_withdraw", args=[world.case.pk, world.consent.pk]),
        {CONFIRM_FIELD: CONFIRM_VALUE},
    )
    assert withdrawn.status_code == 302

    assert nurse.get(page).status_code == 404
    assert nurse.get(api).status_code == 404
    assert welfare.get(page).status_code == 200
    assert welfare.get(api).status_code == 200

    reads = AuditEvent.objects.filter(
        case_id=world.case.pk, action=AuditAction.READ, object_type="case"
    )
    nurse_reads = reads.filter(actor=world.users["participant"])
    assert sorted(nurse_reads.values_list("via", flat=True)) == [Via.API, Via.WEB]
    assert sorted(reads.filter(actor=welfare_user).values_list("via", flat=True)) == [
        Via.API,
        Via.WEB,
    ]

    log = guardian.get(reverse("portal:access_log", args=[world.case.pk])).content.decode()
    assert world.users["participant"].display_name in log
    assert welfare_user.display_name in log
    assert world.units["child_welfare"].name in log
