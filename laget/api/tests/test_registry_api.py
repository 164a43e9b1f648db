"""The registry API: the web's scope and services behind JSON.

The registry of laget/registry/testing.py: Elvdal and Åsen in region Øst, Sjøvik in Vest; a
program admin, a regional coordinator of Øst, the municipal registrar of Elvdal, and a user
without a registry role.
"""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from laget.api.tests.helpers import errors_of, patch, post
from laget.registry.models import (
    ActivityYear,
    Course,
    CourseParticipant,
    CourseStatus,
    FamiliesReached,
    Practitioner,
    Qualification,
    Term,
)
from laget.registry.services import activity_set, families_count_set
from laget.registry.testing import (
    API_ENDPOINTS,
    Registry,
    api_endpoint_rows,
    build_registry,
)
from laget.testing.world import World

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Ikke funnet."}
# A new practitioner of the state service in region Øst.
NEW = {"ref": "R-9", "first_name": "A", "last_name": "B", "region": "Øst", "employer_name": "X"}


@pytest.fixture
def reg(db: None) -> Registry:
    return build_registry()


def client(reg: Registry, role: str) -> Client:
    c = Client()
    if role != "anonymous":
        c.force_login(reg.users[role])
    return c


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"api:{name}", kwargs=kwargs or None)


def course(reg: Registry, region: str = "Øst", **over: Any) -> Course:
    return Course.objects.create(
        qualification_type=reg.program.qualification_types.get(slug="pmto-terapeut"),
        year=2026,
        term=Term.SPRING,
        region=region,
        **over,
    )


def rows(reg: Registry, key: str) -> dict[str, int]:
    """URL kwargs of one row of each kind belonging to `reg.practitioners[key]` (and its
    municipality, for families reached)."""
    p = reg.practitioners[key]
    admin = reg.users["program_admin"]
    q = Qualification.objects.create(
        practitioner=p,
        type=reg.program.qualification_types.get(slug="veileder"),
        obtained_on=datetime.date(2024, 1, 1),
    )
    year = activity_set(by=admin, practitioner=p, year=2025, active=True, families=2)
    c = course(reg, region=p.region, municipality=p.municipality)
    kwargs = {
        "practitioner_id": p.pk,
        "qualification_id": q.pk,
        "activity_year_id": year.pk,
        "course_id": c.pk,
    }
    if p.municipality is not None:
        families = families_count_set(
            by=admin,
            intervention=reg.program.interventions.get(slug="kartlegging"),
            municipality=p.municipality,
            year=2025,
            count=4,
        )
        kwargs["families_reached_id"] = families.pk
    return kwargs


OBJECT_KWARGS = {
    "registry_practitioner": "practitioner_id",
    "registry_qualification": "qualification_id",
    "registry_activity_year": "activity_year_id",
    "registry_course": "course_id",
    "registry_course_complete": "course_id",
    "registry_families_reached": "families_reached_id",
}


def call(c: Client, name: str, method: str, kwargs: dict[str, int], data: Any = None) -> Any:
    key = OBJECT_KWARGS.get(name)
    path = url(name, **({key: kwargs[key]} if key else {}))
    if method == "get":
        return c.get(path)
    return getattr(c, method)(path, data or {}, content_type="application/json")


# --- Who may use the registry API --------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("none", 403)])
@pytest.mark.parametrize(("name", "method"), [(n.split(":")[1], m) for n, m in API_ENDPOINTS])
def test_refused_without_a_registry_role(
    reg: Registry, role: str, status: int, name: str, method: str
) -> None:
    kwargs = rows(reg, "elvdal")
    response = call(client(reg, role), name, method, kwargs)
    assert response.status_code == status
    assert set(response.json()) == {"detail"}


def test_the_endpoint_rows_name_every_route_and_its_objects(world: World) -> None:
    """The rows laget/api/tests/endpoints.py takes: each resolves, and answers 401 to anonymous."""
    endpoint_rows = api_endpoint_rows(world)
    assert [(f"api:{n}", m) for n, m, _ in endpoint_rows] == API_ENDPOINTS
    for name, method, kwargs in endpoint_rows:
        response = getattr(Client(), method)(
            url(name, **kwargs), {}, content_type="application/json"
        )
        assert response.status_code == 401, name


# What each endpoint answers a role that may use it, on a row of its own (an empty body: the
# fields it needs are named; a PATCH with nothing changes nothing).
ALLOWED = {
    "get": 200,
    "post": 400,
    "patch": 200,
}


@pytest.mark.parametrize("role", ["program_admin", "regional", "municipal"])
@pytest.mark.parametrize(("name", "method"), [(n.split(":")[1], m) for n, m in API_ENDPOINTS])
def test_each_registry_role_may_use_every_endpoint_in_its_scope(
    reg: Registry, role: str, name: str, method: str
) -> None:
    kwargs = rows(reg, "elvdal")
    response = call(client(reg, role), name, method, kwargs)
    expected = 200 if name == "registry_course_complete" else ALLOWED[method]
    assert response.status_code == expected, response.content


