"""The family's copy (GDPR art. 15 and 20): everything one member may see of a case, and nothing
else, as a document model, a readable PDF (PDF/A-2b) and JSON (docs/schemas/family-copy.v1).

The copy is built from the member's `FamilyView` (laget.family.access) through the same
selection the portal's pages read (laget/family/shown.py, laget/family/log_labels.py): a
member's download in the portal and the copy staff produce for that member's access request are
the same document. Nothing in it tells a restricted member that something is withheld.

Written in the member's language (laget.lib.languages; the portal's choice, or what staff
recorded: laget.people.language), bokmål where a text is not translated; dates in the PDF in
that language's long form ("4. desember 2026"), in the JSON as ISO 8601. No internal ids but the case's number, which the
family may quote when they contact the municipality.
"""

import datetime
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from laget.audit.models import AuditEvent
from laget.cases.models import Case, MeetingAttendee
from laget.family.access import FamilyView, family_readers
from laget.family.log_labels import log_groups
from laget.family.shown import (
    consent_parties,
    consent_units,
    contact,
    member_consents,
    member_entries,
    member_measures,
    member_participants,
)
from laget.lib.languages import family_language
from laget.lib.pdf import PdfWriter

T = TypeVar("T")

# 1.1: `language` is the member's language, not always bokmål.
FORMAT_VERSION = "1.1"
# docs/schemas/family-copy.v1.schema.json
FORMAT = "laget-family-copy"
PDF = "pdf"
JSON = "json"
FORMATS = (PDF, JSON)
CONTENT_TYPES = {PDF: "application/pdf", JSON: "application/json"}


# --- The document model ---------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFacts:
    number: str
    name: str
    municipality: str
    responsible_unit: str
    opened_on: datetime.date
    closed_on: datetime.date | None
    level: str | None


@dataclass(frozen=True)
class MemberFacts:
    name: str
    role: str


@dataclass(frozen=True)
class Person:
    name: str
    unit: str


@dataclass(frozen=True)
class LevelRow:
    date: datetime.date
    decision: str
    level: str


@dataclass(frozen=True)
class ParticipantRow:
    # The person and unit as the member may see them (FamilyView.staff_label).
    who: str
    role: str
    basis: str
    joined_on: datetime.date
    left_on: datetime.date | None


@dataclass(frozen=True)
class ReaderRow:
    name: str
    unit: str
    basis: str


@dataclass(frozen=True)
class EvaluationRow:
    evaluated_on: datetime.date
    outcome: str
    text: str
    decided: str
    next_evaluation_on: datetime.date | None
    by: str


@dataclass(frozen=True)
class MeasureRow:
    title: str
    goal: str
    arena: str
    responsible: str
    start_date: datetime.date
    evaluation_date: datetime.date
    status: str
    # Every evaluation, newest first.
    evaluations: list[EvaluationRow]
    child_view: str | None


@dataclass(frozen=True)
class MeetingRow:
    starts_at: datetime.datetime
    kind: str
    status: str
    place: str | None
    video_url: str | None
    agenda: str | None
    child_view: str | None
    my_answer: str | None


@dataclass(frozen=True)
class EntryRow:
    written_at: datetime.datetime
    kind: str
    author: str
    text: str
    corrected: bool


@dataclass(frozen=True)
class ConsentRow:
    reference: str
    purpose: str
    state: str
    own_help: bool
    units: list[str]
    parties: list[dict[str, str]]
    given_on: datetime.date | None
    withdrawn_on: datetime.date | None
    expires_on: datetime.date | None


@dataclass(frozen=True)
class LogRow:
    date: datetime.date
    text: str
    who: str | None
    unit: str | None
    by_family: bool
    own: bool
    actions: list[dict[str, object]]


@dataclass(frozen=True)
class FamilyCopy:
    produced_at: datetime.datetime
    # The language of the labels and texts (a code from laget.lib.languages).
    language: str
    case: CaseFacts
    member: MemberFacts
    stafettholder: Person | None
    levels: list[LevelRow] = field(default_factory=list)
    participants: list[ParticipantRow] = field(default_factory=list)
    readers: list[ReaderRow] = field(default_factory=list)
    measures: list[MeasureRow] = field(default_factory=list)
    meetings: list[MeetingRow] = field(default_factory=list)
    entries: list[EntryRow] = field(default_factory=list)
    consents: list[ConsentRow] = field(default_factory=list)
    access_log: list[LogRow] = field(default_factory=list)


