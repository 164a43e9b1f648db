"""The web's pages for a refused (403) or missing (404) page, in every mode.

Each is a Laget page in the layout the person knows, with plain words and a way back: staff to
"Mine saker", a family member to the family's home, anyone else to the front page (on the
family's pages: the family's login). laget/api/handlers.py sends the web's 403 and 404 here.

With DEBUG on (`./dev demo`, local development) Django answers a 404 with its technical page
instead of calling handler404. `DebugNotFoundMiddleware` gives the same page as production
there too, so the demo shows what users will see; the 403 needs nothing, Django calls
handler403 whatever DEBUG is.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import get_resolver, reverse
from django.utils.translation import gettext as _

from laget.accounts.models import User
from laget.orgs.selectors import staff_profile

STAFF, FAMILY, ANONYMOUS = "staff", "family", "anonymous"

ErrorHandler = Callable[[HttpRequest, Exception], HttpResponse]


@dataclass(frozen=True)
class WayBack:
    who: str
    layout: str
    url: str
    label: str


def way_back(request: HttpRequest) -> WayBack:
    """Who is asking, the layout they know and where they go from here."""
    user = getattr(request, "user", None)
    family_home = reverse("portal:home")
    if isinstance(user, User) and user.is_authenticated:
        if staff_profile(user).municipality_ids:
            return WayBack(STAFF, "base.html", reverse("cases:my_cases"), _("Til mine saker"))
        return WayBack(FAMILY, "portal/base.html", family_home, _("Til familiens side"))
    if request.path_info.startswith(family_home):
        return WayBack(ANONYMOUS, "portal/base.html", family_home, _("Til forsiden"))
    return WayBack(ANONYMOUS, "public/base.html", "/", _("Til forsiden"))


def error_page(request: HttpRequest, status: int) -> HttpResponse:
    """The web's 403 or 404 page (templates 403.html, 404.html)."""
    return render(request, f"{status}.html", {"way_back": way_back(request)}, status=status)


class DebugNotFoundMiddleware:
    """With DEBUG on, a 404 gets handler404's page rather than Django's technical one.

    Near the end of MIDDLEWARE: CommonMiddleware still sees the 404 (to add a missing slash)
    and the CSRF middleware still sets its cookie for the page's forms."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # No view was found for the path: Django built the technical page (DEBUG's 404).
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return self._not_found(request, Http404())
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view's Http404 (a missing object, or one the user may not see)."""
        if settings.DEBUG and isinstance(exception, Http404):
            return self._not_found(request, exception)
        return None

    @staticmethod
    def _not_found(request: HttpRequest, exception: Http404) -> HttpResponse:
        # handler404 of laget/urls.py: the API's JSON under /api/, the page above elsewhere.
        handler = cast(ErrorHandler, get_resolver().resolve_error_handler(404))
        return handler(request, exception)
