"""The legal basis in the participant and transition forms: a consent basis is chosen among the
case's consents (reference, state, units); a statutory basis is chosen from the municipality's
list, grouped by the kinds of service each serves, and must fit the unit. Bad input lands on the
right field and nothing is written."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.cases.access import Need, case_for
from laget.cases.choices import LegalBasis, ParticipantRole
from laget.cases.forms.legal_basis import NO_CONSENT_HELP
from laget.cases.messages import (
    MSG_STATUTE_NOT_FOR_KIND,
    MSG_STATUTE_REQUIRED,
    MSG_UNKNOWN_STATUTE,
)
from laget.cases.models import Case, Meeting, Participant, Transition
from laget.consent.messages import MSG_CONSENT_NOT_FOR_UNIT, MSG_CONSENT_REQUIRED
from laget.consent.models import Consent
from laget.consent.services import consent_refuse, consent_request
from laget.orgs.actors import actor_for
from laget.testing.consents import given_consent
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def url(name: str, case: Case) -> str:
    return reverse(f"cases:{name}", kwargs={"case_id": case.pk})


def errors(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 200
    return {k: [str(m) for m in v] for k, v in response.context["form"].errors.items()}


def school_body(world: World, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "unit": world.units["school"].pk,
        "user": world.users["other_unit"].pk,
        "role": ParticipantRole.PARTICIPANT,
        "legal_basis": LegalBasis.CONSENT,
    }
    body.update(changes)
    return body


def refused_consent(world: World) -> Consent:
    holder = world.users["stafettholder"]
    consent = consent_request(
        actor=actor_for(holder),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        unit_ids=[world.units["school"].pk],
        purpose="Samarbeid med skolen",
    )
    party = consent.parties.first()
    assert party is not None
    return consent_refuse(actor=actor_for(holder), consent=consent, guardian=party.guardian)


def test_the_form_offers_the_consents_that_can_still_be_used_with_state_and_units(
    world: World, client_for: Any
) -> None:
    refused = refused_consent(world)
    form = client_for("stafettholder").get(url("participant_add", world.case)).context["form"]
    choices = dict(form.fields["consent"].choices)
    label = str(choices[world.consent.pk])
    assert world.consent.reference in label and "Gitt" in label
    assert "Fjordvik helsestasjon" in label and "PPT Fjordvik" in label
    assert refused.pk not in choices


def test_the_consent_field_says_when_it_is_needed_instead_of_optional(
    world: World, client_for: Any
) -> None:
    html = client_for("stafettholder").get(url("participant_add", world.case)).content.decode()
    assert "(påkrevd når rettsgrunnlaget er samtykke)" in html
    assert "(påkrevd når rettsgrunnlaget er lovhjemmel)" in html
    assert 'name="consent"' in html and 'name="statute"' in html


def test_a_case_without_consents_says_to_ask_the_family_first(
    world: World, client_for: Any
) -> None:
    # Vera's case at the school has no consents.
    form = client_for("outsider_holder").get(url("participant_add", world.other_case))
    assert form.context["form"].fields["consent"].help_text == NO_CONSENT_HELP


def test_consent_basis_without_a_consent_is_a_field_error(world: World, client_for: Any) -> None:
    before = Participant.objects.count()
    # There is no free-text field for a consent reference: the consent must be chosen.
    response = client_for("stafettholder").post(
        url("participant_add", world.case), school_body(world)
    )
    assert errors(response) == {"consent": [str(MSG_CONSENT_REQUIRED)]}
    assert Participant.objects.count() == before


def test_consent_that_does_not_name_the_unit_is_a_field_error(
    world: World, client_for: Any
) -> None:
    before = Participant.objects.count()
    response = client_for("stafettholder").post(
        url("participant_add", world.case), school_body(world, consent=world.consent.pk)
    )
    assert errors(response) == {"consent": [str(MSG_CONSENT_NOT_FOR_UNIT)]}
    assert Participant.objects.count() == before


def test_statutory_basis_without_the_statute_is_a_field_error(
    world: World, client_for: Any
) -> None:
    before = Participant.objects.count()
    response = client_for("stafettholder").post(
        url("participant_add", world.case),
        school_body(world, legal_basis=LegalBasis.STATUTE, consent=world.consent.pk),
    )
    assert errors(response) == {"statute": [str(MSG_STATUTE_REQUIRED)]}
    assert Participant.objects.count() == before


def test_statutory_participant_is_added_with_the_statute(world: World, client_for: Any) -> None:
    response = client_for("stafettholder").post(
        url("participant_add", world.case),
        {
            "unit": world.units["child_welfare"].pk,
            "user": "",
            "role": ParticipantRole.PARTICIPANT,
            "legal_basis": LegalBasis.STATUTE,
            "statute": "opplysningsplikt-barnevern",
        },
    )
    assert response.status_code == 302
    row = world.case.participants.get(unit=world.units["child_welfare"])
    assert (row.consent, row.statute_key) == (None, "opplysningsplikt-barnevern")
    assert row.basis_ref == "Barnevernsloven § 13-2"


def test_the_form_offers_the_statutes_grouped_by_the_kinds_they_serve(
    world: World, client_for: Any
) -> None:
    form = client_for("stafettholder").get(url("participant_add", world.case)).context["form"]
    groups = {str(label): dict(options) for label, options in form.fields["statute"].choices[1:]}
    assert "Barnehageloven § 2 a" in groups["Barnehage"]["samarbeid-barnehage"]
    assert set(groups["Skole, SFO, PPT"]) == {"samarbeid-opplaering"}
    assert "egen-tjeneste" in groups["Alle tjenester"]


@pytest.mark.parametrize(
    ("statute", "message"),
    [
        # The kindergarten's duty to cooperate does not let the school in.
        ("samarbeid-barnehage", MSG_STATUTE_NOT_FOR_KIND),
        ("x", MSG_UNKNOWN_STATUTE),
    ],
)
def test_a_statute_not_on_the_list_or_not_for_the_units_kind_is_a_field_error(
    world: World, client_for: Any, statute: str, message: str
) -> None:
    before = Participant.objects.count()
    response = client_for("stafettholder").post(
        url("participant_add", world.case),
        school_body(world, legal_basis=LegalBasis.STATUTE, statute=statute),
    )
    assert errors(response) == {"statute": [str(message)]}
    assert Participant.objects.count() == before


def test_transition_on_a_statute_for_another_kind_is_a_field_error(
    world: World, client_for: Any
) -> None:
    before = (Transition.objects.count(), Meeting.objects.count(), Participant.objects.count())
    response = client_for("stafettholder").post(
        url("transition_create", world.case),
        transition_body(world, legal_basis=LegalBasis.STATUTE, statute="samarbeid-helse-omsorg"),
    )
    assert errors(response) == {"statute": [str(MSG_STATUTE_NOT_FOR_KIND)]}
    after = (Transition.objects.count(), Meeting.objects.count(), Participant.objects.count())
    assert after == before


def test_transition_on_the_new_units_statute_adds_it(world: World, client_for: Any) -> None:
    response = client_for("stafettholder").post(
        url("transition_create", world.case),
        transition_body(world, legal_basis=LegalBasis.STATUTE, statute="samarbeid-opplaering"),
    )
    assert response.status_code == 302
    row = world.case.participants.get(unit=world.units["school"], left_at=None)
    assert row.statute_key == "samarbeid-opplaering"


def transition_body(world: World, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "to_unit": world.units["school"].pk,
        "date": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        "meeting_at": (timezone.localtime() + datetime.timedelta(days=30)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "place": "Bakketun skole",
        "legal_basis": LegalBasis.CONSENT,
    }
    body.update(changes)
    return body


def test_transition_on_a_consent_that_does_not_name_the_new_unit_is_a_field_error(
    world: World, client_for: Any
) -> None:
    before = (Transition.objects.count(), Meeting.objects.count(), Participant.objects.count())
    response = client_for("stafettholder").post(
        url("transition_create", world.case), transition_body(world, consent=world.consent.pk)
    )
    assert errors(response) == {"consent": [str(MSG_CONSENT_NOT_FOR_UNIT)]}
    after = (Transition.objects.count(), Meeting.objects.count(), Participant.objects.count())
    assert after == before


def test_transition_without_a_consent_is_a_field_error(world: World, client_for: Any) -> None:
    response = client_for("stafettholder").post(
        url("transition_create", world.case), transition_body(world)
    )
    assert errors(response) == {"consent": [str(MSG_CONSENT_REQUIRED)]}


def test_transition_on_the_consent_for_the_new_unit_brings_it_in(
    world: World, client_for: Any
) -> None:
    consent = given_consent(world.case, [world.units["school"]], by=world.users["stafettholder"])
    client = client_for("stafettholder")
    form = client.get(url("transition_create", world.case)).context["form"]
    assert consent.pk in dict(form.fields["consent"].choices)
    response = client.post(
        url("transition_create", world.case), transition_body(world, consent=consent.pk)
    )
    assert response.status_code == 302
    assert world.case.participants.get(unit=world.units["school"]).consent == consent
