"""Under a care order child welfare gives and withdraws consent in the parents' place.

world.case (Emil, 4) under a care order held by the municipality's child welfare, whose
Kaia takes part on a statute: a consent asked for now has child welfare as its one party (the
child too from the age limit). Kaia answers for it from the staff consent page; nobody else
on staff can, nor register an answer for it; the birth parents are not parties, and every
consent action is missing for them in the portal (404).
"""

import datetime
import json
from collections.abc import Callable, Sequence

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.cases.choices import LegalBasis
from laget.cases.services.participants import participant_add
from laget.cases.statutes import DUTY_TO_REPORT
from laget.consent.messages import MSG_CARE_ANSWERS_ITSELF, MSG_NOT_A_PARTY, MSG_NOT_CARE_STAFF
from laget.consent.models import (
    Channel,
    Consent,
    ConsentState,
    EventKind,
    PartyResponse,
    WithdrawalNotice,
)
from laget.consent.rules import ConsentAction, consent_refusal, parties_for
from laget.consent.services import consent_give, consent_request, consent_withdraw
from laget.consent.tests.conftest import child_welfare_worker
from laget.family.models import CareOrder
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership, Role, Unit
from laget.testing.family import Family
from laget.testing.world import World, make_user

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def care_order(world: World, case_id: int, by: User, parent_parts: Sequence[str] = ()) -> None:
    CareOrder.objects.create(
        case_id=case_id,
        unit=world.units["child_welfare"],
        starts_on=TODAY - datetime.timedelta(days=10),
        parent_parts=list(parent_parts),
        recorded_by=by,
    )


def ask(world: World, case_id: int | None = None, by: str = "stafettholder") -> Consent:
    user = world.users[by]
    return consent_request(
        actor=actor_for(user, Via.SYSTEM),
        access=case_for(user, case_id or world.case.pk, need=Need.COORDINATE, audit=False),
        unit_ids=[world.units["school"].pk],
        purpose="Samarbeid med skolen om overgangen",
    )


def care_url(world: World, consent: Consent) -> str:
    return reverse(
        "consent:consent_care", kwargs={"case_id": world.case.pk, "consent_id": consent.pk}
    )


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_child_welfare_is_the_one_party(world: World, family: Family) -> None:
    welfare = child_welfare_worker(world)
    care_order(world, world.case.pk, welfare)
    consent = ask(world)
    parties = list(consent.parties.all())
    assert [(p.care_unit, p.guardian, p.is_child) for p in parties] == [
        (world.units["child_welfare"], None, False)
    ]
    assert not consent.by_child


def test_from_the_age_limit_the_child_answers_too(world: World, family: Family) -> None:
    teacher = world.users["other_unit"]
    care_order(world, family.teen_case.pk, teacher)
    consent = ask(world, family.teen_case.pk, by="other_unit")
    kinds = sorted((p.care_unit_id is not None, p.is_child) for p in consent.parties.all())
    assert kinds == [(False, True), (True, False)]
    assert consent.by_child


def test_child_welfare_consents_alone_from_the_staff_page(world: World, family: Family) -> None:
    welfare = child_welfare_worker(world)
    care_order(world, world.case.pk, welfare)
    consent = ask(world)
    client = logged_in(welfare)
    detail = reverse(
        "consent:consent_detail", kwargs={"case_id": world.case.pk, "consent_id": consent.pk}
    )
    assert care_url(world, consent) in client.get(detail).content.decode()
    assert client.get(care_url(world, consent)).status_code == 200
    response = client.post(care_url(world, consent), {"answer": "give"})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.state == ConsentState.GIVEN
    event = consent.events.get(kind=EventKind.GIVEN)
    assert event.by_user == welfare and event.channel == Channel.DIGITAL
    assert event.party is not None and event.party.care_unit == world.units["child_welfare"]
    assert AuditEvent.objects.filter(
        actor=welfare, action=AuditAction.UPDATE, object_type="consent", object_id=consent.pk
    ).exists()
    record = client.get(
        reverse(
            "consent:consent_export", kwargs={"case_id": world.case.pk, "consent_id": consent.pk}
        )
    )
    indicated = json.loads(record.content)["dpv:isIndicatedBy"]
    assert [p["@type"] for p in indicated] == ["dpv:GovernmentalOrganisation"]
    # The school may now take part on it, and reads.
    holder = world.users["stafettholder"]
    participant_add(
        actor=actor_for(holder, Via.SYSTEM),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        unit_id=world.units["school"].pk,
        user_id=world.users["other_unit"].pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=consent.pk,
    )
    case_for(world.users["other_unit"], world.case.pk, audit=False)


