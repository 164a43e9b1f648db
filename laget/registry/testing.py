"""Test helpers: a small fictional registry, the registry API's rows of the access matrix, and URL
kwargs for the access tables.

All names are invented. Regions «Øst» and «Vest»; Elvdal and Åsen in Øst, Sjøvik in Vest.
"""

import datetime
from dataclasses import dataclass

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.registry.models import (
    ActivityYear,
    Agreement,
    Course,
    FamiliesReached,
    Practitioner,
    Program,
    Qualification,
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


# The registry API (laget/api/views/registry.py): (URL name, method) of every endpoint. The
# world's admin (a program admin) and coordinator (the municipal registrar) may use them all;
# any other logged-in role has no registry role and gets 403; anonymous 401.
API_ENDPOINTS: list[tuple[str, str]] = [
    ("api:registry_practitioners", "get"),
    ("api:registry_practitioners", "post"),
    ("api:registry_practitioner", "get"),
    ("api:registry_practitioner", "patch"),
    ("api:registry_qualifications", "get"),
    ("api:registry_qualifications", "post"),
    ("api:registry_qualification", "get"),
    ("api:registry_qualification", "patch"),
    ("api:registry_activity_years", "get"),
    ("api:registry_activity_years", "post"),
    ("api:registry_activity_year", "get"),
    ("api:registry_activity_year", "patch"),
    ("api:registry_courses", "get"),
    ("api:registry_courses", "post"),
    ("api:registry_course", "get"),
    ("api:registry_course", "patch"),
    ("api:registry_course_complete", "post"),
    ("api:registry_families_reached_list", "get"),
    ("api:registry_families_reached_list", "post"),
    ("api:registry_families_reached", "get"),
    ("api:registry_families_reached", "patch"),
    ("api:registry_report", "get"),
]
REGISTRY_ROLES = {"coordinator", "admin"}
# Rows for laget/tests/test_access_matrix.py: (door, name, method, roles allowed).
ACCESS_ROWS: list[tuple[str, str, str, set[str]]] = [
    ("api", name, method, REGISTRY_ROLES) for name, method in API_ENDPOINTS
]


def world_rows(world: World) -> dict[str, int]:
    """URL kwargs of the registry API's objects in the world: the practitioner, a qualification
    and a year of theirs, the course and a count of families reached."""
    practitioner, course = world_registry(world)
    program = install_tibir()
    qualification, _ = Qualification.objects.get_or_create(
        practitioner=practitioner,
        type=program.qualification_types.get(slug="utover-kartlegging"),
        defaults={"obtained_on": datetime.date(2025, 3, 1)},
    )
    year, _ = ActivityYear.objects.get_or_create(practitioner=practitioner, year=2025)
    families, _ = FamiliesReached.objects.get_or_create(
        intervention=program.interventions.get(slug="kartlegging"),
        municipality=world.municipality,
        year=2025,
        kind="registered",
        case=None,
        defaults={"count": 3},
    )
    return {
        "practitioner_id": practitioner.pk,
        "course_id": course.pk,
        "qualification_id": qualification.pk,
        "activity_year_id": year.pk,
        "families_reached_id": families.pk,
    }


# Which object each registry API route names.
API_KWARGS: dict[str, tuple[str, ...]] = {
    "registry_practitioner": ("practitioner_id",),
    "registry_qualification": ("qualification_id",),
    "registry_activity_year": ("activity_year_id",),
    "registry_course": ("course_id",),
    "registry_course_complete": ("course_id",),
    "registry_families_reached": ("families_reached_id",),
}


def api_endpoint_rows(world: World) -> list[tuple[str, str, dict[str, int]]]:
    """(name in the "api" namespace, method, URL kwargs) of every registry API endpoint, for
    the endpoint table of laget/api/tests/endpoints.py."""
    objects = world_rows(world)
    out = []
    for name, method in API_ENDPOINTS:
        route = name.split(":", 1)[1]
        out.append((route, method, {key: objects[key] for key in API_KWARGS.get(route, ())}))
    return out


def route_kwargs(name: str, world: World) -> dict[str, object]:
    practitioner, course = world_registry(world)
    namespace, route = name.split(":", 1)
    if namespace == "api":
        objects = world_rows(world)
        return {key: objects[key] for key in API_KWARGS.get(route, ())}
    if route.startswith(("program_", "agreement_")):
        return program_route_kwargs(route, world)
    if route in ("self_link", "self_unlink"):
        return {"practitioner_id": world_own_practitioner(world, linked=route == "self_unlink").pk}
    if route in (
        "practitioner_detail",
        "practitioner_edit",
        "practitioner_activity",
        "practitioner_unlink",
    ):
        return {"practitioner_id": practitioner.pk}
    if route in (
        "course_complete",
        "course_edit",
        "course_participants",
        "course_participant_options",
    ):
        return {"course_id": course.pk}
    return {}


def world_own_practitioner(world: World, *, linked: bool) -> Practitioner:
    """For the matrix: a practitioner with the world stafettholder's e-mail (in capitals: the
    match ignores case), not linked (offered to her alone) or linked to her."""
    holder = world.users["stafettholder"]
    practitioner, _ = Practitioner.objects.update_or_create(
        ref="W-2",
        defaults={
            "first_name": holder.first_name,
            "last_name": holder.last_name,
            "email": holder.email.upper(),
            "municipality": world.municipality,
            "region": world.municipality.region or "Nord",
            "user": holder if linked else None,
        },
    )
    return practitioner


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
