"""Withdrawing a consent in the portal (issue 15, item 8): the member first sees what will
happen — who loses access, what stays — and confirms; nothing changes without the
confirmation. The stafettholder is told (an e-mail naming nothing), and the portal no longer
names as the person to ask a stafettholder who lost access with the consent."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from laget.audit.models import AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.cases.services.participants import baton_hand_over
from laget.consent.models import Consent, ConsentState
from laget.consent.services import consent_give
from laget.family.access import member_view
from laget.family.shown import contact
from laget.notify.content import content_for
from laget.notify.models import Kind, Notification, RecipientRole
from laget.orgs.actors import actor_for
from laget.portal.views.consents import CONFIRM_FIELD, CONFIRM_VALUE
from laget.testing.family import Family
from laget.testing.world import World

pytestmark = pytest.mark.django_db

CONFIRMED = {CONFIRM_FIELD: CONFIRM_VALUE}
PER = "Per Nystad, Fjordvik helsestasjon"  # world.participant, on world.consent
ODA = "Oda Brekkestø"  # world.former: left the case, reads nothing already


def _urls(case_id: int, consent_id: int) -> tuple[str, str, str]:
    kwargs = {"case_id": case_id, "consent_id": consent_id}
    return (
        reverse("portal:consent_withdraw_confirm", kwargs=kwargs),
        reverse("portal:consent_withdraw", kwargs=kwargs),
        reverse("portal:consent", kwargs=kwargs),
    )


def _state(consent: Consent) -> str:
    return Consent.objects.get(pk=consent.pk).state


def test_the_detail_page_leads_to_the_confirmation_not_to_a_withdrawal(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    confirm, withdraw, detail = _urls(world.case.pk, world.consent.pk)
    body = client_as("own_guardian").get(detail).content.decode()
    assert f'href="{confirm}"' in body
    assert f'action="{withdraw}"' not in body


def test_the_confirmation_says_who_loses_access_and_what_stays(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    confirm, withdraw, _detail = _urls(world.case.pk, world.consent.pk)
    before = AuditEvent.objects.count()
    response = client_as("own_guardian").get(confirm)
    assert response.status_code == 200
    body = response.content.decode()
    lose, keep = body.split('id="lose-title"')[1].split('id="keep-title"')
    assert PER in lose and ODA not in body
    assert "Kari Lundberg" not in lose  # the stafettholder reads on another basis
    assert "Det som allerede er skrevet i saken, blir stående" in keep
    assert "fordi loven sier det" in keep
    assert "Stafettholderen får beskjed" in body
    assert f'name="{CONFIRM_FIELD}" value="{CONFIRM_VALUE}"' in body
    assert f'action="{withdraw}"' in body
    assert _state(world.consent) == ConsentState.GIVEN
    assert AuditEvent.objects.count() == before + 1  # the read of the consent


def test_no_withdrawal_without_the_confirmation(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    _confirm, withdraw, _detail = _urls(world.case.pk, world.consent.pk)
    for data in ({}, {CONFIRM_FIELD: "ja"}):
        response = client_as("own_guardian").post(withdraw, data)
        assert response.status_code == 200
        assert PER in response.content.decode()  # shown what would happen, asked again
        assert _state(world.consent) == ConsentState.GIVEN
    assert not Notification.objects.filter(case_id=world.case.pk, kind=Kind.CASE_NOTICE).exists()


def test_confirmed_it_withdraws_and_the_stafettholder_is_told(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    _confirm, withdraw, _detail = _urls(world.case.pk, world.consent.pk)
    response = client_as("own_guardian").post(withdraw, CONFIRMED)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:consents", args=[world.case.pk])
    assert _state(world.consent) == ConsentState.WITHDRAWN
    told = Notification.objects.get(case_id=world.case.pk, kind=Kind.CASE_NOTICE)
    assert told.recipient == world.users["stafettholder"].email
    assert told.recipient_role == RecipientRole.STAFF
    content = content_for(told)
    text = content.subject + content.body
    for personal in (world.consent.reference, "Emil", family.mother.name, "helsestasjon"):
        assert personal not in text


def test_a_sole_party_withdrawing_tells_the_stafettholder_too(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    """The teenager is her consent's only party: no notice of one guardian's withdrawal, but
    those who coordinate are still told."""
    consent = family.teen_consent
    teen = family.users["child_over"]
    consent_give(actor=actor_for(teen, Via.PORTAL), consent=consent, child=True)
    _confirm, withdraw, _detail = _urls(family.teen_case.pk, consent.pk)
    assert client_as("child_over").post(withdraw, CONFIRMED).status_code == 302
    assert _state(consent) == ConsentState.WITHDRAWN
    told = Notification.objects.filter(
        case_id=family.teen_case.pk,
        kind=Kind.CASE_NOTICE,
        event=f"consent-withdrawn-by:{consent.pk}",
    )
    assert told.count() >= 1
    assert teen.email not in {n.recipient for n in told}


def test_a_withdrawn_consent_offers_no_confirmation(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    confirm, withdraw, _detail = _urls(world.case.pk, world.consent.pk)
    client = client_as("own_guardian")
    client.post(withdraw, CONFIRMED)
    body = client.get(confirm).content.decode()
    assert "kan ikke trekkes tilbake nå" in body
    assert f'name="{CONFIRM_FIELD}"' not in body and PER not in body


@pytest.mark.parametrize("who", ["other_guardian", "anonymous"])
def test_those_outside_the_case_do_not_reach_the_confirmation(
    world: World, family: Family, client_as: Callable[[str], Client], who: str
) -> None:
    confirm, _withdraw, _detail = _urls(world.case.pk, world.consent.pk)
    response = client_as(who).get(confirm)
    if who == "anonymous":
        assert response.status_code == 302 and reverse("portal:login") in response["Location"]
    else:
        assert response.status_code == 404


def test_the_person_to_ask_is_not_one_who_lost_access(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    """Per took the baton and reads on the consent; once it is withdrawn, the portal's case
    page no longer names him as the stafettholder to ask."""
    holder = world.users["stafettholder"]
    baton_hand_over(
        actor=actor_for(holder, Via.SYSTEM),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        to_participant_id=world.participant.pk,
    )
    client = client_as("own_guardian")
    case_page = reverse("portal:case", args=[world.case.pk])
    assert "Per Nystad" in client.get(case_page).content.decode()
    confirm, withdraw, _detail = _urls(world.case.pk, world.consent.pk)
    assert "Stafettholderen deltar på grunnlag av dette samtykket" in (
        client.get(confirm).content.decode()
    )
    client.post(withdraw, CONFIRMED)

    view = member_view(world.case, guardian=family.mother)
    shown = contact(view, world.case)
    assert shown.holder is None and not shown.none_yet
    section = client.get(case_page).content.decode().split('id="kontakt"')[1]
    assert "Per Nystad" not in section.split("</section>")[0]
