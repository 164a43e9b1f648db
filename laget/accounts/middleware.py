"""Ends a browser session that has been idle too long or lasted too long (laget/accounts/sessions.py
has the rule), on the server, whatever the cookie says.

The request then goes on as anonymous: a staff page sends to the login page (which shows why),
the portal to its own, the API answers 401. Every request of a logged-in session counts as
activity; Laget has no polling (htmx fetches only when the user types or clicks), so nothing
keeps an abandoned session alive.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import ngettext

from laget.accounts.sessions import Ended, session_ended


def ended_message(reason: Ended) -> str:
    if reason == Ended.IDLE:
        minutes = max(1, settings.LAGET_SESSION_IDLE_SECONDS // 60)
        return ngettext(
            "Du ble logget ut etter %(count)d minutt uten aktivitet. Logg inn igjen.",
            "Du ble logget ut etter %(count)d minutter uten aktivitet. Logg inn igjen.",
            minutes,
        ) % {"count": minutes}
    hours = max(1, settings.SESSION_COOKIE_AGE // 3600)
    return ngettext(
        "Du ble logget ut fordi du har vært logget inn i %(count)d time. Logg inn igjen.",
        "Du ble logget ut fordi du har vært logget inn i %(count)d timer. Logg inn igjen.",
        hours,
    ) % {"count": hours}


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:
            reason = session_ended(session, time.time())
            if reason is not None:
                logout(request)
                messages.info(request, ended_message(reason))
        return self.get_response(request)
