"""Measures and entries: dates that make sense, evaluations that record who and when, and two
people saving the same thing at once — the second is told and shown the first one's change."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from laget.audit.models import AuditEvent
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import Arena, MeasureStatus, Outcome
from laget.cases.messages import MSG_CHOOSE_OUTCOME, MSG_UNKNOWN_PARTICIPANT
from laget.cases.models import (
    MSG_EVALUATION_BEFORE_START,
    MSG_OUTCOME_NEEDS_TEXT,
    Entry,
    Measure,
)
from laget.cases.services.entries import entry_update
from laget.cases.services.lifecycle import case_open
from laget.cases.services.measures import measure_create, measure_evaluate, measure_update
from laget.lib.concurrency import ConflictError
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def access_as(world: World, role: str = "stafettholder") -> CaseAccess:
    return case_for(world.users[role], world.case.pk, need=Need.WRITE, audit=False)


def load_measure(world: World) -> Measure:
    """A fresh copy, as each person's request would load it; world.measure stays untouched."""
    return Measure.objects.get(pk=world.measure.pk)


def load_entry(world: World) -> Entry:
    return Entry.objects.get(pk=world.entry.pk)


def create(world: World, **kwargs: object) -> Measure:
    holder = world.case.participants.get(user=world.users["stafettholder"])
    values: dict[str, object] = {
        "title": "Lesestund hjemme",
        "goal": "Mer ro om kvelden",
        "arena": Arena.HOME,
        "responsible_id": holder.pk,
        "start_date": TODAY,
        "evaluation_date": TODAY + datetime.timedelta(days=30),
    }
    values.update(kwargs)
    return measure_create(
        actor=actor_for(world.users["stafettholder"]),
        access=access_as(world),
        **values,  # type: ignore[arg-type]
    )


# --- dates -----------------------------------------------------------------------------------


def test_measure_is_created_with_its_responsible_participant_and_dates(world: World) -> None:
    measure = create(world, responsible_id=world.participant.pk)
    assert measure.responsible == world.participant
    assert measure.status == MeasureStatus.PLANNED and measure.version == 1
    assert AuditEvent.objects.filter(object_type="measure", object_id=measure.pk).count() == 1


def test_evaluation_date_before_start_is_refused_by_the_service(world: World) -> None:
    before = Measure.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        create(world, evaluation_date=TODAY - datetime.timedelta(days=1))
    assert excinfo.value.message_dict == {"evaluation_date": [str(MSG_EVALUATION_BEFORE_START)]}
    assert Measure.objects.count() == before


