"""The staff pages for restrictions and the "Familien" panel on the case page: who gets what
answer, the forms' field errors, and what the panel shows to whom."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from laget.cases.access import case_for
from laget.family import services
from laget.family.choices import Part, RestrictionReason, RestrictionState
from laget.family.models import Restriction
from laget.orgs.actors import actor_for
from laget.people.models import Guardian, ProtectedAddress
from laget.testing.world import World

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]
# What each role of the world gets on the pages: the stafettholder proposes, the leader
# decides; a reader who does not coordinate gets 403 for the case's form and 404 for a
# restriction; who does not see the case gets 404.
PROPOSE = {
    "stafettholder": 200,
    "unit_leader": 403,
    "participant": 403,
    "same_unit": 404,
    "other_unit": 404,
    "former_participant": 404,
    "admin": 404,
}
DECIDE = {**PROPOSE, "stafettholder": 403, "unit_leader": 200, "participant": 404}
END = {**PROPOSE, "unit_leader": 200, "participant": 404}


def mother(world: World) -> Guardian:
    assert world.case.subject is not None
    return world.case.subject.guardians.order_by("pk")[0]


def proposed(world: World) -> Restriction:
    holder = world.users["stafettholder"]
    return services.restriction_propose(
        actor=actor_for(holder),
        access=case_for(holder, world.case.pk, audit=False),
        guardian_id=mother(world).pk,
        parts=[Part.MEETINGS, Part.PLACES],
        reason=RestrictionReason.VIOLENCE,
    )


def url(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"family:{name}", kwargs={"case_id": world.case.pk, **kwargs})


def case_page(client: Client, world: World) -> str:
    response = client.get(reverse("cases:case_detail", kwargs={"case_id": world.case.pk}))
    assert response.status_code == 200
    return response.content.decode()


def form_errors(response: Any) -> dict[str, list[str]]:
    return {k: list(v) for k, v in response.context["form"].errors.items()}


@pytest.mark.parametrize(("role", "status"), PROPOSE.items())
def test_the_proposal_page(world: World, client_for: ClientFor, role: str, status: int) -> None:
    assert client_for(role).get(url("restriction_propose", world)).status_code == status


@pytest.mark.parametrize(("role", "status"), DECIDE.items())
def test_the_decision_page(world: World, client_for: ClientFor, role: str, status: int) -> None:
    restriction = proposed(world)
    page = url("restriction_decide", world, restriction_id=restriction.pk)
    assert client_for(role).get(page).status_code == status


@pytest.mark.parametrize(("role", "status"), END.items())
def test_the_end_page(world: World, client_for: ClientFor, role: str, status: int) -> None:
    restriction = proposed(world)
    page = url("restriction_end", world, restriction_id=restriction.pk)
    assert client_for(role).get(page).status_code == status


def test_a_restriction_id_of_another_case_is_missing(world: World, client_for: ClientFor) -> None:
    restriction = proposed(world)
    Restriction.objects.filter(pk=restriction.pk).update(case=world.other_case)
    page = url("restriction_decide", world, restriction_id=restriction.pk)
    assert client_for("unit_leader").get(page).status_code == 404


def test_propose_approve_and_lift_through_the_pages(world: World, client_for: ClientFor) -> None:
    holder = client_for("stafettholder")
    response = holder.post(
        url("restriction_propose", world),
        {
            "member": str(mother(world).pk),
            "parts": [Part.MEETINGS, Part.ACTIVITY],
            "meetings": [str(world.meeting.pk)],
            "reason": RestrictionReason.COURT_DECISION,
        },
    )
    assert response.status_code == 302, form_errors(response)
    assert response["Location"].endswith("#familien")
    restriction = Restriction.objects.get()
    assert restriction.parts == [Part.ACTIVITY, Part.MEETINGS]
    assert list(restriction.meetings.values_list("pk", flat=True)) == [world.meeting.pk]

    leader = client_for("unit_leader")
    decide = url("restriction_decide", world, restriction_id=restriction.pk)
    assert leader.post(decide, {"decision": "approve"}).status_code == 302
    restriction.refresh_from_db()
    assert restriction.state == RestrictionState.IN_FORCE

    lift = url("restriction_end", world, restriction_id=restriction.pk)
    assert holder.post(lift).status_code == 302
    restriction.refresh_from_db()
    assert restriction.state == RestrictionState.ENDED


def test_the_empty_proposal_names_each_missing_field(world: World, client_for: ClientFor) -> None:
    response = client_for("stafettholder").post(url("restriction_propose", world), {"note": ""})
    assert response.status_code == 200
    assert form_errors(response) == {
        "member": [str(services.MSG_CHOOSE_MEMBER)],
        "reason": [str(services.MSG_CHOOSE_REASON)],
    }


def test_the_services_rules_land_on_the_fields(world: World, client_for: ClientFor) -> None:
    response = client_for("stafettholder").post(
        url("restriction_propose", world),
        {"member": "barnet", "reason": RestrictionReason.OTHER},
    )
    assert response.status_code == 200
    assert form_errors(response) == {
        "note": [str(services.MSG_NOTE_FOR_OTHER)],
        "parts": [str(services.MSG_CHOOSE_WHAT)],
    }
    assert not Restriction.objects.exists()


def test_an_entry_of_another_case_is_not_a_choice(world: World, client_for: ClientFor) -> None:
    response = client_for("stafettholder").post(
        url("restriction_propose", world),
        {"member": "barnet", "reason": RestrictionReason.VIOLENCE, "entries": ["999999"]},
    )
    assert form_errors(response) == {"entries": [str(services.MSG_NOT_IN_CASE)]}


def test_the_decision_must_be_chosen(world: World, client_for: ClientFor) -> None:
    restriction = proposed(world)
    page = url("restriction_decide", world, restriction_id=restriction.pk)
    response = client_for("unit_leader").post(page, {"decision": ""})
    assert form_errors(response) == {"decision": [str(services.MSG_CHOOSE_DECISION)]}


def test_lifting_twice_says_so_on_the_case_page(world: World, client_for: ClientFor) -> None:
    restriction = proposed(world)
    client = client_for("stafettholder")
    lift = url("restriction_end", world, restriction_id=restriction.pk)
    client.post(lift)
    response = client.post(lift, follow=True)
    assert str(services.MSG_NOT_ACTIVE) in response.content.decode()


# --- The panel on the case page ---------------------------------------------------------------


@pytest.mark.parametrize("role", ["stafettholder", "unit_leader"])
def test_coordinators_see_restrictions_and_who_proposed(
    world: World, client_for: ClientFor, role: str
) -> None:
    proposed(world)
    html = case_page(client_for(role), world)
    assert "Skjerming av familiemedlemmer" in html
    assert "venter på godkjenning" in html
    assert "Kari Lundberg" in html
    # Only the leader, not the proposer, is offered the decision.
    assert ("/avgjor/" in html) == (role == "unit_leader")


def test_a_participant_sees_the_family_but_no_restriction(
    world: World, client_for: ClientFor
) -> None:
    restriction = proposed(world)
    html = case_page(client_for("participant"), world)
    assert 'id="familien"' in html
    assert mother(world).name in html
    assert "Skjerming av familiemedlemmer" not in html
    assert f"/skjerming/{restriction.pk}/" not in html


def test_the_panel_shows_roles(world: World, client_for: ClientFor) -> None:
    html = case_page(client_for("participant"), world)
    assert "forelder med foreldreansvar" in html


WARNING = "Fortrolig adresse – ikke gi ut adresse eller hvilken barnehage/skole barnet går i"


@pytest.mark.parametrize("role", ["stafettholder", "participant", "unit_leader"])
def test_everyone_in_the_case_is_warned_of_a_protected_address(
    world: World, client_for: ClientFor, role: str
) -> None:
    client = client_for(role)
    assert WARNING not in case_page(client, world)
    Guardian.objects.filter(pk=mother(world).pk).update(
        protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL
    )
    html = case_page(client, world)
    assert WARNING in html
    assert "Strengt fortrolig adresse" in html


def test_a_protected_child_warns_too(world: World, client_for: ClientFor) -> None:
    subject = world.case.subject
    assert subject is not None
    type(subject).objects.filter(pk=subject.pk).update(
        protected_address=ProtectedAddress.CONFIDENTIAL
    )
    assert WARNING in case_page(client_for("participant"), world)
