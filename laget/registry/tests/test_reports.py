"""The registry report, checked number by number against tables computed by hand.

The data set (all invented): region Nord with Fjordvik and Lia, region Sør with Strandby, and a
state service's practitioner in Nord. Report year 2016, "new" = spring (V) 2017, "planned" =
autumn (H) 2017 — the shape of an evaluation report written in 2017.
"""

import csv
import datetime
import io
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from laget.orgs.models import Municipality
from laget.registry.exports import report_csv, report_pdf, report_xlsx
from laget.registry.models import (
    ActivityYear,
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
    Term,
)
from laget.registry.reports import Report, ReportScope, TermRef, build_report, table_titles
from laget.registry.testing import Registry, build_registry

D = datetime.date


@dataclass
class Data:
    program: Program
    fjordvik: Municipality
    lia: Municipality
    strandby: Municipality


def build_data() -> Data:
    fjordvik = Municipality.objects.create(name="Fjordvik", number="9801", region="Nord")
    lia = Municipality.objects.create(name="Lia", number="9802", region="Nord")
    strandby = Municipality.objects.create(name="Strandby", number="9803", region="Sør")
    program = Program.objects.create(slug="testprogram", name="Testprogrammet")
    iv = {
        slug: Intervention.objects.create(program=program, slug=slug, name=name, order=n)
        for n, (slug, name) in enumerate(
            [("pmto", "Foreldretrening"), ("rad", "Foreldreråd"), ("kart", "Kartlegging")]
        )
    }
    K = QualificationKind
    qt = {
        slug: QualificationType.objects.create(
            program=program, slug=slug, name=name, kind=kind, intervention=i, order=n
        )
        for n, (slug, name, kind, i) in enumerate(
            [
                ("cert", "Sertifisert terapeut", K.CERTIFIED, iv["pmto"]),
                ("group", "Gruppeleder", K.GROUP_LEADER, iv["pmto"]),
                ("ch_rad", "Kursholder foreldreråd", K.COURSE_HOLDER, iv["rad"]),
                ("ch_kart", "Kursholder kartlegging", K.COURSE_HOLDER, iv["kart"]),
                ("sup", "Veileder", K.SUPERVISOR, None),
                ("p_rad", "Foreldrerådgivere", K.PRACTITIONER, iv["rad"]),
                ("p_kart", "Kartleggere", K.PRACTITIONER, iv["kart"]),
            ]
        )
    }
    people: dict[str, Practitioner] = {}

    def person(
        ref: str,
        municipality: Municipality | None,
        quals: dict[str, datetime.date],
        active_2016: bool | None,
    ) -> None:
        p = Practitioner.objects.create(
            ref=ref,
            first_name=ref,
            last_name="Testesen",
            municipality=municipality,
            employer_name="" if municipality else "Statlig fagteam",
            region=municipality.region if municipality else "Nord",
        )
        people[ref] = p
        for slug, on in quals.items():
            Qualification.objects.create(practitioner=p, type=qt[slug], obtained_on=on)
        if active_2016 is not None:
            ActivityYear.objects.create(
                practitioner=p,
                year=2016,
                active=active_2016,
                reason_left="" if active_2016 else "Nye oppgaver",
            )
        # A year that must never count: the report is for 2016.
        ActivityYear.objects.create(practitioner=p, year=2015, active=True)

    person(
        "p1",
        fjordvik,
        {
            "cert": D(2013, 5, 1),
            "group": D(2015, 3, 1),
            "ch_rad": D(2015, 9, 1),
            "sup": D(2016, 2, 1),
        },
        True,
    )
    person("p2", fjordvik, {"cert": D(2014, 1, 10), "ch_kart": D(2017, 3, 1)}, True)
    person("p3", fjordvik, {"cert": D(2015, 6, 1), "group": D(2016, 1, 1)}, False)  # inactive
    person("p4", fjordvik, {"p_rad": D(2015, 1, 1)}, True)
    person("p5", fjordvik, {"p_rad": D(2016, 11, 1), "p_kart": D(2017, 2, 1)}, True)
    person("p6", lia, {"cert": D(2016, 12, 31), "group": D(2017, 1, 15)}, True)
    person("p7", lia, {"cert": D(2017, 4, 1)}, True)  # certified after 2016
    person("p8", lia, {"p_rad": D(2014, 1, 1), "p_kart": D(2016, 6, 1)}, True)
    person("p9", lia, {"p_kart": D(2016, 7, 1)}, None)  # no activity registered for 2016
    person(
        "p10",
        strandby,
        {"cert": D(2012, 10, 1), "group": D(2014, 1, 1), "sup": D(2015, 1, 1)},
        True,
    )
    person("p11", strandby, {"p_rad": D(2016, 3, 1), "p_kart": D(2017, 7, 1)}, True)
    person("p12", None, {"cert": D(2013, 1, 1), "ch_rad": D(2014, 1, 1)}, True)  # state, Nord

    def course(slug: str, year: int, term: str, status: str, refs: list[str]) -> None:
        c = Course.objects.create(
            qualification_type=qt[slug], year=year, term=term, status=status, region="Nord"
        )
        for ref in refs:
            CourseParticipant.objects.create(course=c, practitioner=people[ref])

    course("sup", 2017, Term.AUTUMN, CourseStatus.PLANNED, ["p2", "p6"])
    course("p_rad", 2017, Term.AUTUMN, CourseStatus.RUNNING, ["p9", "p11"])
    course("group", 2017, Term.AUTUMN, CourseStatus.COMPLETED, ["p10"])  # not planned
    course("cert", 2018, Term.SPRING, CourseStatus.PLANNED, ["p7"])  # the term after next

    R, E = CountKind.REGISTERED, CountKind.ESTIMATED
    for slug, municipality, year, kind, count in [
        ("pmto", fjordvik, 2014, E, 10),
        ("pmto", fjordvik, 2015, E, 12),
        ("pmto", fjordvik, 2016, R, 15),
        ("pmto", lia, 2016, R, 4),
        ("pmto", strandby, 2013, E, 7),
        ("pmto", strandby, 2017, R, 99),  # after the report year
        ("rad", fjordvik, 2015, E, 20),
        ("rad", lia, 2016, R, 6),
        ("rad", strandby, 2016, E, 9),
    ]:
        FamiliesReached.objects.create(
            intervention=iv[slug], municipality=municipality, year=year, kind=kind, count=count
        )
    return Data(program, fjordvik, lia, strandby)


