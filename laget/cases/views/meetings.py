"""Meetings, the answers of those invited, and transitions between units (each transition
comes with a handover meeting)."""

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from laget.cases.access import CaseAccess, Need
from laget.cases.choices import Response
from laget.cases.forms.meetings import MeetingForm, TransitionForm
from laget.cases.models import Meeting
from laget.cases.services import meetings, transitions
from laget.cases.statutes import statutes_for
from laget.cases.views.common import case_url, form_page, load_case, web_actor
from laget.cases.views.participants import open_consents
from laget.family.access import family_views
from laget.orgs.models import Unit
from laget.people.models import Guardian, by_name

METHODS = ["GET", "HEAD", "POST"]


def _guardians(access: CaseAccess) -> list[Guardian]:
    subject = access.case.subject
    return by_name(subject.guardians.all()) if subject else []


def _meeting_anchor(meeting: Meeting) -> str:
    """Back on the case page at the meeting just saved, not the top of the list."""
    return f"mote-{meeting.pk}"


def _attendee_rows(meeting: Meeting) -> Iterable[tuple[str, str]]:
    labels = [a.label for a in meeting.attendees.select_related("participant__user", "guardian")]
    return [(_("Inviterte"), ", ".join(labels) or "–")]


@login_required
@require_http_methods(METHODS)
def meeting_create(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    active = [p for p in access.case.participants.all() if p.is_active]
    # Everyone taking part, and the family members who may see the case's meetings, are
    # invited unless unticked.
    invited_family = [
        v.guardian.pk for v in family_views(access.case) if v.guardian and v.invited_by_default
    ]
    form = MeetingForm(
        request.POST or None,
        initial={"participants": [p.pk for p in active], "guardians": invited_family},
        participants=active,
        guardians=_guardians(access),
        creating=True,
    )

    def save(data: dict[str, Any]) -> Meeting:
        return meetings.meeting_create(
            actor=web_actor(request),
            access=access,
            kind=data["kind"],
            starts_at=data["starts_at"],
            place=data["place"],
            video_url=data["video_url"],
            agenda=data["agenda"],
            participant_ids=data["participants"],
            guardian_ids=data.get("guardians", []),
            child_view=data.get("child_view", ""),
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Nytt møte"),
        success=_("Møtet er lagret."),
        anchor="moter",
        saved_anchor=_meeting_anchor,
    )


@login_required
@require_http_methods(METHODS)
def meeting_update(request: HttpRequest, case_id: int, meeting_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    meeting = get_object_or_404(access.case.meetings, pk=meeting_id)
    attendees = list(meeting.attendees.all())
    guardians = _guardians(access)
    active = [p for p in access.case.participants.all() if p.is_active]
    invited = {a.participant_id for a in attendees if a.participant_id}
    invited_guardians = {a.guardian_id for a in attendees if a.guardian_id}
    form = MeetingForm(
        request.POST or None,
        initial={
            "kind": meeting.kind,
            "starts_at": timezone.localtime(meeting.starts_at),
            "place": meeting.place,
            "video_url": meeting.video_url,
            "agenda": meeting.agenda,
            "minutes": meeting.minutes,
            "child_view": meeting.child_view,
            "status": meeting.status,
            "participants": sorted(invited),
            "guardians": sorted(invited_guardians),
            "version": meeting.version,
        },
        participants=active,
        guardians=guardians,
        creating=False,
    )

    def save(data: dict[str, Any]) -> None:
        fields = {name: data[name] for name in meetings.MEETING_FIELDS if name in data}
        # An unchanged list is left alone, so that the invitations of people who have since
        # left the case are kept (only active participants can be invited anew).
        chosen = set(data["participants"])
        still_active = invited & {p.pk for p in active}
        chosen_guardians = set(data.get("guardians", []))
        meetings.meeting_update(
            actor=web_actor(request),
            access=access,
            meeting=meeting,
            expected_version=data["version"],
            participant_ids=None if chosen == still_active else sorted(chosen),
            guardian_ids=None
            if chosen_guardians == invited_guardians
            else sorted(chosen_guardians),
            next_starts_at=data.get("next_starts_at"),
            **fields,
        )
        if data.get("next_starts_at"):
            messages.success(request, _("Neste møte er satt opp."))

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Endre møte og referat"),
        success=_("Møtet er lagret."),
        anchor=_meeting_anchor(meeting),
        conflict_extra=_attendee_rows,
    )


@login_required
@require_POST
def attendee_respond(
    request: HttpRequest, case_id: int, meeting_id: int, attendee_id: int
) -> HttpResponse:
    """Record an invited person's answer from the case page. Without JavaScript the page is
    shown again; with htmx only the person's row is replaced."""
    access = load_case(request, case_id, Need.WRITE)
    meeting = get_object_or_404(access.case.meetings, pk=meeting_id)
    back = case_url(access.case.pk, "moter")
    htmx = request.headers.get("HX-Request") == "true"
    try:
        attendee = meetings.attendee_respond(
            actor=web_actor(request),
            access=access,
            meeting=meeting,
            attendee_id=attendee_id,
            response=request.POST.get("response", ""),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        # The whole page again, with the message: a row alone has no place to show it.
        return HttpResponseClientRedirect(back) if htmx else redirect(back)
    if not htmx:
        messages.success(request, _("Svaret er lagret."))
        return redirect(back)
    row = meeting.attendees.select_related(
        "participant__user", "participant__unit", "guardian"
    ).get(pk=attendee.pk)
    return render(
        request,
        "cases/_meeting_attendee.html",
        {
            "a": row,
            "meeting": meeting,
            "case": access.case,
            "access": access,
            "responses": Response.choices,
            "saved": True,
        },
    )


@login_required
@require_http_methods(METHODS)
def transition_create(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    units = (
        Unit.objects.filter(municipality_id=access.case.municipality_id, is_active=True)
        .exclude(pk=access.case.unit_id)
        .order_by("name")
    )
    form = TransitionForm(
        request.POST or None,
        units=units,
        consents=open_consents(access),
        statutes=statutes_for(access.case.municipality_id),
    )

    def save(data: dict[str, Any]) -> None:
        transitions.transition_create(
            actor=web_actor(request),
            access=access,
            to_unit_id=data["to_unit"],
            date=data["date"],
            meeting_at=data["meeting_at"],
            place=data["place"],
            video_url=data["video_url"],
            legal_basis=data["legal_basis"],
            statute=data["statute"],
            consent_id=data["consent"],
            note=data["note"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Ny overgang"),
        intro=_(
            "Ved overgang, for eksempel fra barnehage til skole, blir den nye enheten "
            "deltaker og ansvarlig enhet, og alle inviteres til et overgangsmøte."
        ),
        success=_("Overgangen er registrert."),
        anchor="overganger",
    )


def _meeting_action(
    request: HttpRequest, case_id: int, meeting_id: int, act: Any, done: str
) -> HttpResponse:
    """A button on a meeting's card: the action, its message, and the case page again at the
    meeting."""
    access = load_case(request, case_id, Need.WRITE)
    meeting = get_object_or_404(access.case.meetings, pk=meeting_id)
    try:
        act(access, meeting)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    back = case_url(access.case.pk, f"mote-{meeting.pk}")
    htmx = request.headers.get("HX-Request") == "true"
    return HttpResponseClientRedirect(back) if htmx else redirect(back)


@login_required
@require_POST
def interpreter_book(
    request: HttpRequest, case_id: int, meeting_id: int, attendee_id: int
) -> HttpResponse:
    """Record that an invited family member's interpreter is booked, or no longer is."""
    booked = request.POST.get("booked") == "1"
    return _meeting_action(
        request,
        case_id,
        meeting_id,
        lambda access, meeting: meetings.interpreter_book(
            actor=web_actor(request),
            access=access,
            meeting=meeting,
            attendee_id=attendee_id,
            booked=booked,
        ),
        _("Tolken er registrert som bestilt.") if booked else _("Tolken er ikke lenger bestilt."),
    )


@login_required
@require_POST
def meeting_ready(request: HttpRequest, case_id: int, meeting_id: int) -> HttpResponse:
    """Mark a planned meeting ready (refused while an interpreter is not booked)."""
    return _meeting_action(
        request,
        case_id,
        meeting_id,
        lambda access, meeting: meetings.meeting_mark_ready(
            actor=web_actor(request), access=access, meeting=meeting
        ),
        _("Møtet er merket klart."),
    )
