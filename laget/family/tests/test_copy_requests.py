"""Access requests on the staff side (laget/family/access_requests.py): who gets the page per
role, recording a request with its field errors, producing the copy for the member who asked
(the same copy the member downloads in the portal), what is kept and audited, and the due date
on the case's family panel."""

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.access import case_for
from laget.family.access import member_view
from laget.family.access_requests import (
    MSG_CHOOSE_DELIVERY,
    MSG_CHOOSE_MEMBER,
    MSG_RECEIVED_IN_FUTURE,
    access_request_record,
    due_on,
)
from laget.family.copy import build_copy, copy_data
from laget.family.models import AccessRequest
from laget.orgs.actors import actor_for
from laget.testing.family import Family, build_family
from laget.testing.pdfa import pdf_text, pdfa_problems
from laget.testing.world import ROLES, World

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]
PORTAL_BACKEND = "laget.portal.oidc.PortalOIDCBackend"
# The stafettholder and a leader of the responsible unit answer access requests; a reader who
# does not coordinate, and everyone who does not see the case, find the pages missing.
ANSWERS = {"stafettholder", "unit_leader"}


@pytest.fixture(scope="module")
def family(world: World, django_db_blocker: Any) -> Family:
    with django_db_blocker.unblock():
        return build_family(world)


def page_url(world: World) -> str:
    return reverse("family:access_requests", kwargs={"case_id": world.case.pk})


def copy_url(world: World, request: AccessRequest) -> str:
    return reverse(
        "family:access_request_copy", kwargs={"case_id": world.case.pk, "request_id": request.pk}
    )


def recorded(world: World, family: Family, **kwargs: Any) -> AccessRequest:
    holder = world.users["stafettholder"]
    values: dict[str, Any] = {
        "member": f"g{family.mother.pk}",
        "received_on": timezone.localdate() - datetime.timedelta(days=3),
        "format": "both",
        "delivery": "digital",
        **kwargs,
    }
    return access_request_record(
        actor=actor_for(holder), access=case_for(holder, world.case.pk, audit=False), **values
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_page_per_role(role: str, world: World, family: Family, client_for: ClientFor) -> None:
    response = client_for(role).get(page_url(world))
    if role == "anonymous":
        assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    else:
        assert response.status_code == (200 if role in ANSWERS else 404), role


@pytest.mark.parametrize("role", ROLES)
def test_recording_a_request_per_role(
    role: str, world: World, family: Family, client_for: ClientFor
) -> None:
    day = timezone.localdate() - datetime.timedelta(days=2)
    body = {
        "member": f"g{family.mother.pk}",
        "received_on": day.isoformat(),
        "format": "pdf",
        "delivery": "post",
    }
    response = client_for(role).post(page_url(world), body)
    made = AccessRequest.objects.filter(case=world.case)
    if role not in ANSWERS:
        assert response.status_code in (302, 404) and not made.exists(), role
        if role != "anonymous":
            assert response.status_code == 404
        return
    assert response.status_code == 302 and response["Location"] == page_url(world)
    request = made.get()
    user = world.users[role]
    assert (request.guardian, request.is_child, request.received_on) == (family.mother, False, day)
    assert (request.format, request.delivery, request.recorded_by) == ("pdf", "post", user)
    assert request.produced_at is None
    assert (
        AuditEvent.objects.filter(
            object_type="access_request", object_id=request.pk, action=AuditAction.CREATE
        )
        .get()
        .actor_id
        == user.pk
    )


@pytest.mark.parametrize("role", ROLES)
def test_producing_the_copy_per_role(
    role: str, world: World, family: Family, client_for: ClientFor
) -> None:
    request = recorded(world, family)
    response = client_for(role).post(copy_url(world, request), {"format": "pdf"})
    request.refresh_from_db()
    rows = AuditEvent.objects.filter(object_type="family_copy", object_id=request.pk)
    if role not in ANSWERS:
        assert response.status_code == (302 if role == "anonymous" else 404), role
        assert request.produced_at is None and not rows.exists()
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"].split(", ")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="stafettlogg-kopi-{today}.pdf"'
    )
    assert pdfa_problems(response.content) == []
    assert family.mother.name in pdf_text(response.content)
    user = world.users[role]
    assert (request.produced_by, request.produced_format) == (user, "pdf")
    assert request.produced_at is not None
    assert [(r.actor_id, r.action, r.via) for r in rows] == [(user.pk, AuditAction.READ, Via.WEB)]