# Hand-computed. Competence rows: (active certified in 2016 / holding it among them,
# new in spring 2017, planned autumn 2017). Family rows: (since, registered, estimated, sum).
EXPECTED: dict[str, dict[str, tuple[int | None, ...]]] = {
    "national": {
        "cert": (5, 1, 0),  # p1 p2 p6 p10 p12 | p7
        "group": (2, 1, 0),  # p1 p10 | p6
        "ch_rad": (2, 0, 0),  # p1 p12
        "ch_kart": (0, 1, 0),  # | p2
        "sup": (2, 0, 2),  # p1 p10 | | p2 p6
        "p_rad": (4, 0, 2),  # p4 p5 p8 p11 | | p9 p11
        "p_kart": (1, 1, 0),  # p8 | p5
        "pmto": (2013, 19, 29, 48),
        "rad": (2015, 6, 29, 35),
        "kart": (None, 0, 0, 0),
    },
    "nord": {
        "cert": (4, 1, 0),  # p1 p2 p6 p12 | p7
        "group": (1, 1, 0),
        "ch_rad": (2, 0, 0),
        "ch_kart": (0, 1, 0),
        "sup": (1, 0, 2),
        "p_rad": (3, 0, 1),  # p4 p5 p8 | | p9
        "p_kart": (1, 1, 0),
        "pmto": (2014, 19, 22, 41),
        "rad": (2015, 6, 20, 26),
        "kart": (None, 0, 0, 0),
    },
    "fjordvik": {
        "cert": (2, 0, 0),  # p1 p2
        "group": (1, 0, 0),  # p1 (p3 inactive)
        "ch_rad": (1, 0, 0),
        "ch_kart": (0, 1, 0),
        "sup": (1, 0, 1),  # p1 | | p2
        "p_rad": (2, 0, 0),
        "p_kart": (0, 1, 0),  # | p5
        "pmto": (2014, 15, 22, 37),
        "rad": (2015, 0, 20, 20),
        "kart": (None, 0, 0, 0),
    },
    "sor": {
        "cert": (1, 0, 0),
        "group": (1, 0, 0),
        "ch_rad": (0, 0, 0),
        "ch_kart": (0, 0, 0),
        "sup": (1, 0, 0),
        "p_rad": (1, 0, 1),  # p11 | | p11
        "p_kart": (0, 0, 0),  # p11's is from autumn 2017
        "pmto": (2013, 0, 7, 7),
        "rad": (2016, 0, 9, 9),
        "kart": (None, 0, 0, 0),
    },
}