@pytest.mark.parametrize("answer", ["refuse", "withdraw"])
def test_child_welfare_refuses_or_withdraws(world: World, family: Family, answer: str) -> None:
    welfare = child_welfare_worker(world)
    care_order(world, world.case.pk, welfare)
    consent = ask(world)
    client = logged_in(welfare)
    if answer == "withdraw":
        client.post(care_url(world, consent), {"answer": "give"})
    assert client.post(care_url(world, consent), {"answer": answer}).status_code == 302
    consent.refresh_from_db()
    party = consent.parties.get()
    want = ConsentState.REFUSED if answer == "refuse" else ConsentState.WITHDRAWN
    assert consent.state == want
    assert party.response == (
        PartyResponse.REFUSED if answer == "refuse" else PartyResponse.WITHDRAWN
    )
    # Not one of the guardians: no notice.
    assert not WithdrawalNotice.objects.filter(consent=consent).exists()


@pytest.mark.parametrize("role", ["stafettholder", "participant", "unit_leader"])
def test_other_staff_who_read_the_case_may_not_answer_for_child_welfare(
    world: World, family: Family, role: str
) -> None:
    welfare = child_welfare_worker(world)
    care_order(world, world.case.pk, welfare)
    consent = ask(world)
    client = logged_in(world.users[role])
    assert client.get(care_url(world, consent)).status_code == 403
    assert client.post(care_url(world, consent), {"answer": "give"}).status_code == 403
    access = case_for(world.users[role], world.case.pk, audit=False)
    with pytest.raises(ValidationError) as excinfo:
        consent_give(actor=actor_for(world.users[role]), consent=consent, care=access)
    assert excinfo.value.messages == [str(MSG_NOT_CARE_STAFF)]
    consent.refresh_from_db()
    assert consent.state == ConsentState.REQUESTED


def test_a_child_welfare_member_who_does_not_take_part_does_not_see_it(
    world: World, family: Family
) -> None:
    welfare = child_welfare_worker(world)
    care_order(world, world.case.pk, welfare)
    consent = ask(world)
    colleague = make_user("jonas", "Jonas", "Rimstad")
    Membership.objects.create(
        user=colleague,
        municipality=world.municipality,
        unit=world.units["child_welfare"],
        role=Role.EMPLOYEE,
    )
    assert logged_in(colleague).get(care_url(world, consent)).status_code == 404


def test_a_child_welfare_worker_of_another_unit_may_not_answer(
    world: World, family: Family
) -> None:
    """Another child welfare unit taking part (say, where the child lived before) does not hold
    the care."""
    welfare = child_welfare_worker(world)
    care_order(world, world.case.pk, welfare)
    other = Unit.objects.create(
        municipality=world.municipality, name="Barnevernvakten", kind="child_welfare"
    )
    worker = make_user("eirik", "Eirik", "Sand")
    Membership.objects.create(
        user=worker, municipality=world.municipality, unit=other, role=Role.EMPLOYEE
    )
    holder = world.users["stafettholder"]
    participant_add(
        actor=actor_for(holder, Via.SYSTEM),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        unit_id=other.pk,
        user_id=worker.pk,
        legal_basis=LegalBasis.STATUTE,
        statute=DUTY_TO_REPORT,
    )
    consent = ask(world)
    assert logged_in(worker).get(care_url(world, consent)).status_code == 403


