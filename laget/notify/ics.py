"""The calendar invitation (iCalendar, RFC 5545/5546) sent with a meeting invitation.

It carries the time only: the summary is a fixed phrase, with no names and no place; the
description names the interpreter languages the meeting needs, if any (no one's name)."""

import datetime
from email.mime.text import MIMEText
from email.utils import parseaddr
from typing import Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress


class Meeting(Protocol):
    """What an invitation needs of a meeting (laget.cases.models.Meeting): its id, start and
    version. A protocol, so the outbox does not import the stafettlogg."""

    pk: int
    starts_at: datetime.datetime
    version: int

    def interpreters_for(self, recipient: str, *, family: bool) -> tuple[list[str], list[str]]:
        """Interpreter languages booked and not booked, as the invitation to `recipient` may
        name them."""
        ...


def interpreter_note(meeting: Meeting, *, recipient: str, family: bool) -> str:
    """One sentence on interpreters at the meeting, in the active language; empty if none is
    needed. Languages only: no name, nothing that says who needs one."""
    booked, missing = meeting.interpreters_for(recipient, family=family)
    parts = []
    if booked:
        parts.append(
            _("Det er bestilt tolk til møtet: %(languages)s.") % {"languages": ", ".join(booked)}
        )
    if missing:
        parts.append(
            _("Det trengs tolk til møtet (%(languages)s), men tolk er ikke bestilt ennå.")
            % {"languages": ", ".join(missing)}
        )
    return " ".join(parts)


# Meetings have a start only; the invitation books this long.
MEETING_LENGTH = datetime.timedelta(hours=1)
FILENAME = "invitasjon.ics"


def meeting_uid(meeting: Meeting) -> str:
    """The same for every invitation to one meeting, so calendars update instead of adding."""
    host = urlsplit(settings.LAGET_BASE_URL).hostname or "laget.invalid"
    return f"laget-meeting-{meeting.pk}@{host}"


def meeting_ics(meeting: Meeting, *, recipient: str, link: str, family: bool = False) -> bytes:
    starts = meeting.starts_at.astimezone(datetime.UTC)
    organizer = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "ikke-svar@laget.invalid"

    calendar = Calendar()
    calendar.add("prodid", "-//Laget//Stafettlogg//NO")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")

    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", starts)
    event.add("dtend", starts + MEETING_LENGTH)
    event.add("sequence", meeting.version - 1)
    event.add("summary", _("Møte i stafettloggen"))
    note = interpreter_note(meeting, recipient=recipient, family=family)
    event.add("description", f"{note}\n\n{link}" if note else link)
    event.add("url", link)
    event.add("organizer", vCalAddress(f"mailto:{organizer}"))
    # Answers go through Laget (the case page or the family portal), not by email.
    attendee = vCalAddress(f"mailto:{recipient}")
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    attendee.params["PARTSTAT"] = "NEEDS-ACTION"
    attendee.params["RSVP"] = "FALSE"
    event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()


def ics_part(ics: bytes) -> MIMEText:
    """A text/calendar part with method=REQUEST, as calendar programs expect, attached."""
    part = MIMEText(ics.decode(), "calendar", "utf-8")
    part.set_param("method", "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename=FILENAME)
    return part
