"""Small helpers for the API tests: JSON requests, audit counting, the table of endpoints."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models import Model
from django.test import Client
from django.urls import reverse

from laget.audit.models import AuditEvent
from laget.orgs.models import Membership, Role
from laget.registry.models import RegistryRole, RegistryRoleKind
from laget.registry.programs import install_tibir
from laget.registry.testing import world_registry
from laget.testing.world import World
from laget.testing.worlds import api_token

# The `client_for` fixture of laget/conftest.py: a logged-in test client for a role.
ClientFor = Callable[[str], Client]


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"api:{name}", kwargs=kwargs or None)


def post(client: Client, path: str, data: Any = None) -> Any:
    return client.post(path, {} if data is None else data, content_type="application/json")


def patch(client: Client, path: str, data: Any) -> Any:
    return client.patch(path, data, content_type="application/json")


def token_client(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


class AuditLog:
    """The audit rows written inside an `audited()` block."""

    def __init__(self) -> None:
        self.rows: list[AuditEvent] = []

    def actions(self) -> list[tuple[str, str]]:
        return [(row.action, row.object_type) for row in self.rows]


@contextmanager
def audited() -> Iterator[AuditLog]:
    log = AuditLog()
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    yield log
    log.rows = list(AuditEvent.objects.filter(id__gt=last).order_by("id"))


def counts(*models: type[Model]) -> tuple[int, ...]:
    """Row counts, to show that a refused request left nothing half-written."""
    return tuple(m._default_manager.count() for m in models)


def errors_of(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 400, (response.status_code, response.content)
    body = response.json()
    assert set(body) == {"errors"}, body
    return body["errors"]


def every_door_token(world: World) -> str:
    """A token of world.case's stafettholder, made also the municipality's admin and its
    registrar: past the access check of every endpoint, to its body (the strict-body test and
    the schemathesis run)."""
    user = world.users["stafettholder"]
    Membership.objects.create(user=user, municipality=world.municipality, role=Role.ADMIN)
    world_registry(world)
    RegistryRole.objects.create(
        user=user,
        kind=RegistryRoleKind.MUNICIPAL,
        program=install_tibir(),
        municipality=world.municipality,
    )
    return api_token(user)
