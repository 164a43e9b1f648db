"""My cases, opening a new concern, and the case page."""

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.audit.services import audit_list
from laget.cases import selectors, step_undo
from laget.cases.access import Need, case_for
from laget.cases.choices import MeetingStatus, Response
from laget.cases.forms.lifecycle import CaseOpenForm
from laget.cases.log_html import log_items
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.models import Case, Measure, Meeting
from laget.cases.register_feed import register_notices_for
from laget.cases.services.lifecycle import case_identify, case_open, provisional_label
from laget.cases.views.common import case_url, current_user, web_actor
from laget.cases.whatnow import what_now
from laget.cases.withdrawal_notices import withdrawal_notices_for
from laget.consent.selectors import consents_for_case_page
from laget.folkeregister.connect import register_configured
from laget.orgs.models import Unit
from laget.orgs.rules import starts_on_dashboard
from laget.orgs.selectors import staff_profile
from laget.people.models import by_name


@login_required
@require_http_methods(["GET", "HEAD"])
def my_cases(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    profile = staff_profile(user)
    if starts_on_dashboard(profile) and not request.GET:
        return redirect("monitoring:dashboard")
    show_closed = request.GET.get("vis") == "alle"
    cases = list(selectors.my_cases(user, include_closed=show_closed))
    selectors.label_my_cases(cases)
    # A consent withdrawn by one guardian leaves a notice, also where it took the user's access.
    notices = withdrawal_notices_for(user)
    # The list shows names and levels: that is a read of each case, recorded once for the list.
    audit_list(
        actor=web_actor(request), case_ids=[c.pk for c in cases] + [n.case.pk for n in notices]
    )
    return render(
        request,
        "cases/my_cases.html",
        {
            "cases": cases,
            "withdrawal_notices": notices,
            "show_closed": show_closed,
            "may_open": profile.is_staff_member,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    """A new concern (undring), usually at level 0; levels 1–3 are allowed from the start."""
    user = current_user(request)
    profile = staff_profile(user)
    if not profile.is_staff_member:
        raise PermissionDenied
    units = Unit.objects.filter(pk__in=profile.unit_ids, is_active=True).order_by("name")
    form = CaseOpenForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actor = web_actor(request)
        try:
            with transaction.atomic():
                case = case_open(
                    actor=actor,
                    user=user,
                    unit_id=data["unit"],
                    label=data["label"] or (provisional_label() if form.has_person() else ""),
                    level=data["level"],
                    reason=data["reason"],
                    observation=data["observation"],
                )
                if form.has_person():
                    access = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
                    case_identify(actor=actor, access=access, **form.person_kwargs())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Saken er opprettet."))
            return redirect(case_url(case.pk))
    return render(request, "cases/case_new.html", {"form": form, "title": _("Ny undring")})


def _by_meeting(measures: list[Measure]) -> dict[int, list[Measure]]:
    grouped: dict[int, list[Measure]] = defaultdict(list)
    for m in measures:
        if m.meeting_id:
            grouped[m.meeting_id].append(m)
    return grouped


def _meeting_cards(
    meetings: list[Meeting], decided: dict[int, list[Measure]]
) -> list[tuple[Meeting, list[Measure], Meeting | None, list[Meeting]]]:
    """Each meeting with its decided measures, the meeting it follows up and its follow-ups."""
    by_id = {m.pk: m for m in meetings}
    followups: dict[int, list[Meeting]] = defaultdict(list)
    for m in meetings:
        if m.follows_id:
            followups[m.follows_id].append(m)
    return [
        (
            m,
            decided.get(m.pk, []),
            by_id.get(m.follows_id) if m.follows_id else None,
            followups.get(m.pk, []),
        )
        for m in meetings
    ]


def _my_invitations(meetings: list[Meeting], user_id: int) -> list[tuple[Meeting, Any]]:
    """The planned meetings the user is invited to and has not answered: the summary asks,
    and the meetings section opens (the attendees and their participants are read already)."""
    return [
        (m, a)
        for m in meetings
        if m.status == MeetingStatus.PLANNED
        for a in m.attendees.all()
        if a.response == Response.INVITED
        and a.participant_id
        and getattr(a.participant, "user_id", None) == user_id
    ]


@login_required
@require_http_methods(["GET", "HEAD"])
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    access = case_for(current_user(request), case_id, actor=web_actor(request))
    page = selectors.case_page(access, all_entries=request.GET.get("logg") == "alle")
    case: Case = page.case
    if case.subject:
        # Read once: the participants' section and the family panel both list them.
        prefetch_related_objects([case.subject], "guardians")
    guardians = by_name(case.subject.guardians.all()) if case.subject else []
    decided = _by_meeting(page.measures)
    meetings_by_id = {m.pk: m for m in page.meetings}
    now = what_now(case) if not case.is_closed else None
    context: dict[str, Any] = {
        "access": access,
        "page": page,
        "case": case,
        "guardians": guardians,
        "holder": page.stafettholder,
        "overdue_ids": {m.pk for m in page.overdue_measures},
        "meetings": _meeting_cards(page.meetings, decided),
        "responses": Response.choices,
        "transitions": [(t, meetings_by_id.get(t.meeting_id)) for t in page.transitions],
        "user_id": request.user.pk,
        "my_invitations": _my_invitations(page.meetings, current_user(request).pk),
        "title": _("Sak %(id)s") % {"id": case.pk},
        "closed_message": MSG_CASE_CLOSED,
        "consents": consents_for_case_page(case),
        "what_now": now,
        "step_undo": step_undo.pending(request, case, now.step.slug) if now else None,
        "same_child_notices": (
            list(case.same_child_notices.filter(handled_at=None).select_related("unit"))
            if access.can_coordinate
            else []
        ),
        # What the population register changed (laget/cases/register_feed.py).
        "register_notices": register_notices_for(case) if access.can_coordinate else [],
        "register_connected": register_configured() and not case.is_practice,
    }
    context["log_items"] = log_items(
        page.entries, access=access, user=current_user(request), context=context
    )
    return render(request, "cases/case_detail.html", context)
