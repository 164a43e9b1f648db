"""Reads for the portal pages, each in a fixed number of queries per case.

Everything here is read through the member's `FamilyView` (laget.family.access): the entries,
measures, meetings and the stafettholder they may see, and how units and people are named to
them (a unit that would tell where a protected member lives gets a neutral label). The pages
show what these return and decide nothing themselves; nothing tells a restricted member that
something is withheld.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from laget.accounts.models import User
from laget.audit.models import AuditEvent
from laget.cases.interpreters import InterpreterNeed, attendee_need
from laget.cases.models import Case, Meeting, MeetingAttendee
from laget.family.shown import (
    Contact,
    ShownEntry,
    ShownMeasure,
    ShownMeeting,
    contact,
    member_measures,
    shown_entry,
    shown_meeting,
    upcoming_meeting,
)
from laget.portal.access import FamilyAccess, family_case_for, family_cases, family_entries

# What a member is shown is selected in laget/family/shown.py: the family's copy reads it too.


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
                next_meeting=upcoming_meeting(view, case),
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
    # The interpreter they need at it, and whether it is booked (only their own need).
    interpreter: InterpreterNeed | None = None

    @property
    def case(self) -> Case:
        return self.access.case


def family_case_page(access: FamilyAccess) -> FamilyCasePage:
    case = access.case
    view = access.view
    next_meeting = upcoming_meeting(view, case)
    invitation = None
    if next_meeting is not None and access.guardian is not None:
        invitation = next_meeting.attendees.filter(guardian=access.guardian).first()
        if invitation is not None:
            invitation.guardian = access.guardian
    return FamilyCasePage(
        access=access,
        entries=[shown_entry(view, e) for e in family_entries(access)],
        measures=member_measures(view, case),
        contact=contact(view, case),
        next_meeting=shown_meeting(view, next_meeting) if next_meeting is not None else None,
        invitation=invitation,
        answers=invitation is not None and view.rights.answers_meetings and not case.is_closed,
        interpreter=attendee_need(invitation) if invitation is not None else None,
    )


def access_log(access: FamilyAccess) -> QuerySet[AuditEvent]:
    """Every read and write of the case's content this member may see, newest first: staff,
    the system, their own and (where allowed) the other members' (laget.family.access)."""
    return (
        access.view.audit(AuditEvent.objects.filter(case_id=access.case.pk))
        .select_related("actor")
        .order_by("-at", "-id")
    )
