"""A meeting card's interpreters and readiness, from the attendees the page read already."""

from dataclasses import dataclass

from django import template

from laget.cases.interpreters import InterpreterNeed, is_ready, meeting_needs
from laget.cases.models import Meeting

register = template.Library()


@dataclass(frozen=True)
class MeetingInterpreters:
    needs: list[InterpreterNeed]
    ready: bool

    @property
    def by_attendee(self) -> dict[int, InterpreterNeed]:
        return {need.attendee.pk: need for need in self.needs}


@register.simple_tag
def meeting_interpreters(meeting: Meeting) -> MeetingInterpreters:
    attendees = list(meeting.attendees.all())
    return MeetingInterpreters(needs=meeting_needs(attendees), ready=is_ready(meeting, attendees))
