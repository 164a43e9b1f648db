"""The registry's write services: each writes, refuses outside the user's scope (403 without a
registry role, 404 for a row outside it, a field error for a row that would land outside it)
and names the field of a validation error. Also: courses grant qualifications; counts are
kept apart by kind; who falls short; TIBIR installs once."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404

from laget.registry.messages import (
    MSG_ALREADY_QUALIFIED,
    MSG_COUNT_NEGATIVE,
    MSG_COURSE_COMPLETED,
    MSG_MUNICIPALITY_OR_EMPLOYER,
    MSG_MUNICIPALITY_OUTSIDE,
    MSG_REGION_REQUIRED,
    MSG_UNKNOWN_PRACTITIONER,
)
from laget.registry.models import (
    Agreement,
    CountKind,
    Course,
    CourseParticipant,
    CourseStatus,
    FamiliesReached,
    Intervention,
    Practitioner,
    Program,
    Qualification,
    QualificationKind,
    QualificationType,
    RegistryRole,
    RegistryRoleKind,
    Term,
)
from laget.registry.programs import install_tibir
from laget.registry.selectors import falling_short
from laget.registry.services import (
    activity_set,
    activity_year_update,
    agreement_save,
    course_complete,
    course_create,
    course_participant_add,
    course_participant_remove,
    course_participants_set,
    course_update,
    families_count_set,
    families_count_update,
    intervention_save,
    practitioner_create,
    practitioner_update,
    program_save,
    qualification_add,
    qualification_type_save,
    qualification_update,
)
from laget.registry.testing import Registry, build_registry
from laget.testing.world import make_user

D = datetime.date

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
    granted = course_complete(
        by=reg.users["program_admin"], course=course, completed_ids=[a.pk], on=day
    )
    assert [q.practitioner for q in granted] == [a]
    course.refresh_from_db()
    assert course.status == CourseStatus.COMPLETED and course.completed_on == day
    assert course_complete(by=reg.users["program_admin"], course=course) == []
    q = Qualification.objects.get()
    assert (q.practitioner, q.obtained_on, q.course) == (a, day, course)


def test_counts_registered_and_estimated_apart(reg: Registry) -> None:
    intervention = reg.program.interventions.get(slug="kartlegging")
    m = reg.municipalities["elvdal"]
    families_count_set(
        by=reg.users["program_admin"], intervention=intervention, municipality=m, year=2025, count=4
    )
    families_count_set(
        by=reg.users["program_admin"],
        intervention=intervention,
        municipality=m,
        year=2025,
        count=9,
        kind=CountKind.ESTIMATED,
    )
    families_count_set(
        by=reg.users["program_admin"], intervention=intervention, municipality=m, year=2025, count=5
    )
    assert sorted(FamiliesReached.objects.values_list("kind", "count")) == [
        ("estimated", 9),
        ("registered", 5),
    ]
    with pytest.raises(ValidationError):
        families_count_set(
            by=reg.users["program_admin"],
            intervention=intervention,
            municipality=m,
            year=2025,
            count=-1,
        )


def test_falling_short(reg: Registry) -> None:
    therapist = reg.program.qualification_types.get(slug="pmto-terapeut")
    p = reg.practitioners
    for key in ("elvdal", "asen", "sjovik", "state"):
        Qualification.objects.create(
            practitioner=p[key], type=therapist, obtained_on=datetime.date(2020, 1, 1)
        )
    activity_set(
        by=reg.users["program_admin"],
        practitioner=p["elvdal"],
        year=2025,
        active=True,
        families=5,
        supervision_hours=10,
    )
    activity_set(
        by=reg.users["program_admin"],
        practitioner=p["asen"],
        year=2025,
        active=True,
        families=3,
        supervision_hours=12,
    )
    activity_set(
        by=reg.users["program_admin"],
        practitioner=p["sjovik"],
        year=2025,
        active=False,
        reason_left="Ny jobb",
    )
    # "state" has no year: counts as nothing done.
    short = {s.practitioner.ref: s.reasons for s in falling_short(2025)}
    assert short == {
        "R-2": ("3 av 5 familier",),
        "R-4": ("0 av 5 familier", "0 av 10 timer veiledning"),
    }
    with pytest.raises(ValidationError):
        activity_set(by=reg.users["program_admin"], practitioner=p["asen"], year=2026, active=False)


# --- Every write service: the write, the scope refusal, the field error ----------------------

ROLES_SEEING_ELVDAL = ["program_admin", "regional", "municipal"]


def practitioner_fields(**over: object) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ref": "R-50",
        "first_name": "Nora",
        "last_name": "Nyland",
        "email": "",
        "municipality": None,
        "employer_name": "",
        "region": "",
    }
    return data | over


@pytest.mark.parametrize("role", ROLES_SEEING_ELVDAL)
def test_practitioner_create_in_scope(reg: Registry, role: str) -> None:
    elvdal = reg.municipalities["elvdal"]
    p = practitioner_create(by=reg.users[role], **practitioner_fields(municipality=elvdal))
    assert (p.region, p.municipality) == ("Øst", elvdal)  # the region from the municipality


@pytest.mark.parametrize(
    ("role", "over", "field"),
    [
        ("municipal", {"municipality": "asen"}, "municipality"),
        ("municipal", {"region": "Øst", "employer_name": "Fagteam"}, "municipality"),
        ("regional", {"municipality": "sjovik"}, "municipality"),
        ("regional", {"region": "Vest", "employer_name": "Fagteam"}, "region"),
        # A municipality of another region does not come in through the region field.
        ("regional", {"municipality": "sjovik", "region": "Øst"}, "municipality"),
    ],
)
def test_practitioner_create_outside_scope_is_a_field_error(
    reg: Registry, role: str, over: dict[str, Any], field: str
) -> None:
    if "municipality" in over:
        over = over | {"municipality": reg.municipalities[over["municipality"]]}
    with pytest.raises(ValidationError) as e:
        practitioner_create(by=reg.users[role], **practitioner_fields(**over))
    assert field in e.value.message_dict
    assert not Practitioner.objects.filter(ref="R-50").exists()


def test_practitioner_create_without_a_registry_role_is_refused(reg: Registry) -> None:
    with pytest.raises(PermissionDenied):
        practitioner_create(by=reg.users["none"], **practitioner_fields(region="Øst"))


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"region": "Øst"}, "employer_name", MSG_MUNICIPALITY_OR_EMPLOYER),
        ({"employer_name": "Fagteam"}, "region", MSG_REGION_REQUIRED),
        ({"ref": "R-1", "region": "Øst", "employer_name": "Fagteam"}, "ref", None),
        ({"first_name": " ", "region": "Øst", "employer_name": "Fagteam"}, "first_name", None),
    ],
)
def test_practitioner_validation(
    reg: Registry, over: dict[str, Any], field: str, message: object
) -> None:
    with pytest.raises(ValidationError) as e:
        practitioner_create(by=reg.users["regional"], **practitioner_fields(**over))
    assert list(e.value.message_dict) == [field]
    if message is not None:
        assert e.value.message_dict[field] == [str(message)]


def test_practitioner_update(reg: Registry) -> None:
    p = reg.practitioners["asen"]
    fields = practitioner_fields(ref=p.ref, municipality=p.municipality, last_name="Åsheim")
    practitioner_update(by=reg.users["regional"], practitioner=p, **fields)
    p.refresh_from_db()
    assert (p.last_name, p.region) == ("Åsheim", "Øst")
    # Not theirs: like a missing one.
    with pytest.raises(Http404):
        practitioner_update(by=reg.users["municipal"], practitioner=p, **fields)
    # Moved out of the region: a field error, nothing saved.
    with pytest.raises(ValidationError) as e:
        practitioner_update(
            by=reg.users["regional"],
            practitioner=p,
            **fields | {"municipality": reg.municipalities["sjovik"]},
        )
    assert list(e.value.message_dict) == ["municipality"]
    p.refresh_from_db()
    assert p.municipality == reg.municipalities["asen"]


@pytest.mark.parametrize(("role", "allowed"), [("regional", True), ("municipal", False)])
def test_activity_services_scope(reg: Registry, role: str, allowed: bool) -> None:
    p = reg.practitioners["state"]  # a state service of region Øst
    user = reg.users[role]
    if not allowed:
        with pytest.raises(Http404):
            activity_set(by=user, practitioner=p, year=2025, active=True)
        return
    row = activity_set(by=user, practitioner=p, year=2025, active=True, families=2)
    row = activity_year_update(
        by=user,
        activity_year=row,
        active=False,
        reason_left="Pensjon",
        families=2,
        supervision_hours=1,
    )
    assert (row.active, row.reason_left, row.supervision_hours) == (False, "Pensjon", 1)
    with pytest.raises(ValidationError) as e:
        activity_year_update(
            by=user,
            activity_year=row,
            active=True,
            reason_left="",
            families=40000,
            supervision_hours=0,
        )
    assert list(e.value.message_dict) == ["families"]
    with pytest.raises(Http404):
        activity_year_update(
            by=reg.users["municipal"],
            activity_year=row,
            active=True,
            reason_left="",
            families=1,
            supervision_hours=0,
        )


def test_qualification_add_and_end(reg: Registry) -> None:
    p = reg.practitioners["elvdal"]
    supervisor = reg.program.qualification_types.get(slug="veileder")
    user = reg.users["municipal"]
    asen_registrar = make_user("reg-asen", "Åse", "Lid")
    RegistryRole.objects.create(
        user=asen_registrar,
        kind=RegistryRoleKind.MUNICIPAL,
        program=reg.program,
        municipality=reg.municipalities["asen"],
    )
    q = qualification_add(by=user, practitioner=p, type=supervisor, obtained_on=D(2024, 1, 1))
    q = qualification_update(
        by=user, qualification=q, obtained_on=D(2024, 1, 1), expires_on=D(2026, 1, 1)
    )
    assert q.expires_on == D(2026, 1, 1)
    with pytest.raises(ValidationError) as e:
        qualification_add(by=user, practitioner=p, type=supervisor, obtained_on=D(2024, 1, 1))
    assert e.value.message_dict == {"type": [str(MSG_ALREADY_QUALIFIED)]}
    with pytest.raises(ValidationError) as e:
        qualification_update(
            by=user, qualification=q, obtained_on=D(2024, 1, 1), expires_on=D(2023, 1, 1)
        )
    assert list(e.value.message_dict) == ["expires_on"]
    other = reg.practitioners["asen"]
    with pytest.raises(Http404):
        qualification_add(by=user, practitioner=other, type=supervisor, obtained_on=D(2024, 1, 1))
    # The registrar of Åsen does not see Elvdal's practitioner.
    with pytest.raises(Http404):
        qualification_update(
            by=asen_registrar, qualification=q, obtained_on=D(2020, 1, 1), expires_on=None
        )
    assert Qualification.objects.count() == 1


def course_fields(reg: Registry, **over: object) -> dict[str, Any]:
    data: dict[str, Any] = {
        "qualification_type": reg.program.qualification_types.get(slug="veileder"),
        "year": 2027,
        "term": Term.AUTUMN,
        "status": CourseStatus.PLANNED,
        "region": "",
        "municipality": None,
    }
    return data | over


@pytest.mark.parametrize(
    ("role", "where", "error"),
    [
        ("regional", {"region": "Øst"}, None),
        ("regional", {"region": "Vest"}, "region"),
        ("municipal", {"municipality": "elvdal"}, None),
        ("municipal", {"region": "Øst"}, "municipality"),
        ("program_admin", {"region": "Nord"}, None),
    ],
)
def test_course_create_scope(
    reg: Registry, role: str, where: dict[str, Any], error: str | None
) -> None:
    if "municipality" in where:
        where = where | {"municipality": reg.municipalities[where["municipality"]]}
    fields = course_fields(reg, **where)
    if error is None:
        c = course_create(by=reg.users[role], **fields)
        assert c.region in ("Øst", "Nord")
        return
    with pytest.raises(ValidationError) as e:
        course_create(by=reg.users[role], **fields)
    assert list(e.value.message_dict) == [error]
    assert not Course.objects.exists()


def test_course_update_and_participants(reg: Registry) -> None:
    user = reg.users["regional"]
    c = course_create(by=user, **course_fields(reg, region="Øst"))
    with pytest.raises(ValidationError) as e:
        course_update(by=user, course=c, **course_fields(reg, region="Øst", term="X"))
    assert list(e.value.message_dict) == ["term"]
    course_update(
        by=user, course=c, **course_fields(reg, region="Øst", status=CourseStatus.RUNNING)
    )
    c.refresh_from_db()
    assert c.status == CourseStatus.RUNNING
    with pytest.raises(Http404):
        course_update(by=reg.users["municipal"], course=c, **course_fields(reg, region="Øst"))
    a, s = reg.practitioners["asen"], reg.practitioners["sjovik"]
    course_participant_add(by=user, course=c, practitioner=a)
    with pytest.raises(Http404):
        course_participant_add(by=user, course=c, practitioner=s)
    with pytest.raises(ValidationError) as e:
        course_participants_set(by=user, course=c, practitioner_ids=[a.pk, s.pk])
    assert e.value.message_dict == {"participants": [str(MSG_UNKNOWN_PRACTITIONER)]}
    CourseParticipant.objects.create(course=c, practitioner=s)  # added by the program admin
    course_participants_set(by=user, course=c, practitioner_ids=[reg.practitioners["state"].pk])
    assert {p.ref for p in c.participants.all()} == {"R-3", "R-4"}
    course_participant_remove(by=user, course=c, practitioner=reg.practitioners["state"])
    assert {p.ref for p in c.participants.all()} == {"R-3"}
    course_complete(by=user, course=c)
    for call in (
        lambda: course_participant_add(by=user, course=c, practitioner=a),
        lambda: course_participants_set(by=user, course=c, practitioner_ids=[]),
    ):
        with pytest.raises(ValidationError) as e:
            call()
        assert list(e.value.message_dict.values()) == [[str(MSG_COURSE_COMPLETED)]]


@pytest.mark.parametrize(("role", "allowed"), [("regional", True), ("municipal", False)])
def test_course_complete_scope(reg: Registry, role: str, allowed: bool) -> None:
    c = Course.objects.create(
        qualification_type=reg.program.qualification_types.get(slug="veileder"),
        year=2026,
        term=Term.SPRING,
        region="Øst",
    )
    if allowed:
        course_complete(by=reg.users[role], course=c)
    else:
        with pytest.raises(Http404):
            course_complete(by=reg.users[role], course=c)
    c.refresh_from_db()
    assert (c.status == CourseStatus.COMPLETED) is allowed


@pytest.mark.parametrize(
    ("role", "municipality", "allowed"),
    [
        ("municipal", "elvdal", True),
        ("municipal", "asen", False),
        ("regional", "asen", True),
        ("regional", "sjovik", False),
        ("program_admin", "sjovik", True),
    ],
)
def test_families_count_scope(reg: Registry, role: str, municipality: str, allowed: bool) -> None:
    kwargs: dict[str, Any] = {
        "intervention": reg.program.interventions.get(slug="kartlegging"),
        "municipality": reg.municipalities[municipality],
        "year": 2025,
        "count": 3,
    }
    if not allowed:
        with pytest.raises(ValidationError) as e:
            families_count_set(by=reg.users[role], **kwargs)
        assert e.value.message_dict == {"municipality": [str(MSG_MUNICIPALITY_OUTSIDE)]}
        assert not FamiliesReached.objects.exists()
        return
    row = families_count_set(by=reg.users[role], **kwargs)
    row = families_count_update(by=reg.users[role], row=row, count=5)
    assert row.count == 5
    with pytest.raises(ValidationError) as e:
        families_count_update(by=reg.users[role], row=row, count=-1)
    assert e.value.message_dict == {"count": [str(MSG_COUNT_NEGATIVE)]}


def test_families_count_update_outside_scope_is_404(reg: Registry) -> None:
    row = families_count_set(
        by=reg.users["program_admin"],
        intervention=reg.program.interventions.get(slug="kartlegging"),
        municipality=reg.municipalities["sjovik"],
        year=2025,
        count=3,
    )
    with pytest.raises(Http404):
        families_count_update(by=reg.users["regional"], row=row, count=9)
    row.refresh_from_db()
    assert row.count == 3


@pytest.mark.parametrize("role", ["regional", "municipal", "none"])
def test_program_writes_are_for_program_admins(reg: Registry, role: str) -> None:
    user = reg.users[role]
    with pytest.raises(PermissionDenied):
        program_save(by=user, slug="nytt", name="Nytt")
    with pytest.raises(PermissionDenied):
        intervention_save(by=user, program=reg.program, slug="ny", name="Ny")
    with pytest.raises(PermissionDenied):
        qualification_type_save(
            by=user, program=reg.program, slug="ny", name="Ny", kind=QualificationKind.SUPERVISOR
        )
    assert not Program.objects.filter(slug="nytt").exists()


@pytest.mark.parametrize(("role", "allowed"), [("regional", True), ("municipal", False)])
def test_agreement_save_scope(reg: Registry, role: str, allowed: bool) -> None:
    kwargs: dict[str, Any] = {
        "municipality": reg.municipalities["asen"],
        "program": reg.program,
        "signed_on": D(2024, 3, 1),
        "parties": "Kommunen",
    }
    if allowed:
        agreement_save(by=reg.users[role], **kwargs)
    else:
        with pytest.raises(Http404):
            agreement_save(by=reg.users[role], **kwargs)
    assert Agreement.objects.exists() is allowed
