"""The statutory coordinator: named among the people taking part, replaceable with its
history, shown beside the stafettholder, and gone from the page when they leave the case."""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import Via
from laget.cases.choices import LegalBasis
from laget.cases.services.participants import participant_add, participant_leave
from laget.consent.models import Consent
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership
from laget.orgs.signals import access_ended
from laget.plans import services
from laget.plans.messages import (
    MSG_ALREADY_COORDINATOR,
    MSG_COORDINATOR_PERSON,
    MSG_FROM_BEFORE_CASE,
)
from laget.plans.models import PlanCoordinator
from laget.plans.tests.helpers import as_role, name_coordinator
from laget.testing.world import ROLES, World

pytestmark = pytest.mark.django_db

EXPECTED = {
    "stafettholder": 302,
    "unit_leader": 302,
    "participant": 403,
    "former_participant": 404,
    "same_unit": 404,
    "other_unit": 404,
    "coordinator": 404,
    "admin": 404,
    "anonymous": 302,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_name_the_coordinator(
    world: World, client_for: Callable[[str], Client], role: str
) -> None:
    url = reverse("plans:coordinator_name", args=[world.case.pk])
    data = {"participant": world.participant.pk, "from_date": timezone.localdate().isoformat()}
    response = client_for(role).post(url, data)
    assert response.status_code == EXPECTED[role]
    named = PlanCoordinator.objects.filter(case=world.case).exists()
    assert named == (role in ("stafettholder", "unit_leader"))


def test_the_stafettholder_may_be_the_coordinator_too(world: World) -> None:
    holder = world.case.participants.get(user=world.users["stafettholder"], left_at=None)
    coordinator = name_coordinator(world, holder.pk)
    assert coordinator.participant == holder


def test_the_coordinator_is_a_person_taking_part_now(world: World) -> None:
    actor, access = as_role(world)
    unit_wide = participant_add(
        actor=actor,
        access=access,
        unit_id=world.units["ppt"].pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=world.consent.pk,
    )
    other_case_row = world.other_case.participants.get()
    for participant_id in (unit_wide.pk, world.former.pk, other_case_row.pk, None):
        with pytest.raises(ValidationError) as exc:
            name_coordinator(world, participant_id or -1)
        assert exc.value.message_dict == {"participant": [str(MSG_COORDINATOR_PERSON)]}
    assert not PlanCoordinator.objects.exists()


def test_the_date_is_checked_at_its_field(world: World) -> None:
    actor, access = as_role(world)
    before = timezone.localdate(world.case.opened_at).replace(year=2000)
    with pytest.raises(ValidationError) as exc:
        services.plan_coordinator_name(
            actor=actor, access=access, participant_id=world.participant.pk, from_date=before
        )
    assert exc.value.message_dict == {"from_date": [str(MSG_FROM_BEFORE_CASE)]}


def test_replacing_the_coordinator_keeps_the_history(world: World) -> None:
    first = name_coordinator(world)
    with pytest.raises(ValidationError) as exc:
        name_coordinator(world)
    assert exc.value.message_dict == {"participant": [str(MSG_ALREADY_COORDINATOR)]}
    holder = world.case.participants.get(user=world.users["stafettholder"], left_at=None)
    second = name_coordinator(world, holder.pk)
    first.refresh_from_db()
    assert first.ended_at is not None and first.ended_by == world.users["stafettholder"]
    assert list(PlanCoordinator.objects.filter(case=world.case, ended_at=None)) == [second]


def test_the_case_page_shows_the_coordinator_beside_the_stafettholder(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("cases:case_detail", args=[world.case.pk])
    page = client_for("participant").get(url).content.decode()
    assert "Koordinator" in page and "Ingen" in page
    name_coordinator(world)
    page = client_for("participant").get(url).content.decode()
    holder_at, coordinator_at = page.index("Stafettholder"), page.index("Koordinator")
    assert holder_at < coordinator_at
    assert "Per Nystad, Fjordvik helsestasjon" in page[coordinator_at:]


def _says_no_coordinator(client: Client, world: World) -> bool:
    page = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    return "Saken har ingen koordinator." in page


def test_a_coordinator_who_leaves_the_case_leaves_it_without_one(
    world: World, client_for: Callable[[str], Client]
) -> None:
    name_coordinator(world)
    client = client_for("stafettholder")
    assert not _says_no_coordinator(client, world)
    actor, access = as_role(world)
    participant_leave(actor=actor, access=access, participant_id=world.participant.pk)
    assert _says_no_coordinator(client, world)
    plan = client.get(reverse("plans:plan_detail", args=[world.case.pk])).content.decode()
    assert "Per Nystad har ikke lenger tilgang til saken" in plan
    # A new one is named, the old row ends.
    holder = world.case.participants.get(user=world.users["stafettholder"], left_at=None)
    name_coordinator(world, holder.pk)
    assert not _says_no_coordinator(client, world)
    assert PlanCoordinator.objects.filter(case=world.case, ended_at=None).count() == 1


def test_a_coordinator_whose_membership_ends_leaves_the_case_without_one(
    world: World, client_for: Callable[[str], Client]
) -> None:
    name_coordinator(world)
    per = world.users["participant"]
    admin = world.users["admin"]
    Membership.objects.filter(user=per).update(is_active=False)
    access_ended.send(
        sender=Membership,
        user=per,
        unit_id=world.units["health_clinic"].pk,
        actor=actor_for(admin, Via.SYSTEM),
    )
    assert _says_no_coordinator(client_for("stafettholder"), world)


def test_the_plan_page_reads_a_fixed_number_of_queries(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("plans:plan_detail", args=[world.case.pk])
    client = client_for("stafettholder")
    holder = world.case.participants.get(user=world.users["stafettholder"], left_at=None)
    counts = []
    for _round in range(2):
        for pid in (world.participant.pk, holder.pk) * 3:
            name_coordinator(world, pid)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_a_coordinator_whose_consent_expires_no_longer_coordinates(
    world: World, client_for: Callable[[str], Client]
) -> None:
    name_coordinator(world)
    url = reverse("plans:package_json", args=[world.case.pk])
    assert client_for("participant").get(url).status_code == 200
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Consent.objects.filter(pk=world.consent.pk).update(expires_on=yesterday)
    assert _says_no_coordinator(client_for("stafettholder"), world)
    assert client_for("participant").get(url).status_code == 404
