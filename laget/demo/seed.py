"""Load the demo municipality once, and describe its logins."""

import random
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q

from laget.accounts.models import User
from laget.cases.choices import ParticipantRole
from laget.cases.models import Participant
from laget.demo import data
from laget.demo.monitoring import NEIGHBOURS, seed_monitoring
from laget.demo.moving import MOVING_LOGIN
from laget.demo.population import population_document
from laget.demo.register import (
    REGISTER_LOGIN,
    MissingFamilies,
    demo_register,
    seed_register_families,
)
from laget.demo.registry import REGISTRY_LOGIN
from laget.demo.stories import ALL_FAMILIES, ALL_STORIES
from laget.demo.story import Story
from laget.demo.town import Town, build_town
from laget.directory.starter import install_starter_services
from laget.folkeregister.errors import PersonNotFound
from laget.guide.concern import concern_channel_update
from laget.guide.services import guide_publish
from laget.guide.starter import install_starter_guide
from laget.orgs.models import Membership, Municipality, Role
from laget.training.editor import training_item_create
from laget.training.models import TrainingKind
from laget.training.services import training_complete
from laget.training.starter import STEP_PARENTS, install_starter_training

ROLE_NAMES = {
    Role.EMPLOYEE: "employee",
    Role.UNIT_LEADER: "unit leader",
    Role.COORDINATOR: "municipal coordinator",
    Role.ADMIN: "municipal admin",
    Role.PRIVACY_OFFICER: "privacy officer",
    Role.ARCHIVIST: "archivist",
}


def demo_municipality_numbers() -> set[str]:
    """The demo municipality and its neighbours: all the municipalities `seed_demo` makes."""
    return {data.MUNICIPALITY_NUMBER, *(number for _, number, _ in NEIGHBOURS)}


def demo_present() -> bool:
    return Municipality.objects.filter(
        Q(number=data.MUNICIPALITY_NUMBER) | Q(name=data.MUNICIPALITY_NAME)
    ).exists()


Progress = Callable[[str], None]


def _quiet(_line: str) -> None:
    """The default progress: say nothing."""


@transaction.atomic
def seed_demo(progress: Progress = _quiet) -> Town:
    """Create the municipality, its people and every case story, all or nothing.

    `progress` is told each step as it starts, so that whoever waits sees the demo come along.
    """
    progress("the municipality, its units and staff")
    town = build_town()
    progress("the action guide, its tools and the service directory")
    _guide_and_directory(town)
    rng = random.Random(data.RANDOM_SEED)  # noqa: S311 - repeatable demo data, not secrets
    population = population_document(ALL_FAMILIES, town.today)
    town.used_national_ids |= {person["id"] for person in population.document["people"]}
    with demo_register(population.document) as (register, origin):
        town.register, town.register_ids = register, population.child_ids
        progress(f"the case stories ({len(ALL_STORIES)})")  # their families from the register
        try:
            for story in ALL_STORIES:
                story(Story(town, rng))
        except PersonNotFound as error:
            raise MissingFamilies from error
        progress("families from the population register (its stand-in)")
        seed_register_families(town, register, origin)
        town.register = None
    progress("the implementation plan, surveys and indicators")
    seed_monitoring(town, rng)
    return town


def _guide_and_directory(town: Town) -> None:
    """The starter action guide (published, with its tools) and the service directory."""
    admin = next(
        u
        for u in town.users.values()
        if Membership.objects.filter(user=u, role=Role.ADMIN).exists()
    )
    install_starter_services(town.municipality)
    guide_publish(by=admin, version=install_starter_guide(town.municipality, admin))
    # The national starter training; some of the staff have done some of it (the unit pages
    # and the dashboard's training figure show it).
    items = {item.slug: item for item in install_starter_training(by=admin)}
    staff = sorted(town.users.values(), key=lambda u: u.username)
    for n, user in enumerate(staff):
        done = ("snakke-med-barn-om-bekymring", "niva-0-fra-uro-til-notat")[: n % 3]
        for slug in done:
            training_complete(by=user, item=items[slug])
    # One item of the municipality's own, beside the national set (the editor shows it).
    training_item_create(
        by=admin,
        municipality=town.municipality,
        title="Havbrekkes rutine for samtale med foreldre",
        kind=TrainingKind.TEXT,
        body=(
            "Hos oss avtaler helsestasjonen og barnehagen hvem som tar den første samtalen med "
            "foreldrene. Bruk malen i kvalitetssystemet, og skriv et kort notat i loggen samme "
            "dag."
        ),
        minutes=10,
        is_core=True,
        step_slugs=[STEP_PARENTS],
    )
    # Where the public guide's "report a concern" leads (an invented address and number).
    concern_channel_update(
        by=admin,
        municipality=town.municipality,
        concern_url="https://havbrekke.kommune.example/barnevern/bekymringsmelding",
        concern_phone="99 99 99 99",
        concern_note="Barnevernvakten svarer på samme nummer utenom kontortid.",
    )


def _held_batons() -> dict[str, int]:
    rows = Participant.objects.filter(
        role=ParticipantRole.STAFETTHOLDER,
        left_at__isnull=True,
        case__closed_at__isnull=True,
        case__municipality__number=data.MUNICIPALITY_NUMBER,
    ).values_list("user__username", flat=True)
    counts: dict[str, int] = {}
    for username in rows:
        counts[username] = counts.get(username, 0) + 1
    return counts


def login_lines() -> list[str]:
    """Who to try first, then every demo login with role and unit."""
    units = {u.key: u.name for u in data.UNITS}
    staff = {s.username: s for s in data.ALL_STAFF}
    batons = _held_batons()
    lines = [
        f"Log in at {data.LOGIN_URL} – every demo user has the password {data.PASSWORD}",
        "Try these first:",
    ]
    for username, why in data.TRY_FIRST:
        unit = units.get(staff[username].unit or "", data.MUNICIPALITY_NAME)
        lines.append(f"  {username:<10} {why} ({unit})")
    name, why = data.PORTAL_GUARDIAN
    lines.append(f"  {'family':<10} {name}, {why}: «Logg inn som» at {data.PORTAL_DEMO_URL}")
    lines.append(f"  Families as they are, at {data.PORTAL_DEMO_URL}:")
    for name, why in data.FAMILY_LOGINS:
        lines.append(f"    {name:<18} {why}")
    for username, why in (MOVING_LOGIN, REGISTRY_LOGIN, REGISTER_LOGIN):
        if User.objects.filter(username=username).exists():
            lines.append(f"  {username:<10} {why}")
    lines.append(
        f"  {'public':<10} the action guide and services, no login: "
        f"http://127.0.0.1:8000/veileder/{data.MUNICIPALITY_NUMBER}/"
    )
    lines += ["", "All demo logins:"]
    rows = [("username", "role", "unit", "holds the baton in")]
    for spec in data.ALL_STAFF:
        held = batons.get(spec.username, 0)
        rows.append(
            (
                spec.username,
                f"{ROLE_NAMES[Role(spec.role)]} ({spec.title})",
                units[spec.unit] if spec.unit else f"{data.MUNICIPALITY_NAME} (all units)",
                f"{held} case{'s' if held != 1 else ''}" if held else "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        lines.append(
            "  "
            + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False))
            + "  "
            + row[3]
        )
    return [line.rstrip() for line in lines]
