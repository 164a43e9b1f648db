"""Browser sessions: the store (SESSION_ENGINE), their clocks and the one rule for when they end.

A session ends LAGET_SESSION_IDLE_SECONDS after its last request (idle) and LAGET_SESSION_SECONDS
after the login (absolute), whichever comes first. The login time and the last request are kept
in the session's data (epoch seconds) and copied to UserSession's columns on every save, so the
middleware reads them without a query and the sessions page lists them with one.
"""

import hashlib
import re
import time
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from laget.accounts.models import User, UserSession

SIGNED_IN = "laget:signed_in"
ACTIVE = "laget:active"
DEVICE = "laget:device"
# The last request is written at most this often (seconds): one UPDATE a minute per session.
ACTIVITY_RESOLUTION = 60


class Ended(StrEnum):
    IDLE = "idle"
    ABSOLUTE = "absolute"


def handle_of(session_key: str) -> str:
    return hashlib.sha256(session_key.encode()).hexdigest()


def _when(value: Any) -> datetime | None:
    if not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def _user_id(data: dict[str, Any]) -> int | None:
    try:
        return int(data[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls) -> type[UserSession]:
        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> UserSession:
        session = super().create_model_instance(data)
        assert isinstance(session, UserSession)
        session.user_id = _user_id(data)
        session.handle = handle_of(session.session_key)
        session.signed_in_at = _when(data.get(SIGNED_IN))
        session.active_at = _when(data.get(ACTIVE))
        session.device = str(data.get(DEVICE, ""))[:60]
        return session

    @classmethod
    def clear_expired(cls) -> None:
        """`manage.py clearsessions`: the expired, and those ended idle or by age."""
        now = timezone.now()
        idle, absolute = _limits()
        UserSession.objects.filter(
            Q(expire_date__lt=now)
            | Q(active_at__lte=now - timedelta(seconds=idle))
            | Q(signed_in_at__lte=now - timedelta(seconds=absolute))
        ).delete()


# Coarse on purpose: the browser's family and the system's, never the version or the model.
_BROWSERS = [
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
_SYSTEMS = [
    ("Windows", "Windows"),
    ("iPhone|iPad", "iOS"),
    ("Android", "Android"),
    ("Mac OS X|Macintosh", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
]


def device_of(user_agent: str) -> str:
    """ "Firefox på Windows", or as much of it as is known; "" for nothing."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for marks, name in _SYSTEMS if re.search(marks, user_agent)), "")
    if browser and system:
        return f"{browser} på {system}"
    return browser or system


def session_started(request: HttpRequest) -> None:
    """At a login in a browser session: start both clocks, note the device."""
    now = int(time.time())
    request.session[SIGNED_IN] = now
    request.session[ACTIVE] = now
    request.session[DEVICE] = device_of(request.META.get("HTTP_USER_AGENT", ""))


def _limits() -> tuple[int, int]:
    return settings.LAGET_SESSION_IDLE_SECONDS, settings.SESSION_COOKIE_AGE


def session_ended(session: SessionBase, now: float) -> Ended | None:
    """Why the logged-in session has ended by now, or None while it lasts. A session with no
    clocks (made before they were kept, or by a command) starts them now."""
    signed_in, active = session.get(SIGNED_IN), session.get(ACTIVE)
    if not isinstance(signed_in, int | float) or not isinstance(active, int | float):
        session[SIGNED_IN] = session[ACTIVE] = int(now)
        return None
    idle, absolute = _limits()
    if now - signed_in >= absolute:
        return Ended.ABSOLUTE
    if now - active >= idle:
        return Ended.IDLE
    if now - active >= ACTIVITY_RESOLUTION:
        session[ACTIVE] = int(now)
    return None


def live_sessions(user: User) -> QuerySet[UserSession]:
    """The user's sessions that have not ended by the same rule, newest login first."""
    now = timezone.now()
    idle, absolute = _limits()
    lasting = Q(signed_in_at__isnull=True) | Q(
        signed_in_at__gt=now - timedelta(seconds=absolute),
        active_at__gt=now - timedelta(seconds=idle),
    )
    return (
        UserSession.objects.filter(lasting, user=user, expire_date__gt=now)
        .defer("session_data")
        .order_by("-signed_in_at", "-active_at")
    )


def on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """user_logged_in: a login into a browser session starts its clocks.

    The API's token login sends the signal too, but logs no session in: the request's session
    (if the browser has one) keeps the key its cookie names, where django.contrib.auth.login
    always gives it a new one (cycle_key or flush). Its clocks are left as they are."""
    session = getattr(request, "session", None)
    if request is None or session is None or SESSION_KEY not in session:
        return
    if session.session_key == request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return
    session_started(request)
