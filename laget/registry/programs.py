"""TIBIR as data: its six interventions and the qualifications its practitioners hold.

`install_tibir()` is idempotent: rows are found by slug and brought up to date, never doubled.
Other programs are added by an admin the same way (Program, Intervention, QualificationType).
"""

from dataclasses import dataclass

from django.db import transaction

from laget.registry.models import (
    Intervention,
    Program,
    QualificationKind,
    QualificationType,
)

TIBIR = "tibir"

# (slug, name) in the order the program lists them.
INTERVENTIONS: list[tuple[str, str]] = [
    ("kartlegging", "TIBIR-kartlegging"),
    ("foreldreradgivning", "TIBIR-foreldrerådgivning"),
    ("pmto-foreldregruppe", "PMTO-foreldregruppe"),
    ("konsultasjon", "TIBIR-konsultasjon for ansatte i barnehage og skole"),
    ("sosial-ferdighetstrening", "Sosial ferdighetstrening"),
    ("pmto-behandling", "PMTO-behandling"),
]


@dataclass(frozen=True)
class QualificationSpec:
    slug: str
    name: str
    kind: str
    intervention: str | None = None
    min_families: int | None = None
    period_months: int | None = None
    min_supervision_hours: int | None = None


QUALIFICATIONS: list[QualificationSpec] = [
    QualificationSpec(
        "pmto-terapeut",
        "Sertifisert PMTO-terapeut",
        QualificationKind.CERTIFIED,
        "pmto-behandling",
        min_families=5,
        period_months=12,
        min_supervision_hours=10,
    ),
    QualificationSpec(
        "pmto-gruppeleder",
        "Videreutdannet PMTO-gruppeleder",
        QualificationKind.GROUP_LEADER,
        "pmto-foreldregruppe",
        min_families=1,
        period_months=12,
    ),
    QualificationSpec(
        "kursholder-foreldreradgivning",
        "Kursholder i foreldrerådgivning",
        QualificationKind.COURSE_HOLDER,
        "foreldreradgivning",
    ),
    QualificationSpec(
        "kursholder-konsultasjon",
        "Kursholder i konsultasjon",
        QualificationKind.COURSE_HOLDER,
        "konsultasjon",
    ),
    QualificationSpec(
        "kursholder-kartlegging",
        "Kursholder i kartlegging",
        QualificationKind.COURSE_HOLDER,
        "kartlegging",
    ),
    QualificationSpec(
        "kursholder-sosial-ferdighetstrening",
        "Kursholder i sosial ferdighetstrening",
        QualificationKind.COURSE_HOLDER,
        "sosial-ferdighetstrening",
    ),
    QualificationSpec("veileder", "Veileder for TIBIR-utøvere", QualificationKind.SUPERVISOR),
    QualificationSpec(
        "utover-kartlegging",
        "Utøver av TIBIR-kartlegging",
        QualificationKind.PRACTITIONER,
        "kartlegging",
    ),
    QualificationSpec(
        "utover-foreldreradgivning",
        "Utøver av TIBIR-foreldrerådgivning",
        QualificationKind.PRACTITIONER,
        "foreldreradgivning",
        min_families=3,
        period_months=12,
    ),
    QualificationSpec(
        "utover-konsultasjon",
        "Utøver av TIBIR-konsultasjon",
        QualificationKind.PRACTITIONER,
        "konsultasjon",
    ),
    QualificationSpec(
        "utover-sosial-ferdighetstrening",
        "Utøver av sosial ferdighetstrening",
        QualificationKind.PRACTITIONER,
        "sosial-ferdighetstrening",
    ),
]


@transaction.atomic
def install_tibir() -> Program:
    program, _ = Program.objects.update_or_create(
        slug=TIBIR,
        defaults={"name": "TIBIR", "owner": "Programeier for TIBIR"},
    )
    interventions: dict[str, Intervention] = {}
    for order, (slug, name) in enumerate(INTERVENTIONS):
        interventions[slug], _ = Intervention.objects.update_or_create(
            program=program, slug=slug, defaults={"name": name, "order": order}
        )
    for order, spec in enumerate(QUALIFICATIONS):
        QualificationType.objects.update_or_create(
            program=program,
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "intervention": interventions[spec.intervention] if spec.intervention else None,
                "min_families": spec.min_families,
                "period_months": spec.period_months,
                "min_supervision_hours": spec.min_supervision_hours,
                "order": order,
            },
        )
    return program
