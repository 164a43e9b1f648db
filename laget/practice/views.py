"""The practice area: the user's practice cases, the scenarios to start, and the reset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.accounts.models import User
from laget.cases.views.common import case_url, current_user
from laget.orgs.selectors import staff_profile
from laget.practice.selectors import practice_area
from laget.practice.services import practice_reset, practice_start


def _staff(request: HttpRequest) -> User:
    """Every staff member practises; people without a unit (admins, coordinators) have no
    unit to set a practice case in."""
    user = current_user(request)
    if not staff_profile(user).is_staff_member:
        raise PermissionDenied
    return user


@login_required
@require_http_methods(["GET", "HEAD"])
def area(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    return render(
        request,
        "practice/area.html",
        {
            "area": practice_area(user),
            "title": _("Øvingsområdet"),
            "keep_days": settings.LAGET_PRACTICE_KEEP_DAYS,
        },
    )


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    try:
        case = practice_start(user=user, scenario_key=request.POST.get("scenario", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("practice:area")
    messages.success(request, _("Øvingssaken er klar. Ingenting du gjør her, er ekte."))
    return redirect(case_url(case.pk))


@login_required
@require_POST
def reset(request: HttpRequest) -> HttpResponse:
    removed = practice_reset(user=_staff(request))
    if removed:
        messages.success(request, _("Øvingssakene dine er slettet. Du kan begynne på nytt."))
    return redirect("practice:area")
