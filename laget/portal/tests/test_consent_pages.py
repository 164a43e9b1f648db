"""The family's consents in the portal: seen, read in their language, given and withdrawn."""

from collections.abc import Callable
from typing import Any

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.consent.models import Consent, ConsentState
from laget.consent.services import consent_give, consent_request
from laget.orgs.actors import actor_for
from laget.portal.access import portal_actor
from laget.portal.views.consents import CONFIRM_FIELD, CONFIRM_VALUE
from laget.testing.family import Family
from laget.testing.world import World

pytestmark = pytest.mark.django_db

CONFIRMED = {CONFIRM_FIELD: CONFIRM_VALUE}


def _urls(case_id: int, consent_id: int) -> dict[str, str]:
    kwargs = {"case_id": case_id, "consent_id": consent_id}
    return {
        "list": reverse("portal:consents", kwargs={"case_id": case_id}),
        "detail": reverse("portal:consent", kwargs=kwargs),
        "give": reverse("portal:consent_give", kwargs=kwargs),
        "withdraw": reverse("portal:consent_withdraw", kwargs=kwargs),
    }


def test_the_list_shows_units_purpose_state_and_expiry(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    body = client_as("own_guardian").get(_urls(family.case.pk, world.consent.pk)["list"])
    text = body.content.decode()
    assert world.consent.reference in text
    assert "Gitt" in text
    assert "Fjordvik helsestasjon" in text and "PPT Fjordvik" in text
    assert world.consent.purpose in text
    assert "Ingen utløpsdato" in text


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nb", "Du bestemmer selv"),
        ("nn", "Du bestemmer sjølv"),
        ("en", "It is your decision"),
        ("se", "Don ieš mearridat"),
        ("ar", "القرار قرارك"),
        ("so", "adigaa leh"),
        ("pl", "To twoja decyzja"),
        ("uk", "Рішення за вами"),
        ("ti", "ውሳነ ናትኩም እዩ"),
        ("lt", "Sprendžiate jūs"),
    ],
)
def test_the_consent_text_in_the_chosen_language(
    language: str,
    words: str,
    world: World,
    family: Family,
    client_as: Callable[[str], Client],
) -> None:
    url = _urls(family.case.pk, world.consent.pk)["detail"]
    body = client_as("own_guardian").get(f"{url}?sprak={language}").content.decode()
    assert words in body
    assert f'<div class="consent-text" lang="{language}">' in body


def test_the_english_switch_gives_the_english_text(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    client.post(reverse("set_language"), {"language": "en", "next": "/familie/"})
    body = client.get(_urls(family.case.pk, world.consent.pk)["detail"]).content.decode()
    assert "It is your decision" in body


def test_withdrawing_ends_the_participants_access_at_once(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    case_for(world.users["participant"], family.case.pk, audit=False)
    urls = _urls(family.case.pk, world.consent.pk)
    response = client_as("own_guardian").post(urls["withdraw"], CONFIRMED)
    assert response.status_code == 302
    consent = Consent.objects.get(pk=world.consent.pk)
    assert consent.state == ConsentState.WITHDRAWN
    with pytest.raises(Http404):
        case_for(world.users["participant"], family.case.pk, audit=False)
    assert AuditEvent.objects.filter(
        object_type="consent",
        object_id=consent.pk,
        action=AuditAction.UPDATE,
        via=Via.PORTAL,
        actor=family.users["own_guardian"],
    ).exists()


def test_a_withdrawn_consent_offers_no_withdraw_and_refuses_one(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    urls = _urls(family.case.pk, world.consent.pk)
    client.post(urls["withdraw"], CONFIRMED)
    body = client.get(urls["detail"]).content.decode()
    assert "Trekk tilbake samtykket" not in body
    events = AuditEvent.objects.count()
    response = client.post(urls["withdraw"], CONFIRMED, follow=True)
    assert "kan ikke endres" in response.content.decode()
    assert AuditEvent.objects.count() == events + 1  # only the read of the page shown


def test_the_child_above_the_age_limit_gives_their_own_consent(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    urls = _urls(family.teen_case.pk, family.teen_consent.pk)
    client = client_as("child_over")
    assert "Jeg samtykker" in client.get(urls["detail"]).content.decode()
    client.post(urls["give"], {"sprak": "nn"})
    consent = Consent.objects.get(pk=family.teen_consent.pk)
    assert consent.state == ConsentState.GIVEN
    event = consent.events.order_by("-id").first()
    assert event is not None and event.language == "nn"


def test_a_given_consent_cannot_be_given_again(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    urls = _urls(family.case.pk, world.consent.pk)
    client_as("own_guardian").post(urls["give"])
    assert Consent.objects.get(pk=world.consent.pk).state == ConsentState.GIVEN


def _half_given(world: World, family: Family) -> Consent:
    """A new consent the mother has given while the father has not answered yet."""
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    access = case_for(holder, family.case.pk, need=Need.COORDINATE, audit=False)
    consent = consent_request(
        actor=actor,
        access=access,
        unit_ids=[world.units["health_clinic"].pk],
        purpose="Samarbeid om språk",
    )
    return consent_give(
        actor=portal_actor(family.users["own_guardian"]), consent=consent, guardian=family.mother
    )


def test_a_parent_who_said_yes_may_withdraw_before_the_other_answers(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    """The service and the staff page let a party withdraw a consent still waiting for the
    other parent; the portal offered the mother no button and refused her withdrawal."""
    consent = _half_given(world, family)
    assert consent.state == ConsentState.REQUESTED
    client = client_as("own_guardian")
    urls = _urls(family.case.pk, consent.pk)
    body = client.get(urls["detail"]).content.decode()
    assert "Trekk tilbake samtykket" in body
    assert "Jeg samtykker" not in body  # she has answered
    client.post(urls["withdraw"], CONFIRMED)
    assert Consent.objects.get(pk=consent.pk).state == ConsentState.WITHDRAWN


def test_a_consent_is_shown_again_in_the_language_it_was_given_in(
    world: World, family: Family, client_as: Callable[[str], Client], client_for: Any
) -> None:
    urls = _urls(family.teen_case.pk, family.teen_consent.pk)
    client = client_as("child_over")
    client.post(urls["give"], {"sprak": "ar"})
    event = Consent.objects.get(pk=family.teen_consent.pk).events.order_by("-id").first()
    assert event is not None and event.language == "ar"
    # The member's page, in bokmål, shows the text they said yes to.
    body = client.get(urls["detail"]).content.decode()
    assert '<div class="consent-text" lang="ar">' in body
    # Staff see it too, and the record says which language it was.
    # The teen's case is the school's: world.users["other_unit"] holds it.
    staff = client_for("other_unit")
    staff_url = reverse(
        "consent:consent_detail",
        kwargs={"case_id": family.teen_case.pk, "consent_id": family.teen_consent.pk},
    )
    response = staff.get(staff_url)
    assert response.status_code == 200
    staff_body = response.content.decode()
    assert '<div class="consent-text" lang="ar">' in staff_body
    assert "teksten på العربية" in staff_body
