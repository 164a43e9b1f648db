"""Bokmål unless the user picked another language with the switch (a cookie).

Django's LocaleMiddleware follows the browser's Accept-Language, which would show many
Norwegian staff an English product because their phone is set to English. Here the choice
is the user's, made once in the language switch.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.known = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in self.known:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The thread serves other requests (and jobs) next: leave no language behind.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
