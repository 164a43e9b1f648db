"""The archive package's documents, as PDF/A-2b (laget.lib.pdf, archival=True).

What becomes a document of its own (a registration in the saksmappe):
- the log itself: the case, its level decisions, participants, measures with their
  evaluations, entries, meetings and consents, in one document, as the log reads on the page;
- each filled tool (its answers and score), as it was filled;
- each meeting's minutes, where the meeting has minutes.
The archive keeps everything the municipality recorded: no family member's restriction applies
to it (restrictions govern what a family member reads, laget.family.access)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from laget.cases.choices import Decision, Level
from laget.cases.models import Case, Entry, MeasureEvaluation, Meeting
from laget.cases.tools.pdf import filled_tool_pdf
from laget.consent.models import Consent
from laget.lib.pdf import PdfWriter
from laget.tools.models import FilledTool


@dataclass(frozen=True)
class Document:
    """One PDF of the package: its file name in the zip, titles and who made it when."""

    filename: str
    title: str
    public_title: str
    kind: str  # dokumenttype
    created_at: datetime.datetime
    created_by: str
    data: bytes


def when(value: datetime.datetime | None) -> str:
    if value is None:
        return "–"
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def day(value: datetime.date | None) -> str:
    return "–" if value is None else formats.date_format(value, "SHORT_DATE_FORMAT")


def entry_author(entry: Entry) -> str:
    if entry.author_is_child:
        return _("Barnet selv")
    if entry.author_guardian is not None:
        return f"{entry.author_guardian.name} ({entry.author_guardian.get_role_display()})"
    unit = entry.author_unit.name if entry.author_unit is not None else ""
    return f"{entry.author.display_name}, {unit}" if unit else entry.author.display_name


def _heading(w: PdfWriter, text: str) -> None:
    w.para(text, size=13, bold=True, gap=1)


def _consent_parties(consent: Consent) -> str:
    names = []
    for party in consent.parties.all():
        if party.is_child:
            who = _("barnet")
        elif party.guardian is not None:
            who = party.guardian.name
        else:
            who = party.care_unit.name if party.care_unit is not None else "–"
        names.append(f"{who}: {party.get_response_display()}")
    return "; ".join(names)


def log_pdf(case: Case, title: str) -> bytes:
    """The whole log in one document."""
    w = PdfWriter(title=title, archival=True)
    w.para(title, size=16, bold=True)
    w.para(
        _("Ansvarlig enhet: %(unit)s · opprettet %(opened)s · avsluttet %(closed)s")
        % {"unit": case.unit.name, "opened": when(case.opened_at), "closed": when(case.closed_at)},
        size=9,
    )
    w.para(_("Nivå ved avslutning: %(level)s") % {"level": Level(case.level).label}, size=9)
    if case.subject is not None and case.subject.birth_date:
        w.para(_("Født: %(date)s") % {"date": day(case.subject.birth_date)}, size=9)
    w.para(_("Begrunnelse for avslutning: %(reason)s") % {"reason": case.close_reason}, gap=4)

    _heading(w, _("Nivåbeslutninger"))
    w.table(
        [_("Tidspunkt"), _("Beslutning"), _("Nivå"), _("Begrunnelse"), _("Av")],
        [
            (
                when(c.decided_at),
                Decision(c.decision).label,
                "–" if c.from_level is None else f"{c.from_level} → {c.to_level}",
                c.reason,
                c.decided_by.display_name,
            )
            for c in case.level_changes.select_related("decided_by").order_by("decided_at", "pk")
        ],
        widths=(28, 32, 16, 74, 40),
        text_columns=5,
    )

    _heading(w, _("Deltakere"))
    w.table(
        [_("Enhet"), _("Person"), _("Rolle"), _("Grunnlag"), _("Med fra"), _("Gikk ut")],
        [
            (
                p.unit.name,
                p.user.display_name if p.user is not None else _("(tjenesten)"),
                p.get_role_display(),
                p.basis_ref or p.get_legal_basis_display(),
                when(p.joined_at),
                when(p.left_at),
            )
            for p in case.participants.select_related("unit", "user").order_by("joined_at", "pk")
        ],
        widths=(36, 32, 24, 42, 28, 28),
        text_columns=6,
    )

    _heading(w, _("Tiltak og evalueringer"))
    measures = (
        case.measures.select_related("responsible__user", "responsible__unit")
        .prefetch_related(
            Prefetch(
                "evaluations",
                queryset=MeasureEvaluation.objects.select_related("author", "author_unit"),
            )
        )
        .order_by("start_date", "pk")
    )
    for m in measures:
        w.para(m.title, bold=True, gap=0.5)
        w.para(_("Mål: %(goal)s") % {"goal": m.goal}, gap=0.5)
        w.para(
            _("Arena: %(arena)s · start %(start)s · evaluering %(eval)s · status: %(status)s")
            % {
                "arena": m.get_arena_display(),
                "start": day(m.start_date),
                "eval": day(m.evaluation_date),
                "status": m.get_status_display(),
            },
            size=9,
            gap=0.5,
        )
        for ev in m.evaluations.all():  # every evaluation, newest first
            w.para(
                _("Evaluert %(when)s av %(who)s: %(outcome)s (%(decided)s)")
                % {
                    "when": day(ev.evaluated_on),
                    "who": ev.author_label,
                    "outcome": ev.get_outcome_display(),
                    "decided": ev.decision_label,
                },
                size=9,
                gap=0.5,
            )
            w.para(ev.text, gap=0.5)
        if m.child_view:
            w.para(_("Barnets syn: %(view)s") % {"view": m.child_view}, gap=0.5)
        w.pdf.ln(2)
    if not measures:
        w.para(_("Ingen tiltak."), gap=3)

    _heading(w, _("Innførsler"))
    entries = case.entries.select_related("author", "author_unit", "author_guardian").order_by(
        "created_at", "pk"
    )
    for e in entries:
        w.para(
            f"{when(e.created_at)} · {e.get_kind_display()} · {entry_author(e)} · "
            f"{e.get_audience_display()}",
            size=9,
            bold=True,
            gap=0.5,
        )
        w.para(e.text, gap=3)
    if not entries:
        w.para(_("Ingen innførsler."), gap=3)

    _heading(w, _("Møter"))
    meetings = list(case.meetings.order_by("starts_at", "pk"))
    for mt in meetings:
        w.para(
            f"{when(mt.starts_at)} · {mt.get_kind_display()} · {mt.get_status_display()}"
            + (f" · {mt.place}" if mt.place else ""),
            bold=True,
            gap=0.5,
        )
        if mt.agenda:
            w.para(_("Saksliste: %(text)s") % {"text": mt.agenda}, gap=0.5)
        if mt.minutes:
            w.para(_("Referatet er eget dokument i arkivpakken."), size=9, gap=0.5)
        w.pdf.ln(2)
    if not meetings:
        w.para(_("Ingen møter."), gap=3)

    _heading(w, _("Samtykker"))
    consents = case.consents.prefetch_related("units", "parties__guardian", "parties__care_unit")
    for c in consents.order_by("requested_at", "pk"):
        w.para(f"{c.reference} · {c.get_state_display()}", bold=True, gap=0.5)
        w.para(_("Formål: %(purpose)s") % {"purpose": c.purpose}, gap=0.5)
        w.para(
            _("Enheter: %(units)s · bedt om %(req)s · gitt %(given)s · trukket %(withdrawn)s")
            % {
                "units": ", ".join(u.name for u in c.units.all()),
                "req": when(c.requested_at),
                "given": when(c.given_at),
                "withdrawn": when(c.withdrawn_at),
            },
            size=9,
            gap=0.5,
        )
        w.para(_("Parter: %(parties)s") % {"parties": _consent_parties(c)}, size=9, gap=3)
    if not consents.exists():
        w.para(_("Ingen samtykker."), gap=3)
    return w.output()


def minutes_pdf(meeting: Meeting, title: str) -> bytes:
    w = PdfWriter(title=title, archival=True)
    w.para(title, size=16, bold=True)
    w.para(
        f"{when(meeting.starts_at)} · {meeting.get_status_display()}"
        + (f" · {meeting.place}" if meeting.place else ""),
        size=9,
        gap=4,
    )
    invited = [
        a.participant.user.display_name
        if a.participant is not None and a.participant.user is not None
        else a.participant.unit.name
        if a.participant is not None
        else a.guardian.name
        if a.guardian is not None
        else "–"
        for a in meeting.attendees.select_related(
            "participant__user", "participant__unit", "guardian"
        ).order_by("pk")
    ]
    if invited:
        w.para(_("Invitert: %(names)s") % {"names": ", ".join(invited)}, size=9, gap=3)
    if meeting.agenda:
        _heading(w, _("Saksliste"))
        w.para(meeting.agenda, gap=3)
    _heading(w, _("Referat"))
    w.para(meeting.minutes, gap=3)
    if meeting.child_view:
        _heading(w, _("Barnets syn"))
        w.para(meeting.child_view, gap=3)
    return w.output()


def documents(case: Case, case_title: str) -> Iterable[Document]:
    """The package's documents in order: the log first, then tools and minutes by date."""
    assert case.closed_at is not None
    closer = case.closed_by.display_name if case.closed_by is not None else "Laget"
    yield Document(
        "dokumenter/01-stafettlogg.pdf",
        _("Stafettlogg – %(name)s") % {"name": case_title},
        _("Stafettlogg"),
        _("Notat"),
        case.closed_at,
        closer,
        log_pdf(case, _("Stafettlogg – %(name)s") % {"name": case_title}),
    )
    later: list[tuple[datetime.datetime, int, str, Document]] = []
    filled_tools = FilledTool.objects.filter(case=case).select_related(
        "tool_version__definition", "author", "author_unit"
    )
    for f in filled_tools:
        name = f.tool_version.definition.name
        title = f"{name} – {case_title}"
        later.append(
            (
                f.created_at,
                f.pk,
                "verktoy",
                Document(
                    "",
                    title,
                    name,
                    _("Skjema"),
                    f.created_at,
                    f.author.display_name,
                    filled_tool_pdf(f, title=title, archival=True),
                ),
            )
        )
    for mt in case.meetings.exclude(minutes="").select_related("created_by"):
        title = _("Møtereferat %(date)s – %(name)s") % {
            "date": day(timezone.localdate(mt.starts_at)),
            "name": case_title,
        }
        later.append(
            (
                mt.starts_at,
                mt.pk,
                "referat",
                Document(
                    "",
                    title,
                    _("Møtereferat %(date)s") % {"date": day(timezone.localdate(mt.starts_at))},
                    _("Referat"),
                    mt.starts_at,
                    mt.created_by.display_name,
                    minutes_pdf(mt, title),
                ),
            )
        )
    later.sort(key=lambda item: (item[0], item[2], item[1]))
    for number, (_when, _pk, slug, doc) in enumerate(later, start=2):
        yield Document(
            f"dokumenter/{number:02d}-{slug}.pdf",
            doc.title,
            doc.public_title,
            doc.kind,
            doc.created_at,
            doc.created_by,
            doc.data,
        )