def test_no_one_registers_an_answer_for_child_welfare(world: World, family: Family) -> None:
    welfare = child_welfare_worker(world)
    care_order(world, world.case.pk, welfare)
    consent = ask(world)
    assert parties_for(consent, ConsentAction.REGISTER_PAPER) == []
    refusal = consent_refusal(consent, ConsentAction.REGISTER_PAPER, by_family=False)
    assert refusal is not None and refusal.messages == [str(MSG_CARE_ANSWERS_ITSELF)]
    paper = reverse(
        "consent:consent_paper", kwargs={"case_id": world.case.pk, "consent_id": consent.pk}
    )
    response = logged_in(world.users["stafettholder"]).get(paper, follow=True)
    assert str(MSG_CARE_ANSWERS_ITSELF) in response.content.decode()


# The birth parents read only what child welfare grants; they are never parties.
GRANTS = {"nothing": (), "the log": ("entries", "measures"), "the consents": ("consents",)}


@pytest.mark.parametrize("parent", ["own_guardian", "father"])
@pytest.mark.parametrize("grant", sorted(GRANTS))
@pytest.mark.parametrize(
    "route",
    ["portal:consent", "portal:consent_give", "portal:consent_refuse", "portal:consent_withdraw"],
)
def test_birth_parents_are_not_parties(
    world: World,
    family: Family,
    client_as: Callable[[str], Client],
    route: str,
    grant: str,
    parent: str,
) -> None:
    welfare = child_welfare_worker(world)
    care_order(world, world.case.pk, welfare, GRANTS[grant])
    consent = ask(world)
    # Child welfare has given it, so there is something to withdraw.
    logged_in(welfare).post(care_url(world, consent), {"answer": "give"})
    url = reverse(route, kwargs={"case_id": world.case.pk, "consent_id": consent.pk})
    client = client_as(parent)
    if route == "portal:consent":
        response = client.get(url)
        # What child welfare grants: the consent read-only, or nothing.
        want = 200 if "consents" in GRANTS[grant] else 404
        assert response.status_code == want
        if want == 200:
            page = response.content.decode()
            assert "Jeg samtykker" not in page and "Trekk tilbake samtykket" not in page
    else:
        assert client.post(url).status_code == 404
    consent.refresh_from_db()
    assert consent.state == ConsentState.GIVEN


def test_a_birth_parent_no_longer_answers_an_earlier_consent(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    """The parents gave world.consent before the care order; now child welfare holds the care,
    and the mother — who still sees the consents, as granted — cannot withdraw it herself."""
    welfare = child_welfare_worker(world)
    care_order(world, world.case.pk, welfare, ("consents",))
    url = reverse(
        "portal:consent_withdraw",
        kwargs={"case_id": world.case.pk, "consent_id": world.consent.pk},
    )
    assert client_as("own_guardian").post(url).status_code == 404
    with pytest.raises(ValidationError) as excinfo:
        consent_withdraw(
            actor=actor_for(family.users["own_guardian"], Via.PORTAL),
            consent=world.consent,
            guardian=family.mother,
        )
    assert excinfo.value.messages == [str(MSG_NOT_A_PARTY)]
    world.consent.refresh_from_db()
    assert world.consent.state == ConsentState.GIVEN


def test_the_api_says_who_may_answer_for_child_welfare(world: World, family: Family) -> None:
    welfare = child_welfare_worker(world)
    care_order(world, world.case.pk, welfare)
    consent = ask(world)
    url = reverse("api:consent", kwargs={"case_id": world.case.pk, "consent_id": consent.pk})
    body = logged_in(welfare).get(url).json()
    assert body["care_actions"] == ["give", "refuse"]
    assert body["parties"][0]["care_unit"] == world.units["child_welfare"].pk
    holder = logged_in(world.users["stafettholder"]).get(url).json()
    assert holder["care_actions"] == []
    # Nothing for staff to register for child welfare.
    assert holder["actions"] == []
