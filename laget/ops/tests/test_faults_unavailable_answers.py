"""The answers when the database cannot be reached (laget/api/unavailable.py), in-process: a
view's error and one raised in a middleware (answered by Django as 500 first) both become the
503 "try again", the page on the web and JSON with Retry-After under /api/. The restart test
(test_faults_database_restart.py) shows the same with a real PostgreSQL going away."""

import json

import pytest
from django.core.handlers.exception import response_for_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from laget.api.unavailable import MSG_UNAVAILABLE, DatabaseUnavailableMiddleware

PATHS = {"web": "/saker/1/", "api": "/api/v1/cases/1/"}


def check_503(response: HttpResponse, kind: str) -> None:
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    body = response.content.decode()
    assert "Traceback" not in body
    if kind == "api":
        assert response["Content-Type"] == "application/json"
        assert json.loads(body) == {"detail": str(MSG_UNAVAILABLE)}
    else:
        assert response["Content-Type"].startswith("text/html")
        assert str(MSG_UNAVAILABLE) in body
        assert '<html lang="nb">' in body


@pytest.mark.parametrize("kind", list(PATHS))
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_view_that_loses_the_database_answers_503(kind: str, error: type[Exception]) -> None:
    request = RequestFactory().post(PATHS[kind])
    middleware = DatabaseUnavailableMiddleware(lambda r: HttpResponse())
    response = middleware.process_exception(request, error("server closed the connection"))
    assert response is not None
    check_503(response, kind)


@pytest.mark.parametrize("kind", list(PATHS))
def test_a_middleware_that_loses_the_database_answers_503_not_500(kind: str) -> None:
    """Loading the session fails below this middleware: Django answers 500 (handler500);
    the 500 is answered as 503."""

    def session_middleware(request: HttpRequest) -> HttpResponse:
        try:
            raise OperationalError("connection refused")
        except OperationalError as e:
            return response_for_exception(request, e)

    request = RequestFactory().get(PATHS[kind])
    check_503(DatabaseUnavailableMiddleware(session_middleware)(request), kind)


def test_other_errors_are_left_to_the_500_page() -> None:
    request = RequestFactory().get(PATHS["web"])
    middleware = DatabaseUnavailableMiddleware(lambda r: HttpResponse(status=500))
    assert middleware.process_exception(request, ValueError("a bug")) is None
    assert middleware(request).status_code == 500