@pytest.mark.parametrize(
    ("role", "key"),
    [
        ("municipal", "asen"),  # another municipality of the same region
        ("municipal", "sjovik"),
        ("regional", "sjovik"),  # another region
    ],
)
@pytest.mark.parametrize(
    ("name", "method"),
    [(n.split(":")[1], m) for n, m in API_ENDPOINTS if n.split(":")[1] in OBJECT_KWARGS],
)
def test_a_row_outside_ones_scope_is_404(
    reg: Registry, role: str, key: str, name: str, method: str
) -> None:
    kwargs = rows(reg, key)
    before = (
        Practitioner.objects.get(pk=kwargs["practitioner_id"]).last_name,
        Course.objects.get(pk=kwargs["course_id"]).status,
    )
    response = call(client(reg, role), name, method, kwargs, {"year": 2027})
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    after = (
        Practitioner.objects.get(pk=kwargs["practitioner_id"]).last_name,
        Course.objects.get(pk=kwargs["course_id"]).status,
    )
    assert before == after


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("program_admin", {"R-1", "R-2", "R-3", "R-4"}),
        ("regional", {"R-1", "R-2", "R-4"}),
        ("municipal", {"R-1"}),
    ],
)
def test_lists_show_the_scope(reg: Registry, role: str, seen: set[str]) -> None:
    for key in reg.practitioners:
        rows(reg, key)
    c = client(reg, role)
    response = c.get(url("registry_practitioners"))
    assert {p["ref"] for p in response.json()} == seen
    assert response["X-Total-Count"] == str(len(seen))
    ids = set(Practitioner.objects.filter(ref__in=seen).values_list("pk", flat=True))
    for name in ("registry_qualifications", "registry_activity_years"):
        assert {r["practitioner"] for r in c.get(url(name)).json()} == ids
    municipalities = {p.municipality_id for p in Practitioner.objects.filter(pk__in=ids)}
    families = c.get(url("registry_families_reached_list")).json()
    assert {f["municipality"] for f in families} == municipalities - {None}
    assert len(c.get(url("registry_practitioners") + "?limit=1").json()) == 1


# --- Round trips -------------------------------------------------------------------------------


def test_practitioner_round_trip(reg: Registry) -> None:
    c = client(reg, "regional")
    body = {
        "ref": "R-77",
        "first_name": "Nora",
        "last_name": "Nyland",
        "municipality": reg.municipalities["asen"].pk,
    }
    response = post(c, url("registry_practitioners"), body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["region"], created["qualifications"]) == ("Øst", [])
    one = url("registry_practitioner", practitioner_id=created["id"])
    assert c.get(one).json() == created
    response = patch(c, one, {"last_name": "Nyheim", "email": "nora@example.invalid"})
    assert response.status_code == 200
    assert response.json() == created | {"last_name": "Nyheim", "email": "nora@example.invalid"}
    found = c.get(url("registry_practitioners") + "?q=nyheim").json()
    assert [p["id"] for p in found] == [created["id"]]
    # Moving them out of the region is refused on the field.
    response = patch(c, one, {"municipality": reg.municipalities["sjovik"].pk})
    assert errors_of(response) == {"municipality": ["Velg en kommune i ditt område."]}


def test_qualification_round_trip(reg: Registry) -> None:
    c = client(reg, "municipal")
    p = reg.practitioners["elvdal"]
    supervisor = reg.program.qualification_types.get(slug="veileder")
    body = {"practitioner": p.pk, "type": supervisor.pk, "obtained_on": "2024-05-02"}
    response = post(c, url("registry_qualifications"), body)
    assert response.status_code == 201, response.content
    q = response.json()
    assert (q["type_slug"], q["expires_on"], q["course"]) == ("veileder", None, None)
    response = patch(
        c, url("registry_qualification", qualification_id=q["id"]), {"expires_on": "2026-01-01"}
    )
    assert response.json()["expires_on"] == "2026-01-01"
    detail = c.get(url("registry_practitioner", practitioner_id=p.pk)).json()
    assert [x["id"] for x in detail["qualifications"]] == [q["id"]]
    # Twice the same: a field error; another's practitioner: unknown.
    assert list(errors_of(post(c, url("registry_qualifications"), body))) == ["type"]
    other = body | {"practitioner": reg.practitioners["asen"].pk}
    assert errors_of(post(c, url("registry_qualifications"), other)) == {
        "practitioner": ["Ukjent utøver."]
    }
    response = patch(
        c, url("registry_qualification", qualification_id=q["id"]), {"expires_on": "2020-01-01"}
    )
    assert list(errors_of(response)) == ["expires_on"]


