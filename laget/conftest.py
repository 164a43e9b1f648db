"""Fixtures shared by the apps' tests."""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from laget.testing.world import PASSWORD, World, build_world


@pytest.fixture(scope="session", autouse=True)
def _plain_static_files() -> Iterator[None]:
    """Production's manifest storage needs collectstatic; tests render templates without it.

    WhiteNoise is left out too: it scans the collected files whenever a test client builds its
    middleware, which made every request in the suite several times slower.
    """
    storages = {**settings.STORAGES}
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    middleware = [m for m in settings.MIDDLEWARE if not m.startswith("whitenoise.")]
    with override_settings(STORAGES=storages, MIDDLEWARE=middleware):
        yield


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Uploads in tests (scanned consents) go to a folder of their own, never the tree."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: object) -> Iterator[World]:
    """One fictional municipality with a person of every role, built once per test module.

    Built inside a transaction that is rolled back when the module ends; each test runs in a
    savepoint inside it (pytest-django's `db`), so tests see it fresh and cannot leak into it.
    """
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def client_for(db: None, world: World) -> object:
    """client_for(role) -> a Django test Client logged in as that role (anonymous: not)."""

    def make(role: str) -> Client:
        client = Client()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def password() -> str:
    return PASSWORD
