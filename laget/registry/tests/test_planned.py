"""An intervention's planned start, written as people say it ("våren 2018"), and a course's
registration deadline: kept on the program page and the course, and shown in the report
instead of 0 while there are no numbers."""

import csv
import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from laget.registry.models import Course, CourseStatus, Intervention, Term
from laget.registry.planned import (
    MSG_PLANNED_START,
    PlannedStart,
    PlannedStartError,
    parse_planned,
)
from laget.registry.reports import ReportScope, TermRef, build_report
from laget.registry.services import intervention_save
from laget.registry.testing import Registry, build_registry

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected", "label"),
    [
        ("våren 2018", PlannedStart(2018, "V"), "våren 2018"),
        ("  Høsten   2019 ", PlannedStart(2019, "H"), "høsten 2019"),
        ("vår 2018", PlannedStart(2018, "V"), "våren 2018"),
        ("2018 H", PlannedStart(2018, "H"), "høsten 2018"),
        ("2018h", PlannedStart(2018, "H"), "høsten 2018"),
        ("1. halvår 2020", PlannedStart(2020, "V"), "våren 2020"),
        ("andre halvår 2020", PlannedStart(2020, "H"), "høsten 2020"),
        ("2021", PlannedStart(2021), "2021"),
        ("15.08.2018", PlannedStart(on=D(2018, 8, 15)), "15. august 2018"),
        ("2018-08-15", PlannedStart(on=D(2018, 8, 15)), "15. august 2018"),
        ("", PlannedStart(), ""),
    ],
)
def test_parse_planned(text: str, expected: PlannedStart, label: str) -> None:
    assert parse_planned(text) == expected
    assert expected.label == label
    assert parse_planned(expected.text) == expected


@pytest.mark.parametrize("text", ["snart", "sommeren 2018", "31.02.2018", "våren 18", "1850"])
def test_what_is_not_a_planned_start(text: str) -> None:
    with pytest.raises(PlannedStartError):
        parse_planned(text)


@pytest.fixture
def reg(db: None) -> Registry:
    return build_registry()


def admin(reg: Registry) -> Client:
    client = Client()
    client.force_login(reg.users["program_admin"])
    return client


def test_the_program_admin_sets_a_planned_start(reg: Registry) -> None:
    intervention = reg.program.interventions.get(slug="sosial-ferdighetstrening")
    url = reverse("registry:program_intervention_edit", args=[reg.program.pk, intervention.pk])
    data = {"name": intervention.name, "slug": intervention.slug, "order": 4}
    response = admin(reg).post(url, data | {"planned_start": "sommer 2018"})
    assert response.status_code == 400
    assert response.context["form"].errors["planned_start"] == [str(MSG_PLANNED_START)]
    assert admin(reg).post(url, data | {"planned_start": "Våren 2027"}).status_code == 302
    intervention.refresh_from_db()
    assert (intervention.planned_year, intervention.planned_term) == (2027, "V")
    assert 'value="våren 2027"' in admin(reg).get(url).content.decode()
    detail = admin(reg).get(reverse("registry:program_detail", args=[reg.program.pk]))
    assert "planlagt oppstart våren 2027" in detail.content.decode()
    # Left out (as the API's PATCH does): the planned start stays.
    intervention_save(
        by=reg.users["program_admin"],
        program=reg.program,
        intervention=intervention,
        slug=intervention.slug,
        name="Sosial ferdighetstrening (SFT)",
    )
    intervention.refresh_from_db()
    assert intervention.planned_year == 2027


def _rows(reg: Registry) -> dict[str, Any]:
    report = build_report(
        program=reg.program,
        scope=ReportScope.of(None, None),
        year=2026,
        term=TermRef(2026, Term.SPRING),
    )
    rows: dict[str, Any] = {r.slug: r for r in report.interventions + report.competence}
    rows |= {f"fam:{f.slug}": f for f in report.families}
    return rows


def test_the_report_shows_the_planned_start_instead_of_zero(reg: Registry) -> None:
    Intervention.objects.filter(slug="sosial-ferdighetstrening").update(
        planned_year=2027, planned_term="H"
    )
    rows = _rows(reg)
    row = rows["utover-sosial-ferdighetstrening"]
    assert row.waiting and row.waiting_text == "Planlagt oppstart høsten 2027"
    assert rows["fam:sosial-ferdighetstrening"].note == "Planlagt oppstart høsten 2027"
    # Without a planned start a row of zeros stays zeros.
    assert not rows["utover-kartlegging"].waiting

    client = admin(reg)
    page = client.get(reverse("registry:report"), {"year": 2026, "term": "V"}).content.decode()
    assert page.count("Planlagt oppstart høsten 2027") == 2
    assert '<td colspan="3" class="report-waiting">Planlagt oppstart høsten 2027</td>' in page
    text = client.get(reverse("registry:report_csv"), {"year": 2026}).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    (line,) = [r for r in lines if r[2:3] == ["Utøver av sosial ferdighetstrening"]]
    assert line[3:] == ["", "", "", "Planlagt oppstart høsten 2027"]


def test_the_report_shows_a_deadline_while_nobody_has_signed_up(reg: Registry) -> None:
    supervisor = reg.program.qualification_types.get(slug="veileder")
    Course.objects.create(
        qualification_type=supervisor,
        year=2026,
        term=Term.AUTUMN,
        status=CourseStatus.PLANNED,
        region="Øst",
        registration_deadline=D(2026, 5, 15),
    )
    rows = _rows(reg)
    row = rows["veileder"]
    assert row.shows_deadline and row.deadline_text == "Påmelding innen 15. mai 2026"
    page = admin(reg).get(reverse("registry:report"), {"year": 2026, "term": "V"}).content.decode()
    assert '<td class="report-waiting">Påmelding innen 15. mai 2026</td>' in page
    # A course in another region does not count for Vest.
    vest = build_report(
        program=reg.program,
        scope=ReportScope.of([reg.municipalities["sjovik"].pk], ["Vest"]),
        year=2026,
        term=TermRef(2026, Term.SPRING),
    )
    assert not next(r for r in vest.competence if r.slug == "veileder").shows_deadline


def test_a_course_keeps_its_deadline(reg: Registry) -> None:
    client = Client()
    client.force_login(reg.users["regional"])
    data = {
        "qualification_type": reg.program.qualification_types.get(slug="veileder").pk,
        "year": 2026,
        "term": "H",
        "status": "planned",
        "region": "Øst",
        "municipality": "",
        "registration_deadline": "2026-05-15",
    }
    assert client.post(reverse("registry:course_create"), data).status_code == 302
    course = Course.objects.get()
    assert course.registration_deadline == D(2026, 5, 15)
    listing = client.get(reverse("registry:course_list")).content.decode()
    assert "påmelding innen 15. mai 2026" in listing
