"""The OpenAPI 3 schema at /api/v1/openapi.json: public, valid, and complete."""

from typing import Any

import pytest
from django.test import Client
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

from laget.api.tests.endpoints import PREFIX, endpoints, routes
from laget.api.tests.helpers import url
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def schema() -> dict[str, Any]:
    response = Client().get(url("schema"))
    assert response.status_code == 200
    return response.json()


def test_schema_is_public_and_openapi_3(world: World) -> None:
    assert schema()["openapi"].startswith("3.")


def test_schema_is_valid_openapi(world: World) -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(schema())


def test_schema_lists_every_path_and_method_served(world: World) -> None:
    paths = schema()["paths"]
    for name, path, methods in routes():
        if name == "schema":
            continue  # The schema does not describe itself.
        assert path in paths, path
        assert set(paths[path]) - {"parameters"} == methods, path


def test_every_operation_documents_its_errors(world: World) -> None:
    for path, operations in schema()["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            if path != PREFIX + "auth/token/":
                assert "401" in codes, (method, path)
            if method in ("post", "patch") and path != PREFIX + "auth/logout/":
                assert "400" in codes, (method, path)
            # Case content is edited with optimistic locking: a PATCH names its version.
            if method == "patch" and path.startswith(PREFIX + "cases/"):
                assert "409" in codes, (method, path)
                body = operation["requestBody"]["content"]["application/json"]["schema"]
                name = body["$ref"].rsplit("/", 1)[1]
                assert "version" in schema()["components"]["schemas"][name]["required"]


def test_schema_generates_without_warnings(world: World) -> None:
    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)
    assert list(GENERATOR_STATS._warn_cache) == []
    assert not GENERATOR_STATS._error_cache


def test_every_route_has_a_row_in_the_endpoint_table(world: World) -> None:
    served = {(name, method) for name, _, methods in routes() for method in methods}
    listed = {(e.name, e.method) for e in endpoints(world)}
    assert served == listed


def test_unknown_api_path_gets_the_json_404(world: World) -> None:
    response = Client().get(PREFIX + "no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Ikke funnet."}


def test_request_bodies_allow_no_other_properties(world: World) -> None:
    """As the API refuses a field it does not take (StrictSerializer), so does the schema."""
    found = schema()
    for path, operations in found["paths"].items():
        for method, operation in operations.items():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                name = content["schema"]["$ref"].rsplit("/", 1)[1]
                body = found["components"]["schemas"][name]
                assert body.get("additionalProperties") is False, (method, path, name)


def test_every_write_documents_a_body_too_large_and_one_of_another_type(world: World) -> None:
    for path, operations in schema()["paths"].items():
        for method, operation in operations.items():
            if method in ("post", "patch", "put"):
                assert {"413", "415"} <= set(operation["responses"]), (method, path)
