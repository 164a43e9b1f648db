"""The world's municipality with the starter guide published and the starter services."""

import pytest

from laget.directory.starter import install_starter_services
from laget.guide.models import GuideVersion
from laget.guide.services import guide_publish
from laget.guide.starter import install_starter_guide
from laget.testing.world import World


@pytest.fixture(scope="module")
def published(world: World, django_db_blocker: object) -> GuideVersion:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        admin = world.users["admin"]
        install_starter_services(world.municipality)
        draft = install_starter_guide(world.municipality, admin)
        return guide_publish(by=admin, version=draft)
