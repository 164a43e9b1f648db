"""Bokmål unless the user picked another language with the switch (a cookie).

Django's LocaleMiddleware follows the browser's Accept-Language, which would show many
Norwegian staff an English product because their phone is set to English. Here the choice
is the user's, made once in the language switch.

Staff pages speak bokmål and English; the family side (FAMILY_PATH) also speaks the families'
languages (laget.lib.languages). A family member's choice is kept on their user too and put
back in the cookie when they log in (laget.portal.language).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from laget.lib.languages import LANGUAGE_SESSION_KEY, family_language, staff_language

FAMILY_PATH = "/familie/"


def language_for(path: str, chosen: str | None) -> str:
    """The language a page is shown in: the chosen one if the page speaks it, else bokmål."""
    if path.startswith(FAMILY_PATH):
        return family_language(chosen)
    return staff_language(chosen)


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        chosen = (session.get(LANGUAGE_SESSION_KEY) if session is not None else None) or (
            request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        )
        language = language_for(request.path_info, chosen)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The thread serves other requests (and jobs) next: leave no language behind.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
