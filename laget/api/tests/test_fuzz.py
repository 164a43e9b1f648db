"""Schemathesis over the whole OpenAPI schema (issue 12): for every operation, requests made from
the schema — valid ones, invalid ones, and schemathesis' boundary cases — sent with a staff token
to the application in-process (WSGI) on the test world. The test is that every answer is no
server error, has a documented status code and content type, and matches its schema.

Bounded and repeatable: a fixed seed, derandomized generation, no example database, at most
MAX_EXAMPLES generated requests per operation besides the boundary cases; each operation runs in
a savepoint of its own. About 5,000 requests in 100 s on two cores; marked slow. A failure
prints the request to reproduce it with curl.

Not checked: that every request the schema forbids is refused (schemathesis'
negative_data_rejection). DRF coerces types the schema does not list (a number for a string,
"1" for an integer); unknown fields, which matter, are refused (test_strict_bodies.py).
"""

import json
import logging
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis import checks

from laget.api.tests.endpoints import endpoints
from laget.api.tests.helpers import every_door_token
from laget.testing.world import World

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

# A deeper or another run: LAGET_FUZZ_EXAMPLES=500 LAGET_FUZZ_SEED=7 ./dev test <this file>
MAX_EXAMPLES = int(os.environ.get("LAGET_FUZZ_EXAMPLES", "20"))
SEED = int(os.environ.get("LAGET_FUZZ_SEED", "20260412"))

# The schema as /api/v1/openapi.json serves it, generated here without a request: schemathesis
# parametrizes at collection. (Its from_fixture loader fails under pytest 9.2.)
RAW = json.loads(
    OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
)
schema = schemathesis.openapi.from_dict(
    RAW,
    config=schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "generation": {
                "mode": "all",
                "deterministic": True,
                "database": "none",
                "max-examples": MAX_EXAMPLES,
            },
            # Not the methods no endpoint has: DRF answers them all alike, with the JSON 405
            # test_errors.py checks.
            "phases": {"stateful": {"enabled": False}, "coverage": {"unexpected-methods": []}},
        }
    ),
)

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture
def app(db: None) -> Iterator[WSGIHandler]:
    """The application as a WSGI server runs it, in the test's transaction: like Django's test
    client, without closing the database connection at the end of each request. Thousands of
    refused requests are not logged one by one; a server error still is."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    log = logging.getLogger("django.request")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield WSGIHandler()
    finally:
        log.setLevel(level)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def token(db: None, world: World) -> str:
    return every_door_token(world)


@pytest.fixture
def known(db: None, world: World) -> dict[str, int]:
    """The world's object for each path parameter (the endpoint table names one per route)."""
    return {name: value for e in endpoints(world) for name, value in e.kwargs.items()}


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_is_documented_and_no_server_error(
    case: schemathesis.Case, app: WSGIHandler, token: str, known: dict[str, Any]
) -> None:
    # An even generated id names the world's object, so that the request reaches the
    # endpoint's validation and its service; an odd one is left as generated (mostly missing).
    for name, value in (case.path_parameters or {}).items():
        if name in known and isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = known[name]
    case.call_and_validate(app=app, headers={"Authorization": f"Token {token}"}, checks=CHECKS)
