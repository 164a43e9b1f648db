"""Which consent actions each state allows: the one place the consent state machine is spelled.

    requested ──give (every party)──▶ given ──withdraw──▶ withdrawn
        │  └─refuse (one party)──▶ refused      │  ▲
        └─withdraw──▶ withdrawn       past expiry│  │renew
                                                 ▼  │
                                               expired

The family acts for itself in the portal (give, refuse, withdraw); staff who coordinate the
case register what the family said on paper or by phone (a paper consent, a withdrawal) and
renew. Under a care order child welfare is a party in the parents' place: its own staff who
take part in the case answer for it (give, refuse, withdraw, as the family does), and nobody
registers an answer on its behalf. The staff pages, the portal, the API and the services all
ask here, from the effective state (a given consent past its expiry is expired at once).
Whether the user may coordinate the case, and whether it is closed, is the caller's access,
not the consent's state.
"""

import datetime
import enum
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_stubs_ext import StrOrPromise

from laget.cases.access import CaseAccess
from laget.consent.messages import (
    MSG_ALREADY_ANSWERED,
    MSG_CANNOT_RENEW,
    MSG_CANNOT_WITHDRAW,
    MSG_CARE_ANSWERS_ITSELF,
    MSG_NOT_A_PARTY,
    MSG_NOT_OPEN,
)
from laget.consent.models import Consent, ConsentParty, ConsentState, PartyResponse
from laget.family.access import FamilyView


class ConsentAction(enum.StrEnum):
    GIVE = "give"  # the family, digitally
    REFUSE = "refuse"  # the family
    WITHDRAW = "withdraw"  # the family, or staff registering what the family told them
    REGISTER_PAPER = "register_paper"  # staff register a consent given on paper
    RENEW = "renew"  # staff record a renewal with a new expiry


FAMILY_ACTIONS = frozenset({ConsentAction.GIVE, ConsentAction.REFUSE, ConsentAction.WITHDRAW})
STAFF_ACTIONS = frozenset(
    {ConsentAction.REGISTER_PAPER, ConsentAction.WITHDRAW, ConsentAction.RENEW}
)

# The effective states in which each action can be taken; the message and code otherwise.
_OPEN = frozenset({ConsentState.REQUESTED})
_STATES: dict[ConsentAction, tuple[frozenset[str], StrOrPromise, str]] = {
    ConsentAction.GIVE: (_OPEN, MSG_NOT_OPEN, "not_open"),
    ConsentAction.REFUSE: (_OPEN, MSG_NOT_OPEN, "not_open"),
    ConsentAction.REGISTER_PAPER: (_OPEN, MSG_NOT_OPEN, "not_open"),
    ConsentAction.WITHDRAW: (
        frozenset({ConsentState.REQUESTED, ConsentState.GIVEN}),
        MSG_CANNOT_WITHDRAW,
        "not_given",
    ),
    ConsentAction.RENEW: (
        frozenset({ConsentState.GIVEN, ConsentState.EXPIRED}),
        MSG_CANNOT_RENEW,
        "not_renewable",
    ),
}


def _party_may(action: ConsentAction, party: ConsentParty, *, by_family: bool) -> bool:
    if party.care_unit_id is not None and not by_family:
        # Child welfare answers for the care it holds itself; no one registers it for them.
        return False
    if action in (ConsentAction.GIVE, ConsentAction.REFUSE, ConsentAction.REGISTER_PAPER):
        return party.response == PartyResponse.PENDING
    if action is ConsentAction.WITHDRAW and by_family:
        # A parent who has not answered says no (refuse); one who said yes may take it back,
        # also while the other parent has not answered yet.
        return party.response == PartyResponse.GIVEN
    return True


