"""Reads for the portal pages, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditEvent
from laget.cases.choices import MeetingStatus, ParticipantRole
from laget.cases.models import Case, Entry, Measure, Meeting, MeetingAttendee, Participant
from laget.portal.access import FamilyAccess, family_cases, family_entries

HOLDERS = Prefetch(
    "participants",
    queryset=Participant.objects.filter(
        role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True
    ).select_related("user", "unit"),
    to_attr="holders",
)


@dataclass(frozen=True)
class HomeCase:
    case: Case
    holder: Participant | None
    next_meeting: Meeting | None


def home_cases(user: User) -> list[HomeCase]:
    now = timezone.now()
    upcoming = Prefetch(
        "meetings",
        queryset=Meeting.objects.filter(status=MeetingStatus.PLANNED, starts_at__gte=now),
        to_attr="upcoming",
    )
    cases = (
        family_cases(user)
        .select_related("subject", "unit")
        .prefetch_related(HOLDERS, upcoming)
        .order_by("closed_at", "-opened_at", "pk")
    )
    return [
        HomeCase(
            case=c,
            holder=next(iter(getattr(c, "holders", [])), None),
            next_meeting=next(iter(getattr(c, "upcoming", [])), None),
        )
        for c in cases
    ]


@dataclass(frozen=True)
class FamilyCasePage:
    access: FamilyAccess
    entries: list[Entry]
    measures: list[Measure]
    holder: Participant | None
    next_meeting: Meeting | None
    # The user's own invitation to the next meeting, if they are invited.
    invitation: MeetingAttendee | None

    @property
    def case(self) -> Case:
        return self.access.case


def family_case_page(access: FamilyAccess) -> FamilyCasePage:
    case = access.case
    holder = (
        case.participants.filter(role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True)
        .select_related("user", "unit")
        .first()
    )
    next_meeting = (
        case.meetings.filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )
    invitation = None
    if next_meeting is not None and access.guardian is not None:
        invitation = next_meeting.attendees.filter(guardian=access.guardian).first()
    return FamilyCasePage(
        access=access,
        entries=list(family_entries(access)),
        measures=list(case.measures.select_related("responsible__user", "responsible__unit")),
        holder=holder,
        next_meeting=next_meeting,
        invitation=invitation,
    )


def access_log(access: FamilyAccess) -> QuerySet[AuditEvent]:
    """Every read and write of the case's content, newest first: staff, the family, the system."""
    return (
        AuditEvent.objects.filter(case_id=access.case.pk)
        .select_related("actor")
        .order_by("-at", "-id")
    )
