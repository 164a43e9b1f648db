"""One error format: 400 {"errors": {field: [...]}}, everything else {"detail": ...}."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework import serializers

from laget.api.errors import django_errors, exception_handler, prefixed
from laget.api.tests.helpers import ClientFor, errors_of, url
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
