"""Courses grant qualifications; counts kept apart by kind; who falls short; TIBIR installs once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from laget.registry.models import (
    CountKind,
    Course,
    CourseParticipant,
    CourseStatus,
    FamiliesReached,
    Intervention,
    Program,
    Qualification,
    QualificationType,
    Term,
)
from laget.registry.programs import install_tibir
from laget.registry.services import (
    activity_set,
    course_complete,
    falling_short,
    families_count_set,
)
from laget.registry.testing import Registry, build_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def reg(db: None) -> Registry:
    return build_registry()


def test_install_tibir_is_idempotent(db: None) -> None:
    install_tibir()
    call_command("registry_install_tibir", stdout=__import__("io").StringIO())
    program = Program.objects.get(slug="tibir")
    assert program.interventions.count() == 6
    assert Intervention.objects.count() == 6
    therapist = QualificationType.objects.get(slug="pmto-terapeut")
    assert (therapist.min_families, therapist.period_months) == (5, 12)
    assert therapist.intervention is not None and therapist.intervention.slug == "pmto-behandling"
    assert QualificationType.objects.filter(program=program).count() == 11


def test_course_complete_grants_once(reg: Registry) -> None:
    course = Course.objects.create(
        qualification_type=reg.program.qualification_types.get(slug="pmto-gruppeleder"),
        year=2025,
        term=Term.AUTUMN,
        region="Øst",
    )
    a, b = reg.practitioners["elvdal"], reg.practitioners["asen"]
    CourseParticipant.objects.create(course=course, practitioner=a)
    CourseParticipant.objects.create(course=course, practitioner=b)
    day = datetime.date(2025, 12, 10)
    granted = course_complete(course=course, completed_ids=[a.pk], on=day)
    assert [q.practitioner for q in granted] == [a]
    course.refresh_from_db()
    assert course.status == CourseStatus.COMPLETED and course.completed_on == day
    assert course_complete(course=course) == []
    q = Qualification.objects.get()
    assert (q.practitioner, q.obtained_on, q.course) == (a, day, course)


def test_counts_registered_and_estimated_apart(reg: Registry) -> None:
    intervention = reg.program.interventions.get(slug="kartlegging")
    m = reg.municipalities["elvdal"]
    families_count_set(intervention=intervention, municipality=m, year=2025, count=4)
    families_count_set(
        intervention=intervention, municipality=m, year=2025, count=9, kind=CountKind.ESTIMATED
    )
    families_count_set(intervention=intervention, municipality=m, year=2025, count=5)
    assert sorted(FamiliesReached.objects.values_list("kind", "count")) == [
        ("estimated", 9),
        ("registered", 5),
    ]
    with pytest.raises(ValidationError):
        families_count_set(intervention=intervention, municipality=m, year=2025, count=-1)


def test_falling_short(reg: Registry) -> None:
    therapist = reg.program.qualification_types.get(slug="pmto-terapeut")
    p = reg.practitioners
    for key in ("elvdal", "asen", "sjovik", "state"):
        Qualification.objects.create(
            practitioner=p[key], type=therapist, obtained_on=datetime.date(2020, 1, 1)
        )
    activity_set(practitioner=p["elvdal"], year=2025, active=True, families=5, supervision_hours=10)
    activity_set(practitioner=p["asen"], year=2025, active=True, families=3, supervision_hours=12)
    activity_set(practitioner=p["sjovik"], year=2025, active=False, reason_left="Ny jobb")
    # "state" has no year: counts as nothing done.
    short = {s.practitioner.ref: s.reasons for s in falling_short(2025)}
    assert short == {
        "R-2": ("3 av 5 familier",),
        "R-4": ("0 av 5 familier", "0 av 10 timer veiledning"),
    }
    with pytest.raises(ValidationError):
        activity_set(practitioner=p["asen"], year=2026, active=False)