def scopes(data: Data) -> dict[str, ReportScope]:
    return {
        "national": ReportScope.of(None, None, "Hele landet"),
        "nord": ReportScope.of([data.fjordvik.pk, data.lia.pk], ["Nord"], "Nord"),
        "fjordvik": ReportScope.of([data.fjordvik.pk], [], "Fjordvik"),
        "sor": ReportScope.of([data.strandby.pk], ["Sør"], "Sør"),
    }


def report_for(data: Data, scope: ReportScope) -> Report:
    return build_report(
        program=data.program, scope=scope, year=2016, term=TermRef(2017, Term.SPRING)
    )


def as_table(report: Report) -> dict[str, tuple[int | None, ...]]:
    table: dict[str, tuple[int | None, ...]] = {}
    for row in report.competence + report.interventions:
        table[row.slug] = (row.active, row.new, row.planned)
    for fam in report.families:
        table[fam.slug] = (fam.since, fam.registered, fam.estimated, fam.total)
    return table


@pytest.fixture
def data(db: None) -> Data:
    return build_data()


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_number_matches_the_hand_computed_table(data: Data, name: str) -> None:
    report = report_for(data, scopes(data)[name])
    assert as_table(report) == EXPECTED[name]


def test_rows_come_in_table_order(data: Data) -> None:
    report = report_for(data, scopes(data)["national"])
    assert [r.slug for r in report.competence] == ["cert", "group", "ch_rad", "ch_kart", "sup"]
    assert [r.slug for r in report.interventions] == ["p_rad", "p_kart"]
    assert [f.slug for f in report.families] == ["pmto", "rad", "kart"]
    assert report.next_term == TermRef(2017, Term.AUTUMN)


def test_autumn_term_rolls_over_to_next_spring(data: Data) -> None:
    report = build_report(
        program=data.program,
        scope=scopes(data)["national"],
        year=2016,
        term=TermRef(2017, Term.AUTUMN),
    )
    table = as_table(report)
    # Autumn 2017: p11's mapping qualification is new; spring 2018 plans p7's certification.
    assert table["p_kart"] == (1, 1, 0)
    assert table["cert"] == (5, 0, 1)


def _numbers(rows: list[list[object]]) -> dict[str, tuple[int | None, ...]]:
    """The data rows of an export (first cell names a table) as label -> numbers."""
    titles = set(table_titles())
    out: dict[str, tuple[int | None, ...]] = {}
    for row in rows:
        if not row or row[0] not in titles:
            continue
        values = list(row[3:])
        while values and values[-1] in ("", None):
            values.pop()
        if values and not str(values[-1]).isdigit():
            values.pop()  # the note
        while values and values[-1] in ("", None):
            values.pop()
        out[str(row[2])] = tuple(None if v in ("", None) else int(str(v)) for v in values)
    return out


def _expected_by_label(report: Report) -> dict[str, tuple[int | None, ...]]:
    out: dict[str, tuple[int | None, ...]] = {}
    for row in report.competence + report.interventions:
        out[row.label] = (row.active, row.new, row.planned)
    for fam in report.families:
        out[fam.label] = (fam.since, fam.registered, fam.estimated, fam.total)
    return out


def test_csv_and_xlsx_carry_the_same_numbers(data: Data) -> None:
    report = report_for(data, scopes(data)["nord"])
    expected = _expected_by_label(report)
    assert len(expected) == 10

    text = report_csv(report).decode("utf-8-sig")
    from_csv = _numbers([list(r) for r in csv.reader(io.StringIO(text), delimiter=";")])
    assert from_csv == expected
    assert from_csv["Sertifisert terapeut"] == (4, 1, 0)

    sheet = load_workbook(io.BytesIO(report_xlsx(report))).active
    assert sheet is not None
    rows = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    assert _numbers(rows) == expected
    # Numbers are stored as numbers, not text.
    assert any(isinstance(v, int) for row in rows for v in row)


def test_pdf_renders_title_and_numbers(data: Data) -> None:
    report = report_for(data, scopes(data)["nord"])
    pdf = report_pdf(report)
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Testprogrammet" in text
    assert "Nord" in text
    assert "Sertifisert terapeut" in text
    assert "41" in text  # families reached by Foreldretrening in Nord up to 2016


# --- The web page and downloads, scoped by laget.registry.access -------------------------


@pytest.fixture
def registry(db: None) -> Registry:
    reg = build_registry()
    certified = reg.program.qualification_types.get(kind=QualificationKind.CERTIFIED)
    for key in ("elvdal", "sjovik", "state"):
        p = reg.practitioners[key]
        Qualification.objects.create(practitioner=p, type=certified, obtained_on=D(2020, 1, 1))
        ActivityYear.objects.create(practitioner=p, year=2024, active=True)
    return reg