# --- Building it ----------------------------------------------------------------------------


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def _member(view: FamilyView, case: Case) -> MemberFacts:
    if view.guardian is not None:
        return MemberFacts(name=view.guardian.name, role=view.guardian.get_role_display())
    assert case.subject is not None
    return MemberFacts(name=case.subject.full_name, role=_("Barnet"))


def _levels(view: FamilyView, case: Case) -> list[LevelRow]:
    return [
        LevelRow(
            date=timezone.localtime(c.decided_at).date(),
            decision=c.get_decision_display(),
            level=c.get_to_level_display(),
        )
        for c in view.level_changes(case.level_changes.order_by("decided_at", "pk"))
    ]


def _participants(view: FamilyView, case: Case) -> list[ParticipantRow]:
    return [
        ParticipantRow(
            who=view.staff_label(p.user.display_name if p.user else "", p.unit),
            role=p.get_role_display(),
            basis=p.get_legal_basis_display(),
            joined_on=timezone.localtime(p.joined_at).date(),
            left_on=_local_date(p.left_at),
        )
        for p in member_participants(view, case)
    ]


def _measures(view: FamilyView, case: Case) -> list[MeasureRow]:
    rows = []
    for shown in member_measures(view, case):
        m = shown.measure
        rows.append(
            MeasureRow(
                title=m.title,
                goal=m.goal,
                arena=m.get_arena_display(),
                responsible=shown.responsible,
                start_date=m.start_date,
                evaluation_date=m.evaluation_date,
                status=m.get_status_display(),
                evaluations=[
                    EvaluationRow(
                        evaluated_on=e.evaluation.evaluated_on,
                        outcome=e.evaluation.get_outcome_display(),
                        text=e.evaluation.text,
                        decided=e.evaluation.decision_label,
                        next_evaluation_on=e.evaluation.next_evaluation_on,
                        by=e.who,
                    )
                    for e in shown.evaluations
                ],
                # As in the portal: the child's view goes to the child who gave it.
                child_view=(m.child_view or None) if view.gives_child_view else None,
            )
        )
    return rows


def _meetings(view: FamilyView, case: Case) -> list[MeetingRow]:
    meetings = view.meetings(case.meetings.all()).order_by("starts_at", "pk")
    if view.guardian is not None:
        mine = MeetingAttendee.objects.filter(guardian=view.guardian)
        meetings = meetings.prefetch_related(Prefetch("attendees", mine, to_attr="mine"))
    rows = []
    for m in meetings:
        answer = next(iter(getattr(m, "mine", [])), None)
        rows.append(
            MeetingRow(
                starts_at=timezone.localtime(m.starts_at),
                kind=m.get_kind_display(),
                status=m.get_status_display(),
                place=(m.place or None) if not view.hides_places else None,
                video_url=m.video_url or None,
                agenda=m.agenda or None,
                child_view=(m.child_view or None) if view.gives_child_view else None,
                my_answer=answer.get_response_display() if answer is not None else None,
            )
        )
    return rows


def _entries(view: FamilyView, case: Case) -> list[EntryRow]:
    entries = member_entries(view, case).order_by("created_at", "pk")
    return [
        EntryRow(
            written_at=timezone.localtime(e.created_at),
            kind=e.get_kind_display(),
            author=view.author_label(e),
            text=e.text,
            corrected=e.version > 1,
        )
        for e in entries
    ]


def _consents(view: FamilyView, case: Case) -> list[ConsentRow]:
    rows = []
    for c in member_consents(view, case):
        rows.append(
            ConsentRow(
                reference=c.reference,
                purpose=c.purpose,
                state=c.effective_state_label,
                own_help=c.for_guardian_id is not None,
                units=list(consent_units(view, c)),
                parties=[{"who": w, "answer": a} for w, a in consent_parties(view, c)],
                given_on=_local_date(c.given_at),
                withdrawn_on=_local_date(c.withdrawn_at),
                expires_on=c.expires_on,
            )
        )
    return rows


def _access_log(view: FamilyView, case: Case) -> list[LogRow]:
    events = view.audit(AuditEvent.objects.filter(case_id=case.pk))
    rows = []
    for g in log_groups(events, view=view, municipality_id=case.municipality_id):
        rows.append(
            LogRow(
                date=g.day,
                text=g.sentence_with(long_date(g.day)),
                who=g.who or None,
                unit=g.where or None,
                by_family=g.by_family,
                own=g.own,
                actions=[{"action": d.action, "what": d.what, "times": d.times} for d in g.doings],
            )
        )
    return rows


