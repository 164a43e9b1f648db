"""The municipal admin sets the level-0 deadline; new worries get it, open ones keep theirs."""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import Via
from laget.cases.services.lifecycle import case_open
from laget.orgs.actors import actor_for
from laget.orgs.services import municipality_update
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def test_admin_sets_the_deadline_and_new_worries_get_it(world: World) -> None:
    holder = world.users["stafettholder"]
    before = case_open(
        actor=actor_for(holder, Via.SYSTEM),
        user=holder,
        unit_id=world.units["kindergarten"].pk,
        label="Før endringen",
    )
    municipality_update(
        by=world.users["admin"], municipality=world.municipality, level0_deadline_days=7
    )
    after = case_open(
        actor=actor_for(holder, Via.SYSTEM),
        user=holder,
        unit_id=world.units["kindergarten"].pk,
        label="Etter endringen",
    )
    today = timezone.localdate()
    assert after.level0_due == today + datetime.timedelta(days=7)
    before.refresh_from_db()
    assert before.level0_due == today + datetime.timedelta(days=14)


@pytest.mark.parametrize("role", ["unit_leader", "coordinator", "stafettholder"])
def test_only_the_admin_changes_settings(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        municipality_update(
            by=world.users[role], municipality=world.municipality, level0_deadline_days=7
        )


@pytest.mark.parametrize("days", [0, 91])
def test_deadline_out_of_range_is_refused(world: World, days: int) -> None:
    with pytest.raises(ValidationError) as exc:
        municipality_update(
            by=world.users["admin"], municipality=world.municipality, level0_deadline_days=days
        )
    assert "level0_deadline_days" in exc.value.message_dict
    world.municipality.refresh_from_db()
    assert world.municipality.level0_deadline_days == 14


def test_web_form_saves_and_shows_field_errors(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("admin")
    url = reverse("orgs:municipality_settings", kwargs={"municipality_id": world.municipality.pk})
    bad = client.post(url, {"level0_deadline_days": "200"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["level0_deadline_days"]
    assert client.post(url, {"level0_deadline_days": "10"}).status_code == 302
    world.municipality.refresh_from_db()
    assert world.municipality.level0_deadline_days == 10


def test_api_patch_saves_and_names_the_field_on_error(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("admin")
    url = reverse("api:municipality", kwargs={"municipality_id": world.municipality.pk})
    bad = client.patch(url, {"level0_deadline_days": 0}, content_type="application/json")
    assert bad.status_code == 400
    assert "level0_deadline_days" in bad.json()["errors"]
    ok = client.patch(url, {"level0_deadline_days": 21}, content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["level0_deadline_days"] == 21


def test_another_municipality_is_404_in_the_api(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("api:municipality", kwargs={"municipality_id": world.municipality.pk + 999})
    assert client_for("admin").get(url).status_code == 404
