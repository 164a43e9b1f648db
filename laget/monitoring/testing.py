"""Test helpers for the access matrix (laget/tests/test_access_matrix.py)."""

from laget.testing.world import World

STEERING = {"coordinator", "admin"}

# (url name, method, roles allowed): every route of the app needs a row.
ACCESS_ROWS: list[tuple[str, str, set[str]]] = [
    ("monitoring:dashboard", "get", STEERING),
    ("monitoring:report_pdf", "get", STEERING),
    ("monitoring:sharing", "get", STEERING),
    ("monitoring:sharing", "post", {"admin"}),
    ("monitoring:aggregate", "get", STEERING),
]


def route_kwargs(name: str, world: World) -> dict[str, object]:
    """URL kwargs for the route named `name` in the access matrix's world: none are needed."""
    return {}