def test_evaluation_date_before_start_is_refused_by_the_database(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(
            case=world.case,
            title="Feil datoer",
            goal="Ingen",
            arena=Arena.OTHER,
            responsible=world.participant,
            start_date=TODAY,
            evaluation_date=TODAY - datetime.timedelta(days=1),
            created_by=world.users["stafettholder"],
        )


def test_evaluation_date_on_the_start_date_is_allowed(world: World) -> None:
    assert create(world, evaluation_date=TODAY).evaluation_date == TODAY


def test_moving_the_evaluation_before_start_in_an_update_is_refused(world: World) -> None:
    measure = load_measure(world)
    with pytest.raises(ValidationError) as excinfo:
        measure_update(
            actor=actor_for(world.users["stafettholder"]),
            access=access_as(world),
            measure=measure,
            expected_version=measure.version,
            evaluation_date=measure.start_date - datetime.timedelta(days=1),
        )
    assert excinfo.value.message_dict == {"evaluation_date": [str(MSG_EVALUATION_BEFORE_START)]}
    row = load_measure(world)
    assert (row.evaluation_date, row.version) == (world.measure.evaluation_date, 1)


def test_responsible_must_be_an_active_participant_of_the_case(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        create(world, responsible_id=world.former.pk)
    assert excinfo.value.message_dict == {"responsible": [str(MSG_UNKNOWN_PARTICIPANT)]}


# --- evaluation ------------------------------------------------------------------------------


def test_evaluation_records_outcome_text_person_and_time(world: World) -> None:
    measure = load_measure(world)
    measure_evaluate(
        actor=actor_for(world.users["participant"]),
        access=access_as(world, "participant"),
        measure=measure,
        expected_version=1,
        outcome=Outcome.PARTLY,
        text="Bedre morgener, men fortsatt uro på fredager.",
    )
    row = load_measure(world)
    evaluation = row.evaluations.get()
    assert evaluation.outcome == Outcome.PARTLY
    assert evaluation.text == "Bedre morgener, men fortsatt uro på fredager."
    assert evaluation.author == world.users["participant"]
    assert evaluation.author_unit == world.participant.unit
    assert evaluation.evaluated_on == TODAY
    assert evaluation.due_on == world.measure.evaluation_date
    assert row.status == MeasureStatus.COMPLETED
    assert row.version == 2
    assert not row.is_in_follow_up and not row.is_overdue()


def test_evaluation_needs_an_outcome(world: World) -> None:
    measure = load_measure(world)
    with pytest.raises(ValidationError) as excinfo:
        measure_evaluate(
            actor=actor_for(world.users["stafettholder"]),
            access=access_as(world),
            measure=measure,
            expected_version=1,
            outcome="maybe",
            text="Vet ikke",
        )
    assert excinfo.value.message_dict == {"outcome": [str(MSG_CHOOSE_OUTCOME)]}
    assert not load_measure(world).evaluations.exists()


def test_evaluation_needs_a_text(world: World) -> None:
    measure = load_measure(world)
    with pytest.raises(ValidationError) as excinfo:
        measure_evaluate(
            actor=actor_for(world.users["stafettholder"]),
            access=access_as(world),
            measure=measure,
            expected_version=1,
            outcome=Outcome.WORKED,
            text="  ",
        )
    assert excinfo.value.message_dict == {"text": [str(MSG_OUTCOME_NEEDS_TEXT)]}


def test_measure_past_its_evaluation_date_without_outcome_is_overdue(world: World) -> None:
    measure = load_measure(world)
    assert not measure.is_overdue()
    assert measure.is_overdue(today=measure.evaluation_date + datetime.timedelta(days=1))


# --- two people saving at once ---------------------------------------------------------------


def test_second_save_of_the_same_measure_gets_conflict_showing_the_first_change(
    world: World,
) -> None:
    kari_copy, per_copy = load_measure(world), load_measure(world)
    assert kari_copy.version == per_copy.version == 1
    measure_update(
        actor=actor_for(world.users["stafettholder"]),
        access=access_as(world),
        measure=kari_copy,
        expected_version=1,
        goal="Tryggere morgener, også mandager",
    )
    audit_before = AuditEvent.objects.count()
    with pytest.raises(ConflictError) as excinfo:
        measure_update(
            actor=actor_for(world.users["participant"]),
            access=access_as(world, "participant"),
            measure=per_copy,
            expected_version=1,
            goal="Roligere levering",
        )
    current = excinfo.value.current
    assert isinstance(current, Measure)
    assert current.goal == "Tryggere morgener, også mandager" and current.version == 2
    row = load_measure(world)
    assert row.goal == "Tryggere morgener, også mandager" and row.version == 2
    assert AuditEvent.objects.count() == audit_before


def test_stale_version_from_a_form_gets_conflict_even_on_a_fresh_load(world: World) -> None:
    measure_update(
        actor=actor_for(world.users["stafettholder"]),
        access=access_as(world),
        measure=load_measure(world),
        expected_version=1,
        title="Fast voksen ved levering og henting",
    )
    with pytest.raises(ConflictError) as excinfo:
        measure_evaluate(
            actor=actor_for(world.users["participant"]),
            access=access_as(world, "participant"),
            measure=load_measure(world),
            expected_version=1,
            outcome=Outcome.WORKED,
            text="Virket godt",
        )
    assert excinfo.value.current.title == "Fast voksen ved levering og henting"  # type: ignore[attr-defined]
    assert not load_measure(world).evaluations.exists()


def test_second_save_of_the_same_entry_gets_conflict_showing_the_first_change(
    world: World,
) -> None:
    first_tab, second_tab = load_entry(world), load_entry(world)
    entry_update(
        actor=actor_for(world.users["stafettholder"]),
        access=access_as(world),
        entry=first_tab,
        expected_version=1,
        text="Lo høyt i sandkassa og delte spade.",
    )
    with pytest.raises(ConflictError) as excinfo:
        entry_update(
            actor=actor_for(world.users["stafettholder"]),
            access=access_as(world),
            entry=second_tab,
            expected_version=1,
            text="Lo høyt.",
        )
    current = excinfo.value.current
    assert isinstance(current, Entry)
    assert current.text == "Lo høyt i sandkassa og delte spade." and current.version == 2
    assert load_entry(world).text == "Lo høyt i sandkassa og delte spade."


def test_only_the_author_edits_an_entry(world: World) -> None:
    with pytest.raises(PermissionDenied):
        entry_update(
            actor=actor_for(world.users["participant"]),
            access=access_as(world, "participant"),
            entry=load_entry(world),
            expected_version=1,
            text="Endret av en annen",
        )
    row = load_entry(world)
    assert row.text == world.entry.text and row.version == 1


# --- objects from another case ---------------------------------------------------------------


def test_measure_of_another_case_cannot_be_changed_through_this_case(world: World) -> None:
    other_holder = world.users["outsider_holder"]
    other = case_for(other_holder, world.other_case.pk, need=Need.WRITE, audit=False)
    with pytest.raises(Http404):
        measure_update(
            actor=actor_for(other_holder),
            access=other,
            measure=load_measure(world),
            expected_version=1,
            goal="Endret fra feil sak",
        )
    assert load_measure(world).goal == world.measure.goal


def test_entry_of_another_case_cannot_be_changed_through_this_case(world: World) -> None:
    # The author herself, acting through a case the entry does not belong to.
    holder = world.users["stafettholder"]
    own = case_open(
        actor=actor_for(holder), user=holder, unit_id=world.units["kindergarten"].pk, label="Y"
    )
    access = case_for(holder, own.pk, need=Need.WRITE, audit=False)
    with pytest.raises(Http404):
        entry_update(
            actor=actor_for(holder),
            access=access,
            entry=load_entry(world),
            expected_version=1,
            text="Flyttet",
        )
    assert load_entry(world).text == world.entry.text
