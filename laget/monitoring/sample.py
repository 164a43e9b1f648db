"""Many fictional cases at once, for the dashboard's query-count test and its benchmark.

Rows are bulk-inserted straight into the tables (no services, no audit): this is load for
measuring, not a story. Deterministic for a seed.
"""

import datetime
import random

from django.db import connection, transaction
from django.utils import timezone

from laget.accounts.models import User
from laget.cases.choices import (
    Arena,
    Decision,
    EntryKind,
    MeasureStatus,
    MeetingKind,
    MeetingStatus,
    Outcome,
    ParticipantRole,
)
from laget.cases.models import (
    Case,
    Entry,
    LevelChange,
    Measure,
    MeasureEvaluation,
    Meeting,
    Participant,
    Transition,
)
from laget.orgs.models import Municipality, Unit

BATCH = 2000


@transaction.atomic
def add_sample_cases(
    municipality: Municipality, units: list[Unit], author: User, n: int, seed: int = 1
) -> None:
    rng = random.Random(seed)  # noqa: S311 - fictional load, not secrets
    tz = timezone.get_current_timezone()
    start = datetime.datetime(2024, 1, 1, 8, tzinfo=tz)
    cases = []
    for i in range(n):
        opened = start + datetime.timedelta(minutes=rng.randrange(0, 60 * 24 * 900))
        level = rng.choices((0, 1, 2, 3), weights=(35, 35, 20, 10))[0]
        closed = rng.random() < 0.2
        cases.append(
            Case(
                municipality=municipality,
                unit=rng.choice(units),
                label=f"Prøvesak {i + 1}",
                level=level,
                opened_at=opened,
                opened_by=author,
                closed_at=opened + datetime.timedelta(days=200) if closed else None,
            )
        )
    Case.objects.bulk_create(cases, batch_size=BATCH)
    # The label is encrypted: the database cannot match its start.
    cases = [
        c
        for c in Case.objects.filter(municipality=municipality, subject=None)
        if c.label.startswith("Prøvesak ")
    ]
    changes, participants = [], []
    for case in cases:
        changes.append(
            LevelChange(
                case=case,
                decision=Decision.OPEN,
                to_level=case.level,
                reason="-",
                decided_by=author,
                decided_at=case.opened_at,
            )
        )
        participants.append(
            Participant(
                case=case,
                unit=case.unit,
                user=author if case.level >= 1 and rng.random() < 0.8 else None,
                role=ParticipantRole.STAFETTHOLDER
                if case.level >= 1 and rng.random() < 0.8
                else ParticipantRole.PARTICIPANT,
                legal_basis="statute",
                basis_ref="Egen tjeneste",
                statute_key="egen-tjeneste",
                joined_at=case.opened_at,
                added_by=author,
            )
        )
    for p in participants:
        if p.role == ParticipantRole.STAFETTHOLDER and p.user is None:
            p.role = ParticipantRole.PARTICIPANT
    LevelChange.objects.bulk_create(changes, batch_size=BATCH)
    Participant.objects.bulk_create(participants, batch_size=BATCH)
    by_case = {p.case_id: p for p in Participant.objects.filter(case__in=cases)}
    measures, entries, meetings = [], [], []
    evaluations: list[MeasureEvaluation] = []
    for case in cases:
        if case.level >= 1:
            begin = timezone.localtime(case.opened_at).date() + datetime.timedelta(
                days=rng.randrange(0, 60)
            )
            evaluated = rng.random() < 0.6
            measure = Measure(
                case=case,
                title="Tiltak",
                goal="Mål",
                arena=Arena.KINDERGARTEN,
                responsible=by_case[case.pk],
                start_date=begin,
                evaluation_date=begin + datetime.timedelta(days=42),
                status=MeasureStatus.COMPLETED if evaluated else MeasureStatus.PLANNED,
                created_by=author,
            )
            measures.append(measure)
            if evaluated:
                day = begin + datetime.timedelta(days=rng.randrange(30, 60))
                evaluations.append(
                    MeasureEvaluation(
                        measure=measure,
                        evaluated_on=day,
                        due_on=measure.evaluation_date,
                        outcome=Outcome.PARTLY,
                        text="Evaluert",
                        status=MeasureStatus.COMPLETED,
                        author=author,
                        author_unit=case.unit,
                        created_at=datetime.datetime.combine(day, datetime.time(14), tzinfo=tz),
                    )
                )
        for _ in range(rng.randrange(0, 4)):
            entries.append(
                Entry(
                    case=case,
                    kind=EntryKind.OBSERVATION,
                    text="Observasjon",
                    audience="professionals",
                    author=author,
                    author_unit=case.unit,
                    created_at=case.opened_at,
                )
            )
        if case.level >= 2 and rng.random() < 0.3:
            meetings.append(
                Meeting(
                    case=case,
                    kind=MeetingKind.HANDOVER,
                    starts_at=case.opened_at + datetime.timedelta(days=90),
                    status=MeetingStatus.HELD if rng.random() < 0.7 else MeetingStatus.PLANNED,
                    created_by=author,
                )
            )
    Measure.objects.bulk_create(measures, batch_size=BATCH)
    MeasureEvaluation.objects.bulk_create(evaluations, batch_size=BATCH)
    Entry.objects.bulk_create(entries, batch_size=BATCH)
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    others = {u.pk: next(o for o in units if o.pk != u.pk) for u in units}
    transitions = [
        Transition(
            case=meeting.case,
            from_unit=meeting.case.unit,
            to_unit=others[meeting.case.unit_id],
            date=timezone.localtime(meeting.starts_at).date(),
            meeting=meeting,
            created_by=author,
        )
        for meeting in Meeting.objects.filter(case__in=cases).select_related("case")
    ]
    Transition.objects.bulk_create(transitions, batch_size=BATCH)
    analyze()


def analyze() -> None:
    """Fresh planner statistics for the tables just filled. Without them PostgreSQL may take
    them for empty and nest loops over every row: the dashboard over 5,000 sample cases once
    ran for more than ten minutes in a test. ANALYZE sees this transaction's rows."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Case, LevelChange, Participant, Measure, Entry, Meeting, Transition):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
