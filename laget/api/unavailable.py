"""When the database cannot be reached: 503 and "try again", never a traceback or a 500.

PostgreSQL restarting, failing over or refusing connections makes every database call raise
OperationalError or InterfaceError (psycopg's AdminShutdown, "server closed the connection",
"connection refused"; also a deadlock or a serialisation failure, which a retry also clears).
The transaction the request was in is rolled back by PostgreSQL, so nothing is half-written,
and the person is told to try again shortly: the web a static page (503.html, rendered
without the database: no user, no session, no context processors), the API its JSON shape
({"detail": …}) with Retry-After. The next request opens a fresh connection; a persistent
one (LAGET_DB_CONN_MAX_AGE) is checked first (CONN_HEALTH_CHECKS) and replaced if it died.

The error can come from a view (process_exception) or from a middleware below this one, such
as the session or the user being loaded or a session saved: Django turns those into its 500
answer before they reach here, so `got_request_exception` marks the request, and the 500 is
answered as a 503 instead.
"""

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext_lazy as _

from laget.api.handlers import is_api_request

RETRY_AFTER_SECONDS = 10
MSG_UNAVAILABLE = _("Laget er utilgjengelig akkurat nå. Vent litt og prøv igjen.")
UNAVAILABLE = (OperationalError, InterfaceError)
_MARK = "_laget_database_unavailable"

logger = logging.getLogger(__name__)


def unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 answer: JSON under /api/, the static page elsewhere."""
    response: HttpResponse
    if is_api_request(request):
        response = JsonResponse({"detail": str(MSG_UNAVAILABLE)}, status=503)
    else:
        html = loader.get_template("503.html").render({"message": MSG_UNAVAILABLE})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _mark(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, UNAVAILABLE):
        setattr(request, _MARK, type(error).__name__)


got_request_exception.connect(_mark, dispatch_uid="laget.api.unavailable")


class DatabaseUnavailableMiddleware:
    """Near the top of MIDDLEWARE, under the security headers and no-store: everything below
    it that touches the database (sessions, the user, the views) is covered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        reason = getattr(request, _MARK, None)
        if reason is not None and response.status_code == 500:
            logger.warning("database unavailable (%s): answered 503", reason)
            return unavailable(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, UNAVAILABLE):
            logger.warning("database unavailable (%s): answered 503", type(exception).__name__)
            return unavailable(request)
        return None