def test_activity_year_round_trip(reg: Registry) -> None:
    c = client(reg, "municipal")
    p = reg.practitioners["elvdal"]
    body = {"practitioner": p.pk, "year": 2025, "active": True, "families": 3}
    response = post(c, url("registry_activity_years"), body)
    assert response.status_code == 201
    row = response.json()
    assert (row["families"], row["supervision_hours"]) == (3, 0)
    # The same year again replaces it.
    response = post(c, url("registry_activity_years"), body | {"families": 4})
    assert (response.status_code, response.json()["id"]) == (200, row["id"])
    one = url("registry_activity_year", activity_year_id=row["id"])
    response = patch(c, one, {"active": False})
    assert errors_of(response) == {"reason_left": ["Skriv hvorfor utøveren sluttet."]}
    response = patch(c, one, {"active": False, "reason_left": "Ny jobb"})
    assert response.json() | {"id": 0} == {
        "id": 0,
        "practitioner": p.pk,
        "year": 2025,
        "active": False,
        "reason_left": "Ny jobb",
        "families": 4,
        "supervision_hours": 0,
    }
    assert c.get(url("registry_activity_years") + "?year=2024").json() == []
    assert ActivityYear.objects.count() == 1


def test_course_round_trip_with_participants_and_completion(reg: Registry) -> None:
    c = client(reg, "regional")
    a, s, state = (reg.practitioners[k] for k in ("asen", "sjovik", "state"))
    therapist = reg.program.qualification_types.get(slug="pmto-terapeut")
    body = {
        "qualification_type": therapist.pk,
        "year": 2026,
        "term": "V",
        "region": "Øst",
        "participants": [a.pk],
    }
    response = post(c, url("registry_courses"), body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == CourseStatus.PLANNED
    assert [p["practitioner"] for p in created["participants"]] == [a.pk]
    one = url("registry_course", course_id=created["id"])
    # A participant the coordinator does not see: like an unknown one; nothing changes.
    response = patch(c, one, {"participants": [a.pk, s.pk], "status": "running"})
    assert errors_of(response) == {"participants": ["Ukjent utøver."]}
    assert Course.objects.get(pk=created["id"]).status == CourseStatus.PLANNED
    # One the program admin added from outside the region stays when the coordinator sets hers.
    CourseParticipant.objects.create(course_id=created["id"], practitioner=s)
    response = patch(c, one, {"participants": [state.pk], "status": "running"})
    assert response.status_code == 200
    assert {p["practitioner"] for p in response.json()["participants"]} == {s.pk, state.pk}
    assert response.json()["status"] == "running"
    response = post(
        c,
        url("registry_course_complete", course_id=created["id"]),
        {"completed": [state.pk], "completed_on": "2026-06-10"},
    )
    assert response.status_code == 200
    done = response.json()
    assert done["course"]["status"] == "completed"
    assert [(q["practitioner"], q["obtained_on"]) for q in done["granted"]] == [
        (state.pk, "2026-06-10")
    ]
    # Completed: its participants no longer change.
    response = patch(c, one, {"participants": []})
    assert errors_of(response) == {"participants": ["Kurset er fullført."]}


def test_families_reached_round_trip(reg: Registry) -> None:
    c = client(reg, "municipal")
    body = {
        "intervention": reg.program.interventions.get(slug="kartlegging").pk,
        "municipality": reg.municipalities["elvdal"].pk,
        "year": 2025,
        "count": 6,
    }
    response = post(c, url("registry_families_reached_list"), body)
    assert response.status_code == 201
    row = response.json()
    assert (row["kind"], row["count"]) == ("registered", 6)
    estimated = post(c, url("registry_families_reached_list"), body | {"kind": "estimated"})
    assert estimated.status_code == 201
    assert post(c, url("registry_families_reached_list"), body | {"count": 7}).status_code == 200
    one = url("registry_families_reached", families_reached_id=row["id"])
    assert patch(c, one, {"count": 8}).json()["count"] == 8
    assert FamiliesReached.objects.count() == 2
    # Another municipality: refused on the field.
    response = post(
        c,
        url("registry_families_reached_list"),
        body | {"municipality": reg.municipalities["asen"].pk},
    )
    assert errors_of(response) == {"municipality": ["Velg en kommune i ditt område."]}


# --- Field errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body", "fields"),
    [
        ("registry_practitioners", {}, {"ref", "first_name", "last_name"}),
        ("registry_practitioners", NEW | {"ref": "R-1"}, {"ref"}),
        ("registry_practitioners", NEW | {"employer_name": ""}, {"employer_name"}),
        ("registry_practitioners", NEW | {"region": "Vest"}, {"region"}),
        ("registry_practitioners", NEW | {"email": "ikke-en-adresse"}, {"email"}),
        (
            "registry_courses",
            {"qualification_type": 0, "year": 20, "term": "X"},
            {"qualification_type", "year", "term"},
        ),
        (
            "registry_activity_years",
            {"practitioner": 0, "year": 2025, "active": True, "families": -1},
            {"practitioner", "families"},  # 0 is no id
        ),
        (
            "registry_families_reached_list",
            {"count": -1},
            {"intervention", "municipality", "year", "count"},
        ),
    ],
)
def test_field_errors_in_the_one_error_shape(
    reg: Registry, name: str, body: dict[str, Any], fields: set[str]
) -> None:
    response = post(client(reg, "regional"), url(name), body)
    assert set(errors_of(response)) == fields
    assert not Practitioner.objects.filter(ref="R-9").exists()


