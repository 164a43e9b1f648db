"""One error format for the whole API.

- 400: {"errors": {"<field>": ["message", ...], "non_field_errors": ["message", ...]}} — for
  DRF's own serializer errors, Django ValidationErrors raised by the services, and malformed
  JSON alike. Nested fields are named with dots ("subject.national_id", "participants.0").
- 409: {"detail": MSG_CONFLICT, "current": <the object as now saved>} for a stale `version`.
- Everything else (401, 403, 404, 405, 413, 415, 429, 500): {"detail": "message"}. A case the
  user may not see and a missing one give the same 404 body; a 500 says nothing of the cause.

Every answer under /api/ has this shape, also those Django gives before or outside the API's
views: a path that names no endpoint, a CSRF failure, a body over DATA_UPLOAD_MAX_MEMORY_SIZE
(413), an error in the server (laget/api/handlers.py).

Not logged in is always 401 (with `WWW-Authenticate: Token`), never 403: knox's token
authentication comes first in REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]. 403 means
logged in, the case visible, but the role does not allow the action (or a session request
without its CSRF token).
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from laget.api.serializers.entries import EntrySerializer
from laget.api.serializers.measures import MeasureSerializer
from laget.api.serializers.meetings import MeetingSerializer
from laget.cases.models import Entry, Measure, Meeting
from laget.lib.concurrency import ConflictError

MSG_NOT_FOUND = _("Ikke funnet.")
MSG_TOO_LARGE = _("Forespørselen er for stor.")
MSG_BAD_REQUEST = _("Forespørselen kunne ikke leses.")
MSG_CSRF_FAILED = _("Forespørselen manglet et gyldig CSRF-token.")
MSG_SERVER_ERROR = _("Noe gikk galt hos oss. Prøv igjen senere.")
NON_FIELD = "non_field_errors"

ErrorMap = dict[str, list[str]]


def _add(errors: ErrorMap, key: str, messages: list[str]) -> None:
    errors.setdefault(key or NON_FIELD, []).extend(messages)


def _flatten(detail: Any, prefix: str, errors: ErrorMap) -> None:
    """DRF error details (dicts, lists, strings, nested) as a flat field → messages map."""
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            name = str(key)
            if name in (NON_FIELD, NON_FIELD_ERRORS):
                name = ""
            _flatten(value, f"{prefix}.{name}" if prefix and name else prefix or name, errors)
    elif isinstance(detail, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in detail):
            _add(errors, prefix, [str(item) for item in detail])
            return
        # A list of nested errors (ListField or ListSerializer): valid items are empty.
        for index, item in enumerate(detail):
            if item:
                _flatten(item, f"{prefix}.{index}" if prefix else str(index), errors)
    else:
        _add(errors, prefix, [str(detail)])


def django_errors(exc: DjangoValidationError, prefix: str = "") -> ErrorMap:
    errors: ErrorMap = {}
    if hasattr(exc, "error_dict"):
        _flatten(exc.message_dict, prefix, errors)
    else:
        _add(errors, prefix, [str(m) for m in exc.messages])
    return errors


def prefixed(exc: DjangoValidationError, prefix: str) -> DjangoValidationError:
    """The same errors with their fields named under `prefix` (a nested object in the body)."""
    named: dict[str, list[str]] = {}
    for key, messages in django_errors(exc).items():
        named[prefix if key == NON_FIELD else f"{prefix}.{key}"] = messages
    return DjangoValidationError(named)


def bad_request(errors: ErrorMap) -> Response:
    set_rollback()
    return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)


# How a stale save shows the object as now saved, by model.
CONFLICT_SERIALIZERS: dict[type[models.Model], Any] = {
    Measure: MeasureSerializer,
    Entry: EntrySerializer,
    Meeting: MeetingSerializer,
}


def _conflict(exc: ConflictError) -> Response:
    current = exc.current
    serializer = CONFLICT_SERIALIZERS[type(current)]
    set_rollback()
    return Response(
        {"detail": str(exc.message), "current": serializer(current).data},
        status=status.HTTP_409_CONFLICT,
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        return bad_request(django_errors(exc))
    if isinstance(exc, exceptions.ValidationError | exceptions.ParseError):
        errors: ErrorMap = {}
        _flatten(exc.detail, "", errors)
        return bad_request(errors)
    if isinstance(exc, ConflictError):
        return _conflict(exc)
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": str(MSG_TOO_LARGE)}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(MSG_NOT_FOUND)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)
