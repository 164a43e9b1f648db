"""Test helpers: a service in the test world's municipality, and URL kwargs for the tables.

The world is built once per test module and each test runs in a savepoint, so the service is
fetched or created per call rather than kept on the world.
"""

from laget.directory.models import Service, ServiceKind
from laget.testing.world import World

WORLD_SERVICE = "Pedagogisk-psykologisk tjeneste"


def world_service(world: World) -> Service:
    service, _ = Service.objects.get_or_create(
        municipality=world.municipality,
        name=WORLD_SERVICE,
        defaults={
            "abbreviations": ["PPT"],
            "former_names": ["Skolepsykologisk kontor"],
            "kind": ServiceKind.SERVICE,
            "unit": world.units["ppt"],
            "phone": "400 00 104",
            "email": "ppt@example.invalid",
        },
    )
    return service


def route_kwargs(name: str, world: World) -> dict[str, object]:
    """The URL kwargs of a directory route ("directory:…" or "api:service")."""
    kwargs: dict[str, object] = {}
    if name.startswith("directory:public_"):
        kwargs["municipality_number"] = world.municipality.number
    if name in (
        "directory:service_update",
        "directory:service_deactivate",
        "directory:public_detail",
        "api:service",
    ):
        kwargs["service_id"] = world_service(world).pk
    return kwargs
