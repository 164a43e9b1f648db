"""Indicators computed from the stafettlogg, the measures the evaluations asked for.

Each function takes the cases to look at (a municipality's, or those of every municipality that
shares its figures) and `by`, the Case field to group on: "unit_id" for a municipality's
dashboard, "municipality_id" for regional and national views. Each runs one query, whatever the
number of cases, and returns plain counts per group, so that the same numbers feed the dashboard,
the PDF report and the suppressed aggregates.

Dates are local (Europe/Oslo): a worry raised at 23:30 on 1 March and a measure started on
2 March are one day apart, whatever the server's clock says in UTC.
"""

import datetime
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear, TruncDate
from django.utils import timezone

from laget.cases.choices import (
    EntryKind,
    MeasureStatus,
    MeetingKind,
    MeetingStatus,
    ParticipantRole,
)
from laget.cases.models import Case, Entry, Measure, MeasureEvaluation, Participant, Transition
from laget.people.models import Guardian

LEVELS = (0, 1, 2, 3)
Key = Hashable


@dataclass(frozen=True)
class Share:
    """`part` of `whole`: e.g. measures evaluated on time of the measures due."""

    part: int
    whole: int

    @property
    def ratio(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def __add__(self, other: "Share") -> "Share":
        return Share(self.part + other.part, self.whole + other.whole)


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def open_cases(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.filter(closed_at__isnull=True)


def cases_per_level(cases: QuerySet[Case], by: str) -> dict[Key, list[int]]:
    """Open cases per group and current level: {group: [level 0, 1, 2, 3]}."""
    table: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    rows = open_cases(cases).values_list(by, "level").annotate(n=Count("id")).order_by()
    for key, level, n in rows:
        table[key][level] += n
    return dict(table)


def highest_level_reached(cases: QuerySet[Case], by: str) -> dict[Key, list[int]]:
    """Cases per group by the highest level they have been at, open or closed.

    A case that went from level 0 straight to level 2 counts at 2 and never at 1."""
    table: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    rows = (
        cases.annotate(top=Max("level_changes__to_level"))
        .values_list(by, "top", "level")
        .order_by()
    )
    for key, top, level in rows:
        table[key][max(top if top is not None else 0, level)] += 1
    return dict(table)


def days_to_first_measure(cases: QuerySet[Case], by: str) -> dict[Key, list[int]]:
    """For every case with a measure: days from the worry (the case opened) to the start of its
    first measure, in local dates. A measure dated before the case counts as day 0."""
    days: dict[Key, list[int]] = defaultdict(list)
    rows = (
        cases.annotate(first=Min("measures__start_date"), opened_on=TruncDate("opened_at"))
        .filter(first__isnull=False)
        .values_list(by, "opened_on", "first")
        .order_by()
    )
    for key, opened_on, first in rows:
        days[key].append(max(0, (first - opened_on).days))
    return dict(days)


def measures_evaluated_on_time(
    cases: QuerySet[Case],
    by: str,
    today: datetime.date | None = None,
    since: datetime.date | None = None,
) -> dict[Key, Share]:
    """Evaluations made on or before the date they were due, of the evaluations that were due:
    every evaluation made (a measure evaluated three times counts three times, each against the
    date it then had), and every measure whose evaluation date has passed without an evaluation
    for it (due, not made). With `since`, only those due on or after it. A measure stopped
    without an evaluation is not counted: stopping it was the decision."""
    today = today or timezone.localdate()
    since = since or datetime.date.min
    made = (
        MeasureEvaluation.objects.filter(measure__case__in=cases, due_on__gte=since)
        .values_list(f"measure__case__{by}")
        .annotate(whole=Count("id"), part=Count("id", filter=Q(evaluated_on__lte=F("due_on"))))
        .order_by()
    )
    answered = MeasureEvaluation.objects.filter(
        measure_id=OuterRef("pk"), due_on=OuterRef("evaluation_date")
    )
    missed = (
        Measure.objects.filter(
            case__in=cases, evaluation_date__lt=today, evaluation_date__gte=since
        )
        .exclude(status=MeasureStatus.STOPPED)
        .exclude(Exists(answered))
        .values_list(f"case__{by}")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[Key, list[int]] = {}
    for key, whole, part in made:
        counts[key] = [part, whole]
    for key, n in missed:
        counts.setdefault(key, [0, 0])[1] += n
    return {key: Share(part, whole) for key, (part, whole) in counts.items()}


def cases_with_stafettholder(cases: QuerySet[Case], by: str) -> dict[Key, Share]:
    """Open cases at level 1 or higher that have an active stafettholder, of all such cases."""
    holder = Participant.objects.filter(
        case_id=OuterRef("pk"), role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True
    )
    rows = (
        open_cases(cases)
        .filter(level__gte=1)
        .values_list(by)
        .annotate(whole=Count("id"), part=Count("id", filter=Q(Exists(holder))))
        .order_by()
    )
    return {key: Share(part, whole) for key, whole, part in rows}


@dataclass(frozen=True)
class FamilyParticipation:
    cases: Share  # open cases at level ≥ 1 where the family has written, of all such cases
    entries: int  # entries written by guardians or the child
    glimmers: int  # of which glimmers (lysglimt)


def family_participation(cases: QuerySet[Case], by: str) -> dict[Key, FamilyParticipation]:
    from_family = Entry.objects.filter(case_id=OuterRef("pk"), author_unit__isnull=True)
    shares = {
        key: Share(part, whole)
        for key, whole, part in open_cases(cases)
        .filter(level__gte=1)
        .values_list(by)
        .annotate(whole=Count("id"), part=Count("id", filter=Q(Exists(from_family))))
        .order_by()
    }
    counts = {
        key: (entries, glimmers)
        for key, entries, glimmers in Entry.objects.filter(case__in=cases, author_unit__isnull=True)
        .values_list(f"case__{by}")
        .annotate(entries=Count("id"), glimmers=Count("id", filter=Q(kind=EntryKind.GLIMMER)))
        .order_by()
    }
    return {
        key: FamilyParticipation(shares.get(key, Share(0, 0)), *counts.get(key, (0, 0)))
        for key in shares.keys() | counts.keys()
    }


def transitions_with_handover_meeting(
    cases: QuerySet[Case],
    by: str,
    today: datetime.date | None = None,
    since: datetime.date | None = None,
) -> dict[Key, Share]:
    """Transitions dated up to today (and from `since`) whose handover meeting was held, of all
    such transitions."""
    today = today or timezone.localdate()
    held = Q(meeting__status=MeetingStatus.HELD, meeting__kind=MeetingKind.HANDOVER)
    rows = (
        Transition.objects.filter(
            case__in=cases, date__lte=today, date__gte=since or datetime.date.min
        )
        .values_list(f"case__{by}")
        .annotate(whole=Count("id"), part=Count("id", filter=held))
        .order_by()
    )
    return {key: Share(part, whole) for key, whole, part in rows}


@dataclass(frozen=True)
class Reached:
    children: int
    families: int


def reached_per_service_and_year(
    cases: QuerySet[Case], years: Iterable[int]
) -> dict[tuple[str, int], Reached]:
    """Children and families reached per kind of service (UnitKind) and calendar year.

    A service reaches a child in a year when, some time that year, the child's case was open and
    a unit of that kind was responsible for it or took part in it. A family is the child's
    guardians: children who share a guardian (by national id) are one family. A case without an
    identified child is one child and one family. Three queries, whatever the number of cases."""
    wanted = sorted(set(years))
    reached = reached_by(cases, wanted, by="municipality_id")
    children: dict[tuple[str, int], set[int]] = defaultdict(set)
    for (_group, kind, year), group_children in reached.items():
        children[kind, year] |= group_children
    family_of = _families(_overlapping(cases, wanted)) if wanted else {}
    return {
        key: Reached(len(kids), len({family_of.get(c, c) for c in kids}))
        for key, kids in children.items()
    }


def _overlapping(cases: QuerySet[Case], wanted: list[int]) -> QuerySet[Case]:
    """The cases open some time in the years first to last of `wanted` (local years)."""
    tz = timezone.get_current_timezone()
    begins = datetime.datetime(wanted[0], 1, 1, tzinfo=tz)
    ends = datetime.datetime(wanted[-1] + 1, 1, 1, tzinfo=tz)
    return cases.filter(opened_at__lt=ends).exclude(closed_at__lt=begins)


def reached_by(
    cases: QuerySet[Case], years: Iterable[int], by: str
) -> dict[tuple[Key, str, int], set[int]]:
    """The children reached per group (`by`), kind of service and year; see
    reached_per_service_and_year. A child is its national id or its record (_child_key), or
    minus the case id for a case without one (ints: this runs over every case of the
    country). Two queries."""
    wanted = sorted(set(years))
    if not wanted:
        return {}
    first_wanted, last_wanted = wanted[0], wanted[-1]
    overlapping = _overlapping(cases, wanted)
    children_by: dict[tuple[Key, str, int], set[int]] = defaultdict(set)
    span: dict[int, tuple[Key, int, int, int]] = {}
    for case_id, group, subject_id, id_hash, kind, opened, closed in (
        overlapping.annotate(opened=ExtractYear("opened_at"), closed=ExtractYear("closed_at"))
        .values_list(
            "id", by, "subject_id", "subject__national_id_hash", "unit__kind", "opened", "closed"
        )
        .order_by()
    ):
        child = _child_key(subject_id, id_hash) or -case_id
        first, last = max(opened, first_wanted), min(closed or last_wanted, last_wanted)
        span[case_id] = (group, child, first, last)
        for year in range(first, last + 1):
            children_by[group, kind, year].add(child)
    for case_id, kind, joined, left in (
        Participant.objects.filter(case__in=overlapping)
        .annotate(joined=ExtractYear("joined_at"), left=ExtractYear("left_at"))
        .values_list("case_id", "unit__kind", "joined", "left")
        .order_by()
    ):
        group, child, first, last = span[case_id]
        for year in range(max(first, joined), min(last, left or last) + 1):
            children_by[group, kind, year].add(child)
    return dict(children_by)


# Guardians' keys in the union-find, apart from the children's (subject ids below the first,
# children's national ids from the last). A national id counts by its lookup hash (the number
# itself is encrypted), as an int of its first 60 bits: below the gap between the ranges, and
# with a chance of two of a country's children sharing one far below a rounding of the figures.
_HASH_BITS = 60
_BY_NATIONAL_ID = 2**62
_BY_GUARDIAN_ID = 2 * 2**62
_CHILD_BY_NATIONAL_ID = 3 * 2**62


def _id_key(id_hash: str) -> int:
    return int(id_hash[: _HASH_BITS // 4], 16)


def _child_key(subject_id: int | None, id_hash: str | None) -> int | None:
    """One key per child across cases: each case has its own person record, so a child known
    by national id is that id (by its hash); otherwise the record."""
    if id_hash:
        return _CHILD_BY_NATIONAL_ID + _id_key(id_hash)
    return subject_id


def _is_child(node: int) -> bool:
    return 0 < node < _BY_NATIONAL_ID or node >= _CHILD_BY_NATIONAL_ID


def _families(cases: QuerySet[Case]) -> dict[int, int]:
    """A family key per identified child with guardians: children joined by a shared guardian
    (the same national id) get the same key (union-find over the guardians)."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    children = cases.filter(subject__isnull=False).values("subject_id")
    for subject_id, child_hash, guardian_id, id_hash in (
        Guardian.objects.filter(subject_id__in=children)
        .values_list("subject_id", "subject__national_id_hash", "id", "national_id_hash")
        .order_by()
    ):
        guardian = _BY_NATIONAL_ID + _id_key(id_hash) if id_hash else _BY_GUARDIAN_ID + guardian_id
        child = _child_key(subject_id, child_hash)
        assert child is not None
        parent[root(child)] = root(guardian)
    return {node: root(node) for node in parent if _is_child(node)}
