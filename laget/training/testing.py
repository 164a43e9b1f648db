"""Test helpers: the training's rows of the access matrix (laget/tests/test_access_matrix.py),
their URL kwargs, and a small training set for the test world."""

from laget.testing.world import ROLES, World
from laget.training.models import TrainingItem, TrainingKind

EVERY_STAFF = {r for r in ROLES if r != "anonymous"}
# A unit's overview: its leader (world.unit_leader leads the kindergarten) and the
# municipality's coordinators and admins; to anyone else the page is missing.
UNIT_SEERS = {"unit_leader", "coordinator", "admin"}

ACCESS_ROWS: list[tuple[str, str, set[str]]] = [
    ("training:list", "get", EVERY_STAFF),
    ("training:mine", "get", EVERY_STAFF),
    ("training:item", "get", EVERY_STAFF),
    ("training:complete", "post", EVERY_STAFF),
    ("training:unit", "get", UNIT_SEERS),
]
# What the roles a row does not name get, where it is not 403.
DENIED = {"training:unit": 404}


def world_item(world: World) -> TrainingItem:
    """An item of the world's municipality, so that another municipality's staff find it
    missing (test_access_worlds.py); the world is built once, each test runs in a savepoint."""
    item, _ = TrainingItem.objects.get_or_create(
        municipality=world.municipality,
        slug="matrise-ovelse",
        defaults={"title": "Øvelse", "kind": TrainingKind.EXERCISE, "body": "Øv."},
    )
    return item


def route_kwargs(name: str, world: World) -> dict[str, object]:
    route = name.split(":", 1)[1]
    if route in ("item", "complete"):
        return {"item_id": world_item(world).pk}
    if route == "unit":
        return {"unit_id": world.units["kindergarten"].pk}
    return {}
