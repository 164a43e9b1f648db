"""The transfer pages, per role: the stafettholder's proposal on the case, the receiving
leaders' inbox and decision, and the old municipality's 404 once the case has moved."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import AuditEvent
from laget.cases.access import Need, case_for
from laget.cases.models import Case
from laget.cases.services.lifecycle import case_change_level
from laget.family.access import consent_parties
from laget.orgs.actors import actor_for
from laget.testing.queries import statements
from laget.testing.world import ROLES, World
from laget.testing.worlds import level0_world
from laget.transfer import messages as msg
from laget.transfer.keys import new_key_pair
from laget.transfer.models import Transfer, TransferState
from laget.transfer.tests.conftest import DESCRIPTION, client_of, propose

pytestmark = pytest.mark.django_db

LOGIN = "/logg-inn/"


def _status(response: object) -> int:
    return response.status_code  # type: ignore[attr-defined,no-any-return]


def _to_login(response: object) -> bool:
    return _status(response) == 302 and response["Location"].startswith(  # type: ignore[index]
        reverse("login")
    )


# --- The sending side: world.case's page ----------------------------------------------------
# Readers who are not the stafettholder are refused (403); the rest of the world gets 404.
PROPOSE_STATUS = {"stafettholder": 200, "participant": 403, "unit_leader": 403}


@pytest.mark.parametrize("role", ROLES)
def test_propose_page(world: World, role: str) -> None:
    url = reverse("transfer:propose", kwargs={"case_id": world.case.pk})
    for method in ("get", "post"):
        response = getattr(client_of(world.user(role)), method)(url)
        if role == "anonymous":
            assert _to_login(response)
        else:
            assert _status(response) == PROPOSE_STATUS.get(role, 404), (role, method)


@pytest.mark.parametrize("role", ROLES)
def test_withdraw(world: World, world_b: World, role: str) -> None:
    propose(world, world_b)
    url = reverse("transfer:withdraw", kwargs={"case_id": world.case.pk})
    response = client_of(world.user(role)).post(url)
    if role == "anonymous":
        assert _to_login(response)
        return
    want = PROPOSE_STATUS.get(role, 404)
    assert _status(response) == (302 if want == 200 else want)
    state = Transfer.objects.get(case=world.case).state
    assert state == (TransferState.WITHDRAWN if want == 200 else TransferState.PROPOSED)


def test_the_form_shows_field_errors(world: World, world_b: World) -> None:
    url = reverse("transfer:propose", kwargs={"case_id": world.case.pk})
    response = client_of(world.users["stafettholder"]).post(
        url,
        {
            "to_unit": world_b.units["kindergarten"].pk,
            "description": "Jente",
            "consent_date": timezone.localdate().isoformat(),
        },
    )
    assert _status(response) == 200
    guardians, _ = consent_parties(world.case)
    who = ", ".join(g.name for g in guardians)
    assert response.context["form"].errors == {
        "consent_guardians": [msg.MSG_CONSENT_MISSING % {"who": who}]
    }
    assert not Transfer.objects.exists()


def test_the_case_page_links_to_the_proposal_for_its_stafettholder_only(world: World) -> None:
    url = reverse("cases:case_detail", kwargs={"case_id": world.case.pk})
    link = reverse("transfer:propose", kwargs={"case_id": world.case.pk})
    assert link in client_of(world.users["stafettholder"]).get(url).content.decode()
    assert link not in client_of(world.users["unit_leader"]).get(url).content.decode()


# --- The receiving side ---------------------------------------------------------------------
# The inbox: unit leaders (incoming) and admins (the closing records); 404 for everyone else.
INBOX = {"unit_leader", "admin"}


@pytest.mark.parametrize("role", ROLES)
def test_inbox(world: World, role: str) -> None:
    response = client_of(world.user(role)).get(reverse("transfer:inbox"))
    if role == "anonymous":
        assert _to_login(response)
    else:
        assert _status(response) == (200 if role in INBOX else 404)


@pytest.mark.parametrize("name", ["transfer:decide", "transfer:decline"])
@pytest.mark.parametrize("town", ["a", "b"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_receiving_leader_sees_the_proposal(
    world: World, world_b: World, role: str, town: str, name: str
) -> None:
    transfer = propose(world, world_b)
    user = (world if town == "a" else world_b).user(role)
    url = reverse(name, kwargs={"transfer_id": transfer.pk})
    for method in ("get", "post"):
        response = getattr(client_of(user), method)(url)
        if role == "anonymous":
            assert _to_login(response)
        elif town == "b" and role == "unit_leader":
            assert _status(response) == 200  # the form, with its errors for the empty POST
        else:
            assert _status(response) == 404, (town, role, method)
    assert Transfer.objects.get(pk=transfer.pk).state == TransferState.PROPOSED


def test_the_proposal_shows_no_case_content(world: World, world_b: World) -> None:
    transfer = propose(world, world_b)
    leader = client_of(world_b.users["unit_leader"])
    for url in (
        reverse("transfer:inbox"),
        reverse("transfer:decide", kwargs={"transfer_id": transfer.pk}),
    ):
        page = leader.get(url).content.decode()
        assert DESCRIPTION in page
        for secret in (
            world.case.subject.full_name,  # type: ignore[union-attr]
            world.entry.text,
            world.measure.title,
            *(g.name for g in consent_parties(world.case)[0]),
        ):
            assert secret not in page, secret
    reads = AuditEvent.objects.filter(case_id=world.case.pk, actor=world_b.users["unit_leader"])
    assert set(reads.values_list("object_type", flat=True)) == {"transfer_list", "transfer"}


def test_decline_form_needs_a_reason(world: World, world_b: World) -> None:
    transfer = propose(world, world_b)
    url = reverse("transfer:decline", kwargs={"transfer_id": transfer.pk})
    leader = client_of(world_b.users["unit_leader"])
    response = leader.post(url, {"reason": ""})
    assert "reason" in response.context["form"].errors
    response = leader.post(url, {"reason": "Familien har ikke flyttet hit."})
    assert response["Location"] == reverse("transfer:inbox")
    page = client_of(world.users["stafettholder"]).get(
        reverse("transfer:propose", kwargs={"case_id": world.case.pk})
    )
    assert "Familien har ikke flyttet hit." in page.content.decode()


def test_the_whole_flow_through_the_pages(world: World, world_b: World) -> None:
    """Propose, accept: the case moves, and the old municipality is answered 404 at once."""
    guardians, child = consent_parties(world.case)
    holder = client_of(world.users["stafettholder"])
    response = holder.post(
        reverse("transfer:propose", kwargs={"case_id": world.case.pk}),
        {
            "to_unit": world_b.units["kindergarten"].pk,
            "description": DESCRIPTION,
            "consent_guardians": [g.pk for g in guardians],
            "consent_child": "on" if child else "",
            "consent_date": timezone.localdate().isoformat(),
        },
    )
    assert _status(response) == 302
    transfer = Transfer.objects.get(case=world.case)
    leader = client_of(world_b.users["unit_leader"])
    decide = reverse("transfer:decide", kwargs={"transfer_id": transfer.pk})
    response = leader.post(decide, {"new_holder": ""})
    assert "new_holder" in response.context["form"].errors
    response = leader.post(decide, {"new_holder": world_b.users["same_unit"].pk})
    case_page = reverse("cases:case_detail", kwargs={"case_id": world.case.pk})
    assert response["Location"] == case_page
    assert Case.objects.get(pk=world.case.pk).municipality == world_b.municipality
    assert _status(client_of(world_b.users["same_unit"]).get(case_page)) == 200
    for role in ROLES:
        if role != "anonymous":
            assert _status(client_of(world.user(role)).get(case_page)) == 404, role
    # The sending municipality keeps its closing record: the admin sees it, with no content.
    page = client_of(world.users["admin"]).get(reverse("transfer:inbox")).content.decode()
    assert f"Sak nr. {world.case.pk}" in page
    assert DESCRIPTION not in page
    assert world.case.subject.full_name not in page  # type: ignore[union-attr]


def test_inbox_queries_do_not_grow_with_the_proposals(world: World, world_b: World) -> None:
    leader = client_of(world_b.users["unit_leader"])
    url = reverse("transfer:inbox")
    propose(world, world_b)
    with CaptureQueriesContext(connection) as one:
        leader.get(url)
    # Two more cases of A (level 1, with a stafettholder), proposed to the same unit.
    holder = world.users["stafettholder"]
    for _ in range(2):
        other = level0_world(world)
        access = case_for(holder, other.case.pk, need=Need.COORDINATE, audit=False)
        case_change_level(
            actor=actor_for(holder),
            access=access,
            to_level=1,
            reason="Trenger mer.",
            stafettholder_id=other.case.participants.get(user=holder).pk,
        )
        propose(other, world_b)
    with CaptureQueriesContext(connection) as three:
        response = leader.get(url)
    assert len(response.context["waiting"]) == 3
    assert statements(three) == statements(one)


def test_a_move_to_another_installation_waits_for_the_admin(world: World, settings: Any) -> None:
    settings.LAGET_TRANSFER_TRUSTED = [f"laget-nord={new_key_pair()[1]}"]
    holder = client_of(world.users["stafettholder"])
    url = reverse("transfer:propose", kwargs={"case_id": world.case.pk})
    assert 'value="laget-nord"' in holder.get(url).content.decode()
    guardians, child = consent_parties(world.case)
    response = holder.post(
        url,
        {
            "to_installation": "laget-nord",
            "description": DESCRIPTION,
            "consent_guardians": [g.pk for g in guardians],
            "consent_child": "on" if child else "",
            "consent_date": timezone.localdate().isoformat(),
        },
    )
    assert _status(response) == 302
    transfer = Transfer.objects.get(case=world.case)
    assert transfer.to_installation == "laget-nord" and transfer.to_unit is None
    page = client_of(world.users["admin"]).get(reverse("transfer:inbox")).content.decode()
    assert f"transfer_export {transfer.pk}" in page
    assert DESCRIPTION not in page
    leader_page = client_of(world.users["unit_leader"]).get(reverse("transfer:inbox"))
    assert f"transfer_export {transfer.pk}" not in leader_page.content.decode()
