"""The child's own view of a measure or a meeting, written in the portal. Only the child,
from the age they write in their own log, has these pages; for anyone else they are missing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.models import Measure, Meeting
from laget.family.voice import (
    MSG_CHILD_VIEW_CHANGED,
    child_measure,
    child_meeting,
    child_view_write,
)
from laget.lib.concurrency import ConflictError
from laget.portal.access import FamilyAccess, family_case_for, family_read, portal_actor
from laget.portal.family_forms import ChildViewForm
from laget.portal.views.common import case_url, portal_login_required, portal_user

METHODS = ["GET", "HEAD", "POST"]


def _page(
    request: HttpRequest, access: FamilyAccess, obj: Measure | Meeting, anchor: str
) -> HttpResponse:
    user = portal_user(request)
    form = ChildViewForm(
        request.POST or None, initial={"text": obj.child_view, "was": obj.child_view}
    )
    current: Model | None = None
    if request.method == "POST" and form.is_valid():
        try:
            child_view_write(
                actor=portal_actor(user),
                case=access.case,
                view=access.view,
                obj=obj,
                text=form.cleaned_data["text"],
                was=form.cleaned_data["was"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except ConflictError as exc:
            current = exc.current
            data = form.data.copy()  # type: ignore[attr-defined]
            data["was"] = getattr(current, "child_view", "")
            form.data = data
            form.add_error(None, MSG_CHILD_VIEW_CHANGED)
        else:
            messages.success(request, _("Takk! Det du mener, er lagret."))
            return redirect(case_url(access.case.pk, anchor))
    # Showing the page (again) shows the measure or meeting: a read of it.
    family_read(user, access, obj._meta.model_name or "", obj.pk)
    return render(
        request,
        "portal/child_view_form.html",
        {
            "access": access,
            "case": access.case,
            "form": form,
            "obj": obj,
            "is_measure": isinstance(obj, Measure),
            "current": current,
            "title": _("Hva synes du om tiltaket?")
            if isinstance(obj, Measure)
            else _("Hva synes du om møtet?"),
            "back_url": case_url(access.case.pk, anchor),
            "closed_message": MSG_CASE_CLOSED,
        },
    )


@portal_login_required
@require_http_methods(METHODS)
def child_view_measure(request: HttpRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = family_case_for(portal_user(request), case_id, audit=False)
    measure = child_measure(access.case, access.view, measure_id)
    return _page(request, access, measure, "tiltak")


@portal_login_required
@require_http_methods(METHODS)
def child_view_meeting(request: HttpRequest, case_id: int, meeting_id: int) -> HttpResponse:
    access = family_case_for(portal_user(request), case_id, audit=False)
    meeting = child_meeting(access.case, access.view, meeting_id)
    return _page(request, access, meeting, "mote")
