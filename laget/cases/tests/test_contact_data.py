"""Guardians' phone and e-mail are for those who coordinate the case (issue 11, reproduction 6):
the stafettholder and the responsible unit's leader see them on the case page, other
participants see the guardian's name only."""

import pytest
from django.test import Client
from django.urls import reverse

from laget.cases.access import Need, case_for
from laget.cases.services.guardians import guardian_add
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db

PHONE = "41234567"
EMAIL = "ragnhild@example.invalid"


@pytest.mark.parametrize(
    ("role", "sees"), [("stafettholder", True), ("unit_leader", True), ("participant", False)]
)
def test_case_page_shows_contact_data_only_to_coordinators(
    role: str, sees: bool, world: World
) -> None:
    holder = world.users["stafettholder"]
    guardian_add(
        actor=actor_for(holder),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        name="Ragnhild Fjeldsrud",
        phone=PHONE,
        email=EMAIL,
    )
    client = Client()
    client.force_login(world.users[role])
    page = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    assert "Ragnhild Fjeldsrud" in page
    assert (PHONE in page) is sees
    assert (EMAIL in page) is sees
