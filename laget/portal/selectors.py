"""Reads for the portal pages, each in a fixed number of queries per case.

Everything here is read through the member's `FamilyView` (laget.family.access): the entries,
measures, meetings and the stafettholder they may see, and how units and people are named to
them (a unit that would tell where a protected member lives gets a neutral label). The pages
show what these return and decide nothing themselves; nothing tells a restricted member that
something is withheld.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditEvent
from laget.cases.choices import MeetingStatus, ParticipantRole
from laget.cases.models import Case, Entry, Measure, Meeting, MeetingAttendee, Participant
from laget.family.access import FamilyView
from laget.family.choices import Part
from laget.portal.access import FamilyAccess, family_case_for, family_cases, family_entries


@dataclass(frozen=True)
class ShownEntry:
    entry: Entry
    # The author as this member may see them (FamilyView.author_label).
    author: str


@dataclass(frozen=True)
class ShownMeasure:
    measure: Measure
    responsible: str


@dataclass(frozen=True)
class ShownMeeting:
    meeting: Meeting
    # Blank where the member may not see places.
    place: str


@dataclass(frozen=True)
class Contact:
    """The stafettholder box: the holder as the member may see them, or what to say instead."""

    holder: Participant | None
    unit: str
    # No stafettholder yet, and the member may be told so (and whom to ask).
    none_yet: bool
    ask: str


def shown_entry(view: FamilyView, entry: Entry) -> ShownEntry:
    return ShownEntry(entry=entry, author=view.author_label(entry))


def shown_meeting(view: FamilyView, meeting: Meeting) -> ShownMeeting:
    return ShownMeeting(meeting=meeting, place="" if view.hides_places else meeting.place)


def _upcoming(view: FamilyView, case: Case) -> Meeting | None:
    return (
        view.meetings(case.meetings.all())
        .filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )


def contact(view: FamilyView, case: Case) -> Contact:
    holders = case.participants.filter(role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True)
    holder = view.participants(holders).select_related("user", "unit").first()
    # "No stafettholder yet" only where it is true and participants are not withheld: a
    # holder the member may not see is not denied either, just not named.
    none_yet = holder is None and not view.hides(Part.PARTICIPANTS) and not holders.exists()
    return Contact(
        holder=holder,
        unit=view.unit_label(holder.unit) if holder is not None else "",
        none_yet=none_yet,
        ask=view.unit_label(case.unit),
    )


@dataclass(frozen=True)
class HomeCase:
    case: Case
    # The responsible unit as the member may see it.
    unit: str
    contact: Contact
    next_meeting: Meeting | None


def home_cases(user: User) -> list[HomeCase]:
    rows = []
    # Open cases first, the newest first.
    mine = sorted(
        family_cases(user), key=lambda c: (c.closed_at is not None, -c.opened_at.timestamp(), c.pk)
    )
    for found in mine:
        # The member's view of each case (the list shows few: a family's own cases).
        access = family_case_for(user, found.pk, audit=False)
        view, case = access.view, access.case
        rows.append(
            HomeCase(
                case=case,
                unit=view.unit_label(case.unit),
                contact=contact(view, case),
                next_meeting=_upcoming(view, case),
            )
        )
    return rows


@dataclass(frozen=True)
class FamilyCasePage:
    access: FamilyAccess
    entries: list[ShownEntry]
    measures: list[ShownMeasure]
    contact: Contact
    next_meeting: ShownMeeting | None
    # The user's own invitation to the next meeting, if they are invited.
    invitation: MeetingAttendee | None
    # Whether they may answer it here.
    answers: bool

    @property
    def case(self) -> Case:
        return self.access.case


def family_case_page(access: FamilyAccess) -> FamilyCasePage:
    case = access.case
    view = access.view
    next_meeting = _upcoming(view, case)
    invitation = None
    if next_meeting is not None and access.guardian is not None:
        invitation = next_meeting.attendees.filter(guardian=access.guardian).first()
    measures = view.measures(case.measures.all()).select_related(
        "responsible__user", "responsible__unit"
    )
    return FamilyCasePage(
        access=access,
        entries=[shown_entry(view, e) for e in family_entries(access)],
        measures=[
            ShownMeasure(
                measure=m,
                responsible=view.staff_label(
                    m.responsible.user.display_name if m.responsible.user else "",
                    m.responsible.unit,
                ),
            )
            for m in measures
        ],
        contact=contact(view, case),
        next_meeting=shown_meeting(view, next_meeting) if next_meeting is not None else None,
        invitation=invitation,
        answers=invitation is not None and view.rights.answers_meetings and not case.is_closed,
    )


def access_log(access: FamilyAccess) -> QuerySet[AuditEvent]:
    """Every read and write of the case's content this member may see, newest first: staff,
    the system, their own and (where allowed) the other members' (laget.family.access)."""
    return (
        access.view.audit(AuditEvent.objects.filter(case_id=access.case.pk))
        .select_related("actor")
        .order_by("-at", "-id")
    )