def test_the_staff_copy_is_the_members_own(
    world: World, family: Family, client_for: ClientFor
) -> None:
    """What staff produce for the mother is what she downloads in the portal. The access log
    is left out of the comparison: each download is in it, so it grows by the other's row."""
    request = recorded(world, family)
    staff = client_for("stafettholder").post(copy_url(world, request), {"format": "json"})
    portal = Client()
    portal.force_login(family.users["own_guardian"], backend=PORTAL_BACKEND)
    own = portal.get(reverse("portal:copy_json", kwargs={"case_id": world.case.pk}))
    assert staff.status_code == own.status_code == 200
    theirs, mine = json.loads(staff.content), json.loads(own.content)
    for data in (theirs, mine):
        del data["produced_at"], data["access_log"]
    assert theirs == mine
    assert theirs["member"]["name"] == family.mother.name


def test_built_copies_are_equal_for_the_same_view(world: World, family: Family) -> None:
    view = member_view(world.case, guardian=family.mother)
    first, second = (
        copy_data(build_copy(view, world.case, "nb")),
        copy_data(build_copy(view, world.case, "nb")),
    )
    first.pop("produced_at"), second.pop("produced_at")
    assert first == second


def test_empty_post_shows_the_field_errors(
    world: World, family: Family, client_for: ClientFor
) -> None:
    response = client_for("stafettholder").post(page_url(world), {"received_on": ""})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"member", "received_on", "delivery", "format"}
    assert not AccessRequest.objects.filter(case=world.case).exists()


def test_a_date_after_today_is_refused_on_its_field(
    world: World, family: Family, client_for: ClientFor
) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for("stafettholder").post(
        page_url(world),
        {
            "member": f"g{family.mother.pk}",
            "received_on": tomorrow.isoformat(),
            "format": "json",
            "delivery": "post",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["received_on"] == [str(MSG_RECEIVED_IN_FUTURE)]


def test_only_members_who_read_can_be_chosen(
    world: World, family: Family, client_for: ClientFor
) -> None:
    """The stepfather (no parental responsibility) does not read the case: his copy would be
    empty, and his request is handled outside Laget; a member of another case is no choice."""
    response = client_for("stafettholder").get(page_url(world))
    choices = dict(response.context["form"].fields["member"].choices)
    assert f"g{family.mother.pk}" in choices and f"g{family.father.pk}" in choices
    assert f"g{family.stepfather.pk}" not in choices
    for member in (f"g{family.stepfather.pk}", f"g{family.other_guardian.pk}", "child"):
        with pytest.raises(Exception) as caught:
            recorded(world, family, member=member)
        assert str(MSG_CHOOSE_MEMBER) in str(caught.value)


def test_an_unknown_delivery_is_refused(world: World, family: Family) -> None:
    with pytest.raises(Exception) as caught:
        recorded(world, family, delivery="fax")
    assert str(MSG_CHOOSE_DELIVERY) in str(caught.value)


def test_a_copy_without_a_format_goes_back_to_the_page(
    world: World, family: Family, client_for: ClientFor
) -> None:
    request = recorded(world, family)
    response = client_for("stafettholder").post(copy_url(world, request), {})
    assert response.status_code == 302 and response["Location"] == page_url(world)
    request.refresh_from_db()
    assert request.produced_at is None


def test_a_request_of_another_case_is_missing(
    world: World, family: Family, client_for: ClientFor
) -> None:
    request = recorded(world, family)
    url = reverse(
        "family:access_request_copy",
        kwargs={"case_id": world.other_case.pk, "request_id": request.pk},
    )
    assert client_for("stafettholder").post(url, {"format": "pdf"}).status_code == 404


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime.date(2026, 1, 15), datetime.date(2026, 2, 15)),
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 4), datetime.date(2027, 1, 4)),
    ],
)
def test_the_answer_is_due_one_month_after(received: datetime.date, due: datetime.date) -> None:
    assert due_on(received) == due


@pytest.mark.parametrize("role", ["stafettholder", "unit_leader", "participant"])
def test_the_family_panel_shows_the_due_date(
    role: str, world: World, family: Family, client_for: ClientFor
) -> None:
    request = recorded(world, family)
    due = formats.date_format(due_on(request.received_on), "SHORT_DATE_FORMAT")
    case_page = reverse("cases:case_detail", kwargs={"case_id": world.case.pk})
    body = client_for(role).get(case_page).content.decode()
    assert (f"Frist for svar: {due}" in body) == (role in ANSWERS), role
    assert (page_url(world) in body) == (role in ANSWERS), role


def test_a_request_is_not_in_the_familys_access_log(world: World, family: Family) -> None:
    """Recording one member's request is staff's business; the copy produced is a read."""
    request = recorded(world, family)
    view = member_view(world.case, guardian=family.father)
    rows = view.audit(AuditEvent.objects.filter(case_id=world.case.pk))
    assert not rows.filter(object_type="access_request", object_id=request.pk).exists()