def _client(reg: Registry, role: str) -> Client:
    client = Client()
    user = reg.users[role]
    assert user is not None
    client.force_login(user)
    return client


ROUTES = ["registry:report", "registry:report_csv", "registry:report_xlsx", "registry:report_pdf"]


@pytest.mark.parametrize("route", ROUTES)
def test_without_a_registry_role_every_route_is_forbidden(registry: Registry, route: str) -> None:
    assert _client(registry, "none").get(reverse(route)).status_code == 403
    response = Client().get(reverse(route))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("role", "area", "status"),
    [
        ("municipal", "m:sjovik", 404),
        ("municipal", "m:asen", 404),
        ("municipal", "r:Øst", 404),
        ("municipal", "m:elvdal", 200),
        ("regional", "m:sjovik", 404),
        ("regional", "r:Vest", 404),
        ("regional", "m:asen", 200),
        ("regional", "r:Øst", 200),
        ("program_admin", "r:Vest", 200),
        ("program_admin", "m:999999", 404),
    ],
)
def test_areas_outside_the_scope_are_not_found(
    registry: Registry, role: str, area: str, status: int
) -> None:
    if area.startswith("m:") and area[2:] in registry.municipalities:
        area = f"m:{registry.municipalities[area[2:]].pk}"
    client = _client(registry, role)
    for route in ROUTES:
        assert client.get(reverse(route), {"area": area, "year": 2024}).status_code == status


def _csv_certified(client: Client, **params: object) -> int:
    response = client.get(reverse("registry:report_csv"), {"year": 2024, **params})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    (row,) = [r for r in rows if r[2:3] == ["Sertifisert PMTO-terapeut"]]
    return int(row[3])


def test_each_user_counts_only_their_own_scope(registry: Registry) -> None:
    # Elvdal's therapist, Sjøvik's (Vest) and the state service's in Øst are active in 2024.
    assert _csv_certified(_client(registry, "program_admin")) == 3
    assert _csv_certified(_client(registry, "program_admin"), area="r:Vest") == 1
    assert _csv_certified(_client(registry, "regional")) == 2  # Elvdal + the state service
    assert _csv_certified(_client(registry, "municipal")) == 1


def test_the_page_is_an_accessible_table_with_downloads(registry: Registry) -> None:
    response = _client(registry, "regional").get(
        reverse("registry:report"), {"year": 2024, "term": "H"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<caption") == 3
    assert '<th scope="col" class="num">Aktive i 2024</th>' in html
    assert '<th scope="row">Sertifisert PMTO-terapeut</th>' in html
    assert '<td class="num">2</td>' in html
    for route in ROUTES[1:]:
        assert reverse(route) + "?" in html
    pdf = _client(registry, "regional").get(reverse("registry:report_pdf"), {"year": 2024})
    assert pdf["Content-Type"] == "application/pdf"
    assert "TIBIR" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


def test_a_bad_filter_is_a_form_error_not_a_crash(registry: Registry) -> None:
    client = _client(registry, "program_admin")
    assert client.get(reverse("registry:report"), {"year": "x"}).status_code == 400
    assert client.get(reverse("registry:report_csv"), {"year": "x"}).status_code == 404


def test_further_qualifications_say_only_certified_count(data: Data) -> None:
    report = report_for(data, scopes(data)["national"])
    rows = {r.slug: r for r in report.competence + report.interventions}
    assert {s for s, r in rows.items() if r.certified_only} == {"group", "ch_rad", "ch_kart", "sup"}
    # p3 holds the group leader qualification but was not active in 2016.
    assert (rows["group"].active, rows["group"].uncounted) == (2, 1)
    assert rows["group"].certified_note == (
        "Telles bare når de er sertifisert og aktive · 1 til har kvalifikasjonen"
    )
    assert rows["sup"].certified_note == "Telles bare når de er sertifisert og aktive"
    assert rows["cert"].certified_note == "" and rows["p_rad"].note == ""
    # In the exports the note is the last column.
    text = report_csv(report).decode("utf-8-sig")
    (line,) = [r for r in csv.reader(io.StringIO(text), delimiter=";") if r[2:3] == ["Gruppeleder"]]
    assert line[3:] == ["2", "1", "0", rows["group"].certified_note]


def test_the_page_shows_the_note_next_to_the_figure(registry: Registry) -> None:
    page = _client(registry, "program_admin").get(reverse("registry:report"), {"year": 2024})
    html = page.content.decode()
    assert (
        '<td class="num">0<span class="report-note">'
        "Telles bare når de er sertifisert og aktive</span></td>"
    ) in html
