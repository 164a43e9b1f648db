"""Lockout after failed password logins, with django-axes, on every door that checks a password.

Axes sits first in AUTHENTICATION_BACKENDS, so every call of django.contrib.auth.authenticate()
with a password (the web login's form, the API's token endpoint, any later password form) is
checked and counted, whatever view makes it. Two counts, both keyed on the client's address as
the trusted proxies report it (laget.lib.client):

- one username from one address: LAGET_LOGIN_FAILURE_LIMIT failures lock that pair;
- one address, every username: LAGET_LOGIN_ADDRESS_FAILURE_LIMIT failures lock the address
  (password spraying). Higher by default, because a municipality's offices often reach Laget
  through one shared address, and one person's typos must not lock out the whole office.

A lock lasts LAGET_LOGIN_COOLOFF_MINUTES after the last failure. The answer is the same for a
username that exists and one that does not. What axes keeps of an attempt: the username typed,
the address, the time and the path; no password, no user agent, no log of successful logins
(AXES_DISABLE_ACCESS_LOG). `manage.py axes_reset_username <name>` (or axes_reset_ip,
axes_reset) lifts a lock at once.
"""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

LOCKED_TEMPLATE = "registration/locked_out.html"


def lockout_message() -> str:
    minutes: int = settings.LAGET_LOGIN_COOLOFF_MINUTES
    return ngettext(
        "For mange mislykkede innlogginger. Vent %(minutes)d minutt og prøv igjen.",
        "For mange mislykkede innlogginger. Vent %(minutes)d minutter og prøv igjen.",
        minutes,
    ) % {"minutes": minutes}


def password_attempts_only(request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
    """AXES_WHITELIST_CALLABLE: axes counts and blocks logins with a password only. An OpenID
    Connect sign-in (the portal's, staff's) authenticates with a code from the identity
    provider, which has its own lockout; it passes no password and is left alone."""
    return not credentials or credentials.get("password") is None


def _failures(attempts: QuerySet[Any]) -> int:
    total: int | None = attempts.aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for the address alone.

    AXES_LOCKOUT_PARAMETERS lists the pair (username, address) first and the address second;
    axes compares one number with one limit (AXES_FAILURE_LIMIT, the pair's), so a locked
    address is reported as having reached it."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        per_pair, per_address = (
            _failures(attempts) for attempts in self.get_user_attempts(request, credentials)
        )
        if per_address >= settings.LAGET_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(per_pair, get_failure_limit(request, credentials))
        return per_pair

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        if request is not None:
            # Not a lockout parameter; kept out of the table (and its rows one per browser).
            request.axes_user_agent = ""  # type: ignore[attr-defined]
        super().user_login_failed(sender, credentials, request, **kwargs)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: 429 Too Many Requests, like the API's login throttle: the client
    should wait and try again (403 means here that a logged-in user may not do something).
    The API gets its one error shape; a browser a page that says how long to wait."""
    message = lockout_message()
    match = request.resolver_match
    response: HttpResponse
    if match is not None and match.namespace == "api":
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, LOCKED_TEMPLATE, {"message": message}, status=429)
    response["Retry-After"] = str(settings.LAGET_LOGIN_COOLOFF_MINUTES * 60)
    return response