@pytest.mark.parametrize(
    ("name", "method", "body", "unknown"),
    [
        ("registry_practitioners", "post", NEW | {"id": 5}, ["id"]),
        ("registry_practitioner", "patch", {"last_name": "B", "national_id": "x"}, ["national_id"]),
        ("registry_qualification", "patch", {"practitioner": 1}, ["practitioner"]),
        ("registry_activity_year", "patch", {"year": 2030}, ["year"]),
        ("registry_course", "patch", {"completed_on": "2026-01-01"}, ["completed_on"]),
        ("registry_course_complete", "post", {"granted": []}, ["granted"]),
        ("registry_families_reached", "patch", {"kind": "estimated"}, ["kind"]),
    ],
)
def test_unknown_fields_are_refused(
    reg: Registry, name: str, method: str, body: dict[str, Any], unknown: list[str]
) -> None:
    kwargs = rows(reg, "elvdal")
    before = Practitioner.objects.order_by("pk").values_list("ref", "last_name").first()
    response = call(client(reg, "regional"), name, method, kwargs, body)
    assert errors_of(response) == {k: ["Ukjent felt."] for k in unknown}
    assert Course.objects.get(pk=kwargs["course_id"]).status == CourseStatus.PLANNED
    assert Practitioner.objects.order_by("pk").values_list("ref", "last_name").first() == before
    assert not Practitioner.objects.filter(ref="R-9").exists()


def test_bad_query_parameters_are_field_errors(reg: Registry) -> None:
    c = client(reg, "regional")
    assert list(errors_of(c.get(url("registry_activity_years") + "?year=x"))) == ["year"]
    assert list(errors_of(c.get(url("registry_courses") + "?limit=0"))) == ["limit"]
    assert list(errors_of(c.get(url("registry_report") + "?year=1"))) == ["year"]


# --- The report --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "area"),
    [("program_admin", ""), ("program_admin", "r:Vest"), ("regional", ""), ("municipal", "")],
)
def test_report_json_has_the_web_reports_figures(reg: Registry, role: str, area: str) -> None:
    for key in reg.practitioners:
        rows(reg, key)
    # Planned for spring 2026 and new in autumn 2025, in Åsen.
    asen = reg.practitioners["asen"]
    CourseParticipant.objects.create(course=course(reg), practitioner=asen)
    Qualification.objects.create(
        practitioner=asen,
        type=reg.program.qualification_types.get(slug="pmto-gruppeleder"),
        obtained_on=datetime.date(2025, 9, 1),
    )
    query = f"?year=2025&term=H&term_year=2025&area={area}"
    page = client(reg, role).get(reverse("registry:report") + query)
    assert page.status_code == 200
    web = page.context["report"]
    response = client(reg, role).get(url("registry_report") + query)
    assert response.status_code == 200
    body = response.json()
    assert (body["program"], body["year"], body["area"]) == ("tibir", 2025, web.scope.label)
    assert body["next_term"] == {"year": 2026, "term": "V", "label": web.next_term.label}
    for table in ("competence", "interventions"):
        assert [(r["slug"], r["active"], r["new"], r["planned"]) for r in body[table]] == [
            (r.slug, r.active, r.new, r.planned) for r in getattr(web, table)
        ]
    assert [(f["slug"], f["since"], f["registered"], f["estimated"]) for f in body["families"]] == [
        (f.slug, f.since, f.registered, f.estimated) for f in web.families
    ]
    if area == "" and role != "municipal":
        assert any(r["new"] for r in body["competence"])
        assert any(r["planned"] for r in body["competence"])


@pytest.mark.parametrize(("role", "area"), [("regional", "r:Vest"), ("municipal", "m:{asen}")])
def test_report_area_outside_the_scope_is_404(reg: Registry, role: str, area: str) -> None:
    area = area.format(asen=reg.municipalities["asen"].pk)
    response = client(reg, role).get(url("registry_report") + f"?area={area}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
