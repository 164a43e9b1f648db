"""The answers Django gives outside the API's views, in the API's error shape under /api/.

DRF's views answer their own errors (laget/api/errors.py). Some answers come before or beside
them: a path that names no endpoint, Django's CSRF check, a body too large to read in a
middleware, an exception that escapes a view. Under /api/ these are JSON too; everywhere else
they are the web's pages (403 and 404: laget/api/error_pages.py). `is_api_request` is the one
rule that tells them apart.
"""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status

from laget.api.error_pages import error_page
from laget.api.errors import (
    MSG_BAD_REQUEST,
    MSG_CSRF_FAILED,
    MSG_NOT_FOUND,
    MSG_SERVER_ERROR,
    MSG_TOO_LARGE,
    NON_FIELD,
)
from laget.lib.csrf import csrf_failure as web_csrf_failure

API_PREFIX = "/api/"


def is_api_request(request: HttpRequest) -> bool:
    """Whether the answer belongs to the JSON API: every path under /api/."""
    return request.path_info.startswith(API_PREFIX)


def _detail(message: object, code: int) -> JsonResponse:
    return JsonResponse({"detail": str(message)}, status=code)


@csrf_exempt  # A path that names nothing has nothing to protect: POST gets the 404 too.
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """For any /api/v1/ path that names no endpoint: the same JSON 404 as a missing object."""
    return _detail(MSG_NOT_FOUND, status.HTTP_404_NOT_FOUND)


# Django's handler400/403/404/500 (laget/urls.py) and CSRF_FAILURE_VIEW (settings).


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api_request(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return _detail(MSG_TOO_LARGE, status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    return JsonResponse(
        {"errors": {NON_FIELD: [str(MSG_BAD_REQUEST)]}}, status=status.HTTP_400_BAD_REQUEST
    )


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api_request(request):
        return error_page(request, 403)
    return _detail(exceptions.PermissionDenied.default_detail, status.HTTP_403_FORBIDDEN)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api_request(request):
        return error_page(request, 404)
    return not_found(request)


def server_error(request: HttpRequest) -> HttpResponse:
    if not is_api_request(request):
        return defaults.server_error(request)
    # Nothing about the cause: it is in the server's log.
    return _detail(MSG_SERVER_ERROR, status.HTTP_500_INTERNAL_SERVER_ERROR)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if not is_api_request(request):
        return web_csrf_failure(request, reason)
    return _detail(MSG_CSRF_FAILED, status.HTTP_403_FORBIDDEN)
