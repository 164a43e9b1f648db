"""A tool result that says child welfare (and the police) must be told: an alarm in the case.

A band of a tool may carry ``requires_report`` (laget/tools/schema.py). A tool filled with such
a result keeps that on the FilledTool, and the case has an *open alarm* until a report of
concern to child welfare (cases.LevelChange, decision REPORT: the one record of a report,
written by cases.services.lifecycle.case_report_concern) is recorded at or after the moment
the tool was filled. The rule is spelled once, here, three ways that must agree: as a query
expression for "my cases", in memory for the case page (which already holds the log and the
level changes), and for one filled tool.

Only staff see alarms: a tool result is an entry for the professionals, which the family's
views (laget.family.access) never show, and the report itself is held back from the family's
access log (laget.family.holdbacks).
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from laget.cases.choices import Decision
from laget.cases.models import Case, Entry, LevelChange
from laget.directory.models import Service
from laget.orgs.models import UnitKind
from laget.tools.models import FilledTool, ToolVersion, VersionStatus
from laget.tools.schema import CHILD_WELFARE, POLICE

# The slug of the starter guide's report-of-concern form (laget/guide/starter_tools.py).
REPORT_FORM_SLUG = "bekymringsmelding"

WHO: dict[tuple[str, ...], Promise] = {
    (CHILD_WELFARE,): _("Barnevernet skal varsles"),
    (POLICE,): _("Politiet skal varsles"),
    (CHILD_WELFARE, POLICE): _("Barnevernet og politiet skal varsles"),
}
MSG_ALARM_ENTRY = _("%(tool)s: %(band)s (poeng %(points)s). %(who)s nå.")
MSG_POLICE_NOTIFIED = _("Politiet er også varslet.")


def who_label(report_to: Iterable[str]) -> str:
    """ "Barnevernet og politiet skal varsles": who the result says must be told."""
    wanted = set(report_to)
    key = tuple(w for w in (CHILD_WELFARE, POLICE) if w in wanted)
    return str(WHO.get(key, WHO[(CHILD_WELFARE,)]))


def alarm_text(tool: str, band: str, points: str, report_to: Sequence[str]) -> str:
    """The log entry's text for a result that must be reported."""
    return str(MSG_ALARM_ENTRY) % {
        "tool": tool,
        "band": band or "–",
        "points": points or "–",
        "who": who_label(report_to),
    }


# --- The rule ---------------------------------------------------------------------------


def _reports(case_field: str) -> QuerySet[LevelChange]:
    return LevelChange.objects.filter(case_id=OuterRef(case_field), decision=Decision.REPORT)


def has_open_alarm() -> Exists:
    """True for a case with a filled tool that requires a report and no report of concern
    recorded since: for annotating a query of cases (laget.cases.selectors.my_cases)."""
    reported_since = _reports("case_id").filter(decided_at__gte=OuterRef("created_at"))
    return Exists(
        FilledTool.objects.filter(case_id=OuterRef("pk"), requires_report=True).exclude(
            Exists(reported_since)
        )
    )


def last_report_at(level_changes: Iterable[LevelChange]) -> datetime.datetime | None:
    return max((c.decided_at for c in level_changes if c.decision == Decision.REPORT), default=None)


def is_open(filled: FilledTool, last_report: datetime.datetime | None) -> bool:
    return filled.requires_report and (last_report is None or filled.created_at > last_report)


def open_alarms(
    case: Case, entries: Iterable[Entry], level_changes: Iterable[LevelChange]
) -> list[FilledTool]:
    """The open alarms among these entries (with their filled_tool read), oldest first; none
    in a closed case (nothing more can be recorded there)."""
    if case.is_closed:
        return []
    last = last_report_at(level_changes)
    found = []
    for entry in entries:
        filled = getattr(entry, "filled_tool", None)
        if filled is not None and is_open(filled, last):
            found.append(filled)
    return sorted(found, key=lambda f: (f.created_at, f.pk))


def entries_and_open_alarms(case: Case, level_changes: Iterable[LevelChange]) -> tuple[int, int]:
    """The number of entries in the case and of open alarms among them, in one query (the case
    page counts its entries anyway when it shows only the newest)."""
    last = last_report_at(level_changes)
    alarm = Q(filled_tool__requires_report=True)
    if last is not None:
        alarm &= Q(filled_tool__created_at__gt=last)
    counts = case.entries.aggregate(total=Count("pk"), alarms=Count("pk", filter=alarm))
    return counts["total"], 0 if case.is_closed else counts["alarms"]


def report_for(filled: FilledTool) -> LevelChange | None:
    """The first report of concern recorded at or after the tool was filled."""
    return (
        LevelChange.objects.filter(
            case_id=filled.case_id, decision=Decision.REPORT, decided_at__gte=filled.created_at
        )
        .select_related("decided_by")
        .order_by("decided_at", "pk")
        .first()
    )


# --- Who to call ------------------------------------------------------------------------


@dataclass(frozen=True)
class PoliceNumber:
    number: str
    label: Promise


# The police's national numbers, the same in every municipality.
POLICE_NUMBERS = (
    PoliceNumber("112", _("Nødnummer ved akutt fare")),
    PoliceNumber("02800", _("Politiets sentralbord, når det ikke haster")),
)


def child_welfare_services(case: Case) -> list[Service]:
    """The municipality's child welfare services in the service directory (its office and
    its emergency service): run by a child welfare unit, or named for child welfare."""
    return list(
        Service.objects.filter(municipality_id=case.municipality_id, is_active=True)
        .filter(Q(unit__kind=UnitKind.CHILD_WELFARE) | Q(name__icontains="barnevern"))
        .order_by("name", "pk")
    )


def police_services(case: Case) -> list[Service]:
    """A police contact the municipality lists in its directory (a "politikontakt")."""
    return list(
        Service.objects.filter(
            municipality_id=case.municipality_id, is_active=True, name__icontains="politi"
        ).order_by("name", "pk")
    )


def report_form(case: Case) -> ToolVersion | None:
    """The municipality's published report-of-concern form, to fill in the case."""
    return (
        ToolVersion.objects.filter(
            definition__municipality_id=case.municipality_id,
            definition__slug=REPORT_FORM_SLUG,
            status=VersionStatus.PUBLISHED,
        )
        .order_by("-number")
        .first()
    )
