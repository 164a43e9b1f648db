"""The program registry in the demo: a regional program coordinator for TIBIR with practitioners,
their certifications and years, courses with participants and families reached (run by
`seed_demo`, after the demo municipality exists; the neighbours are used when they are there).

Everything is invented and written through the registry's services, as the coordinator would.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from laget.accounts.models import User
from laget.demo import data
from laget.demo.monitoring import NEIGHBOURS
from laget.demo.town import staff_email
from laget.orgs.models import Municipality
from laget.registry import services
from laget.registry.models import (
    CountKind,
    CourseStatus,
    Practitioner,
    Program,
    RegistryRole,
    RegistryRoleKind,
    Term,
)
from laget.registry.planned import parse_planned
from laget.registry.programs import install_tibir

COORDINATOR = ("torild", "Torild", "Høgset")
REGISTRY_LOGIN = (
    COORDINATOR[0],
    "program coordinator for TIBIR in the region: registry, courses, report, import "
    "(Programregister)",
)
# Where a practitioner works: the demo municipality, a neighbour by number, or a state service.
HOME, FAGTEAM = "home", "Fagteam for barn og unge"

# (ref, first name, last name, where, qualifications (slug, years ago), active this year)
# Practitioners who are also the demo municipality's employees, by their username.
STAFF = {"HB-120": "sofie"}
PRACTITIONERS: list[tuple[str, str, str, str, list[tuple[str, int]], bool]] = [
    ("HB-101", "Sigrid", "Lundevall", HOME, [("pmto-terapeut", 6), ("veileder", 3)], True),
    (
        "HB-102",
        "Petter",
        "Aasmyr",
        HOME,
        [("pmto-terapeut", 4), ("kursholder-foreldreradgivning", 2)],
        True,
    ),
    ("HB-103", "Randi", "Kvitvang", HOME, [("pmto-terapeut", 2)], True),
    # Holds a further qualification but is not certified: the report counts her only as a note.
    ("HB-104", "Hilde", "Furuseth", HOME, [("kursholder-kartlegging", 1)], True),
    ("HB-105", "Ola", "Holtedal", HOME, [("utover-foreldreradgivning", 3)], True),
    ("HB-106", "Kari", "Nymoen", HOME, [("utover-foreldreradgivning", 2)], True),
    ("HB-107", "Jens", "Solbakk", HOME, [("utover-kartlegging", 1)], True),
    ("HB-108", "Marit", "Ødegård", HOME, [("pmto-terapeut", 8)], False),
    # A health nurse who also works with the program: her "Min opplæring" offers to link her.
    ("HB-120", "Sofie", "Myrbakk", HOME, [("utover-foreldreradgivning", 1)], True),
    ("SV-201", "Anders", "Vikhammer", "9972", [("pmto-terapeut", 5)], True),
    ("LY-301", "Turid", "Strandlie", "9973", [("utover-kartlegging", 2)], True),
    (
        "FT-401",
        "Nils",
        "Heggelund",
        FAGTEAM,
        [("pmto-terapeut", 10), ("pmto-gruppeleder", 5), ("veileder", 6)],
        True,
    ),
]
# (ref, families this year, hours of supervision this year); last year is a little less.
YEARS = {"HB-101": (7, 14), "HB-102": (5, 10), "HB-103": (2, 6), "SV-201": (6, 12)}
# Registered and estimated families per intervention in the demo municipality, last two years.
FAMILIES = [
    ("pmto-behandling", CountKind.REGISTERED, (9, 12)),
    ("foreldreradgivning", CountKind.REGISTERED, (21, 26)),
    ("foreldreradgivning", CountKind.ESTIMATED, (8, 10)),
    ("kartlegging", CountKind.ESTIMATED, (30, 34)),
]


def _term(today: datetime.date) -> tuple[int, str]:
    return today.year, Term.SPRING if today.month <= 6 else Term.AUTUMN


def _next_term(year: int, term: str) -> tuple[int, str]:
    return (year, Term.AUTUMN) if term == Term.SPRING else (year + 1, Term.SPRING)


def _coordinator(program: Program) -> User:
    username, first, last = COORDINATOR
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@rkbu.demo.invalid",
    )
    # The demo's one password hash (laget/demo/town.py), when the town is there.
    admin = User.objects.filter(username=data.ADMIN.username).first()
    if admin is not None:
        user.password = admin.password
    else:
        user.set_password(data.PASSWORD)
    user.full_clean()
    user.save()
    RegistryRole.objects.create(
        user=user, kind=RegistryRoleKind.REGIONAL, program=program, region=data.REGION
    )
    return user


@transaction.atomic
def seed_registry(today: datetime.date | None = None) -> list[str]:
    """Create the coordinator and the registry's demo data; the login line(s) to print. Does
    nothing but return the lines when the coordinator is already there."""
    lines = [f"  {REGISTRY_LOGIN[0]:<10} {REGISTRY_LOGIN[1]}"]
    if User.objects.filter(username=COORDINATOR[0]).exists():
        return lines
    today = today or timezone.localdate()
    program = install_tibir()
    home = Municipality.objects.get(number=data.MUNICIPALITY_NUMBER)
    neighbours = {
        m.number: m for m in Municipality.objects.filter(number__in=[n for _, n, _ in NEIGHBOURS])
    }
    by = _coordinator(program)
    types = {t.slug: t for t in program.qualification_types.all()}
    interventions = {i.slug: i for i in program.interventions.all()}

    # An intervention the municipality has planned but not started: the report says when.
    year, term = _term(today)
    start_year, start_term = _next_term(year, term)
    # Program data, as install_tibir writes it (the program admin's, not the coordinator's).
    sft = interventions["sosial-ferdighetstrening"]
    when = parse_planned(f"{'våren' if start_term == Term.SPRING else 'høsten'} {start_year}")
    sft.planned_year, sft.planned_term, sft.planned_on = when.year, when.term, when.on
    sft.save(update_fields=["planned_year", "planned_term", "planned_on"])

    people: dict[str, Practitioner] = {}
    for ref, first, last, where, held, active in PRACTITIONERS:
        municipality = home if where == HOME else neighbours.get(where)
        if where not in (HOME, FAGTEAM) and municipality is None:
            continue  # seeded without the neighbours
        people[ref] = p = services.practitioner_create(
            by=by,
            ref=ref,
            first_name=first,
            last_name=last,
            email=staff_email(STAFF[ref])
            if ref in STAFF
            else f"{first.lower()}.{ref.lower()}@demo.invalid",
            municipality=municipality,
            employer_name=FAGTEAM if where == FAGTEAM else "",
            region=data.REGION,
        )
        for slug, years_ago in held:
            services.qualification_add(
                by=by,
                practitioner=p,
                type=types[slug],
                obtained_on=datetime.date(year - years_ago, 3, 1),
            )
        families, hours = YEARS.get(ref, (3, 5))
        for y, scale in ((year - 1, 0.8), (year, 1.0)):
            services.activity_set(
                by=by,
                practitioner=p,
                year=y,
                active=active or y < year,
                reason_left="" if active or y < year else "Ny stilling i kommunen",
                families=round(families * scale) if active or y < year else 0,
                supervision_hours=round(hours * scale) if active or y < year else 0,
            )

    # Last year's completed course granted its participants the qualification.
    done = services.course_create(
        by=by,
        qualification_type=types["utover-foreldreradgivning"],
        year=year - 1,
        term=Term.AUTUMN,
        status=CourseStatus.RUNNING,
        region=data.REGION,
        municipality=home,
    )
    graduate = services.practitioner_create(
        by=by,
        ref="HB-109",
        first_name="Eirik",
        last_name="Tangvold",
        municipality=home,
        region=data.REGION,
    )
    services.course_participant_add(by=by, course=done, practitioner=graduate)
    services.course_complete(
        by=by,
        course=done,
        completed_ids=[graduate.pk],
        on=datetime.date(year - 1, 12, 1),
    )
    services.activity_set(by=by, practitioner=graduate, year=year, active=True, families=2)

    # Next term: a therapist course with people signed up, and a supervisor course open for
    # registration that nobody has signed up for yet (the report shows its deadline).
    next_year, next_term = _next_term(year, term)
    therapists = services.course_create(
        by=by,
        qualification_type=types["pmto-terapeut"],
        year=next_year,
        term=next_term,
        region=data.REGION,
        registration_deadline=today + datetime.timedelta(days=30),
    )
    for ref in ("HB-105", "HB-106", "HB-104"):
        services.course_participant_add(by=by, course=therapists, practitioner=people[ref])
    services.course_create(
        by=by,
        qualification_type=types["veileder"],
        year=next_year,
        term=next_term,
        region=data.REGION,
        registration_deadline=today + datetime.timedelta(days=45),
    )

    for slug, kind, counts in FAMILIES:
        for y, count in zip((year - 1, year), counts, strict=True):
            services.families_count_set(
                by=by,
                intervention=interventions[slug],
                municipality=home,
                year=y,
                count=count,
                kind=kind,
            )
    return lines