def build_copy(view: FamilyView, case: Case, language: str) -> FamilyCopy:
    """Everything the member whose view this is may see of the case, in `language` (bokmål
    if the family side does not speak it). The view must read: the callers
    (laget.portal.access, the access request's view) find the member first."""
    assert view.reads and view.case_id == case.pk, "a copy for a member who reads the case"
    language = family_language(language)
    with translation.override(language):
        levels = _levels(view, case)
        holder = contact(view, case)
        return FamilyCopy(
            produced_at=timezone.localtime(),
            language=language,
            case=CaseFacts(
                number=str(case.pk),
                name=case.display_name,
                municipality=case.municipality.name,
                responsible_unit=view.unit_label(case.unit),
                opened_on=timezone.localtime(case.opened_at).date(),
                closed_on=_local_date(case.closed_at),
                level=levels[-1].level if levels else None,
            ),
            member=_member(view, case),
            stafettholder=(
                Person(name=holder.holder.user.display_name, unit=holder.unit)
                if holder.holder is not None and holder.holder.user is not None
                else None
            ),
            levels=levels,
            participants=_participants(view, case),
            readers=[
                ReaderRow(name=r.name, unit=r.unit, basis=r.basis)
                for r in family_readers(view, case)
            ],
            measures=_measures(view, case),
            meetings=_meetings(view, case),
            entries=_entries(view, case),
            consents=_consents(view, case),
            access_log=_access_log(view, case),
        )


# --- JSON -----------------------------------------------------------------------------------


def _plain(value: object) -> object:
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def copy_data(copy: FamilyCopy) -> dict[str, Any]:
    """The copy as JSON data (docs/schemas/family-copy.v1.schema.json)."""
    data = _plain(asdict(copy))
    assert isinstance(data, dict)
    return {"format": FORMAT, "format_version": FORMAT_VERSION, **data}


def copy_json(copy: FamilyCopy) -> bytes:
    return json.dumps(copy_data(copy), ensure_ascii=False, indent=2).encode()


# --- PDF ------------------------------------------------------------------------------------


# Norwegian long dates; other languages use their own (Django's, or laget/formats).
NORWEGIAN = ("nb", "nn")


def long_date(day: datetime.date) -> str:
    """ "4. desember 2026" in the active language."""
    if translation.get_language() in NORWEGIAN:
        return formats.date_format(day, "j. F Y")
    return formats.date_format(day, "DATE_FORMAT")


def long_datetime(moment: datetime.datetime) -> str:
    """ "4. desember 2026 kl. 14.30" in the active language."""
    local = timezone.localtime(moment)
    if translation.get_language() in NORWEGIAN:
        return formats.date_format(local, r"j. F Y \k\l. H.i")
    return formats.date_format(local, "DATETIME_FORMAT")


class _Document:
    def __init__(self, writer: PdfWriter) -> None:
        self.w = writer

    def heading(self, text: str) -> None:
        self.w.para(text, size=14, bold=True, gap=1)

    def subheading(self, text: str) -> None:
        self.w.para(text, size=11, bold=True, gap=0.5)

    def fact(self, label: str, value: object) -> None:
        if value is None or value == "":
            return
        self.w.para(f"{label}: {value}", size=10, gap=0.5)

    def text(self, value: str) -> None:
        self.w.para(value, size=10, gap=1)

    def empty(self, text: str) -> None:
        self.w.para(text, size=10, gap=3)

    def gap(self) -> None:
        self.w.pdf.ln(2)

    def section(self, heading: str, rows: Sequence[T], empty: str) -> Iterator[T]:
        """`for row in d.section(...)`: the heading, each row as the loop writes it, then the
        empty text if there were none, and the space after the section."""
        self.heading(heading)
        yield from rows
        if not rows:
            self.empty(empty)
        self.gap()


def _day(value: datetime.date | None) -> str | None:
    return long_date(value) if value is not None else None


