"""One error format: 400 {"errors": {field: [...]}}, everything else {"detail": ...}."""

import json

import pytest
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.test import Client, RequestFactory, override_settings
from django.urls import get_callable
from rest_framework import serializers

from laget.api import handlers
from laget.api.errors import (
    MSG_CSRF_FAILED,
    MSG_NOT_FOUND,
    MSG_SERVER_ERROR,
    MSG_TOO_LARGE,
    django_errors,
    exception_handler,
    prefixed,
)
from laget.api.tests.helpers import ClientFor, errors_of, url
from laget.api.views.orgs import MeView
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def test_malformed_json_gets_the_400_format(world: World, client_for: ClientFor) -> None:
    client: Client = client_for("stafettholder")
    response = client.post(
        url("entries", case_id=world.case.pk), "{not json", content_type="application/json"
    )
    assert list(errors_of(response)) == ["non_field_errors"]


def test_form_encoded_body_is_415(world: World, client_for: ClientFor) -> None:
    client: Client = client_for("stafettholder")
    response = client.post(url("entries", case_id=world.case.pk), {"text": "x"})
    assert response.status_code == 415 and set(response.json()) == {"detail"}


def test_method_not_allowed_is_405_detail(world: World, client_for: ClientFor) -> None:
    client: Client = client_for("stafettholder")
    response = client.delete(url("case", case_id=world.case.pk))
    assert response.status_code == 405 and set(response.json()) == {"detail"}


def test_django_field_errors_keep_their_fields_and_all_goes_to_non_field() -> None:
    exc = ValidationError({"unit": ["Ukjent."], "__all__": ["Noe annet."]})
    assert django_errors(exc) == {"unit": ["Ukjent."], "non_field_errors": ["Noe annet."]}


def test_plain_django_error_is_non_field() -> None:
    assert django_errors(ValidationError("Lukket.")) == {"non_field_errors": ["Lukket."]}


def test_prefixed_names_the_nested_object() -> None:
    exc = prefixed(ValidationError({"national_id": ["Feil."], "__all__": ["Alt."]}), "subject")
    assert django_errors(exc) == {"subject.national_id": ["Feil."], "subject": ["Alt."]}


def test_nested_drf_errors_are_flattened_with_dots() -> None:
    exc = serializers.ValidationError(
        {"subject": {"national_id": ["Feil."]}, "participants": {1: ["Ikke et tall."]}}
    )
    response = exception_handler(exc, {})
    assert response is not None and response.status_code == 400
    assert response.data == {
        "errors": {"subject.national_id": ["Feil."], "participants.1": ["Ikke et tall."]}
    }


# Every answer under /api/ is JSON in the one shape, also those Django gives outside the API's
# views (issue 12, reproduction 4). Each of these answered with an HTML page before.


def session_client(world: World) -> Client:
    """A browser's session, with Django's CSRF check on (the test client skips it otherwise)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["stafettholder"])
    return client


@pytest.mark.parametrize("method", ["post", "patch", "put", "delete"])
def test_a_write_to_an_unknown_api_path_is_the_json_404(world: World, method: str) -> None:
    response = getattr(session_client(world), method)(
        "/api/v1/no-such-thing/", {"x": 1}, content_type="application/json"
    )
    assert response.status_code == 404
    assert response.json() == {"detail": str(MSG_NOT_FOUND)}


@pytest.mark.parametrize(
    "path", ["/api/v1/cases/1%0A/", "/api/v1/cases/%0A", "/api/v1/cases", "/api/", "/api/v2/x/"]
)
def test_a_path_that_names_nothing_is_the_json_404(world: World, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": str(MSG_NOT_FOUND)}


def test_a_session_write_without_its_csrf_token_is_a_json_403(world: World) -> None:
    response = session_client(world).post(
        url("entries", case_id=world.case.pk), {}, content_type="application/json"
    )
    assert response.status_code == 403 and set(response.json()) == {"detail"}


def test_djangos_csrf_failure_is_json_under_api_and_the_page_elsewhere(world: World) -> None:
    failure = get_callable(settings.CSRF_FAILURE_VIEW)
    api = failure(RequestFactory().post("/api/v1/cases/"), reason="CSRF cookie not set.")
    assert api.status_code == 403
    assert json.loads(api.content) == {"detail": str(MSG_CSRF_FAILED)}
    web = failure(RequestFactory().post("/saker/"), reason="CSRF cookie not set.")
    assert web.status_code == 403 and web["Content-Type"].startswith("text/html")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_limit_is_a_json_413(world: World, client_for: ClientFor) -> None:
    response = client_for("stafettholder").post(
        url("entries", case_id=world.case.pk),
        {"kind": "note", "text": "x" * 2000, "audience": "all"},
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json() == {"detail": str(MSG_TOO_LARGE)}


def test_a_body_too_large_for_django_itself_is_a_json_413_under_api() -> None:
    request = RequestFactory().post("/api/v1/cases/")
    response = handlers.bad_request(request, RequestDataTooBig())
    assert response.status_code == 413
    assert json.loads(response.content) == {"detail": str(MSG_TOO_LARGE)}


def test_the_default_limit_is_the_issues_two_and_a_half_megabytes(
    world: World, client_for: ClientFor
) -> None:
    body = '{"kind": "note", "audience": "all", "text": "' + "x" * (3 * 1024 * 1024) + '"}'
    response = client_for("stafettholder").post(
        url("entries", case_id=world.case.pk), body, content_type="application/json"
    )
    assert response.status_code == 413 and set(response.json()) == {"detail"}


def test_a_server_error_is_a_json_500_that_says_nothing_of_the_cause(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Emil Fjeldsrud, 14.03.2021")

    monkeypatch.setattr(MeView, "get", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.users["stafettholder"])
    response = client.get(url("me"))
    assert response.status_code == 500
    assert response.json() == {"detail": str(MSG_SERVER_ERROR)}


def test_a_query_parameter_that_is_not_a_boolean_is_a_400_on_it(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("stafettholder")
    response = client.get(url("cases"), {"include_closed": "null"})
    assert list(errors_of(response)) == ["include_closed"]
    assert client.get(url("cases"), {"include_closed": "true"}).status_code == 200
    assert list(errors_of(client.get(url("services"), {"all": "null"}))) == ["all"]
