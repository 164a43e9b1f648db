"""Indicators on constructed cases whose answers are worked out by hand in each test."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from laget.accounts.models import User
from laget.cases.choices import (
    Arena,
    Decision,
    EntryKind,
    MeasureStatus,
    MeetingKind,
    MeetingStatus,
    Outcome,
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
from laget.monitoring import indicators
from laget.monitoring.indicators import Reached, Share
from laget.orgs.models import Municipality, Unit, UnitKind
from laget.people.models import Guardian, Subject

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
UTC = datetime.UTC
TODAY = datetime.date(2026, 6, 15)


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0, tz=OSLO):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=tz)


class Town:
    """A municipality with a kindergarten, a health clinic and a school, and a helper per row."""

    def __init__(self, name: str = "Lindås-test", number: str = "7701") -> None:
        self.m = Municipality.objects.create(name=name, number=number)
        self.kg = Unit.objects.create(municipality=self.m, name="Tua", kind=UnitKind.KINDERGARTEN)
        self.hc = Unit.objects.create(
            municipality=self.m, name="Helsestasjonen", kind=UnitKind.HEALTH_CLINIC
        )
        self.school = Unit.objects.create(municipality=self.m, name="Berg", kind=UnitKind.SCHOOL)
        self.user = User.objects.create_user(username=f"u{number}", password="x")

    def case(self, unit: Unit, opened_at: datetime.datetime, level: int = 0, **kw) -> Case:
        case = Case.objects.create(
            municipality=self.m,
            unit=unit,
            label=kw.pop("label", "Barn"),
            level=level,
            opened_at=opened_at,
            opened_by=self.user,
            **kw,
        )
        LevelChange.objects.create(
            case=case,
            decision=Decision.OPEN,
            to_level=level,
            reason="-",
            decided_by=self.user,
            decided_at=opened_at,
        )
        return case

    def change(self, case: Case, to_level: int, when: datetime.datetime) -> None:
        LevelChange.objects.create(
            case=case,
            decision=Decision.CHANGE,
            from_level=case.level,
            to_level=to_level,
            reason="-",
            decided_by=self.user,
            decided_at=when,
        )
        case.level = to_level
        case.save()

    def join(self, case: Case, unit: Unit, when: datetime.datetime, **kw) -> Participant:
        return Participant.objects.create(
            case=case,
            unit=unit,
            legal_basis="statute",
            basis_ref="Egen tjeneste",
            statute_key="egen-tjeneste",
            joined_at=when,
            added_by=self.user,
            **kw,
        )

    def measure(self, case: Case, start: datetime.date, due: datetime.date, **kw) -> Measure:
        responsible = Participant.objects.filter(
            case=case, unit=case.unit, user=None
        ).first() or self.join(case, case.unit, case.opened_at)
        return Measure.objects.create(
            case=case,
            title="Tiltak",
            goal="Mål",
            arena=Arena.KINDERGARTEN,
            responsible=responsible,
            start_date=start,
            evaluation_date=due,
            created_by=self.user,
            **kw,
        )


def test_cases_per_level_counts_open_cases_by_unit_and_current_level() -> None:
    t = Town()
    t.case(t.kg, at(2026, 1, 5))
    t.case(t.kg, at(2026, 1, 6), level=2)
    t.case(t.kg, at(2026, 1, 7), level=2)
    t.case(t.hc, at(2026, 2, 1), level=1)
    t.case(t.hc, at(2026, 2, 1), level=3, closed_at=at(2026, 3, 1))  # closed: not counted
    table = indicators.cases_per_level(Case.objects.filter(municipality=t.m), "unit_id")
    assert table == {t.kg.pk: [1, 0, 2, 0], t.hc.pk: [0, 1, 0, 0]}


def test_a_case_that_skips_a_level_counts_at_the_highest_it_reached() -> None:
    t = Town()
    skipper = t.case(t.kg, at(2026, 1, 5))
    t.change(skipper, 2, at(2026, 1, 20))  # 0 → 2, never at 1
    down = t.case(t.kg, at(2026, 1, 6), level=3)  # opened at 3, later down to 1
    t.change(down, 1, at(2026, 3, 1))
    t.case(t.kg, at(2026, 1, 7))
    table = indicators.highest_level_reached(Case.objects.filter(municipality=t.m), "unit_id")
    assert table == {t.kg.pk: [1, 0, 1, 1]}
    # By current level the same cases sit at 0, 2 and 1.
    now = indicators.cases_per_level(Case.objects.filter(municipality=t.m), "unit_id")
    assert now == {t.kg.pk: [1, 1, 1, 0]}


def test_days_to_first_measure_use_local_dates() -> None:
    t = Town()
    # 23:30 in Oslo on 1 March is 22:30 UTC the same day; the measure starts 2 March: 1 day.
    late = t.case(t.kg, at(2026, 3, 1, 23, 30))
    t.measure(late, datetime.date(2026, 3, 2), datetime.date(2026, 4, 1))
    # 00:30 in Oslo on 10 March is still 9 March in UTC; measure the same local day: 0 days.
    early = t.case(t.kg, datetime.datetime(2026, 3, 9, 23, 30, tzinfo=UTC))
    t.measure(early, datetime.date(2026, 3, 10), datetime.date(2026, 4, 1))
    # Two measures: the first start counts (20 days), not the one created first.
    two = t.case(t.hc, at(2026, 1, 1, 9))
    t.measure(two, datetime.date(2026, 2, 10), datetime.date(2026, 3, 1))
    t.measure(two, datetime.date(2026, 1, 21), datetime.date(2026, 3, 1))
    # A measure recorded as starting before the case opened counts as day 0.
    before = t.case(t.hc, at(2026, 5, 5))
    t.measure(before, datetime.date(2026, 5, 1), datetime.date(2026, 6, 1))
    t.case(t.school, at(2026, 1, 1))  # no measure: not in the figures
    days = indicators.days_to_first_measure(Case.objects.filter(municipality=t.m), "unit_id")
    assert {k: sorted(v) for k, v in days.items()} == {t.kg.pk: [0, 1], t.hc.pk: [0, 20]}


def test_measures_evaluated_on_time_of_those_due() -> None:
    t = Town()
    case = t.case(t.kg, at(2026, 1, 1), level=1)
    start, june = datetime.date(2026, 1, 1), datetime.date(2026, 6, 1)

    def evaluate(
        measure: Measure, on: datetime.date, continues_to: datetime.date | None = None
    ) -> None:
        MeasureEvaluation.objects.create(
            measure=measure,
            evaluated_on=on,
            due_on=measure.evaluation_date,
            outcome=Outcome.WORKED,
            text="ok",
            status=MeasureStatus.ACTIVE if continues_to else MeasureStatus.COMPLETED,
            next_evaluation_on=continues_to,
            author=t.user,
        )
        measure.status = MeasureStatus.ACTIVE if continues_to else MeasureStatus.COMPLETED
        measure.evaluation_date = continues_to or measure.evaluation_date
        measure.save()

    # On time: evaluated on the due date.
    evaluate(t.measure(case, start, june), june)
    # Late: evaluated the day after.
    evaluate(t.measure(case, start, june), june + datetime.timedelta(days=1))
    # Due and not evaluated: counts against.
    t.measure(case, start, datetime.date(2026, 6, 10))
    # Evaluated early, due date still ahead: on time.
    evaluate(t.measure(case, start, datetime.date(2026, 9, 1)), datetime.date(2026, 5, 1))
    # Evaluated on time and continued to 5 June, which passed without an evaluation: each
    # evaluation date counts, one on time and one missed.
    evaluate(
        t.measure(case, start, datetime.date(2026, 5, 1)),
        datetime.date(2026, 5, 1),
        continues_to=datetime.date(2026, 6, 5),
    )
    # Not yet due: not counted. Stopped without evaluation: not counted.
    t.measure(case, start, datetime.date(2026, 6, 20))
    t.measure(case, start, june, status=MeasureStatus.STOPPED)
    shares = indicators.measures_evaluated_on_time(
        Case.objects.filter(municipality=t.m), "unit_id", today=TODAY
    )
    assert shares == {t.kg.pk: Share(3, 6)}


def test_stafettholder_share_covers_open_cases_from_level_one() -> None:
    t = Town()
    with_holder = t.case(t.kg, at(2026, 1, 1), level=2)
    t.join(with_holder, t.kg, at(2026, 1, 2), user=t.user, role="stafettholder")
    gone = t.case(t.kg, at(2026, 1, 1), level=1)
    t.join(gone, t.kg, at(2026, 1, 2), user=t.user, role="stafettholder", left_at=at(2026, 2, 1))
    t.case(t.kg, at(2026, 1, 1), level=3)  # none
    t.case(t.kg, at(2026, 1, 1), level=0)  # level 0: not counted
    shares = indicators.cases_with_stafettholder(Case.objects.filter(municipality=t.m), "unit_id")
    assert shares == {t.kg.pk: Share(1, 3)}


def test_family_participation_counts_what_guardians_and_children_write() -> None:
    t = Town()
    child = Subject.objects.create(
        municipality=t.m, kind="child", given_name="Mio", family_name="Test"
    )
    mother = Guardian.objects.create(subject=child, name="Mor Test")
    active = t.case(t.kg, at(2026, 1, 1), level=1, subject=child, label="")
    quiet = t.case(t.kg, at(2026, 1, 1), level=2)
    for kind in (EntryKind.COMMENT, EntryKind.GLIMMER, EntryKind.GLIMMER):
        Entry.objects.create(
            case=active,
            kind=kind,
            text="-",
            audience="all",
            author=t.user,
            author_guardian=mother,
        )
    Entry.objects.create(
        case=active,
        kind=EntryKind.GLIMMER,
        text="-",
        audience="all",
        author=t.user,
        author_is_child=True,
    )
    Entry.objects.create(
        case=quiet,
        kind=EntryKind.GLIMMER,
        text="-",
        audience="all",
        author=t.user,
        author_unit=t.kg,
    )  # staff: not the family
    result = indicators.family_participation(Case.objects.filter(municipality=t.m), "unit_id")
    assert result == {
        t.kg.pk: indicators.FamilyParticipation(cases=Share(1, 2), entries=4, glimmers=3)
    }


def test_transitions_with_a_held_handover_meeting() -> None:
    t = Town()
    case = t.case(t.kg, at(2026, 1, 1), level=1)

    def transition(date: datetime.date, status: str, kind: str = MeetingKind.HANDOVER) -> None:
        meeting = Meeting.objects.create(
            case=case,
            kind=kind,
            starts_at=at(date.year, date.month, date.day),
            status=status,
            created_by=t.user,
        )
        Transition.objects.create(
            case=case,
            from_unit=t.kg,
            to_unit=t.school,
            date=date,
            meeting=meeting,
            created_by=t.user,
        )

    transition(datetime.date(2026, 5, 1), MeetingStatus.HELD)
    transition(datetime.date(2026, 5, 2), MeetingStatus.CANCELLED)
    transition(datetime.date(2026, 5, 3), MeetingStatus.HELD, MeetingKind.COORDINATION)
    transition(datetime.date(2026, 8, 15), MeetingStatus.PLANNED)  # ahead: not counted
    shares = indicators.transitions_with_handover_meeting(
        Case.objects.filter(municipality=t.m), "unit_id", today=TODAY
    )
    assert shares == {t.kg.pk: Share(1, 3)}


def test_children_and_families_reached_per_service_and_year() -> None:
    t = Town()

    def child(name: str, *guardian_ids: str) -> Subject:
        subject = Subject.objects.create(
            municipality=t.m, kind="child", given_name=name, family_name="Test"
        )
        for gid in guardian_ids:
            Guardian.objects.create(subject=subject, name=f"Foresatt {gid}", national_id=gid)
        return subject

    # Two siblings share a guardian: one family. A third child has its own guardian.
    a = child("A", "01017012345", "02017012345")
    b = child("B", "02017012345")
    c = child("C", "03017012345")
    ca = t.case(t.kg, at(2025, 11, 1), subject=a, label="")  # kindergarten 2025 and 2026
    t.join(ca, t.hc, at(2026, 2, 1))  # health clinic joins in 2026
    cb = t.case(t.kg, at(2026, 1, 10), subject=b, label="")
    t.join(cb, t.school, at(2026, 1, 12), left_at=at(2026, 3, 1))
    # New Year's Eve 23:30 in Oslo is 2025 locally, though 22:30 UTC the same day: 2025 only.
    t.case(t.hc, at(2025, 12, 31, 23, 30), subject=c, label="", closed_at=at(2025, 12, 31, 23, 50))
    t.case(t.school, at(2026, 4, 1))  # de-identified: one child, one family
    reached = indicators.reached_per_service_and_year(
        Case.objects.filter(municipality=t.m), years=[2025, 2026]
    )
    assert reached == {
        ("kindergarten", 2025): Reached(children=1, families=1),
        ("kindergarten", 2026): Reached(children=2, families=1),
        ("health_clinic", 2025): Reached(children=1, families=1),
        ("health_clinic", 2026): Reached(children=1, families=1),
        ("school", 2026): Reached(children=2, families=2),
    }


def test_a_child_in_two_cases_is_one_child_and_one_family() -> None:
    """Each case has its own person record (issue 11): the same child in two services' cases is
    joined by the national id, and so are copies of the same guardian."""
    t = Town()
    records = []
    for unit in (t.kg, t.school):
        subject = Subject.objects.create(
            municipality=t.m,
            kind="child",
            given_name="Ida",
            family_name="Test",
            national_id="12071712345",
        )
        Guardian.objects.create(subject=subject, name="Mor", national_id="01017012345")
        case = t.case(unit, at(2026, 2, 1), subject=subject, label="")
        t.join(case, t.hc, at(2026, 2, 2))
        records.append(subject)
    reached = indicators.reached_per_service_and_year(
        Case.objects.filter(municipality=t.m), years=[2026]
    )
    assert reached == {
        ("kindergarten", 2026): Reached(children=1, families=1),
        ("school", 2026): Reached(children=1, families=1),
        ("health_clinic", 2026): Reached(children=1, families=1),
    }
