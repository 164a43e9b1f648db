"""Demo-only: log in to the family portal as an invented guardian, without ID-porten.

Routed only with LAGET_DEMO (laget/urls.py), and each view checks it again on every request."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from laget.accounts.access import FAMILY_BACKEND
from laget.family.access import ROLE_RIGHTS, child_rights
from laget.lib.demo import demo_enabled
from laget.people.models import Guardian, Subject, by_name
from laget.portal.services import portal_user_for_guardian, portal_user_for_subject

READING_ROLES = [role for role, rights in ROLE_RIGHTS.items() if rights.reads]


def demo_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not demo_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def demo_guardians() -> list[Guardian]:
    """Family members whose role reads the log of someone who has a case (what each then sees
    is laget.family.access's to decide, as for anyone logged in)."""
    return by_name(
        Guardian.objects.filter(role__in=READING_ROLES, subject__cases__isnull=False)
        .select_related("subject")
        .distinct()
    )


def demo_children() -> list[Subject]:
    """Children old enough to read their own log (LAGET_CHILD_VOICE_AGE)."""
    subjects = Subject.objects.filter(cases__isnull=False, birth_date__isnull=False).distinct()
    return sorted(
        (s for s in subjects if child_rights(s).reads), key=lambda s: s.full_name.casefold()
    )


@demo_only
@require_http_methods(["GET", "HEAD", "POST"])
def portal_login(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if request.POST.get("child"):
            child = next(
                (c for c in demo_children() if str(c.pk) == request.POST.get("child")), None
            )
            if child is None:
                raise Http404
            login(request, portal_user_for_subject(child), backend=FAMILY_BACKEND)
            return redirect("portal:home")
        guardian = get_object_or_404(
            Guardian.objects.filter(role__in=READING_ROLES),
            pk=request.POST.get("guardian") or 0,
        )
        login(request, portal_user_for_guardian(guardian), backend=FAMILY_BACKEND)
        return redirect("portal:home")
    return render(
        request,
        "demo/portal_login.html",
        {
            "guardians": demo_guardians(),
            "children": demo_children(),
            "title": "Demo: logg inn som foresatt",
        },
    )
