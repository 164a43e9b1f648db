"""The staff's family pages at 360 px: the case page's "Familien" panel with a protected
address, a proposed restriction and a care order, and every form of the stafettholder, the
unit leader and child welfare. No serious axe finding, no sideways scrolling."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from laget.accounts.models import User
from laget.cases.access import Need, case_for
from laget.cases.choices import LegalBasis
from laget.cases.services.participants import participant_add
from laget.cases.statutes import DUTY_TO_REPORT
from laget.family import services
from laget.family.choices import Part, RestrictionReason
from laget.monitoring.testing import log_in
from laget.orgs.actors import actor_for
from laget.orgs.models import Role
from laget.people.models import Guardian, ProtectedAddress
from laget.testing.world import World, add_member, build_world, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _family_in_place(world: World) -> tuple[User, int]:
    """A protected mother, a restriction awaiting the leader, and Berit of child welfare who
    recorded a care order."""
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    assert world.case.subject is not None
    mother = world.case.subject.guardians.order_by("pk")[0]
    Guardian.objects.filter(pk=mother.pk).update(protected_address=ProtectedAddress.CONFIDENTIAL)
    restriction = services.restriction_propose(
        actor=actor_for(holder),
        access=access,
        guardian_id=mother.pk,
        parts=[Part.MEETINGS, Part.PLACES],
        entry_ids=[world.entry.pk],
        reason=RestrictionReason.VIOLENCE,
        note="Besøksforbud fra politiet.",
    )
    worker = make_user("berit", "Berit", "Solheim")
    unit = world.units["child_welfare"]
    add_member(worker, world.municipality, unit, Role.EMPLOYEE)
    participant_add(
        actor=actor_for(holder),
        access=access,
        unit_id=unit.pk,
        user_id=worker.pk,
        legal_basis=LegalBasis.STATUTE,
        statute=DUTY_TO_REPORT,
    )
    services.care_order_record(
        actor=actor_for(worker),
        access=case_for(worker, world.case.pk, audit=False),
        unit_id=unit.pk,
        starts_on=timezone.localdate(),
        parent_parts=[Part.MEETINGS],
        foster_parts=[Part.ENTRIES, Part.MEETINGS],
    )
    return worker, restriction.pk


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


def test_the_family_pages_pass_axe_on_a_phone(live_server: Any, page: Page, axe: Any) -> None:
    world = build_world()
    worker, restriction_id = _family_in_place(world)
    case = {"case_id": world.case.pk}
    assert world.case.subject is not None
    guardian_id = world.case.subject.guardians.order_by("pk")[0].pk
    restriction = {**case, "restriction_id": restriction_id}
    pages = {
        world.users["stafettholder"]: [
            reverse("cases:case_detail", kwargs=case),
            reverse("family:restriction_propose", kwargs=case),
            reverse("family:restriction_end", kwargs=restriction),
            reverse("family:member_edit", kwargs={**case, "guardian_id": guardian_id}),
            reverse("family:child_edit", kwargs=case),
            reverse("cases:guardian_add", kwargs=case),
        ],
        world.users["unit_leader"]: [
            reverse("cases:case_detail", kwargs=case),
            reverse("family:restriction_decide", kwargs=restriction),
        ],
        worker: [
            reverse("cases:case_detail", kwargs=case),
            reverse("family:care_order_grants", kwargs=case),
            reverse("family:care_order_end", kwargs=case),
        ],
    }
    problems: dict[str, object] = {}
    for user, urls in pages.items():
        page.context.clear_cookies()
        log_in(page, live_server.url, user)
        problems |= _problems(page, live_server.url, urls, axe)
    assert problems == {}
    page.goto(live_server.url + reverse("cases:case_detail", kwargs=case))
    expect(
        page.get_by_text(
            "Fortrolig adresse – ikke gi ut adresse eller hvilken barnehage/skole barnet går i"
        )
    ).to_be_visible()
