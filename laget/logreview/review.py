"""The patterns the privacy officer looks for in one month of a municipality's access log.

Only who read and how much: user names (the audit snapshot) and counts, never a child's name
or a word of case content. A read is an access-log row of case content (a case id) through the
web or the API; the municipality's reads are those of cases whose responsible unit is in it
(a deleted case's rows cannot be placed and are left out).
"""

import calendar
import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncDate
from django.utils import timezone
from django.utils.crypto import salted_hmac

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.access import visible_cases
from laget.cases.models import Case
from laget.orgs.models import Municipality

CONTENT_READS = (AuditAction.READ, AuditAction.LIST)
STAFF_DOORS = (Via.WEB, Via.API)


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def last(self) -> datetime.date:
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Local midnight on the first day to local midnight after the last."""
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.first, datetime.time(), tzinfo=tz)
        after = self.last + datetime.timedelta(days=1)
        return start, datetime.datetime.combine(after, datetime.time(), tzinfo=tz)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class UserCount:
    user_id: int | None
    name: str
    count: int


@dataclass(frozen=True)
class BusyDay:
    user_id: int | None
    name: str
    day: datetime.date
    cases: int


@dataclass(frozen=True)
class SampledRead:
    event_id: int
    at: datetime.datetime
    name: str
    unit: str


@dataclass(frozen=True)
class Findings:
    month: Month
    reads: int
    not_allowed: list[UserCount]
    busy_days: list[BusyDay]
    closed_reads: list[UserCount]
    after_hours: list[UserCount]
    sample: list[SampledRead]

    def summary(self) -> dict[str, int]:
        """The counts kept with a signed-off review."""
        return {
            "reads": self.reads,
            "not_allowed": sum(u.count for u in self.not_allowed),
            "busy_days": len(self.busy_days),
            "closed_reads": sum(u.count for u in self.closed_reads),
            "after_hours": sum(u.count for u in self.after_hours),
            "sample": len(self.sample),
        }


def month_reads(municipality: Municipality, month: Month) -> QuerySet[AuditEvent]:
    start, end = month.bounds()
    cases = Case.objects.filter(unit__municipality=municipality).values("pk")
    return AuditEvent.objects.filter(
        at__gte=start,
        at__lt=end,
        action__in=CONTENT_READS,
        via__in=STAFF_DOORS,
        actor__isnull=False,
        case_id__in=Subquery(cases),
    )


def _per_user(reads: QuerySet[AuditEvent]) -> list[UserCount]:
    rows = (
        reads.order_by()
        .values("actor_id", "actor_name")
        .annotate(n=Count("id"))
        .order_by("-n", "actor_name")
    )
    return [UserCount(r["actor_id"], r["actor_name"], r["n"]) for r in rows]


def not_allowed(reads: QuerySet[AuditEvent]) -> list[UserCount]:
    """Reads by someone who may not read the case.

    An approximation: the log does not say who took part when, so each reader's cases are held
    against today's rule (laget.cases.access.visible_cases), not the rule on the day of the
    read. A participant who has since left, or a stafettholder of a case closed longer ago than
    LAGET_CLOSED_CASE_READ_DAYS, shows here too; the officer asks. Two queries per reader."""
    pairs: dict[int, set[int]] = {}
    rows = reads.order_by().values_list("actor_id", "case_id").distinct()
    for actor_id, case_id in rows:
        if actor_id is not None and case_id is not None:  # month_reads has neither
            pairs.setdefault(actor_id, set()).add(case_id)
    users = User.objects.in_bulk(list(pairs))
    outside: dict[int, set[int]] = {}
    for actor_id, case_ids in pairs.items():
        user = users.get(actor_id)
        allowed: set[int] = set()
        if user is not None:
            allowed = set(visible_cases(user).filter(pk__in=case_ids).values_list("pk", flat=True))
        if case_ids - allowed:
            outside[actor_id] = case_ids - allowed
    if not outside:
        return []
    flagged = reads.none()
    for actor_id, case_ids in outside.items():
        flagged |= reads.filter(actor_id=actor_id, case_id__in=case_ids)
    return _per_user(flagged)


def busy_days(reads: QuerySet[AuditEvent]) -> list[BusyDay]:
    """Users who opened more than LAGET_REVIEW_CASES_PER_DAY distinct cases on one day."""
    rows = (
        reads.filter(action=AuditAction.READ)
        .order_by()
        .annotate(day=TruncDate("at"))
        .values("actor_id", "actor_name", "day")
        .annotate(cases=Count("case_id", distinct=True))
        .filter(cases__gt=settings.LAGET_REVIEW_CASES_PER_DAY)
        .order_by("day", "actor_name")
    )
    return [BusyDay(r["actor_id"], r["actor_name"], r["day"], r["cases"]) for r in rows]


def closed_reads(reads: QuerySet[AuditEvent]) -> list[UserCount]:
    """Reads of a case after it was closed (allowed for a while to a few; worth a look)."""
    closed_at = Case.objects.filter(pk=OuterRef("case_id")).values("closed_at")[:1]
    return _per_user(
        reads.annotate(closed_at=Subquery(closed_at)).filter(
            closed_at__isnull=False, at__gt=F("closed_at")
        )
    )


def after_hours(reads: QuerySet[AuditEvent]) -> list[UserCount]:
    """Reads before LAGET_REVIEW_WORK_START or from LAGET_REVIEW_WORK_END o'clock, local
    time, or on a Saturday or Sunday."""
    hour = ExtractHour("at")
    weekday = ExtractIsoWeekDay("at")
    annotated = reads.annotate(hour=hour, weekday=weekday)
    outside = (
        annotated.filter(hour__lt=settings.LAGET_REVIEW_WORK_START)
        | annotated.filter(hour__gte=settings.LAGET_REVIEW_WORK_END)
        | annotated.filter(weekday__gte=6)
    )
    return _per_user(outside)


def sample(
    municipality: Municipality, month: Month, reads: QuerySet[AuditEvent]
) -> list[SampledRead]:
    """LAGET_REVIEW_SAMPLE case opens drawn at random, the same draw for the same month and
    municipality, for the officer to confirm with each reader's leader. The seed is keyed with
    the secret key, so that a reader cannot work out in advance which reads will be drawn."""
    ids = list(reads.filter(action=AuditAction.READ).order_by("id").values_list("id", flat=True))
    seed = salted_hmac("laget.logreview.sample", f"{municipality.pk}:{month}").hexdigest()
    rng = random.Random(seed)  # noqa: S311 - a repeatable draw, not a secret
    chosen = sorted(rng.sample(ids, min(settings.LAGET_REVIEW_SAMPLE, len(ids))))
    rows = AuditEvent.objects.filter(pk__in=chosen).order_by("at", "id")
    return [SampledRead(e.pk, e.at, e.actor_name, e.actor_unit) for e in rows]


def review(municipality: Municipality, month: Month) -> Findings:
    reads = month_reads(municipality, month)
    return Findings(
        month=month,
        reads=reads.count(),
        not_allowed=not_allowed(reads),
        busy_days=busy_days(reads),
        closed_reads=closed_reads(reads),
        after_hours=after_hours(reads),
        sample=sample(municipality, month, reads),
    )
