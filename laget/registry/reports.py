"""The registry's report for a program, a scope and a year: pure computation, no requests.

The tables follow the kind of evaluation programs report to their owners:

1. Competence: per qualification type of kind certified, group leader, course holder and
   supervisor: active in the year, new in a term, planned next term.
2. Practitioners per intervention (qualification types of kind practitioner): the same columns.
3. Families reached per intervention since it was introduced, registered and estimated apart.

Definitions (the tests check every number against them):
- *Active certified* in year Y: an ActivityYear(Y, active=True) and a certified qualification
  obtained on or before 31 December Y.
- *Further qualifications* count only the active certified practitioners holding them by the
  end of Y; *practitioners per intervention* count practitioners active in Y holding the
  practitioner qualification by the end of Y.
- *New this term*: qualifications obtained in the term (V = January–June, H = July–December),
  whether or not the practitioner has an activity year registered.
- *Planned next term*: participants of courses in the next term with status planned or running.
- *Families*: the sum of all counts of years up to and including Y; "since" is the first year
  with a count.

Where there are no numbers yet, the report says why instead of showing 0: an intervention with
a planned start and no figures shows the start ("planlagt oppstart våren 2018"), and a planned
course of the next term that nobody has signed up for shows its registration deadline. Rows of
further qualifications carry a note that only active certified practitioners count, with how
many more hold the qualification.

The scope is a set of municipality ids and a set of regions: practitioners employed by a
municipality count when the municipality is in the set; practitioners employed by a state or
specialist service (no municipality) count when their region is in the set. `None` means no
restriction (the national view).
"""

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import Min, Q, QuerySet, Sum
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from laget.orgs.models import Municipality
from laget.registry.models import (
    ActivityYear,
    CountKind,
    Course,
    CourseParticipant,
    CourseStatus,
    FamiliesReached,
    Practitioner,
    Program,
    Qualification,
    QualificationKind,
    QualificationType,
    Term,
)
from laget.registry.planned import PlannedStart

COMPETENCE_KINDS = (
    QualificationKind.CERTIFIED,
    QualificationKind.GROUP_LEADER,
    QualificationKind.COURSE_HOLDER,
    QualificationKind.SUPERVISOR,
)
# Further qualifications: counted only for practitioners who are active and certified.
CERTIFIED_ONLY = (
    QualificationKind.GROUP_LEADER,
    QualificationKind.COURSE_HOLDER,
    QualificationKind.SUPERVISOR,
)


@dataclass(frozen=True)
class ReportScope:
    """Which municipalities (ids) and regions a report covers; None = all (national)."""

    municipality_ids: frozenset[int] | None = None
    regions: frozenset[str] | None = None
    label: str = ""

    @classmethod
    def of(
        cls,
        municipality_ids: Iterable[int] | None,
        regions: Iterable[str] | None = (),
        label: str = "",
    ) -> "ReportScope":
        return cls(
            None if municipality_ids is None else frozenset(municipality_ids),
            None if regions is None else frozenset(regions),
            label,
        )

    def practitioners(
        self, queryset: QuerySet[Practitioner] | None = None
    ) -> QuerySet[Practitioner]:
        qs = Practitioner.objects.all() if queryset is None else queryset
        if self.municipality_ids is None and self.regions is None:
            return qs
        by_municipality = (
            Q(municipality__isnull=False)
            if self.municipality_ids is None
            else Q(municipality_id__in=self.municipality_ids)
        )
        by_region = (
            Q(municipality__isnull=True)
            if self.regions is None
            else Q(municipality__isnull=True, region__in=self.regions)
        )
        return qs.filter(by_municipality | by_region)

    def families(self) -> QuerySet[FamiliesReached]:
        qs = FamiliesReached.objects.all()
        if self.municipality_ids is None:
            return qs
        return qs.filter(municipality_id__in=self.municipality_ids)

    def courses(self) -> QuerySet[Course]:
        """Courses held in the area: in one of its municipalities, or for a region it lies in
        (a regional course is open to the region's municipalities)."""
        qs = Course.objects.all()
        if self.municipality_ids is None and self.regions is None:
            return qs
        regions = set(self.regions or ())
        if self.municipality_ids is None:
            by_municipality = Q(municipality__isnull=False)
        else:
            by_municipality = Q(municipality_id__in=self.municipality_ids)
            regions |= set(
                Municipality.objects.filter(pk__in=self.municipality_ids)
                .exclude(region="")
                .values_list("region", flat=True)
            )
        return qs.filter(by_municipality | Q(municipality__isnull=True, region__in=regions))


@dataclass(frozen=True)
class TermRef:
    year: int
    term: str  # Term.SPRING or Term.AUTUMN

    def next(self) -> "TermRef":
        if self.term == Term.SPRING:
            return TermRef(self.year, Term.AUTUMN)
        return TermRef(self.year + 1, Term.SPRING)

    def dates(self) -> tuple[datetime.date, datetime.date]:
        if self.term == Term.SPRING:
            return datetime.date(self.year, 1, 1), datetime.date(self.year, 6, 30)
        return datetime.date(self.year, 7, 1), datetime.date(self.year, 12, 31)

    @property
    def label(self) -> str:
        return f"{Term(self.term).label} {self.year}"


