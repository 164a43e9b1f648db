"""Test helpers: a small fictional registry, and URL kwargs for the access tables.

All names are invented. Regions «Øst» and «Vest»; Elvdal and Åsen in Øst, Sjøvik in Vest.
"""

import datetime
from dataclasses import dataclass

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.registry.models import (
    Agreement,
    Course,
    Practitioner,
    Program,
    RegistryRole,
    RegistryRoleKind,
    Term,
)
from laget.registry.programs import install_tibir
from laget.testing.world import World, make_user


@dataclass
class Registry:
    program: Program
    municipalities: dict[str, Municipality]
    practitioners: dict[str, Practitioner]
    users: dict[str, User]


def build_registry() -> Registry:
    program = install_tibir()
    ms = {
        "elvdal": Municipality.objects.create(name="Elvdal", number="8801", region="Øst"),
        "asen": Municipality.objects.create(name="Åsen", number="8802", region="Øst"),
        "sjovik": Municipality.objects.create(name="Sjøvik", number="8803", region="Vest"),
    }
    ps = {
        "elvdal": Practitioner.objects.create(
            ref="R-1",
            first_name="Eli",
            last_name="Dalstrøm",
            municipality=ms["elvdal"],
            region="Øst",
        ),
        "asen": Practitioner.objects.create(
            ref="R-2", first_name="Are", last_name="Åsmo", municipality=ms["asen"], region="Øst"
        ),
        "sjovik": Practitioner.objects.create(
            ref="R-3",
            first_name="Sol",
            last_name="Vikan",
            municipality=ms["sjovik"],
            region="Vest",
        ),
        # A specialist service serving the region, no municipality.
        "state": Practitioner.objects.create(
            ref="R-4",
            first_name="Stig",
            last_name="Bufset",
            employer_name="Fagteam Øst",
            region="Øst",
        ),
    }
    users: dict[str, User] = {
        "program_admin": make_user("reg-admin", "Pia", "Rognstad"),
        "regional": make_user("reg-ost", "Rolf", "Østby"),
        "municipal": make_user("reg-elvdal", "Mona", "Elvheim"),
        "none": make_user("reg-ingen", "Ine", "Grav"),
    }
    RegistryRole.objects.create(
        user=users["program_admin"], kind=RegistryRoleKind.PROGRAM_ADMIN, program=program
    )
    RegistryRole.objects.create(
        user=users["regional"], kind=RegistryRoleKind.REGIONAL, program=program, region="Øst"
    )
    RegistryRole.objects.create(
        user=users["municipal"],
        kind=RegistryRoleKind.MUNICIPAL,
        program=program,
        municipality=ms["elvdal"],
    )
    return Registry(program, ms, ps, users)


def world_registry(world: World) -> tuple[Practitioner, Course]:
    """For the access matrix: the world's admin is a program admin and its coordinator the
    municipal registrar of the world's municipality; one practitioner and one course there."""
    program = install_tibir()
    RegistryRole.objects.get_or_create(
        user=world.users["admin"], kind=RegistryRoleKind.PROGRAM_ADMIN, program=program
    )
    RegistryRole.objects.get_or_create(
        user=world.users["coordinator"],
        kind=RegistryRoleKind.MUNICIPAL,
        program=program,
        municipality=world.municipality,
    )
    practitioner, _ = Practitioner.objects.get_or_create(
        ref="W-1",
        defaults={
            "first_name": "Vilde",
            "last_name": "Moen",
            "municipality": world.municipality,
            "region": world.municipality.region or "Nord",
        },
    )
    course, _ = Course.objects.get_or_create(
        qualification_type=program.qualification_types.get(slug="pmto-terapeut"),
        year=2026,
        term=Term.SPRING,
        region=world.municipality.region or "Nord",
        municipality=world.municipality,
        defaults={"completed_on": datetime.date(2026, 6, 1)},
    )
    return practitioner, course


def route_kwargs(name: str, world: World) -> dict[str, object]:
    practitioner, course = world_registry(world)
    route = name.split(":", 1)[1]
    if route.startswith(("program_", "agreement_")):
        return program_route_kwargs(route, world)
    if route in ("practitioner_detail", "practitioner_edit", "practitioner_activity"):
        return {"practitioner_id": practitioner.pk}
    if route in ("course_complete", "course_edit", "course_participants"):
        return {"course_id": course.pk}
    return {}


def program_route_kwargs(route: str, world: World) -> dict[str, object]:
    """URL kwargs for the program and agreement pages (program_views.py, agreement_views.py):
    TIBIR, its first intervention and qualification, and an agreement for the world's
    municipality."""
    program = install_tibir()
    agreement, _ = Agreement.objects.get_or_create(
        municipality=world.municipality,
        program=program,
        defaults={"signed_on": datetime.date(2025, 1, 15), "parties": "Kommunen og RKBU"},
    )
    if route == "agreement_create":
        return {"municipality_id": world.municipality.pk}
    if route == "agreement_edit":
        return {"agreement_id": agreement.pk}
    kwargs: dict[str, object] = {}
    if route.startswith("program_") and route not in ("program_list", "program_create"):
        kwargs["program_id"] = program.pk
    if route == "program_intervention_edit":
        kwargs["intervention_id"] = program.interventions.first().pk  # type: ignore[union-attr]
    if route == "program_qualification_edit":
        kwargs["qualification_type_id"] = program.qualification_types.first().pk  # type: ignore[union-attr]
    return kwargs