def consent_refusal(
    consent: Consent,
    action: ConsentAction,
    *,
    by_family: bool,
    party: ConsentParty | None = None,
    today: datetime.date | None = None,
) -> ValidationError | None:
    """Why `action` cannot be taken on the consent now (None: it can).

    `by_family`: the party answers for itself (a family member in the portal, or child
    welfare's staff for the care it holds, see care_party_for); otherwise staff register what
    a family member said. `party` is the one who answers (the one logged in, or the party staff
    chose); for staff without a party, whether the action can be taken for any party. One
    answering for themselves without a party of their own can do nothing."""
    states, message, code = _STATES[action]
    if consent.effective_state(today) not in states:
        return ValidationError(message, code=code)
    if action is ConsentAction.RENEW:
        return None
    if party is None and by_family:
        return ValidationError(MSG_NOT_A_PARTY, code="not_party")
    parties = [party] if party is not None else list(consent.parties.all())
    if any(_party_may(action, p, by_family=by_family) for p in parties):
        return None
    if not by_family and parties and all(p.care_unit_id is not None for p in parties):
        return ValidationError(MSG_CARE_ANSWERS_ITSELF, code="care_answers")
    if action is ConsentAction.WITHDRAW:
        return ValidationError(message, code=code)
    return ValidationError(MSG_ALREADY_ANSWERED, code="answered")


def consent_actions(
    consent: Consent,
    *,
    by_family: bool,
    party: ConsentParty | None = None,
    today: datetime.date | None = None,
) -> frozenset[ConsentAction]:
    """What the family (by_family, as `party`) or the staff who coordinate may do now."""
    today = today or timezone.localdate()
    return frozenset(
        action
        for action in (FAMILY_ACTIONS if by_family else STAFF_ACTIONS)
        if consent_refusal(consent, action, by_family=by_family, party=party, today=today) is None
    )


def ensure_consent_action(
    consent: Consent,
    action: ConsentAction,
    *,
    by_family: bool,
    party: ConsentParty | None = None,
    today: datetime.date | None = None,
) -> None:
    """For the services: raise the refusal, with its message and code."""
    refusal = consent_refusal(consent, action, by_family=by_family, party=party, today=today)
    if refusal is not None:
        raise refusal


def parties_for(
    consent: Consent, action: ConsentAction, *, today: datetime.date | None = None
) -> list[ConsentParty]:
    """The parties for whom staff can register `action` (the choices of the staff form)."""
    return [
        p
        for p in consent.parties.all()
        if consent_refusal(consent, action, by_family=False, party=p, today=today) is None
    ]


def member_answers(consent: Consent, view: FamilyView) -> bool:
    """Whether a family member answers for their party to the consent themselves: for their
    own help always; for the case's consents while their role lets them (laget.family.access)
    — under a care order a birth parent who was a party to an earlier consent no longer does,
    child welfare answers in the parents' place."""
    return consent.for_guardian_id is not None or view.rights.consents


def care_party_for(
    consent: Consent, access: CaseAccess, unit_ids: Collection[int]
) -> ConsentParty | None:
    """The party a staff member answers for under a care order: the consent's child welfare
    party, when they belong to that unit (`unit_ids`, their effective memberships) and take
    part in the case (their access holds). None for everyone else."""
    if access.participant is None or access.case.pk != consent.case_id:
        return None
    return next(
        (p for p in consent.parties.all() if p.care_unit_id and p.care_unit_id in unit_ids),
        None,
    )


def care_actions(
    consent: Consent, party: ConsentParty | None, *, today: datetime.date | None = None
) -> frozenset[ConsentAction]:
    """What child welfare's staff may answer for the care party now (none without one)."""
    if party is None:
        return frozenset()
    return consent_actions(consent, by_family=True, party=party, today=today)


# A participant may join the case on a consent that is asked for or given: the unit reads once
# every party has given it, and stops when it is withdrawn, refused or expired.
JOINABLE_STATES = (ConsentState.REQUESTED, ConsentState.GIVEN)


def joinable(consent: Consent, today: datetime.date | None = None) -> bool:
    """Whether a participant may still be added on this consent (its effective state)."""
    return consent.effective_state(today) in JOINABLE_STATES
