"""Test helpers: the training's rows of the access matrix (laget/tests/test_access_matrix.py),
their URL kwargs, and a small training set for the test world."""

from laget.testing.world import ROLES, World
from laget.training.models import TrainingItem, TrainingKind

EVERY_STAFF = {r for r in ROLES if r != "anonymous"}
# A unit's overview: its leader (world.unit_leader leads the kindergarten) and the
# municipality's coordinators and admins; to anyone else the page is missing.
UNIT_SEERS = {"unit_leader", "coordinator", "admin"}
# The editor of the municipality's own items: its coordinators and admins
# (orgs.rules.manages_municipality); to anyone else the pages are missing.
EDITORS = {"coordinator", "admin"}
EDITOR_ROUTES = [
    "training:own_list",
    "training:own_create",
    "training:own_edit",
    "training:own_delete",
]

ACCESS_ROWS: list[tuple[str, str, set[str]]] = [
    ("training:list", "get", EVERY_STAFF),
    ("training:mine", "get", EVERY_STAFF),
    ("training:item", "get", EVERY_STAFF),
    ("training:complete", "post", EVERY_STAFF),
    ("training:unit", "get", UNIT_SEERS),
    ("training:own_list", "get", EDITORS),
    ("training:own_create", "get", EDITORS),
    ("training:own_create", "post", EDITORS),
    ("training:own_edit", "get", EDITORS),
    ("training:own_edit", "post", EDITORS),
    ("training:own_delete", "get", EDITORS),
    ("training:own_delete", "post", EDITORS),
]
# What the roles a row does not name get, where it is not 403.
DENIED = {"training:unit": 404, **{name: 404 for name in EDITOR_ROUTES}}


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
    if route in ("item", "complete", "own_edit", "own_delete"):
        return {"item_id": world_item(world).pk}
    if route in ("own_list", "own_create"):
        return {"municipality_id": world.municipality.pk}
    if route == "unit":
        return {"unit_id": world.units["kindergarten"].pk}
    return {}
