"""A real OpenID Connect provider on loopback (oidc-provider-mock), and the test families.

The provider runs in a thread on 127.0.0.1 on a free port for the whole session; the browser
reaches it there too. Tests choose who logs in by setting the user's claims (the pid) with
`PUT /users/<sub>` and answering the provider's authorization form.
"""

import os
import threading
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import httpx
import oidc_provider_mock
import pytest
import werkzeug.serving
from django.test import Client, override_settings
from django.urls import reverse

from laget.testing.family import Family, build_family
from laget.testing.world import World

CLIENT_ID = "laget-test"
CLIENT_SECRET = "test-hemmelighet"


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[str]:
    """The provider's issuer URL, http://127.0.0.1:<port>."""
    # The provider refuses plain http unless told it is a test.
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    app = oidc_provider_mock.app(require_nonce=True)
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def oidc_settings(oidc_provider: str) -> Iterator[str]:
    """Point the portal at the loopback provider (by issuer: the endpoints are discovered)."""
    with override_settings(
        LAGET_OIDC_ISSUER=oidc_provider,
        OIDC_RP_CLIENT_ID=CLIENT_ID,
        OIDC_RP_CLIENT_SECRET=CLIENT_SECRET,
    ):
        yield oidc_provider


def provider_user(issuer: str, claims: dict[str, object]) -> str:
    """Register a person at the provider with these claims; returns their subject id."""
    sub = uuid.uuid4().hex
    response = httpx.put(f"{issuer}/users/{sub}", json=claims)
    assert response.status_code == 204, response.text
    return sub


def authorize(authorize_url: str, sub: str) -> str:
    """Answer the provider's login form as `sub`; returns where it sends the browser back."""
    response = httpx.post(authorize_url, data={"sub": sub}, follow_redirects=False)
    assert response.status_code == 302, response.text
    return response.headers["location"]


def local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def oidc_login(client: Client, issuer: str, pid: str) -> object:
    """The whole login: our start → the provider's form → our callback. Returns the
    callback's response."""
    sub = provider_user(issuer, {"pid": pid})
    start = client.get(reverse("portal:oidc_start"))
    assert start.status_code == 302
    return client.get(local(authorize(start["Location"], sub)))


@pytest.fixture(scope="module")
def family(world: World, django_db_blocker: object) -> Family:
    """The families, built once per module inside the world's transaction."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return build_family(world)


@pytest.fixture
def client_as(db: None, family: Family) -> Callable[[str], Client]:
    """client_as(role) -> a test Client logged in as that family role (anonymous: not)."""

    def make(role: str) -> Client:
        client = Client()
        user = family.user(role)
        if user is not None:
            client.force_login(user, backend="laget.portal.oidc.PortalOIDCBackend")
        return client

    return make
