"""Demo-only: log in to the family portal as an invented guardian, without ID-porten.

Routed only with LAGET_DEMO (laget/urls.py), and each view checks it again on every request."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from laget.accounts.access import FAMILY_BACKEND
from laget.lib.demo import demo_enabled
from laget.people.models import Guardian, by_name
from laget.portal.services import portal_user_for_guardian


def demo_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not demo_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def demo_guardians() -> list[Guardian]:
    """Guardians with parental responsibility for someone who has a case."""
    return by_name(
        Guardian.objects.filter(has_parental_responsibility=True, subject__cases__isnull=False)
        .select_related("subject")
        .distinct()
    )


@demo_only
@require_http_methods(["GET", "HEAD", "POST"])
def portal_login(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        guardian = get_object_or_404(
            Guardian.objects.filter(has_parental_responsibility=True),
            pk=request.POST.get("guardian") or 0,
        )
        login(request, portal_user_for_guardian(guardian), backend=FAMILY_BACKEND)
        return redirect("portal:home")
    return render(
        request,
        "demo/portal_login.html",
        {"guardians": demo_guardians(), "title": "Demo: logg inn som foresatt"},
    )
