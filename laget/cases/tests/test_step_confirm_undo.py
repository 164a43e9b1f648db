"""«Gå videre til …» in «Hva nå?»: asked first, confirmed, told, and undone for a while by the
person who moved the case — and only while nothing else has moved it since."""

import datetime
from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases import step_undo
from laget.cases.access import Need, case_for
from laget.cases.messages import MSG_STEP_MOVED, MSG_STEP_UNDO_GONE
from laget.cases.services.lifecycle import case_change_level, case_step_set
from laget.cases.whatnow import what_now
from laget.guide.models import GuideVersion
from laget.guide.services import guide_publish
from laget.guide.starter import install_starter_guide
from laget.orgs.actors import actor_for
from laget.testing.world import ROLES, World

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def published(world: World, django_db_blocker: object) -> GuideVersion:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        draft = install_starter_guide(world.municipality, world.users["admin"])
        return guide_publish(by=world.users["admin"], version=draft)


def _expected_status(world: World, role: str) -> int:
    """What the role gets, by the one rule for changing a case's level (cases.access)."""
    user = world.user(role)
    if user is None:
        return 302  # to the login page
    try:
        case_for(user, world.case.pk, need=Need.COORDINATE, audit=False)
    except Http404:
        return 404
    except PermissionDenied:
        return 403
    return 200


def _url(world: World, name: str = "cases:case_step") -> str:
    return reverse(name, args=[world.case.pk])


def _next_step(world: World) -> tuple[str, str]:
    world.case.refresh_from_db()  # the module's world is shared; its case may be stale
    now = what_now(world.case)
    assert now is not None
    return now.step.slug, now.steps[1].slug


def _step(world: World) -> str:
    world.case.refresh_from_db()
    now = what_now(world.case)
    assert now is not None
    return now.step.slug


def _updates(world: World) -> int:
    return AuditEvent.objects.filter(
        case_id=world.case.pk, action=AuditAction.UPDATE, object_type="case"
    ).count()


def _texts(response: object) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", ROLES)
def test_the_question_is_asked_first_and_moves_nothing(
    world: World, published: GuideVersion, client_for: Callable[[str], Client], role: str
) -> None:
    current, target = _next_step(world)
    response = client_for(role).get(_url(world), {"step": target})
    expected = _expected_status(world, role)
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert "Ja, gå videre til" in html
        assert f'name="from" value="{current}"' in html
    assert _step(world) == current


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_change_the_level_may_move_and_undo(
    world: World, published: GuideVersion, client_for: Callable[[str], Client], role: str
) -> None:
    current, target = _next_step(world)
    client = client_for(role)
    expected = _expected_status(world, role)
    moved = client.post(_url(world), {"step": target, "from": current, "confirm": "yes"})
    undone = client.post(_url(world, "cases:case_step_undo"))
    if expected == 200:
        assert moved.status_code == 302 and undone.status_code == 302
        assert _step(world) == current  # moved, then taken back
    else:
        assert moved.status_code == expected and undone.status_code == expected
        assert _step(world) == current


def test_a_post_without_the_confirmation_only_asks(
    world: World, published: GuideVersion, client_for: Callable[[str], Client]
) -> None:
    current, target = _next_step(world)
    response = client_for("stafettholder").post(_url(world), {"step": target})
    assert response.status_code == 200
    assert "Ja, gå videre til" in response.content.decode()
    assert _step(world) == current


def test_confirming_moves_the_case_says_so_and_is_audited(
    world: World, published: GuideVersion, client_for: Callable[[str], Client]
) -> None:
    current, target = _next_step(world)
    before = _updates(world)
    client = client_for("stafettholder")
    response = client.post(_url(world), {"step": target, "from": current, "confirm": "yes"})
    assert response.status_code == 302
    assert response["Location"].endswith("#hva-na")
    assert _step(world) == target
    assert _updates(world) == before + 1
    (text,) = _texts(response)
    assert "Saken er flyttet til trinn 2" in text and "angre" in text
    page = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    assert reverse("cases:case_step_undo", args=[world.case.pk]) in page


