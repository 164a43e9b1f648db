"""The family's cases: the list, the case page, one entry, writing, answering, the access log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.audit.services import audit_list
from laget.cases.choices import EntryKind, MeetingStatus
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.services.entries import entry_create_by_family
from laget.cases.services.meetings import attendee_respond
from laget.family.access import family_readers
from laget.family.log_labels import log_page
from laget.portal import selectors
from laget.portal.access import (
    family_case_for,
    family_entries,
    family_read,
    portal_actor,
)
from laget.portal.forms import FamilyEntryForm, MeetingAnswerForm
from laget.portal.views.common import case_url, portal_login_required, portal_user

LOG_PAGE_SIZE = 25


@portal_login_required
@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    user = portal_user(request)
    rows = selectors.home_cases(user)
    if rows:
        # The list shows names: a read of each case, one access-log row per case.
        audit_list(actor=portal_actor(user), case_ids=[r.case.pk for r in rows])
    return render(request, "portal/home.html", {"rows": rows, "title": _("Familiesiden")})


@portal_login_required
@require_http_methods(["GET", "HEAD"])
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    access = family_case_for(portal_user(request), case_id)
    page = selectors.family_case_page(access)
    return render(
        request,
        "portal/case_detail.html",
        {
            "access": access,
            "page": page,
            "case": access.case,
            "title": access.case.display_name,
            "closed_message": MSG_CASE_CLOSED,
            "answer_form": MeetingAnswerForm(),
        },
    )


@portal_login_required
@require_http_methods(["GET", "HEAD"])
def entry_detail(request: HttpRequest, case_id: int, entry_id: int) -> HttpResponse:
    user = portal_user(request)
    access = family_case_for(user, case_id, audit=False)
    entry = get_object_or_404(family_entries(access), pk=entry_id)
    family_read(user, access, "entry", entry.pk)
    return render(
        request,
        "portal/entry_detail.html",
        {
            "access": access,
            "case": access.case,
            "row": selectors.shown_entry(access.view, entry),
            "title": entry.get_kind_display(),
        },
    )


@portal_login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry_create(request: HttpRequest, case_id: int) -> HttpResponse:
    user = portal_user(request)
    # The form page shows the case's name: a read when shown, a write (the service's) when sent.
    access = family_case_for(user, case_id, audit=False)
    if not access.view.rights.writes:
        # A member who only reads (laget.family.access) has no form to write in.
        raise Http404
    if request.method != "POST":
        family_read(user, access, "case", access.case.pk)
    glimmer = request.GET.get("type") == "lysglimt"
    form = FamilyEntryForm(
        request.POST or None,
        initial={"kind": EntryKind.GLIMMER if glimmer else EntryKind.COMMENT},
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry_create_by_family(
                actor=portal_actor(user),
                case=access.case,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                guardian=access.guardian,
                child=access.child,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Takk! Det du skrev, står nå i loggen."))
            return redirect(case_url(access.case.pk, "logg"))
    if request.method == "POST":
        family_read(user, access, "case", access.case.pk)
    return render(
        request,
        "portal/entry_form.html",
        {
            "access": access,
            "case": access.case,
            "form": form,
            "title": _("Nytt lysglimt") if glimmer else _("Skriv i loggen"),
            "back_url": case_url(access.case.pk),
            "closed_message": MSG_CASE_CLOSED,
        },
    )


@portal_login_required
@require_POST
def meeting_respond(request: HttpRequest, case_id: int, meeting_id: int) -> HttpResponse:
    """The guardian's own answer to an invitation; nobody answers for someone else here."""
    user = portal_user(request)
    access = family_case_for(user, case_id, audit=False)
    if access.guardian is None or not access.view.rights.answers_meetings:
        raise Http404
    # Only a meeting the member may see: one they are shut out of looks missing.
    meeting = get_object_or_404(
        access.view.meetings(access.case.meetings.all()),
        pk=meeting_id,
        status=MeetingStatus.PLANNED,
        starts_at__gte=timezone.now(),
    )
    attendee = get_object_or_404(meeting.attendees, guardian=access.guardian)
    form = MeetingAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Velg om du kommer eller ikke."))
        return redirect(case_url(access.case.pk, "mote"))
    try:
        attendee_respond(
            actor=portal_actor(user),
            access=access.case_access,
            meeting=meeting,
            attendee_id=attendee.pk,
            response=form.cleaned_data["response"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Takk! Svaret ditt er lagret."))
    return redirect(case_url(access.case.pk, "mote"))


@portal_login_required
@require_http_methods(["GET", "HEAD"])
def access_log(request: HttpRequest, case_id: int) -> HttpResponse:
    """Who read and wrote what in the case, grouped by person, unit and day, as this member
    may see it (laget.family.access: their view filters the rows and the readers)."""
    user = portal_user(request)
    access = family_case_for(user, case_id, audit=False)
    page, groups = log_page(
        selectors.access_log(access),
        view=access.view,
        municipality_id=access.case.municipality_id,
        number=request.GET.get("side"),
        per_page=LOG_PAGE_SIZE,
    )
    # Recorded after the rows are read, so that this look is not the first row shown.
    family_read(user, access, "access_log", access.case.pk)
    return render(
        request,
        "portal/access_log.html",
        {
            "access": access,
            "case": access.case,
            "page": page,
            "groups": [g for g in groups if not g.only_listed],
            # Only shown in someone's list of cases, never opened: folded away on the page.
            "listed_groups": [g for g in groups if g.only_listed],
            # Who may read the case today, each with the basis (a statute with its reference).
            "readers": family_readers(access.view, access.case),
            "title": _("Hvem har lest og skrevet"),
        },
    )