def copy_pdf(copy: FamilyCopy) -> bytes:
    """The copy as a readable PDF/A-2b in its language: a heading per section, dates in the
    language's long form."""
    with translation.override(copy.language):
        w = PdfWriter(title=_("Kopi av stafettlogg"), archival=True, language=copy.language)
        d = _Document(w)
        c = copy.case
        w.para(_("Kopi av stafettloggen"), size=18, bold=True)
        d.text(
            _(
                "Dette er det %(name)s kan se i stafettloggen på familiesiden, slik det var "
                "%(when)s. Kopien er laget etter personvernforordningen artikkel 15 og 20."
            )
            % {"name": copy.member.name, "when": long_datetime(copy.produced_at)}
        )
        d.gap()

        d.heading(_("Om saken"))
        d.fact(_("Saken gjelder"), c.name)
        d.fact(_("Saksnummer"), c.number)
        d.fact(_("Kommune"), c.municipality)
        d.fact(_("Ansvarlig enhet"), c.responsible_unit)
        d.fact(_("Opprettet"), long_date(c.opened_on))
        d.fact(_("Avsluttet"), _day(c.closed_on))
        d.fact(_("Nivå"), c.level)
        d.fact(_("Kopien er til"), f"{copy.member.name} ({copy.member.role.lower()})")
        d.gap()

        d.heading(_("Stafettholder"))
        if copy.stafettholder is not None:
            d.text(f"{copy.stafettholder.name}, {copy.stafettholder.unit}")
        else:
            d.empty(_("Ingen stafettholder er oppført."))
        d.gap()

        for level in d.section(_("Nivå over tid"), copy.levels, _("Ingen nivå er oppført.")):
            d.text(f"{long_date(level.date)}: {level.decision} – {level.level}")

        for p in d.section(_("Deltakere"), copy.participants, _("Ingen deltakere er oppført.")):
            d.subheading(p.who)
            d.fact(_("Rolle"), p.role)
            d.fact(_("Grunnlag"), p.basis)
            d.fact(_("Med fra"), long_date(p.joined_on))
            d.fact(_("Sluttet"), _day(p.left_on))

        for r in d.section(_("Hvem kan lese saken nå"), copy.readers, _("Ingen er oppført.")):
            d.text(f"{r.name}, {r.unit} – {r.basis}")

        for m in d.section(_("Tiltak"), copy.measures, _("Ingen tiltak.")):
            d.subheading(m.title)
            d.text(m.goal)
            d.fact(_("Hvor"), m.arena)
            d.fact(_("Ansvarlig"), m.responsible)
            d.fact(_("Startet"), long_date(m.start_date))
            d.fact(_("Evalueres"), long_date(m.evaluation_date))
            d.fact(_("Status"), m.status)
            for ev in m.evaluations:
                d.fact(
                    _("Evaluert %(day)s") % {"day": long_date(ev.evaluated_on)},
                    f"{ev.outcome} ({ev.decided}, {ev.by}). {ev.text}",
                )
            d.fact(_("Det du mener"), m.child_view)
            d.gap()

        for mt in d.section(_("Møter"), copy.meetings, _("Ingen møter.")):
            d.subheading(f"{mt.kind} – {long_datetime(mt.starts_at)}")
            d.fact(_("Status"), mt.status)
            d.fact(_("Sted"), mt.place)
            d.fact(_("Video"), mt.video_url)
            d.fact(_("Saksliste"), mt.agenda)
            d.fact(_("Ditt svar"), mt.my_answer)
            d.fact(_("Det du mener"), mt.child_view)
            d.gap()

        for e in d.section(_("Loggføringer"), copy.entries, _("Ingen loggføringer.")):
            corrected = f" ({_('rettet')})" if e.corrected else ""
            d.subheading(f"{e.kind} – {long_datetime(e.written_at)}{corrected}")
            d.fact(_("Skrevet av"), e.author)
            d.text(e.text)
            d.gap()

        for s in d.section(_("Samtykker"), copy.consents, _("Ingen samtykker.")):
            d.subheading(s.purpose)
            d.fact(_("Referanse"), s.reference)
            d.fact(_("Status"), s.state)
            if s.own_help:
                d.text(_("Gjelder din egen hjelp."))
            d.fact(_("Tjenester"), ", ".join(s.units))
            d.fact(_("Hvem svarer"), "; ".join(f"{p['who']}: {p['answer']}" for p in s.parties))
            d.fact(_("Gitt"), _day(s.given_on))
            d.fact(_("Trukket tilbake"), _day(s.withdrawn_on))
            d.fact(_("Utløper"), _day(s.expires_on))
            d.gap()

        for group in d.section(
            _("Hvem har lest og skrevet"),
            copy.access_log,
            _("Ingen har lest eller skrevet i saken ennå."),
        ):
            d.text(group.text)
        return w.output()


# --- The download ---------------------------------------------------------------------------


def copy_file(copy: FamilyCopy, fmt: str) -> bytes:
    return copy_pdf(copy) if fmt == PDF else copy_json(copy)


def copy_filename(fmt: str, day: datetime.date | None = None) -> str:
    """A name without personal data: stafettlogg-kopi-2026-12-04.pdf."""
    day = day or timezone.localdate()
    return f"stafettlogg-kopi-{day.isoformat()}.{fmt}"


def copy_download(data: bytes, fmt: str) -> HttpResponse:
    """The copy as a download that no cache keeps, named without personal data."""
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{copy_filename(fmt)}"'
    response["Cache-Control"] = "no-store"
    return response
