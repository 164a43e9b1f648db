"""Participants and the baton: exactly one active stafettholder from level 1 on, handovers as
events, and nobody joins without a legal basis."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import LegalBasis, ParticipantRole
from laget.cases.messages import (
    MSG_ALREADY_HOLDER,
    MSG_ALREADY_PARTICIPANT,
    MSG_HOLDER_CANNOT_LEAVE,
    MSG_NOT_A_PERSON,
    MSG_NOT_MEMBER_OF_UNIT,
    MSG_SECOND_STAFETTHOLDER,
    MSG_STAFETTHOLDER_MUST_BE_PERSON,
    MSG_STATUTE_REQUIRED,
    MSG_UNKNOWN_PARTICIPANT,
    MSG_UNKNOWN_UNIT,
)
from laget.cases.models import BatonHandover, Participant
from laget.cases.services.participants import baton_hand_over, participant_add, participant_leave
from laget.consent.messages import (
    MSG_CONSENT_CLOSED,
    MSG_CONSENT_NOT_FOR_UNIT,
    MSG_CONSENT_NOT_IN_CASE,
    MSG_CONSENT_REQUIRED,
)
from laget.consent.services import consent_give, consent_request, consent_withdraw
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality, Unit, UnitKind
from laget.testing.consents import given_consent
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def holder_access(world: World) -> CaseAccess:
    return case_for(world.users["stafettholder"], world.case.pk, need=Need.COORDINATE, audit=False)


def holder_row(world: World) -> Participant:
    return world.case.participants.get(user=world.users["stafettholder"], left_at__isnull=True)


def active_holders(world: World) -> list[Participant]:
    return list(world.case.participants.filter(role=ParticipantRole.STAFETTHOLDER, left_at=None))


def add(world: World, **kwargs: object) -> Participant:
    """Add on the world's consent, which names the health clinic and PPT."""
    values: dict[str, object] = {
        "legal_basis": LegalBasis.CONSENT,
        "consent_id": world.consent.pk,
    }
    values.update(kwargs)
    return participant_add(
        actor=actor_for(world.users["stafettholder"]),
        access=holder_access(world),
        **values,  # type: ignore[arg-type]
    )


def test_second_active_stafettholder_is_refused_by_the_service(world: World) -> None:
    before = world.case.participants.count()
    with pytest.raises(ValidationError) as excinfo:
        add(
            world,
            unit_id=world.units["kindergarten"].pk,
            user_id=world.users["same_unit"].pk,
            role=ParticipantRole.STAFETTHOLDER,
        )
    assert excinfo.value.message_dict == {"role": [str(MSG_SECOND_STAFETTHOLDER)]}
    assert world.case.participants.count() == before
    assert active_holders(world) == [holder_row(world)]


