"""A family member's language: chosen in the portal's switch, remembered on their user, and
put back when they log in again, on any device.

The session holds the choice while they are logged in (the middleware reads it before the
cookie, laget.lib.middleware); the cookie keeps it on the login page of this browser.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from laget.accounts.models import User
from laget.lib.languages import LANGUAGE_SESSION_KEY, family_language


def remember(request: HttpRequest, response: HttpResponse, code: str) -> str:
    """Keep the chosen language for this browser and, when logged in, for the person."""
    language = family_language(code)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
    )
    user = request.user
    if isinstance(user, User):
        request.session[LANGUAGE_SESSION_KEY] = language
        if user.language != language:
            user.language = language
            user.save(update_fields=["language"])
    return language


def on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """user_logged_in: a member who chose a language before gets it back."""
    if request is not None and hasattr(request, "session") and user.language:
        request.session[LANGUAGE_SESSION_KEY] = family_language(user.language)