def test_the_same_person_undoes_the_move_through_the_service(
    world: World, published: GuideVersion, client_for: Callable[[str], Client]
) -> None:
    current, target = _next_step(world)
    client = client_for("stafettholder")
    client.post(_url(world), {"step": target, "from": current, "confirm": "yes"})
    before = _updates(world)
    response = client.post(_url(world, "cases:case_step_undo"))
    assert _step(world) == current
    assert _updates(world) == before + 1
    assert any(t.startswith("Angret.") for t in _texts(response))
    # Once: the undo is used up.
    again = client.post(_url(world, "cases:case_step_undo"))
    assert str(MSG_STEP_UNDO_GONE) in _texts(again)
    page = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    assert reverse("cases:case_step_undo", args=[world.case.pk]) not in page


def test_another_person_cannot_undo(
    world: World, published: GuideVersion, client_for: Callable[[str], Client]
) -> None:
    current, target = _next_step(world)
    client_for("stafettholder").post(
        _url(world), {"step": target, "from": current, "confirm": "yes"}
    )
    other = client_for("stafettholder")  # even the same user in another browser
    response = other.post(_url(world, "cases:case_step_undo"))
    assert str(MSG_STEP_UNDO_GONE) in _texts(response)
    assert _step(world) == target


def test_the_undo_expires(
    world: World,
    published: GuideVersion,
    client_for: Callable[[str], Client],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    current, target = _next_step(world)
    client = client_for("stafettholder")
    client.post(_url(world), {"step": target, "from": current, "confirm": "yes"})
    # The window has passed (no sleeping in tests: the window shrinks instead).
    monkeypatch.setattr(step_undo, "UNDO_WINDOW", datetime.timedelta(0))
    response = client.post(_url(world, "cases:case_step_undo"))
    assert str(MSG_STEP_UNDO_GONE) in _texts(response)
    assert _step(world) == target


def test_no_undo_when_the_case_moved_on_since(
    world: World, published: GuideVersion, client_for: Callable[[str], Client]
) -> None:
    current, target = _next_step(world)
    client = client_for("stafettholder")
    client.post(_url(world), {"step": target, "from": current, "confirm": "yes"})
    third = what_now(world.case).steps[2].slug  # type: ignore[union-attr]
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    case_step_set(actor=actor_for(holder, Via.SYSTEM), access=access, step_slug=third)
    response = client.post(_url(world, "cases:case_step_undo"))
    assert str(MSG_STEP_UNDO_GONE) in _texts(response)
    assert _step(world) == third


def test_no_undo_after_a_level_change(
    world: World, published: GuideVersion, client_for: Callable[[str], Client]
) -> None:
    current, target = _next_step(world)
    client = client_for("stafettholder")
    client.post(_url(world), {"step": target, "from": current, "confirm": "yes"})
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    case_change_level(
        actor=actor_for(holder, Via.SYSTEM), access=access, to_level=3, reason="Flere trengs."
    )
    response = client.post(_url(world, "cases:case_step_undo"))
    assert str(MSG_STEP_UNDO_GONE) in _texts(response)
    world.case.refresh_from_db()
    assert world.case.level == 3


def test_a_confirmation_from_a_stale_page_is_refused(
    world: World, published: GuideVersion, client_for: Callable[[str], Client]
) -> None:
    current, target = _next_step(world)
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    case_step_set(actor=actor_for(holder, Via.SYSTEM), access=access, step_slug=target)
    # The page was read at `current`; someone moved the case to `target` since.
    third = what_now(world.case).steps[2].slug  # type: ignore[union-attr]
    response = client_for("stafettholder").post(
        _url(world), {"step": third, "from": current, "confirm": "yes"}
    )
    assert str(MSG_STEP_MOVED) in _texts(response)
    assert _step(world) == target


def test_an_unknown_step_goes_back_to_the_case_with_a_message(
    world: World, published: GuideVersion, client_for: Callable[[str], Client]
) -> None:
    response = client_for("stafettholder").get(_url(world), {"step": "finnes-ikke"})
    assert response.status_code == 302
    assert response["Location"].endswith("#hva-na")