def test_second_active_stafettholder_is_refused_by_the_database(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(
            case=world.case,
            unit=world.units["kindergarten"],
            user=world.users["same_unit"],
            role=ParticipantRole.STAFETTHOLDER,
            legal_basis=LegalBasis.STATUTE,
            basis_ref="Egen tjeneste",
            added_by=world.users["stafettholder"],
        )


def test_whole_unit_cannot_hold_the_baton(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        add(world, unit_id=world.units["ppt"].pk, role=ParticipantRole.STAFETTHOLDER)
    assert excinfo.value.message_dict == {"role": [str(MSG_STAFETTHOLDER_MUST_BE_PERSON)]}


def test_handover_records_from_to_date_and_note_and_leaves_one_holder(world: World) -> None:
    before = holder_row(world)
    handover = baton_hand_over(
        actor=actor_for(world.users["stafettholder"]),
        access=holder_access(world),
        to_participant_id=world.participant.pk,
        note="Helsestasjonen følger opp søvnen videre.",
    )
    handover = BatonHandover.objects.get(pk=handover.pk)
    assert handover.from_participant == before
    assert handover.to_participant_id == world.participant.pk
    assert handover.note == "Helsestasjonen følger opp søvnen videre."
    assert handover.by == world.users["stafettholder"]
    assert timezone.localdate(handover.at) == timezone.localdate()
    assert [p.pk for p in active_holders(world)] == [world.participant.pk]
    # The former holder is still in the case, as an ordinary participant.
    assert Participant.objects.get(pk=before.pk).role == ParticipantRole.PARTICIPANT
    new_holder = case_for(world.users["participant"], world.case.pk, audit=False)
    assert new_holder.is_stafettholder and new_holder.may_coordinate
    assert not case_for(world.users["stafettholder"], world.case.pk, audit=False).may_coordinate


def test_handover_to_a_whole_unit_is_refused(world: World) -> None:
    unit_row = add(world, unit_id=world.units["ppt"].pk)
    with pytest.raises(ValidationError) as excinfo:
        baton_hand_over(
            actor=actor_for(world.users["stafettholder"]),
            access=holder_access(world),
            to_participant_id=unit_row.pk,
        )
    assert excinfo.value.message_dict == {"to_participant": [str(MSG_NOT_A_PERSON)]}
    assert active_holders(world) == [holder_row(world)]


def test_handover_to_the_current_holder_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        baton_hand_over(
            actor=actor_for(world.users["stafettholder"]),
            access=holder_access(world),
            to_participant_id=holder_row(world).pk,
        )
    assert excinfo.value.message_dict == {"to_participant": [str(MSG_ALREADY_HOLDER)]}
    assert not BatonHandover.objects.filter(case=world.case).exists()


def test_handover_to_someone_who_left_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        baton_hand_over(
            actor=actor_for(world.users["stafettholder"]),
            access=holder_access(world),
            to_participant_id=world.former.pk,
        )
    assert excinfo.value.message_dict == {"to_participant": [str(MSG_UNKNOWN_PARTICIPANT)]}


def test_stafettholder_cannot_leave_at_level_1_or_above(world: World) -> None:
    assert world.case.level >= 1
    with pytest.raises(ValidationError) as excinfo:
        participant_leave(
            actor=actor_for(world.users["stafettholder"]),
            access=holder_access(world),
            participant_id=holder_row(world).pk,
        )
    assert excinfo.value.message_dict == {"participant": [str(MSG_HOLDER_CANNOT_LEAVE)]}
    assert holder_row(world).is_active


def test_participant_who_leaves_loses_access(world: World) -> None:
    left = participant_leave(
        actor=actor_for(world.users["stafettholder"]),
        access=holder_access(world),
        participant_id=world.participant.pk,
    )
    assert left.left_at is not None
    with pytest.raises(Http404):
        case_for(world.users["participant"], world.case.pk, audit=False)


def test_statutory_participant_needs_the_statute(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        add(world, unit_id=world.units["school"].pk, legal_basis=LegalBasis.STATUTE, statute="  ")
    assert excinfo.value.message_dict == {"statute": [str(MSG_STATUTE_REQUIRED)]}
    assert not world.case.participants.filter(unit=world.units["school"]).exists()


def test_statutory_participant_reads_without_a_consent(world: World) -> None:
    row = add(
        world,
        unit_id=world.units["child_welfare"].pk,
        legal_basis=LegalBasis.STATUTE,
        statute=" samarbeid-barnevern ",
        consent_id=None,
    )
    assert row.consent is None and row.statute_key == "samarbeid-barnevern"
    assert row.basis_ref == "Barnevernsloven § 15-8"


def test_consent_participant_joins_on_the_consent_and_carries_its_reference(world: World) -> None:
    row = add(world, unit_id=world.units["ppt"].pk, statute="samarbeid-opplaering")
    assert row.statute_key == ""
    assert row.consent == world.consent
    assert row.basis_ref == world.consent.reference


def consent_error(world: World, **kwargs: object) -> list[str]:
    before = world.case.participants.count()
    with pytest.raises(ValidationError) as excinfo:
        add(world, **kwargs)
    assert world.case.participants.count() == before
    return excinfo.value.message_dict["consent"]


def test_free_text_consent_reference_is_no_consent(world: World) -> None:
    errors = consent_error(
        world, unit_id=world.units["ppt"].pk, consent_id=None, statute="Samtykke 2026-02"
    )
    assert errors == [str(MSG_CONSENT_REQUIRED)]


def test_unknown_consent_is_refused(world: World) -> None:
    assert consent_error(world, unit_id=world.units["ppt"].pk, consent_id=10**9) == [
        str(MSG_CONSENT_NOT_IN_CASE)
    ]


def test_consent_that_does_not_name_the_unit_is_refused(world: World) -> None:
    assert consent_error(world, unit_id=world.units["school"].pk) == [str(MSG_CONSENT_NOT_FOR_UNIT)]


def test_withdrawn_consent_is_refused(world: World) -> None:
    holder = world.users["stafettholder"]
    consent = given_consent(world.case, [world.units["school"]], by=holder)
    party = consent.parties.first()
    assert party is not None
    consent_withdraw(actor=actor_for(holder), consent=consent, guardian=party.guardian)
    errors = consent_error(world, unit_id=world.units["school"].pk, consent_id=consent.pk)
    assert errors == [str(MSG_CONSENT_CLOSED)]


def test_consent_not_yet_given_lets_them_join_but_read_only_once_given(world: World) -> None:
    holder = world.users["stafettholder"]
    actor = actor_for(holder)
    consent = consent_request(
        actor=actor,
        access=holder_access(world),
        unit_ids=[world.units["school"].pk],
        purpose="Samarbeid med skolen",
    )
    add(
        world,
        unit_id=world.units["school"].pk,
        user_id=world.users["other_unit"].pk,
        consent_id=consent.pk,
    )
    with pytest.raises(Http404):
        case_for(world.users["other_unit"], world.case.pk, audit=False)
    for party in consent.parties.all():
        consent_give(actor=actor, consent=consent, guardian=party.guardian)
    assert case_for(world.users["other_unit"], world.case.pk, audit=False).may_write


def test_person_must_belong_to_the_unit_they_take_part_for(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        add(world, unit_id=world.units["school"].pk, user_id=world.users["same_unit"].pk)
    assert excinfo.value.message_dict == {"user": [str(MSG_NOT_MEMBER_OF_UNIT)]}


def test_same_person_cannot_take_part_twice(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        add(world, unit_id=world.units["health_clinic"].pk, user_id=world.users["participant"].pk)
    assert excinfo.value.messages == [str(MSG_ALREADY_PARTICIPANT)]


def test_former_participant_may_be_brought_back(world: World) -> None:
    back = add(world, unit_id=world.units["ppt"].pk, user_id=world.users["former_participant"].pk)
    assert back.pk != world.former.pk
    assert case_for(world.users["former_participant"], world.case.pk, audit=False).may_write


def test_unknown_unit_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        add(world, unit_id=10**9)
    assert excinfo.value.message_dict == {"unit": [str(MSG_UNKNOWN_UNIT)]}


def test_unit_of_another_municipality_is_refused_as_unknown(world: World) -> None:
    elsewhere = Municipality.objects.create(name="Sørholmen", number="9891")
    foreign = Unit.objects.create(municipality=elsewhere, name="Sørholmen PPT", kind=UnitKind.PPT)
    with pytest.raises(ValidationError) as excinfo:
        add(world, unit_id=foreign.pk)
    assert excinfo.value.message_dict == {"unit": [str(MSG_UNKNOWN_UNIT)]}
