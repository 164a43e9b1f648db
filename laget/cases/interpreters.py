"""Interpreters at meetings: which invited family members need one, whether it is booked, and
whether the meeting may be marked ready. The one place the case page, the family portal, the
invitation e-mail and its calendar invitation ask.

The need is the family member's (laget.people.interpreting); the booking is the meeting's, for
that member and language. A need that changes after the booking (another language) is not
booked until someone books again.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from laget.cases.models import Meeting, MeetingAttendee
from laget.people.interpreting import interpreter_label, needs_interpreter


@dataclass(frozen=True)
class InterpreterNeed:
    attendee: MeetingAttendee
    interpreter: str
    booked: bool

    @property
    def label(self) -> str:
        """ "arabisk", "Norsk tegnspråk", … in the active language."""
        return interpreter_label(self.interpreter)


def attendee_need(attendee: MeetingAttendee) -> InterpreterNeed | None:
    """The interpreter an invited family member needs, or None."""
    member = attendee.guardian
    if member is None or not needs_interpreter(member.interpreter):
        return None
    return InterpreterNeed(
        attendee=attendee,
        interpreter=member.interpreter,
        booked=attendee.interpreter_booked == member.interpreter,
    )


def meeting_needs(attendees: Iterable[MeetingAttendee]) -> list[InterpreterNeed]:
    """Every interpreter the meeting's invited family members need (from attendees read with
    their guardian)."""
    return [need for a in attendees if (need := attendee_need(a)) is not None]


def unbooked(attendees: Iterable[MeetingAttendee]) -> list[InterpreterNeed]:
    return [need for need in meeting_needs(attendees) if not need.booked]


def is_ready(meeting: Meeting, attendees: Iterable[MeetingAttendee]) -> bool:
    """Marked ready, and still with every interpreter booked."""
    return meeting.ready_at is not None and not unbooked(attendees)


def interpreter_summary(attendees: Iterable[MeetingAttendee]) -> tuple[list[str], list[str]]:
    """The languages needed at the meeting, booked and not booked, with no name attached: what
    an invitation may say (the e-mail and .ics carry no personal data)."""
    needs = meeting_needs(attendees)
    booked = sorted({n.label for n in needs if n.booked})
    missing = sorted({n.label for n in needs if not n.booked})
    return booked, missing