def _day(on: datetime.date) -> str:
    return str(formats.date_format(on, "j. F Y"))


@dataclass(frozen=True)
class Row:
    slug: str
    group: str
    label: str
    active: int
    new: int
    planned: int
    # The intervention's planned start, shown while the row has no numbers.
    starts: str = ""
    # The earliest registration deadline of next term's planned courses, shown while nobody
    # has signed up.
    deadline: datetime.date | None = None
    # Counted only among active certified practitioners; `uncounted` more hold it.
    certified_only: bool = False
    uncounted: int = 0

    @property
    def waiting(self) -> bool:
        """No numbers yet, and a planned start to show instead."""
        return bool(self.starts) and not (self.active or self.new or self.planned)

    @property
    def waiting_text(self) -> str:
        return _("Planlagt oppstart %(when)s") % {"when": self.starts}

    @property
    def shows_deadline(self) -> bool:
        return self.deadline is not None and self.planned == 0

    @property
    def deadline_text(self) -> str:
        assert self.deadline is not None
        return _("Påmelding innen %(date)s") % {"date": _day(self.deadline)}

    @property
    def certified_note(self) -> str:
        if not self.certified_only:
            return ""
        note = _("Telles bare når de er sertifisert og aktive")
        if self.uncounted:
            note += " · " + ngettext(
                "%(n)s til har kvalifikasjonen",
                "%(n)s til har kvalifikasjonen",
                self.uncounted,
            ) % {"n": self.uncounted}
        return note

    @property
    def note(self) -> str:
        """Everything the row says besides its numbers, for the exports."""
        parts = [
            self.waiting_text if self.waiting else "",
            self.deadline_text if self.shows_deadline else "",
            self.certified_note,
        ]
        return ". ".join(p for p in parts if p)


@dataclass(frozen=True)
class FamilyRow:
    slug: str
    label: str
    since: int | None
    registered: int
    estimated: int
    starts: str = ""

    @property
    def total(self) -> int:
        return self.registered + self.estimated

    @property
    def waiting(self) -> bool:
        return bool(self.starts) and self.since is None and self.total == 0

    @property
    def note(self) -> str:
        return _("Planlagt oppstart %(when)s") % {"when": self.starts} if self.waiting else ""


@dataclass(frozen=True)
class Report:
    program: Program
    scope: ReportScope
    year: int
    term: TermRef
    next_term: TermRef
    competence: list[Row]
    interventions: list[Row]
    families: list[FamilyRow]


def _count_by_type(rows: Iterable[tuple[int, int]]) -> dict[int, int]:
    """(type id, practitioner id) pairs → distinct practitioners per type."""
    seen: dict[int, set[int]] = {}
    for type_id, practitioner_id in rows:
        seen.setdefault(type_id, set()).add(practitioner_id)
    return {k: len(v) for k, v in seen.items()}


def _rows(
    types: Collection[QualificationType],
    *,
    active: dict[int, int],
    new: dict[int, int],
    planned: dict[int, int],
    deadlines: dict[int, datetime.date],
    holders: dict[int, int],
    starts: bool = False,
) -> list[Row]:
    return [
        Row(
            slug=t.slug,
            group=str(QualificationKind(t.kind).label),
            label=t.name,
            active=active.get(t.pk, 0),
            new=new.get(t.pk, 0),
            planned=planned.get(t.pk, 0),
            starts=PlannedStart.of(t.intervention).label if starts and t.intervention else "",
            deadline=deadlines.get(t.pk),
            certified_only=t.kind in CERTIFIED_ONLY,
            uncounted=holders.get(t.pk, 0) - active.get(t.pk, 0) if t.kind in CERTIFIED_ONLY else 0,
        )
        for t in types
    ]


