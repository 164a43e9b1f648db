"""A consent for one parent's own help is that parent's: its only party, the only one in the
family who sees it. The other parent cannot see, give, refuse or withdraw it by any portal
URL — it is missing for them (404), as for the child and the stepfather."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.consent.messages import MSG_NOT_A_MEMBER, MSG_NOT_A_PARTY
from laget.consent.models import Consent, ConsentState
from laget.consent.services import consent_refuse, consent_request, consent_withdraw
from laget.consent.tests.test_one_guardian_withdraws import own_help_consent
from laget.orgs.actors import actor_for
from laget.testing.family import Family
from laget.testing.world import World

pytestmark = pytest.mark.django_db

ACTIONS = ("portal:consent_give", "portal:consent_refuse", "portal:consent_withdraw")


def mothers_own_help(world: World, family: Family, state: str) -> Consent:
    if state == ConsentState.GIVEN:
        return own_help_consent(world, family.mother, family.users["own_guardian"], "school")
    holder = world.users["stafettholder"]
    return consent_request(
        actor=actor_for(holder, Via.SYSTEM),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        unit_ids=[world.units["school"].pk],
        purpose="Samtaler for mor",
        for_guardian_id=family.mother.pk,
    )


def test_its_only_party_is_the_member(world: World, family: Family) -> None:
    consent = mothers_own_help(world, family, ConsentState.REQUESTED)
    assert [p.guardian for p in consent.parties.all()] == [family.mother]
    assert consent.for_guardian == family.mother and not consent.by_child


@pytest.mark.parametrize("state", [ConsentState.REQUESTED, ConsentState.GIVEN])
@pytest.mark.parametrize("who", ["father", "guardian_without_pr", "child_under", "other_guardian"])
@pytest.mark.parametrize("route", ("portal:consent", *ACTIONS))
def test_no_one_else_in_the_family_reaches_it(
    world: World,
    family: Family,
    client_as: Callable[[str], Client],
    route: str,
    who: str,
    state: str,
) -> None:
    consent = mothers_own_help(world, family, state)
    url = reverse(route, kwargs={"case_id": world.case.pk, "consent_id": consent.pk})
    client = client_as(who)
    response = client.get(url) if route == "portal:consent" else client.post(url)
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.state == state


def test_the_father_does_not_see_it_in_his_list_and_the_mother_does(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    consent = mothers_own_help(world, family, ConsentState.REQUESTED)
    url = reverse("portal:consents", kwargs={"case_id": world.case.pk})
    assert consent.reference not in client_as("father").get(url).content.decode()
    mothers = client_as("own_guardian").get(url).content.decode()
    assert consent.reference in mothers and "Bare du ser dette samtykket" in mothers


def test_the_mother_answers_it_alone(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    consent = mothers_own_help(world, family, ConsentState.REQUESTED)
    response = client_as("own_guardian").post(
        reverse("portal:consent_give", kwargs={"case_id": world.case.pk, "consent_id": consent.pk})
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.state == ConsentState.GIVEN


@pytest.mark.parametrize("action", [consent_refuse, consent_withdraw])
def test_the_services_refuse_the_father_too(
    world: World, family: Family, action: Callable[..., Consent]
) -> None:
    consent = mothers_own_help(world, family, ConsentState.REQUESTED)
    with pytest.raises(ValidationError) as excinfo:
        action(
            actor=actor_for(family.users["father"], Via.PORTAL),
            consent=consent,
            guardian=family.father,
        )
    assert excinfo.value.messages == [str(MSG_NOT_A_PARTY)]


def test_staff_form_offers_the_case_family_members(
    world: World, family: Family, client_for: Callable[[str], Client]
) -> None:
    client = client_for("stafettholder")
    url = reverse("consent:consent_request", kwargs={"case_id": world.case.pk})
    form = client.get(url).context["form"]
    offered = {value for value, _ in form.fields["for_guardian"].choices}
    assert {family.mother.pk, family.father.pk} <= offered
    # The stepfather does not read the case; another family's guardian is not in it.
    assert family.stepfather.pk not in offered and family.other_guardian.pk not in offered
    response = client.post(
        url,
        {
            "units": [world.units["school"].pk],
            "purpose": "Far sin egen hjelp",
            "for_guardian": family.father.pk,
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.filter(case=world.case).latest("pk")
    assert [p.guardian for p in consent.parties.all()] == [family.father]
    refused = client.post(
        url,
        {
            "units": [world.units["school"].pk],
            "purpose": "x",
            "for_guardian": family.other_guardian.pk,
        },
    )
    assert refused.status_code == 200 and refused.context["form"].errors["for_guardian"]


@pytest.mark.parametrize("member", ["stepfather", "other_guardian"])
def test_api_refuses_one_who_is_not_a_member_with_a_field_error(
    world: World, family: Family, client_for: Callable[[str], Client], member: str
) -> None:
    response = client_for("stafettholder").post(
        reverse("api:consents", kwargs={"case_id": world.case.pk}),
        {
            "units": [world.units["school"].pk],
            "purpose": "Egen hjelp",
            "for_guardian": getattr(family, member).pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"for_guardian": [str(MSG_NOT_A_MEMBER)]}


def test_api_requests_it_for_one_member(
    world: World, family: Family, client_for: Callable[[str], Client]
) -> None:
    response = client_for("stafettholder").post(
        reverse("api:consents", kwargs={"case_id": world.case.pk}),
        {"units": [world.units["school"].pk], "purpose": "Mor", "for_guardian": family.mother.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["for_guardian"] == family.mother.pk
    assert [p["guardian"] for p in body["parties"]] == [family.mother.pk]
