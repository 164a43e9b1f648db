"""«Hva nå?» on the case page: the guide step the case is at, its tools and the ways on."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.messages import MSG_UNKNOWN_STEP
from laget.cases.services.lifecycle import case_change_level, case_step_set
from laget.cases.whatnow import what_now
from laget.guide.models import GuideVersion
from laget.guide.services import guide_publish
from laget.guide.starter import install_starter_guide
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def published(world: World, django_db_blocker: object) -> GuideVersion:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        draft = install_starter_guide(world.municipality, world.users["admin"])
        return guide_publish(by=world.users["admin"], version=draft)


def test_no_published_guide_no_what_now(world: World) -> None:
    assert what_now(world.case) is None


def test_a_case_starts_at_the_first_step_of_its_level(
    world: World, published: GuideVersion
) -> None:
    now = what_now(world.case)
    assert now is not None
    level = next(lvl for lvl in published.levels.all() if lvl.number == world.case.level)
    assert now.step == level.steps.all()[0]
    assert now.position == 1


def test_moving_on_and_changing_level(world: World, published: GuideVersion) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    first = what_now(world.case)
    assert first is not None
    nxt = next(e for e in first.exits if e.kind == "next_step")
    # The way on names the step it leads to, not only the guide's «Gå videre».
    assert nxt.target_title == first.steps[1].title
    case = case_step_set(
        actor=actor_for(holder, Via.SYSTEM), access=access, step_slug=str(nxt.target)
    )
    assert what_now(case).step.slug == nxt.target  # type: ignore[union-attr]
    case_change_level(
        actor=actor_for(holder, Via.SYSTEM),
        access=access,
        to_level=3,
        reason="Flere tjenester trengs.",
    )
    case.refresh_from_db()
    assert case.guide_step == ""
    assert what_now(case).position == 1  # type: ignore[union-attr]


def test_a_step_of_another_level_is_refused(world: World, published: GuideVersion) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    own = {
        s.slug
        for lvl in published.levels.all()
        if lvl.number == world.case.level
        for s in lvl.steps.all()
    }
    other = next(
        s
        for lvl in published.levels.all()
        if lvl.number != world.case.level
        for s in lvl.steps.all()
        if s.slug not in own
    )
    with pytest.raises(ValidationError) as exc:
        case_step_set(actor=actor_for(holder, Via.SYSTEM), access=access, step_slug=other.slug)
    assert exc.value.message_dict == {"step": [str(MSG_UNKNOWN_STEP)]}


def test_the_case_page_shows_the_step_and_its_tools(
    world: World, published: GuideVersion, client_for: Callable[[str], Client]
) -> None:
    now = what_now(world.case)
    assert now is not None
    html = (
        client_for("stafettholder")
        .get(reverse("cases:case_detail", args=[world.case.pk]))
        .content.decode()
    )
    assert "Hva nå?" in html
    assert now.step.title in html
    for tool in now.tools:
        assert tool.definition.name in html


def test_the_step_form_moves_the_case(
    world: World, published: GuideVersion, client_for: Callable[[str], Client]
) -> None:
    now = what_now(world.case)
    assert now is not None
    nxt = next(e for e in now.exits if e.kind == "next_step")
    response = client_for("stafettholder").post(
        reverse("cases:case_step", args=[world.case.pk]),
        {"step": nxt.target, "from": now.step.slug, "confirm": "yes"},
    )
    assert response.status_code == 302
    world.case.refresh_from_db()
    assert world.case.guide_step == nxt.target


# What the stafettholder's case page may cost with "what now?" (the published guide, the
# step's tools and its training): a ceiling, so that a new query on the busiest page is a
# decision someone makes, not a drift. The world's case: 24 without a published guide (one
# query finds none; one reads the population register's notices); with it, one query each for
# the version, its level, the level's steps, the tools' definitions and versions, and the
# step's training: 29.
CASE_PAGE_QUERIES = 29


def test_the_case_page_with_what_now_and_training_stays_within_its_budget(
    world: World, published: GuideVersion, client_for: Callable[[str], Client]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from laget.testing.queries import statements
    from laget.training.starter import install_starter_training

    install_starter_training(by=None)
    client = client_for("stafettholder")
    url = reverse("cases:case_detail", args=[world.case.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["what_now"].training  # the step has training to show
    assert statements(ctx) <= CASE_PAGE_QUERIES
