"""The pages of a log's later life at 360 px (issue 14): moving a log, the individual plan, the
family's access requests, retention and the archive packages, each as the person who uses it,
with something on every page. No serious axe finding, no sideways scrolling."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from laget.archive.testing import stored_package
from laget.family.access_requests import access_request_record
from laget.monitoring.testing import log_in
from laget.orgs.models import Role
from laget.plans.tests.helpers import as_role, decide, name_coordinator
from laget.testing.world import World, add_member, build_world, make_user
from laget.transfer.tests.conftest import propose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _problems(page: Page, base: str, urls: list[str], axe: Any) -> dict[str, object]:
    problems: dict[str, object] = {}
    for url in urls:
        response = page.goto(base + url)
        assert response is not None and response.status == 200, url
        serious = [v["id"] for v in axe(page) if v.get("impact") in ("serious", "critical")]
        width = page.evaluate("document.documentElement.scrollWidth")
        if serious or width > 360:
            problems[url] = (serious, width)
    return problems


def _in_use(world: World, world_b: World) -> None:
    """A proposed move to B, a plan decision with a coordinator, an access request from the
    mother, and an archive package of the case."""
    propose(world, world_b)
    decide(world)
    name_coordinator(world)
    actor, access = as_role(world)
    assert world.case.subject is not None
    mother = world.case.subject.guardians.order_by("pk")[0]
    access_request_record(
        actor=actor,
        access=access,
        member=f"g{mother.pk}",
        received_on=access.case.opened_at.date(),
        format="pdf",
        delivery="digital",
    )
    stored_package(world.case)


def test_the_later_life_pages_pass_axe_on_a_phone(live_server: Any, page: Page, axe: Any) -> None:
    world = build_world()
    world_b = build_world("-b")
    _in_use(world, world_b)
    archivist = make_user("arne", "Arne", "Arkivsen")
    add_member(archivist, world.municipality, None, Role.ARCHIVIST)
    case = {"case_id": world.case.pk}
    transfer_id = world.case.transfers.get().pk
    pages = {
        world.users["stafettholder"]: [
            reverse("cases:case_detail", kwargs=case),
            reverse("transfer:propose", kwargs=case),
            reverse("plans:plan_detail", kwargs=case),
            reverse("plans:decision_record", kwargs=case),
            reverse("plans:coordinator_name", kwargs=case),
            reverse("plans:hand_over", kwargs=case),
            reverse("family:access_requests", kwargs=case),
        ],
        world_b.users["unit_leader"]: [
            reverse("transfer:inbox"),
            reverse("transfer:decide", kwargs={"transfer_id": transfer_id}),
            reverse("transfer:decline", kwargs={"transfer_id": transfer_id}),
        ],
        world.users["admin"]: [reverse("retention:page"), reverse("transfer:inbox")],
        archivist: [reverse("archive:packages")],
    }
    problems: dict[str, object] = {}
    for user, urls in pages.items():
        page.context.clear_cookies()
        log_in(page, live_server.url, user)
        problems |= _problems(page, live_server.url, urls, axe)
    assert problems == {}
