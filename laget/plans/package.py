"""The handover package for the individual plan's system: one document, as JSON (its schema
is docs/schemas/individual-plan-handover.v1.schema.json) and as a readable PDF/A made from
the same document. It holds the goals, the measures with their evaluations, the participants
(names, units, roles) and the child's own words: what the child wrote in the portal and the
child's views recorded with measures and meetings. Before the handover it is a draft the
coordinators may check; after it, it is read from the closed (read-only) case."""

import datetime
from typing import Any

from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from laget.cases.choices import ParticipantRole
from laget.cases.models import Case, MeasureEvaluation, Participant
from laget.lib.pdf import PdfWriter
from laget.plans.selectors import PlanState, plan_state

FORMAT = "laget-individual-plan-handover"
VERSION = 1
DRAFT, HANDED_OVER = "draft", "handed_over"


def _day(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return value.isoformat()


def _moment(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _person(p: Participant | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"name": p.user.display_name if p.user else None, "unit": p.unit.name}


def _decision(state: PlanState) -> dict[str, Any] | None:
    d = state.decision if state.handover is None else state.handover.decision
    if d is None:
        return None
    return {
        "decided_on": _day(d.decided_on),
        "decided_by": d.decided_by,
        "statute": d.statute,
        "statute_reference": d.statute_label,
        "grounds": d.grounds,
        "recorded_by": d.recorded_by.display_name,
        "recorded_at": _moment(d.recorded_at),
    }


def _measures(case: Case) -> list[dict[str, Any]]:
    rows = (
        case.measures.select_related("responsible__user", "responsible__unit")
        .prefetch_related(
            Prefetch(
                "evaluations",
                queryset=MeasureEvaluation.objects.select_related("author", "author_unit"),
            )
        )
        .order_by("start_date", "pk")
    )
    result = []
    for m in rows:
        evaluations = [
            {
                "outcome": e.outcome,
                "outcome_label": str(e.get_outcome_display()),
                "text": e.text,
                "evaluated_on": _day(e.evaluated_on),
                "evaluated_by": e.author_label,
                "decision": e.status,
                "decision_label": e.decision_label,
                "next_evaluation_on": _day(e.next_evaluation_on),
            }
            for e in m.evaluations.all()  # newest first
        ]
        result.append(
            {
                "id": m.pk,
                "title": m.title,
                "goal": m.goal,
                "arena": m.arena,
                "arena_label": str(m.get_arena_display()),
                "responsible": _person(m.responsible),
                "start_date": _day(m.start_date),
                "evaluation_date": _day(m.evaluation_date),
                "status": m.status,
                "status_label": str(m.get_status_display()),
                "evaluations": evaluations,
                "child_view": m.child_view or None,
            }
        )
    return result


def _participants(case: Case, state: PlanState) -> list[dict[str, Any]]:
    coordinator = state.coordinator
    rows = case.participants.select_related("user", "unit").order_by("joined_at", "pk")
    return [
        {
            "name": p.user.display_name if p.user else None,
            "unit": p.unit.name,
            "role": p.role,
            "role_label": str(p.get_role_display()),
            "is_coordinator": coordinator is not None and coordinator.participant_id == p.pk,
            "joined_on": _day(p.joined_at),
            "left_on": _day(p.left_at),
        }
        for p in rows
    ]


def _child_words(case: Case) -> dict[str, list[dict[str, Any]]]:
    entries = case.entries.filter(author_is_child=True).order_by("created_at", "pk")
    measures = case.measures.exclude(child_view="").order_by("start_date", "pk")
    meetings = case.meetings.exclude(child_view="").order_by("starts_at", "pk")
    return {
        "entries": [
            {
                "id": e.pk,
                "written_at": _moment(e.created_at),
                "kind": e.kind,
                "kind_label": str(e.get_kind_display()),
                "text": e.text,
            }
            for e in entries
        ],
        "measures": [
            {"measure_id": m.pk, "title": m.title, "text": m.child_view} for m in measures
        ],
        "meetings": [
            {"meeting_id": m.pk, "date": _day(m.starts_at), "text": m.child_view} for m in meetings
        ],
    }


def handover_document(case: Case) -> dict[str, Any]:
    """The package as a JSON-ready dict. `case` comes from laget.plans.access.package_case."""
    state = plan_state(case)
    handover = state.handover
    coordinator = state.coordinator
    holder = case.participants.filter(
        role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True
    ).select_related("user", "unit")
    measures = _measures(case)
    subject = case.subject
    return {
        "format": FORMAT,
        "version": VERSION,
        "status": HANDED_OVER if handover is not None else DRAFT,
        "generated_at": _moment(timezone.now()),
        "case": {
            "id": case.pk,
            "municipality": {"name": case.municipality.name, "number": case.municipality.number},
            "responsible_unit": case.unit.name,
            "level": case.level,
            "opened_on": _day(case.opened_at),
            "closed_on": _day(case.closed_at),
        },
        "child": (
            {"name": subject.full_name, "birth_date": _day(subject.birth_date)}
            if subject is not None
            else None
        ),
        "decision": _decision(state),
        "coordinator": (
            {**(_person(coordinator.participant) or {}), "from_date": _day(coordinator.from_date)}
            if coordinator is not None
            else None
        ),
        "stafettholder": _person(holder.first()),
        "handover": (
            {
                "handed_over_at": _moment(handover.handed_over_at),
                "handed_over_by": handover.handed_over_by.display_name,
                "note": handover.note or None,
            }
            if handover is not None
            else None
        ),
        "goals": [{"measure_id": m["id"], "goal": m["goal"]} for m in measures],
        "measures": measures,
        "participants": _participants(case, state),
        "child_own_words": _child_words(case),
    }


def _date_text(iso: str | None) -> str:
    if not iso:
        return "–"
    value = datetime.date.fromisoformat(iso[:10])
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def handover_pdf(doc: dict[str, Any]) -> bytes:
    """The document as a PDF/A-2b an archive or the plan's system can keep."""
    title = _("Overlevering til individuell plan")
    w = PdfWriter(title=title, archival=True)
    w.para(title, size=16, bold=True)
    if doc["status"] == DRAFT:
        w.para(_("UTKAST – saken er ikke overlevert ennå."), bold=True)
    case = doc["case"]
    w.para(
        _("Stafettlogg, sak %(id)s · %(municipality)s · %(unit)s")
        % {
            "id": case["id"],
            "municipality": case["municipality"]["name"],
            "unit": case["responsible_unit"],
        },
        size=9,
        gap=4,
    )
    child = doc["child"]
    if child:
        w.para(_("Barnet"), size=13, bold=True)
        w.para(f"{child['name']}, {_('født')} {_date_text(child['birth_date'])}", gap=4)

    w.para(_("Vedtak om individuell plan"), size=13, bold=True)
    decision = doc["decision"]
    if decision:
        w.para(
            _("Vedtatt %(date)s av %(by)s, etter %(statute)s.")
            % {
                "date": _date_text(decision["decided_on"]),
                "by": decision["decided_by"],
                "statute": decision["statute_reference"],
            }
        )
        w.para(decision["grounds"], gap=4)
    else:
        w.para(_("Ikke registrert."), gap=4)

    w.para(_("Koordinator"), size=13, bold=True)
    coordinator = doc["coordinator"]
    if coordinator:
        w.para(
            _("%(name)s, %(unit)s, fra %(date)s")
            % {
                "name": coordinator["name"],
                "unit": coordinator["unit"],
                "date": _date_text(coordinator["from_date"]),
            },
            gap=4,
        )
    else:
        w.para(_("Saken har ingen koordinator."), gap=4)
    handover = doc["handover"]
    if handover:
        w.para(
            _("Overlevert %(date)s av %(by)s.")
            % {"date": _date_text(handover["handed_over_at"]), "by": handover["handed_over_by"]}
        )
        if handover["note"]:
            w.para(handover["note"], gap=4)

    w.para(_("Mål og tiltak"), size=13, bold=True)
    if not doc["measures"]:
        w.para(_("Ingen tiltak."), gap=4)
    for m in doc["measures"]:
        w.para(m["title"], bold=True, gap=0.5)
        w.para(f"{_('Mål')}: {m['goal']}", gap=0.5)
        responsible = m["responsible"]
        w.para(
            _("%(arena)s · %(status)s · ansvarlig %(who)s · %(start)s–%(evaluation)s")
            % {
                "arena": m["arena_label"],
                "status": m["status_label"],
                "who": responsible["name"] or responsible["unit"],
                "start": _date_text(m["start_date"]),
                "evaluation": _date_text(m["evaluation_date"]),
            },
            size=9,
            gap=0.5,
        )
        for evaluation in m["evaluations"]:
            w.para(
                f"{_('Evaluering')} ({_date_text(evaluation['evaluated_on'])}, "
                f"{evaluation['evaluated_by']}): {evaluation['outcome_label']} – "
                f"{evaluation['decision_label']}. {evaluation['text']}",
                gap=0.5,
            )
        if not m["evaluations"]:
            w.para(_("Ikke evaluert ennå."), size=9, gap=0.5)
        if m["child_view"]:
            w.para(f"{_('Barnets syn')}: {m['child_view']}", gap=0.5)
        w.para("", gap=2)

    w.para(_("Deltakere"), size=13, bold=True)
    w.table(
        [_("Navn"), _("Enhet"), _("Rolle"), _("Med fra"), _("Til")],
        [
            [
                p["name"] or _("hele enheten"),
                p["unit"],
                p["role_label"] + (f", {_('koordinator')}" if p["is_coordinator"] else ""),
                _date_text(p["joined_on"]),
                _date_text(p["left_on"]),
            ]
            for p in doc["participants"]
        ],
        widths=(45, 50, 40, 25, 25),
        text_columns=5,
    )

    w.para(_("Barnets egne ord"), size=13, bold=True)
    words = doc["child_own_words"]
    if not any(words.values()):
        w.para(_("Ingenting registrert."), gap=4)
    for e in words["entries"]:
        w.para(f"{_date_text(e['written_at'])} – {e['kind_label']}", size=9, bold=True, gap=0.5)
        w.para(e["text"], gap=2)
    for m in words["measures"]:
        w.para(f"{_('Om tiltaket')} «{m['title']}»", size=9, bold=True, gap=0.5)
        w.para(m["text"], gap=2)
    for m in words["meetings"]:
        w.para(f"{_('Før møtet')} {_date_text(m['date'])}", size=9, bold=True, gap=0.5)
        w.para(m["text"], gap=2)
    return w.output()
