"""The API writes the same audit as the web: one record per read, list or write, via "api"."""

import pytest
from django.test import Client

from laget.api.tests.conftest import OwnCase
from laget.api.tests.endpoints import Endpoint, endpoints
from laget.api.tests.helpers import ClientFor, audited, post, url
from laget.audit.models import AuditAction, Via
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def read_endpoints(world: World) -> list[Endpoint]:
    return [e for e in endpoints(world) if e.need == "read" and e.method == "get"]


def test_every_case_read_writes_exactly_one_read_record(
    world: World, client_for: ClientFor
) -> None:
    client: Client = client_for("stafettholder")
    for endpoint in read_endpoints(world):
        with audited() as log:
            response = client.get(url(endpoint.name, **endpoint.kwargs))
        assert response.status_code == 200, endpoint.label
        assert log.actions() == [(AuditAction.READ, "case")], endpoint.label
        row = log.rows[0]
        assert row.case_id == world.case.pk and row.via == Via.API
        assert row.actor_id == world.users["stafettholder"].pk


def test_refused_write_writes_no_record(own_case: OwnCase, client_for: ClientFor) -> None:
    client: Client = client_for("stafettholder")
    with audited() as log:
        response = post(client, url("case_level", case_id=own_case.case.pk), {"to_level": 1})
    assert response.status_code == 400
    assert log.rows == []


def test_forbidden_write_writes_no_record(own_case: OwnCase, client_for: ClientFor) -> None:
    client: Client = client_for("participant")
    with audited() as log:
        response = post(
            client, url("case_close", case_id=own_case.case.pk), {"reason": "Ikke min sak"}
        )
    assert response.status_code == 403
    assert log.rows == []


def test_organisation_reads_write_no_case_record(world: World, client_for: ClientFor) -> None:
    client: Client = client_for("admin")
    with audited() as log:
        for name in ("me", "units", "staff"):
            assert client.get(url(name)).status_code == 200
    assert log.rows == []
