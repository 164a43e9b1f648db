"""Reads for the stafettlogg pages: a constant number of queries whatever the case size."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent, AuditPrune
from laget.cases.access import CaseAccess, visible_cases
from laget.cases.choices import Audience, EntryKind, Level, MeetingStatus, ParticipantRole
from laget.cases.empty_relations import mark_empty_relations
from laget.cases.models import (
    OPEN_MEASURE_STATUSES,
    BatonHandover,
    Case,
    Entry,
    LevelChange,
    Measure,
    MeasureEvaluation,
    Meeting,
    MeetingAttendee,
    Participant,
    Transition,
)
from laget.cases.tools.alarms import entries_and_open_alarms, has_open_alarm, open_alarms
from laget.lib.dates import formatter
from laget.tools.models import FilledTool

OPEN_MEASURE = Q(status__in=OPEN_MEASURE_STATUSES)


def baton_new_to(user: User) -> Exists:
    """True for a case whose baton `user` was handed by someone else, still holds, and has not
    opened since: no read of the case by them in the access log after the handover (case_for
    writes one for every page and API read of the case). For "my cases", in the same query.
    A handover older than the access log's pruned part is not new: the reads that would show it
    opened may be gone (laget/audit/prune.py)."""
    opened_since = AuditEvent.objects.filter(
        case_id=OuterRef("case_id"),
        actor=user,
        action=AuditAction.READ,
        at__gt=OuterRef("at"),
    )
    return Exists(
        BatonHandover.objects.filter(
            case_id=OuterRef("pk"),
            to_participant__user=user,
            to_participant__role=ParticipantRole.STAFETTHOLDER,
            to_participant__left_at__isnull=True,
        )
        .exclude(by=user)
        .exclude(Exists(opened_since))
        .exclude(Exists(AuditPrune.objects.filter(before__gt=OuterRef("at"))))
    )


def my_cases(user: User, *, include_closed: bool = False) -> QuerySet[Case]:
    """The user's cases with what the list shows, annotated in one query."""
    today = timezone.localdate()
    holder = Participant.objects.filter(
        case_id=OuterRef("pk"), role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True
    )
    open_measures = Measure.objects.filter(OPEN_MEASURE, case_id=OuterRef("pk"))
    qs = (
        visible_cases(user)
        .select_related("subject", "unit")
        .annotate(
            holder_first=Subquery(holder.values("user__first_name")[:1]),
            holder_last=Subquery(holder.values("user__last_name")[:1]),
            holder_user_id=Subquery(holder.values("user_id")[:1]),
            baton_new=baton_new_to(user),
            open_alarm=has_open_alarm(),
            next_evaluation=Subquery(
                open_measures.order_by("evaluation_date").values("evaluation_date")[:1]
            ),
            overdue_measures=Subquery(
                open_measures.filter(evaluation_date__lt=today)
                .order_by()
                .values("case_id")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            next_meeting=Subquery(
                Meeting.objects.filter(
                    case_id=OuterRef("pk"),
                    status=MeetingStatus.PLANNED,
                    starts_at__gte=timezone.now(),
                )
                .order_by("starts_at")
                .values("starts_at")[:1]
            ),
        )
        .order_by("-level", "opened_at", "pk")
    )
    if not include_closed:
        qs = qs.filter(closed_at__isnull=True)
    return qs


def label_my_cases(cases: list[Case]) -> None:
    """Give each row of "my cases" what it shows as text — `url`, `level_label`,
    `next_evaluation_text`, `next_meeting_text` — reversed, translated and formatted once per
    request where it can be (as label_entries does for the log)."""
    if not cases:
        return
    # The URL is reversed once with a stand-in id and filled in per case.
    stand_in = 2_147_483_646
    url = reverse("cases:case_detail", kwargs={"case_id": stand_in}).replace(str(stand_in), "{}")
    levels = {value: str(label) for value, label in Level.choices}
    moment, day = formatter("SHORT_DATETIME_FORMAT"), formatter("SHORT_DATE_FORMAT")
    for c in cases:
        c.url = url.format(c.pk)  # type: ignore[attr-defined]
        c.level_label = levels.get(c.level, c.level)  # type: ignore[attr-defined]
        evaluation = getattr(c, "next_evaluation", None)
        meeting = getattr(c, "next_meeting", None)
        c.next_evaluation_text = day(evaluation) if evaluation else ""  # type: ignore[attr-defined]
        c.next_meeting_text = moment(timezone.localtime(meeting)) if meeting else ""  # type: ignore[attr-defined]


# The case page shows the newest entries; the rest on request (`?logg=alle`).
LOG_PAGE = 50


@dataclass(frozen=True)
class CasePage:
    access: CaseAccess
    entries: list[Entry]  # newest first; all of them, or the newest LOG_PAGE
    measures: list[Measure]
    participants: list[Participant]
    level_changes: list[LevelChange]
    meetings: list[Meeting]
    handovers: list[BatonHandover]
    transitions: list[Transition]
    today: datetime.date
    entry_total: int = 0  # entries in the case, shown or not
    # Tool results that call for a report of concern not yet recorded (cases.tools.alarms):
    # those among the entries shown, and how many more are in the rest of the log.
    open_alarms: list[FilledTool] = field(default_factory=list)
    older_open_alarms: int = 0

    @property
    def open_alarm_ids(self) -> set[int]:
        return {f.pk for f in self.open_alarms}

    @property
    def entries_left_out(self) -> int:
        return self.entry_total - len(self.entries)

    @property
    def case(self) -> Case:
        return self.access.case

    @property
    def stafettholder(self) -> Participant | None:
        return next(
            (
                p
                for p in self.participants
                if p.is_active and p.role == ParticipantRole.STAFETTHOLDER
            ),
            None,
        )

    @property
    def active_participants(self) -> list[Participant]:
        return [p for p in self.participants if p.is_active]

    def mark_without_access(self) -> None:
        """Give each active participant whose consent does not hold today `blocked_by` (that
        consent), so that the page says why they no longer read the case."""
        granting = {p.pk for p in getattr(self.case, "granting", [])}
        for p in self.participants:
            blocked = p.is_active and p.consent is not None and p.pk not in granting
            p.blocked_by = p.consent if blocked else None  # type: ignore[attr-defined]

    @property
    def former_participants(self) -> list[Participant]:
        return [p for p in self.participants if not p.is_active]

    @property
    def overdue_measures(self) -> list[Measure]:
        return [m for m in self.measures if m.is_overdue(self.today)]

    @property
    def next_meeting(self) -> Meeting | None:
        now = timezone.now()
        return next(
            (m for m in self.meetings if m.status == MeetingStatus.PLANNED and m.starts_at >= now),
            None,
        )


def case_page(access: CaseAccess, *, all_entries: bool = True) -> CasePage:
    """Everything the case page shows, in a fixed number of queries. With all_entries=False
    only the newest LOG_PAGE entries are read (and the total counted)."""
    case = access.case
    mark_empty_relations(case)  # the kinds of rows the case has none of cost no query below
    if "participants" in getattr(case, "_prefetched_objects_cache", {}):
        participants = list(case.participants.all())  # read by case_for, with user and unit
    else:
        participants = list(
            case.participants.select_related("user", "unit", "consent").order_by("joined_at", "pk")
        )
    by_id = {p.pk: p for p in participants}
    evaluations = MeasureEvaluation.objects.select_related("author", "author_unit")
    measures = list(case.measures.prefetch_related(Prefetch("evaluations", queryset=evaluations)))
    for m in measures:
        m.responsible = by_id[m.responsible_id]
    attendees = MeetingAttendee.objects.select_related("guardian")
    meetings = list(case.meetings.prefetch_related(Prefetch("attendees", queryset=attendees)))
    for meeting in meetings:
        for a in meeting.attendees.all():
            if a.participant_id:
                a.participant = by_id.get(a.participant_id)
    handovers = list(case.handovers.all())
    for h in handovers:
        h.to_participant = by_id[h.to_participant_id]
        if h.from_participant_id:
            h.from_participant = by_id[h.from_participant_id]
    entries_qs = case.entries.select_related(
        "author", "author_unit", "author_guardian", "filled_tool"
    )
    entries = list(entries_qs if all_entries else entries_qs[:LOG_PAGE])
    label_entries(entries)
    level_changes = list(case.level_changes.select_related("decided_by"))
    alarms = open_alarms(case, entries, level_changes)
    if all_entries:
        entry_total, older_alarms = len(entries), 0
    else:
        entry_total, all_alarms = entries_and_open_alarms(case, level_changes)
        older_alarms = max(all_alarms - len(alarms), 0)
    page = CasePage(
        access=access,
        entries=entries,
        measures=measures,
        participants=participants,
        level_changes=level_changes,
        meetings=meetings,
        handovers=handovers,
        transitions=list(case.transitions.select_related("from_unit", "to_unit")),
        today=timezone.localdate(),
        entry_total=entry_total,
        open_alarms=alarms,
        older_open_alarms=older_alarms,
    )
    page.mark_without_access()
    return page


def label_entries(entries: list[Entry]) -> None:
    """Give each entry what the log shows about it as text — `kind_label`, `audience_label`,
    `created_text`, `edit_label` — translated and formatted here, once per request where it can
    be: get_FOO_display and the template's date filter and blocktranslate cost far more per call
    (the case page's log was most of its time)."""
    kinds = {value: str(label) for value, label in EntryKind.choices}
    audiences = {value: str(label) for value, label in Audience.choices}
    edit = gettext("%(kind)s fra %(date)s")
    moment, day = formatter("SHORT_DATETIME_FORMAT"), formatter("SHORT_DATE_FORMAT")
    for e in entries:
        created = timezone.localtime(e.created_at)
        e.kind_label = kinds.get(e.kind, e.kind)  # type: ignore[attr-defined]
        e.audience_label = audiences.get(e.audience, e.audience)  # type: ignore[attr-defined]
        e.created_text = moment(created)  # type: ignore[attr-defined]
        e.edit_label = edit % {"kind": e.kind_label.lower(), "date": day(created)}  # type: ignore[attr-defined]
