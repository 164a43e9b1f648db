"""Evaluations of a measure (issue 15, item 2): each is its own record and every reader shows
them all, newest first; an evaluation that continues the measure sets its next evaluation date,
so it stays in follow-up and is flagged when that date passes; no evaluation before the start,
no meeting marked held before it starts; recurring measures and the SFO and PPT arenas."""

import datetime
import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import (
    ARENA_OF_UNIT_KIND,
    Arena,
    MeasureStatus,
    MeetingStatus,
    Outcome,
    Recurrence,
)
from laget.cases.messages import MSG_EVALUATED_IN_FUTURE, MSG_MEETING_HELD_BEFORE_START
from laget.cases.models import (
    MSG_EVALUATED_BEFORE_START,
    MSG_NEXT_EVALUATION_NOT_AFTER,
    MSG_NEXT_EVALUATION_REQUIRED,
    Measure,
    MeasureEvaluation,
    Meeting,
)
from laget.cases.selectors import my_cases
from laget.cases.services.measures import measure_evaluate
from laget.cases.services.meetings import meeting_update
from laget.orgs.actors import actor_for
from laget.testing.world import (
    FIRST_EVALUATION,
    SECOND_EVALUATION,
    World,
    evaluate_twice,
    upcoming_meeting,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
migration = importlib.import_module("laget.cases.migrations.0014_measure_evaluations")


def holder_access(world: World) -> CaseAccess:
    return case_for(world.users["stafettholder"], world.case.pk, need=Need.WRITE, audit=False)


def fresh(world: World) -> Measure:
    return Measure.objects.get(pk=world.measure.pk)


def evaluate(world: World, **kwargs: Any) -> MeasureEvaluation:
    measure = fresh(world)
    values: dict[str, Any] = {"outcome": Outcome.PARTLY, "text": "Litt bedre."}
    return measure_evaluate(
        actor=actor_for(world.users["stafettholder"]),
        access=holder_access(world),
        measure=measure,
        expected_version=measure.version,
        **{**values, **kwargs},
    )


def field_errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# --- the service ----------------------------------------------------------------------------


def test_a_second_evaluation_keeps_the_first_and_both_are_read_newest_first(
    world: World,
) -> None:
    first, second = evaluate_twice(world)
    rows = list(fresh(world).evaluations.all())
    assert rows == [second, first]
    assert [e.text for e in rows] == [SECOND_EVALUATION, FIRST_EVALUATION]
    assert [e.outcome for e in rows] == [Outcome.WORKED, Outcome.PARTLY]
    assert all(e.author == world.users["stafettholder"] for e in rows)
    assert all(e.author_unit == world.units["kindergarten"] for e in rows)


def test_continuing_needs_the_next_evaluation_date(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        evaluate(world, status=MeasureStatus.ACTIVE)
    assert field_errors(exc) == {"next_evaluation_on": [str(MSG_NEXT_EVALUATION_REQUIRED)]}
    assert not fresh(world).evaluations.exists()


@pytest.mark.parametrize("days", [0, -1])
def test_the_next_evaluation_must_come_after_this_one(world: World, days: int) -> None:
    with pytest.raises(ValidationError) as exc:
        evaluate(
            world,
            status=MeasureStatus.ACTIVE,
            next_evaluation_on=TODAY + datetime.timedelta(days=days),
        )
    assert field_errors(exc) == {"next_evaluation_on": [str(MSG_NEXT_EVALUATION_NOT_AFTER)]}


def test_continuing_moves_the_measure_s_evaluation_date_and_keeps_it_in_follow_up(
    world: World,
) -> None:
    due_before = fresh(world).evaluation_date
    next_on = TODAY + datetime.timedelta(days=10)
    evaluation = evaluate(world, status=MeasureStatus.ACTIVE, next_evaluation_on=next_on)
    measure = fresh(world)
    assert (measure.evaluation_date, measure.status) == (next_on, MeasureStatus.ACTIVE)
    assert (evaluation.due_on, evaluation.next_evaluation_on) == (due_before, next_on)
    assert measure.is_in_follow_up and not measure.is_overdue()
    # When the next date passes without an evaluation, it is overdue.
    assert measure.is_overdue(today=next_on + datetime.timedelta(days=1))


def test_completing_or_stopping_ends_the_follow_up_and_needs_no_next_date(world: World) -> None:
    evaluate(world, status=MeasureStatus.STOPPED)
    measure = fresh(world)
    assert not measure.is_in_follow_up
    assert not measure.is_overdue(today=measure.evaluation_date + datetime.timedelta(days=1))


def test_no_evaluation_before_the_measure_started(world: World) -> None:
    start = fresh(world).start_date
    with pytest.raises(ValidationError) as exc:
        evaluate(world, evaluated_on=start - datetime.timedelta(days=1))
    assert field_errors(exc) == {"evaluated_on": [str(MSG_EVALUATED_BEFORE_START)]}


def test_no_evaluation_dated_ahead(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        evaluate(world, evaluated_on=TODAY + datetime.timedelta(days=1))
    assert field_errors(exc) == {"evaluated_on": [str(MSG_EVALUATED_IN_FUTURE)]}


def test_the_database_refuses_a_next_date_not_after_the_evaluation(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        MeasureEvaluation.objects.create(
            measure=world.measure,
            evaluated_on=TODAY,
            due_on=TODAY,
            outcome=Outcome.WORKED,
            text="x",
            status=MeasureStatus.ACTIVE,
            next_evaluation_on=TODAY,
            author=world.users["stafettholder"],
        )


# --- overdue after the next date passes ------------------------------------------------------


def _continued_to_a_past_date(world: World) -> Measure:
    """world.measure evaluated 20 days ago (it started 30 days ago) and continued to 5 days
    ago: the next evaluation has passed."""
    Measure.objects.filter(pk=world.measure.pk).update(
        start_date=TODAY - datetime.timedelta(days=30)
    )
    evaluate(
        world,
        evaluated_on=TODAY - datetime.timedelta(days=20),
        status=MeasureStatus.ACTIVE,
        next_evaluation_on=TODAY - datetime.timedelta(days=5),
    )
    return fresh(world)


def test_a_continued_measure_whose_next_date_passed_is_flagged_on_the_case_page_and_my_cases(
    world: World, client_for: Callable[[str], Client]
) -> None:
    measure = _continued_to_a_past_date(world)
    assert measure.is_overdue()
    page = client_for("stafettholder").get(reverse("cases:case_detail", args=[world.case.pk]))
    assert [m.pk for m in page.context["page"].overdue_measures] == [measure.pk]
    assert "Evalueringsdatoen er passert" in page.content.decode()
    row: Any = my_cases(world.users["stafettholder"]).get(pk=world.case.pk)
    assert (row.overdue_measures, row.next_evaluation) == (1, measure.evaluation_date)


def test_an_evaluated_and_completed_measure_is_not_flagged(world: World) -> None:
    evaluate_twice(world)
    row: Any = my_cases(world.users["stafettholder"]).get(pk=world.case.pk)
    assert (row.overdue_measures, row.next_evaluation) == (None, None)


# --- meetings are marked held only once they have started ------------------------------------


def test_a_meeting_ahead_cannot_be_marked_held(world: World) -> None:
    meeting = upcoming_meeting(world)
    with pytest.raises(ValidationError) as exc:
        meeting_update(
            actor=actor_for(world.users["stafettholder"]),
            access=holder_access(world),
            meeting=meeting,
            expected_version=meeting.version,
            status=MeetingStatus.HELD,
            minutes="Vi møttes.",
        )
    assert field_errors(exc) == {"status": [str(MSG_MEETING_HELD_BEFORE_START)]}
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED


def test_a_held_meeting_cannot_be_moved_ahead(world: World) -> None:
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    actor, access = actor_for(world.users["stafettholder"]), holder_access(world)
    meeting = meeting_update(
        actor=actor,
        access=access,
        meeting=meeting,
        expected_version=meeting.version,
        status=MeetingStatus.HELD,
    )
    with pytest.raises(ValidationError) as exc:
        meeting_update(
            actor=actor,
            access=access,
            meeting=meeting,
            expected_version=meeting.version,
            starts_at=timezone.now() + datetime.timedelta(days=2),
        )
    assert field_errors(exc) == {"status": [str(MSG_MEETING_HELD_BEFORE_START)]}


def test_the_meeting_form_shows_the_rule_on_the_status_field(
    world: World, client_for: Callable[[str], Client]
) -> None:
    meeting = upcoming_meeting(world)
    starts = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M")
    response = client_for("stafettholder").post(
        reverse("cases:meeting_update", args=[world.case.pk, meeting.pk]),
        {
            "kind": meeting.kind,
            "starts_at": starts,
            "place": meeting.place,
            "status": MeetingStatus.HELD,
            "participants": [a.participant_id for a in meeting.attendees.all()],
            "version": meeting.version,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["status"] == [str(MSG_MEETING_HELD_BEFORE_START)]


# --- recurring measures, SFO and PPT ---------------------------------------------------------


def test_the_after_school_programme_and_ppt_are_arenas_their_units_suggest() -> None:
    assert {Arena.AFTER_SCHOOL, Arena.PPT} <= set(Arena.values)
    assert ARENA_OF_UNIT_KIND["after_school"] == Arena.AFTER_SCHOOL
    assert ARENA_OF_UNIT_KIND["ppt"] == Arena.PPT


def test_a_recurring_measure_is_made_in_the_form_and_shown_on_the_page(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("stafettholder")
    holder = world.case.participants.get(user=world.users["stafettholder"])
    response = client.post(
        reverse("cases:measure_create", args=[world.case.pk]),
        {
            "title": "SFO hver ettermiddag",
            "goal": "Leker med andre",
            "arena": Arena.AFTER_SCHOOL,
            "recurrence": Recurrence.SCHOOL_DAYS,
            "responsible": holder.pk,
            "start_date": TODAY.isoformat(),
            "evaluation_date": (TODAY + datetime.timedelta(days=30)).isoformat(),
            "status": MeasureStatus.ACTIVE,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    measure = world.case.measures.exclude(pk=world.measure.pk).get()
    assert (measure.arena, measure.recurrence) == (Arena.AFTER_SCHOOL, Recurrence.SCHOOL_DAYS)
    body = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    assert str(Recurrence.SCHOOL_DAYS.label) in body
    assert str(Arena.AFTER_SCHOOL.label) in body


# --- the evaluation form ---------------------------------------------------------------------


def evaluate_url(world: World) -> str:
    return reverse("cases:measure_evaluate", args=[world.case.pk, world.measure.pk])


def test_the_form_asks_for_the_next_date_when_the_measure_continues(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("stafettholder").post(
        evaluate_url(world),
        {
            "evaluated_on": TODAY.isoformat(),
            "outcome": Outcome.PARTLY,
            "text": "Bedre, men ikke nok.",
            "status": MeasureStatus.ACTIVE,
            "version": fresh(world).version,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors == {"next_evaluation_on": [str(MSG_NEXT_EVALUATION_REQUIRED)]}
    assert not fresh(world).evaluations.exists()


def test_two_evaluations_through_the_form_are_both_on_the_case_page_newest_first(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("stafettholder")
    for text, status, next_on in (
        (FIRST_EVALUATION, MeasureStatus.ACTIVE, TODAY + datetime.timedelta(days=14)),
        (SECOND_EVALUATION, MeasureStatus.COMPLETED, None),
    ):
        response = client.post(
            evaluate_url(world),
            {
                "evaluated_on": TODAY.isoformat(),
                "outcome": Outcome.PARTLY,
                "text": text,
                "status": status,
                "next_evaluation_on": next_on.isoformat() if next_on else "",
                "version": fresh(world).version,
            },
        )
        assert response.status_code == 302, response.context["form"].errors
    body = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    assert body.index(SECOND_EVALUATION) < body.index(FIRST_EVALUATION)
    form_page = client.get(evaluate_url(world)).content.decode()
    assert form_page.index(SECOND_EVALUATION) < form_page.index(FIRST_EVALUATION)


# Who reaches the evaluation form of world.measure: those who write in the case; a leader who
# reads it is refused; everyone else finds nothing.
EVALUATE_STATUS = {
    "anonymous": 302,
    "stafettholder": 200,
    "participant": 200,
    "former_participant": 404,
    "same_unit": 404,
    "other_unit": 404,
    "unit_leader": 403,
    "coordinator": 404,
    "admin": 404,
}


@pytest.mark.parametrize("role", sorted(EVALUATE_STATUS))
def test_who_may_evaluate(world: World, client_for: Callable[[str], Client], role: str) -> None:
    client = client_for(role)
    assert client.get(evaluate_url(world)).status_code == EVALUATE_STATUS[role]
    response = client.post(
        evaluate_url(world),
        {
            "evaluated_on": TODAY.isoformat(),
            "outcome": Outcome.WORKED,
            "text": "Virket.",
            "status": MeasureStatus.COMPLETED,
            "version": fresh(world).version,
        },
    )
    allowed = EVALUATE_STATUS[role] == 200
    assert response.status_code == (302 if allowed else EVALUATE_STATUS[role])
    assert fresh(world).evaluations.exists() == allowed


# --- the data migration ----------------------------------------------------------------------

AT = timezone.make_aware(datetime.datetime(2026, 3, 10, 14, 0))
OLD = {
    "outcome": Outcome.PARTLY,
    "text": "Bedre morgener.",
    "evaluated_at": AT,
    "evaluated_by_id": 7,
    "created_by_id": 3,
    "start_date": datetime.date(2026, 1, 5),
    "evaluation_date": datetime.date(2026, 3, 1),
    "status": MeasureStatus.COMPLETED,
}


def test_a_measure_not_evaluated_moves_no_row() -> None:
    assert migration.old_evaluation(**{**OLD, "outcome": ""}) is None


def test_the_old_evaluation_becomes_one_row_with_its_day_author_and_decision() -> None:
    row = migration.old_evaluation(**OLD)
    assert row == {
        "evaluated_on": datetime.date(2026, 3, 10),
        "due_on": datetime.date(2026, 3, 1),
        "outcome": Outcome.PARTLY,
        "text": "Bedre morgener.",
        "status": MeasureStatus.COMPLETED,
        "next_evaluation_on": None,
        "author_id": 7,
        "created_at": AT,
    }


def test_without_a_time_or_person_the_due_date_and_the_creator_stand_in() -> None:
    row = migration.old_evaluation(**{**OLD, "evaluated_at": None, "evaluated_by_id": None})
    assert (row["evaluated_on"], row["author_id"]) == (datetime.date(2026, 3, 1), 3)


def test_an_old_evaluation_is_never_dated_before_the_start() -> None:
    row = migration.old_evaluation(**{**OLD, "start_date": datetime.date(2026, 3, 20)})
    assert row["evaluated_on"] == datetime.date(2026, 3, 20)


@pytest.mark.parametrize(
    ("due", "next_on"),
    [(datetime.date(2026, 4, 1), datetime.date(2026, 4, 1)), (datetime.date(2026, 3, 1), None)],
)
def test_a_measure_still_in_follow_up_continued_with_its_date_as_the_next_when_later(
    due: datetime.date, next_on: datetime.date | None
) -> None:
    row = migration.old_evaluation(
        **{**OLD, "status": MeasureStatus.ACTIVE, "evaluation_date": due}
    )
    assert (row["status"], row["next_evaluation_on"]) == (MeasureStatus.ACTIVE, next_on)


def test_the_move_writes_the_rows_with_the_author_s_unit(world: World) -> None:
    """move_evaluations over the current models: what it reads of a measure is given here
    as the old fields, on a stand-in of the historical model."""

    class OldMeasures:
        def __init__(self, rows: list[Any]) -> None:
            self.rows = rows

        def using(self, alias: str) -> "OldMeasures":
            return self

        def exclude(self, **kwargs: Any) -> "OldMeasures":
            return self

        def iterator(self) -> Any:
            return iter(self.rows)

    measure = fresh(world)
    old = type(
        "OldMeasure",
        (),
        {
            "pk": measure.pk,
            "case_id": measure.case_id,
            "outcome": Outcome.WORKED,
            "evaluation_text": "Virket.",
            "evaluated_at": timezone.now(),
            "evaluated_by_id": world.users["participant"].pk,
            "created_by_id": measure.created_by_id,
            "start_date": measure.start_date,
            "evaluation_date": measure.evaluation_date,
            "status": MeasureStatus.COMPLETED,
        },
    )

    class Apps:
        def get_model(self, app: str, name: str) -> Any:
            if name == "Measure":
                return type("M", (), {"objects": OldMeasures([old])})
            from django.apps import apps

            return apps.get_model(app, name)

    schema_editor = type("Editor", (), {"connection": type("C", (), {"alias": "default"})})
    migration.move_evaluations(Apps(), schema_editor)
    row = measure.evaluations.get()
    assert (row.text, row.author, row.author_unit) == (
        "Virket.",
        world.users["participant"],
        world.participant.unit,
    )
