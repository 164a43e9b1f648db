"""Which consent actions each state allows (consent.rules), and that the services, the staff
page and the family portal answer exactly that."""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import Via
from laget.audit.services import Actor
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_identify, case_open
from laget.consent.models import (
    Channel,
    Consent,
    ConsentParty,
    ConsentState,
    PartyResponse,
)
from laget.consent.rules import (
    ConsentAction,
    consent_actions,
    consent_refusal,
)
from laget.consent.services import (
    consent_give,
    consent_refuse,
    consent_renew,
    consent_request,
    consent_withdraw,
)
from laget.orgs.actors import actor_for
from laget.people.models import Guardian
from laget.testing.world import World

TODAY = datetime.date(2025, 3, 10)
YESTERDAY = TODAY - datetime.timedelta(days=1)
GIVE, REFUSE, WITHDRAW, PAPER, RENEW = (
    ConsentAction.GIVE,
    ConsentAction.REFUSE,
    ConsentAction.WITHDRAW,
    ConsentAction.REGISTER_PAPER,
    ConsentAction.RENEW,
)


# --- The table: state × who acts → what they may do -------------------------------------------

# (state, expires_on, the acting party's response, the family acts) → allowed actions.
TABLE = [
    # Asked: a parent who has not answered says yes or no; staff register a paper answer or a
    # withdrawal they were told of.
    (ConsentState.REQUESTED, None, PartyResponse.PENDING, True, {GIVE, REFUSE}),
    (ConsentState.REQUESTED, None, PartyResponse.PENDING, False, {PAPER, WITHDRAW}),
    # One parent said yes, the other has not answered: the first may take it back.
    (ConsentState.REQUESTED, None, PartyResponse.GIVEN, True, {WITHDRAW}),
    (ConsentState.REQUESTED, None, PartyResponse.GIVEN, False, {WITHDRAW}),
    # In force: withdrawn by the family at any time; renewed by staff.
    (ConsentState.GIVEN, None, PartyResponse.GIVEN, True, {WITHDRAW}),
    (ConsentState.GIVEN, None, PartyResponse.GIVEN, False, {WITHDRAW, RENEW}),
    (ConsentState.GIVEN, TODAY, PartyResponse.GIVEN, True, {WITHDRAW}),  # its last day
    # Given past its expiry is expired at once, before the daily job records it.
    (ConsentState.GIVEN, YESTERDAY, PartyResponse.GIVEN, True, set()),
    (ConsentState.GIVEN, YESTERDAY, PartyResponse.GIVEN, False, {RENEW}),
    (ConsentState.EXPIRED, YESTERDAY, PartyResponse.GIVEN, True, set()),
    (ConsentState.EXPIRED, YESTERDAY, PartyResponse.GIVEN, False, {RENEW}),
    # Refused and withdrawn are final: a new consent must be asked for.
    (ConsentState.REFUSED, None, PartyResponse.REFUSED, True, set()),
    (ConsentState.REFUSED, None, PartyResponse.REFUSED, False, set()),
    (ConsentState.REFUSED, None, PartyResponse.PENDING, True, set()),  # the other parent
    (ConsentState.WITHDRAWN, None, PartyResponse.WITHDRAWN, True, set()),
    (ConsentState.WITHDRAWN, None, PartyResponse.WITHDRAWN, False, set()),
    (ConsentState.WITHDRAWN, None, PartyResponse.GIVEN, True, set()),  # the other parent
]


@pytest.mark.parametrize(
    ("state", "expires_on", "response", "by_family", "allowed"),
    TABLE,
    ids=[f"{r[0]}-{r[1] and r[1].day}-{r[2]}-{'family' if r[3] else 'staff'}" for r in TABLE],
)
def test_the_actions_each_state_allows(
    state: str,
    expires_on: datetime.date | None,
    response: str,
    by_family: bool,
    allowed: set[ConsentAction],
) -> None:
    consent = Consent(state=state, expires_on=expires_on)
    party = ConsentParty(consent=consent, response=response)
    got = consent_actions(consent, by_family=by_family, party=party, today=TODAY)
    assert got == allowed