def build_report(
    *,
    program: Program,
    scope: ReportScope,
    year: int,
    term: TermRef,
    practitioners: QuerySet[Practitioner] | None = None,
) -> Report:
    """The report for `program` in `scope`; `practitioners` (optional) narrows further, e.g. to
    what access allows."""
    in_scope = scope.practitioners(practitioners)
    year_end = datetime.date(year, 12, 31)
    types = list(
        QualificationType.objects.filter(program=program)
        .select_related("intervention")
        .order_by("order", "name")
    )
    held = Qualification.objects.filter(
        type__program=program, practitioner__in=in_scope, obtained_on__lte=year_end
    )
    active_ids = set(
        ActivityYear.objects.filter(practitioner__in=in_scope, year=year, active=True).values_list(
            "practitioner_id", flat=True
        )
    )
    certified_ids = set(
        held.filter(
            type__kind=QualificationKind.CERTIFIED, practitioner_id__in=active_ids
        ).values_list("practitioner_id", flat=True)
    )
    pairs = list(held.values_list("type_id", "type__kind", "practitioner_id"))
    active: dict[int, int] = {}
    for kind, among in (
        (QualificationKind.CERTIFIED, certified_ids),
        (QualificationKind.GROUP_LEADER, certified_ids),
        (QualificationKind.COURSE_HOLDER, certified_ids),
        (QualificationKind.SUPERVISOR, certified_ids),
        (QualificationKind.PRACTITIONER, active_ids),
    ):
        active.update(_count_by_type((t, p) for t, k, p in pairs if k == kind and p in among))
    holders = _count_by_type((t, p) for t, _k, p in pairs)

    start, end = term.dates()
    new = _count_by_type(
        Qualification.objects.filter(
            type__program=program,
            practitioner__in=in_scope,
            obtained_on__gte=start,
            obtained_on__lte=end,
        ).values_list("type_id", "practitioner_id")
    )
    following = term.next()
    planned = _count_by_type(
        CourseParticipant.objects.filter(
            course__qualification_type__program=program,
            course__year=following.year,
            course__term=following.term,
            course__status__in=[CourseStatus.PLANNED, CourseStatus.RUNNING],
            practitioner__in=in_scope,
        ).values_list("course__qualification_type_id", "practitioner_id")
    )
    deadlines: dict[int, datetime.date] = {
        row["qualification_type_id"]: row["first"]
        for row in scope.courses()
        .filter(
            qualification_type__program=program,
            year=following.year,
            term=following.term,
            status=CourseStatus.PLANNED,
            registration_deadline__isnull=False,
        )
        .values("qualification_type_id")
        .annotate(first=Min("registration_deadline"))
    }

    competence = _rows(
        [t for t in types if t.kind in COMPETENCE_KINDS],
        active=active,
        new=new,
        planned=planned,
        deadlines=deadlines,
        holders=holders,
    )
    # Certified first, then the further qualifications, in the order of COMPETENCE_KINDS.
    kind_order = {str(k.label): i for i, k in enumerate(COMPETENCE_KINDS)}
    competence.sort(key=lambda r: kind_order[r.group])
    interventions = _rows(
        [t for t in types if t.kind == QualificationKind.PRACTITIONER],
        active=active,
        new=new,
        planned=planned,
        deadlines=deadlines,
        holders=holders,
        starts=True,
    )
    return Report(
        program=program,
        scope=scope,
        year=year,
        term=term,
        next_term=following,
        competence=competence,
        interventions=interventions,
        families=_families(program=program, scope=scope, year=year),
    )


def _families(*, program: Program, scope: ReportScope, year: int) -> list[FamilyRow]:
    sums: dict[tuple[int, str], int] = {}
    since: dict[int, int] = {}
    for row in (
        scope.families()
        .filter(intervention__program=program, year__lte=year)
        .values("intervention_id", "kind")
        .annotate(total=Sum("count"))
    ):
        sums[(row["intervention_id"], row["kind"])] = row["total"] or 0
    for intervention_id, first in (
        scope.families()
        .filter(intervention__program=program, year__lte=year, count__gt=0)
        .values_list("intervention_id", "year")
    ):
        since[intervention_id] = min(first, since.get(intervention_id, first))
    return [
        FamilyRow(
            slug=i.slug,
            label=i.name,
            since=since.get(i.pk),
            registered=sums.get((i.pk, CountKind.REGISTERED), 0),
            estimated=sums.get((i.pk, CountKind.ESTIMATED), 0),
            starts=PlannedStart.of(i).label,
        )
        for i in program.interventions.order_by("order", "name")
    ]


def table_columns(report: Report) -> list[str]:
    """The column headings of the two competence tables."""
    return [
        _("Aktive i %(year)s") % {"year": report.year},
        _("Nye %(term)s") % {"term": report.term.label},
        _("Planlagt nye %(term)s") % {"term": report.next_term.label},
    ]


def family_columns(report: Report) -> list[str]:
    return [
        _("Fra år"),
        _("Registrert"),
        _("Anslått"),
        _("Sum til og med %(year)s") % {"year": report.year},
    ]


def flat_rows(report: Report) -> list[list[str | int]]:
    """Every figure of the report as rows (table, group, label, numbers…, note): one source for
    the CSV, XLSX and PDF exports. Where the page shows a text instead of 0 the number is
    empty and the note says why."""
    out: list[list[str | int]] = []
    competence, interventions, families = table_titles()
    for title, rows in ((competence, report.competence), (interventions, report.interventions)):
        for row in rows:
            numbers: list[str | int] = (
                ["", "", row.planned or ""]
                if row.waiting
                else [row.active, row.new, "" if row.shows_deadline else row.planned]
            )
            out.append([title, row.group, row.label, *numbers, row.note])
    for fam in report.families:
        figures: list[str | int] = (
            ["", "", "", ""]
            if fam.waiting
            else [
                fam.since if fam.since is not None else "",
                fam.registered,
                fam.estimated,
                fam.total,
            ]
        )
        out.append([families, "", fam.label, *figures, fam.note])
    return out


def table_titles() -> tuple[str, str, str]:
    return (
        _("Kompetanse"),
        _("Utøvere per tiltak"),
        _("Familier nådd siden tiltaket ble innført"),
    )