def test_the_family_does_nothing_with_a_consent_it_is_not_a_party_to() -> None:
    consent = Consent(state=ConsentState.REQUESTED)
    assert consent_actions(consent, by_family=True, party=None, today=TODAY) == frozenset()
    refusal = consent_refusal(consent, GIVE, by_family=True, party=None, today=TODAY)
    assert refusal is not None and refusal.code == "not_party"


# --- The services refuse exactly what the rule refuses -----------------------------------------

ConsentIn = Callable[[str], tuple[CaseAccess, Consent, Guardian]]
STATES = [
    "requested",
    "requested_half",  # the mother gave, the father has not answered
    "given",
    "given_past_expiry",
    "expired",
    "refused",
    "withdrawn",
]


def _build(world: World, state: str) -> tuple[int, int, int]:
    """A new case with two parents and a consent in `state`: the ids of the three."""
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    case = case_open(
        actor=actor, user=holder, unit_id=world.units["kindergarten"].pk, label="Sak", level=1
    )
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    case_identify(
        actor=actor,
        access=access,
        given_name="Iben",
        family_name="Sørvik",
        birth_date=datetime.date(2020, 5, 1),
    )
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    mother = guardian_add(actor=actor, access=access, name="Mona Sørvik", relation="mor")
    father = guardian_add(actor=actor, access=access, name="Arne Sørvik", relation="far")
    consent = consent_request(
        actor=actor, access=access, unit_ids=[world.units["health_clinic"].pk], purpose="Søvn"
    )
    if state != "requested":
        answer = consent_refuse if state == "refused" else consent_give
        answer(actor=actor, consent=consent, guardian=mother)
    if state in ("given", "given_past_expiry", "expired", "withdrawn"):
        consent_give(actor=actor, consent=consent, guardian=father)
    if state == "withdrawn":
        consent_withdraw(actor=actor, consent=consent, guardian=father)
    if state in ("given_past_expiry", "expired"):
        # A past expiry cannot be set through the services; the daily job records "expired".
        Consent.objects.filter(pk=consent.pk).update(
            expires_on=timezone.localdate() - datetime.timedelta(days=1),
            **({"state": ConsentState.EXPIRED} if state == "expired" else {}),
        )
    return case.pk, consent.pk, mother.pk


@pytest.fixture(scope="module")
def built(world: World, django_db_blocker: object) -> dict[str, tuple[int, int, int]]:
    """One case per state, built once per module inside the world's transaction (each test
    runs in a savepoint, so what a service changes is gone for the next)."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return {state: _build(world, state) for state in STATES}


@pytest.fixture
def consent_in(
    db: None, world: World, built: dict[str, tuple[int, int, int]]
) -> Callable[[str], tuple[CaseAccess, Consent, Guardian]]:
    """consent_in(state) -> (the holder's access, the consent as read now, the mother)."""

    def get(state: str) -> tuple[CaseAccess, Consent, Guardian]:
        case_id, consent_id, mother_id = built[state]
        holder = world.users["stafettholder"]
        access = case_for(holder, case_id, need=Need.COORDINATE, audit=False)
        consent = Consent.objects.prefetch_related("parties").get(pk=consent_id)
        return access, consent, Guardian.objects.get(pk=mother_id)

    return get


def _call(
    action: ConsentAction, *, by_family: bool, world: World, access: CaseAccess
) -> Callable[[Consent, Guardian], object]:
    """The service a door calls for `action`, as the family (portal) or staff register it."""
    user = world.users["stafettholder"]
    actor = Actor(user=user, via=Via.PORTAL) if by_family else actor_for(user, Via.WEB)
    if action is GIVE:
        return lambda c, g: consent_give(actor=actor, consent=c, guardian=g)
    if action is REFUSE:
        return lambda c, g: consent_refuse(actor=actor, consent=c, guardian=g)
    if action is WITHDRAW:
        return lambda c, g: consent_withdraw(actor=actor, consent=c, guardian=g)
    if action is PAPER:
        scan = SimpleUploadedFile("s.pdf", b"%PDF-1.4 fiktiv", content_type="application/pdf")
        return lambda c, g: consent_give(
            actor=actor, consent=c, guardian=g, channel=Channel.PAPER, scanned_copy=scan
        )
    return lambda c, g: consent_renew(actor=actor, access=access, consent=c, expires_on=None)


DOORS = [(True, a) for a in sorted(ConsentAction) if a is not PAPER and a is not RENEW] + [
    (False, a) for a in sorted(ConsentAction) if a is not GIVE and a is not REFUSE
]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize(
    ("by_family", "action"), DOORS, ids=[f"{'family' if f else 'staff'}-{a}" for f, a in DOORS]
)
def test_the_services_refuse_what_the_rule_refuses(
    state: str, by_family: bool, action: ConsentAction, world: World, consent_in: ConsentIn
) -> None:
    access, consent, mother = consent_in(state)
    party = next(p for p in consent.parties.all() if p.guardian_id == mother.pk)
    allowed = action in consent_actions(consent, by_family=by_family, party=party)
    refusal = consent_refusal(consent, action, by_family=by_family, party=party)
    call = _call(action, by_family=by_family, world=world, access=access)
    if allowed:
        call(consent, mother)
        return
    assert refusal is not None
    with pytest.raises(ValidationError) as exc:
        call(consent, mother)
    assert exc.value.messages == refusal.messages
    assert exc.value.code == refusal.code


# --- The pages show exactly the actions the rule allows ----------------------------------------

STAFF_LINKS = {
    PAPER: "consent:consent_paper",
    WITHDRAW: "consent:consent_withdraw",
    RENEW: "consent:consent_renew",
}


@pytest.mark.parametrize("state", STATES)
def test_the_staff_page_links_to_what_the_rule_allows(
    state: str, consent_in: ConsentIn, client_for: Callable[[str], Client]
) -> None:
    access, consent, _mother = consent_in(state)
    kwargs = {"case_id": access.case.pk, "consent_id": consent.pk}
    html = (
        client_for("stafettholder")
        .get(reverse("consent:consent_detail", kwargs=kwargs))
        .content.decode()
    )
    shown = {a for a, name in STAFF_LINKS.items() if reverse(name, kwargs=kwargs) in html}
    assert shown == consent_actions(consent, by_family=False)


@pytest.mark.parametrize("state", ["requested_half", "given", "expired"])
def test_a_staff_form_the_state_does_not_allow_sends_back_with_the_reason(
    state: str, consent_in: ConsentIn, client_for: Callable[[str], Client]
) -> None:
    access, consent, _mother = consent_in(state)
    kwargs = {"case_id": access.case.pk, "consent_id": consent.pk}
    client = client_for("stafettholder")
    for action, name in STAFF_LINKS.items():
        response = client.get(reverse(name, kwargs=kwargs), follow=True)
        refusal = consent_refusal(consent, action, by_family=False)
        if refusal is None:
            assert response.redirect_chain == []
        else:
            assert response.redirect_chain[-1][0] == reverse(
                "consent:consent_detail", kwargs=kwargs
            )
            assert refusal.messages[0] in response.content.decode()


def test_the_paper_form_offers_only_the_parties_who_have_not_answered(
    consent_in: ConsentIn, client_for: Callable[[str], Client]
) -> None:
    access, consent, mother = consent_in("requested_half")
    kwargs = {"case_id": access.case.pk, "consent_id": consent.pk}
    html = (
        client_for("stafettholder")
        .get(reverse("consent:consent_paper", kwargs=kwargs))
        .content.decode()
    )
    assert "Arne Sørvik" in html
    assert mother.name not in html
