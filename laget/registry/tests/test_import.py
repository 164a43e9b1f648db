"""Import: a bad row imports nothing and is named with its reason; the fixed file imports
everything; importing twice does not duplicate. CSV and XLSX alike."""

import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from laget.registry.access import registry_scope
from laget.registry.codes import MSG_UNKNOWN_MUNICIPALITY
from laget.registry.importing import (
    ACTIVITY,
    FAMILIES,
    PRACTITIONERS,
    QUALIFICATIONS,
    ImportResult,
    import_table,
    read_table,
)
from laget.registry.models import ActivityYear, FamiliesReached, Practitioner, Qualification
from laget.registry.testing import Registry, build_registry

pytestmark = pytest.mark.django_db

PRACTITIONER_ROWS = [
    ["ref", "fornavn", "etternavn", "epost", "kommunenummer", "arbeidsgiver", "region"],
    ["N-1", "Nora", "Fjellheim", "nora@example.invalid", "8801", "", ""],
    ["N-2", "Odd", "Bergum", "", "8802", "", "Øst"],
    ["N-3", "Tone", "Lia", "", "", "Fagteam Øst", "Øst"],
]
QUALIFICATION_ROWS = [
    ["ref", "kvalifikasjon", "oppnådd", "utløper"],
    ["R-1", "pmto-terapeut", "2024-05-01", ""],
    ["R-2", "veileder", "01.02.2023", "2027-01-31"],
]
FAMILY_ROWS = [
    ["intervensjon", "kommunenummer", "år", "type", "antall"],
    ["pmto-behandling", "8801", "2025", "registrert", "12"],
    ["pmto-behandling", "8801", "2025", "anslått", "20"],
    ["kartlegging", "8802", "2024", "", "7"],
]


def as_csv(rows: list[list[str]]) -> tuple[io.BytesIO, str]:
    out = io.StringIO()
    for row in rows:
        out.write(";".join(row) + "\n")
    return io.BytesIO(out.getvalue().encode("utf-8")), "fil.csv"


def as_xlsx(rows: list[list[str]]) -> tuple[io.BytesIO, str]:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        # Numbers as numbers, like a spreadsheet would keep them (kommunenummer loses nothing).
        sheet.append([int(v) if v.isdigit() else v for v in row])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out, "fil.xlsx"


FORMATS = {"csv": as_csv, "xlsx": as_xlsx}
Maker = Callable[[list[list[str]]], tuple[io.BytesIO, str]]


@pytest.fixture
def reg(db: None) -> Registry:
    return build_registry()


def run(
    reg: Registry, kind: str, rows: list[list[str]], make: Maker, role: str = "program_admin"
) -> ImportResult:
    source, name = make(rows)
    return import_table(
        kind,
        read_table(kind, source, name),
        scope=registry_scope(reg.users[role]),
        program=reg.program,
    )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_practitioners_bad_row_fixed_and_twice(reg: Registry, fmt: str) -> None:
    make = FORMATS[fmt]
    before = Practitioner.objects.count()
    bad = [row[:] for row in PRACTITIONER_ROWS]
    bad[2][4] = "7777"  # row 3: no such municipality
    bad[3][2] = ""  # row 4: no last name
    result = run(reg, PRACTITIONERS, bad, make)
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "kommunenummer"),
        (4, "etternavn"),
    ]
    assert result.errors[0].message == str(MSG_UNKNOWN_MUNICIPALITY)
    assert Practitioner.objects.count() == before

    result = run(reg, PRACTITIONERS, PRACTITIONER_ROWS, make)
    assert result.ok and (result.created, result.updated) == (3, 0)
    nora = Practitioner.objects.get(ref="N-1")
    assert nora.municipality == reg.municipalities["elvdal"] and nora.region == "Øst"
    assert Practitioner.objects.get(ref="N-3").employer_name == "Fagteam Øst"

    result = run(reg, PRACTITIONERS, PRACTITIONER_ROWS, make)
    assert result.ok and (result.created, result.updated) == (0, 3)
    assert Practitioner.objects.count() == before + 3


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_qualifications(reg: Registry, fmt: str) -> None:
    make = FORMATS[fmt]
    bad = [row[:] for row in QUALIFICATION_ROWS]
    bad[1][1] = "trollmann"
    bad[2][3] = "2020-01-01"  # expires before obtained
    result = run(reg, QUALIFICATIONS, bad, make)
    assert [(e.row, e.column) for e in result.errors] == [(2, "kvalifikasjon"), (3, "utløper")]
    assert not Qualification.objects.exists()
    for _ in range(2):
        result = run(reg, QUALIFICATIONS, QUALIFICATION_ROWS, make)
        assert result.ok
    assert Qualification.objects.count() == 2
    q = Qualification.objects.get(practitioner__ref="R-2")
    assert str(q.obtained_on) == "2023-02-01" and str(q.expires_on) == "2027-01-31"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_family_counts(reg: Registry, fmt: str) -> None:
    make = FORMATS[fmt]
    bad = [row[:] for row in FAMILY_ROWS]
    bad[3][4] = "mange"
    result = run(reg, FAMILIES, bad, make)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (4, "antall", "Skriv et helt tall.")
    ]
    assert not FamiliesReached.objects.exists()
    for _ in range(2):
        assert run(reg, FAMILIES, FAMILY_ROWS, make).ok
    counts = {
        (f.municipality.number, f.year, f.kind): f.count for f in FamiliesReached.objects.all()
    }
    assert counts == {
        ("8801", 2025, "registered"): 12,
        ("8801", 2025, "estimated"): 20,
        ("8802", 2024, "registered"): 7,
    }


def test_a_municipal_user_cannot_import_for_another_municipality(reg: Registry) -> None:
    result = run(reg, FAMILIES, FAMILY_ROWS, as_csv, role="municipal")
    assert [(e.row, e.column) for e in result.errors] == [(4, "kommunenummer")]
    result = run(reg, PRACTITIONERS, PRACTITIONER_ROWS, as_csv, role="municipal")
    assert [e.row for e in result.errors] == [3, 4]
    assert not FamiliesReached.objects.exists()


def test_regional_cannot_overwrite_another_regions_practitioner(reg: Registry) -> None:
    rows = [PRACTITIONER_ROWS[0], ["R-3", "Sol", "Vikan", "", "8801", "", ""]]
    result = run(reg, PRACTITIONERS, rows, as_csv, role="regional")
    assert [(e.row, e.column) for e in result.errors] == [(2, "ref")]


def test_duplicate_ref_in_the_file(reg: Registry) -> None:
    rows = [*PRACTITIONER_ROWS, PRACTITIONER_ROWS[1]]
    result = run(reg, PRACTITIONERS, rows, as_csv)
    assert [(e.row, e.message) for e in result.errors] == [(5, "Referansen står også på rad 2.")]


def test_command(reg: Registry, tmp_path: Path) -> None:
    path = tmp_path / "familier.csv"
    source, _ = as_csv(FAMILY_ROWS)
    path.write_bytes(source.getvalue())
    out = io.StringIO()
    call_command("registry_import", "families", str(path), stdout=out, stderr=io.StringIO())
    assert "3 nye" in out.getvalue()
    bad = tmp_path / "feil.csv"
    bad.write_bytes(as_csv([*FAMILY_ROWS, ["x", "8801", "2025", "", "1"]])[0].getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("registry_import", "families", str(bad), stdout=out, stderr=err)
    assert "Rad 5, intervensjon" in err.getvalue()
    assert FamiliesReached.objects.count() == 3


ACTIVITY_ROWS = [
    ["Ref", " År ", "Aktiv", "Grunn til å slutte", "Familier", "Veiledningstimer"],
    ["R-1", "2024", "ja", "", "4", "12"],
    ["R-1", "2025", "NEI", "Ny jobb", "1", "2"],
    ["R-4", "2025", "", "", "6", "10"],
]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_activity_years_bad_rows_fixed_and_twice(reg: Registry, fmt: str) -> None:
    make = FORMATS[fmt]
    bad = [row[:] for row in ACTIVITY_ROWS]
    bad[1][2] = "kanskje"  # row 2: neither yes nor no
    bad[2][3] = ""  # row 3: not active, no reason
    bad[3][4] = "mange"  # row 4: not a number
    bad.append(["R-1", "2024", "ja", "", "1", "1"])  # row 5: the year again
    bad.append(["R-77", "1989", "ja", "", "", ""])  # row 6: unknown ref, year too early
    result = run(reg, ACTIVITY, bad, make)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "Aktiv"),
        (3, "Grunn til å slutte"),
        (4, "Familier"),
        (5, "År"),
        (6, "Ref"),
        (6, "År"),
    ]
    assert result.errors[0].message == "Skriv «ja» eller «nei»."
    assert result.errors[1].message == "Skriv hvorfor utøveren sluttet."
    assert result.errors[3].message == "Samme utøver og år står også på rad 2."
    assert not ActivityYear.objects.exists()

    result = run(reg, ACTIVITY, ACTIVITY_ROWS, make)
    assert result.ok and (result.created, result.updated) == (3, 0)
    result = run(reg, ACTIVITY, ACTIVITY_ROWS, make)
    assert result.ok and (result.created, result.updated) == (0, 3)
    years = {
        (y.practitioner.ref, y.year): (y.active, y.reason_left, y.families, y.supervision_hours)
        for y in ActivityYear.objects.select_related("practitioner")
    }
    assert years == {
        ("R-1", 2024): (True, "", 4, 12),
        ("R-1", 2025): (False, "Ny jobb", 1, 2),
        ("R-4", 2025): (True, "", 6, 10),  # an empty "aktiv" is active
    }


@pytest.mark.parametrize("role", ["regional", "municipal"])
def test_activity_years_outside_the_scope_are_row_errors(reg: Registry, role: str) -> None:
    rows = [ACTIVITY_ROWS[0], ["R-3", "2025", "ja", "", "1", "1"]]  # Sjøvik, in Vest
    result = run(reg, ACTIVITY, rows, as_csv, role=role)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Ref")]
    assert not ActivityYear.objects.exists()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_names_and_codes_in_any_case(reg: Registry, fmt: str) -> None:
    qualifications = [
        ["ref", "kvalifikasjon", "oppnådd", "utløper"],
        ["R-1", "  Sertifisert PMTO-terapeut ", "2024-05-01", ""],
        ["R-2", "VEILEDER", "2023-02-01", ""],
        ["R-4", "veileder for tibir-utøvere", "2023-02-01", ""],
        ["R-4", "Sertifisert PMTO-terapeut", "2023-02-01", ""],
    ]
    result = run(reg, QUALIFICATIONS, qualifications, FORMATS[fmt])
    assert result.ok, result.errors
    held = set(Qualification.objects.values_list("practitioner__ref", "type__slug"))
    assert held == {
        ("R-1", "pmto-terapeut"),
        ("R-2", "veileder"),
        ("R-4", "veileder"),
        ("R-4", "pmto-terapeut"),
    }
    families = [
        ["Intervensjon", "Kommunenummer", "År", "Type", "Antall"],
        ["PMTO-behandling", "elvdal", "2025", "Registrert", "3"],
        [" pmto-BEHANDLING", "8802", "2025", "ANSLÅTT", "5"],
        ["TIBIR-kartlegging", "Åsen kommune", "2025", "", "2"],
    ]
    assert run(reg, FAMILIES, families, FORMATS[fmt]).ok
    counts = set(
        FamiliesReached.objects.values_list("intervention__slug", "municipality__name", "kind")
    )
    assert counts == {
        ("pmto-behandling", "Elvdal", "registered"),
        ("pmto-behandling", "Åsen", "estimated"),
        ("kartlegging", "Åsen", "registered"),
    }


def test_the_same_qualification_by_code_and_by_name_is_a_duplicate(reg: Registry) -> None:
    rows = [
        QUALIFICATION_ROWS[0],
        ["R-1", "pmto-terapeut", "2024-05-01", ""],
        ["R-1", "Sertifisert PMTO-terapeut", "2024-05-01", ""],
    ]
    result = run(reg, QUALIFICATIONS, rows, as_csv)
    assert [(e.row, e.message) for e in result.errors] == [
        (3, "Samme utøver og kvalifikasjon står også på rad 2.")
    ]


def _client(reg: Registry, role: str) -> Client:
    client = Client()
    client.force_login(reg.users[role])
    return client


@pytest.mark.parametrize(
    ("role", "status"),
    [("program_admin", 200), ("regional", 200), ("municipal", 200), ("none", 403)],
)
def test_the_import_page_lists_the_valid_codes(reg: Registry, role: str, status: int) -> None:
    response = _client(reg, role).get(reverse("registry:import"))
    assert response.status_code == status
    if status != 200:
        return
    page = response.content.decode()
    for code, name in [
        ("pmto-terapeut", "Sertifisert PMTO-terapeut"),
        ("pmto-behandling", "PMTO-behandling"),
        ("anslått", "Anslått"),
        ("ja", "Aktiv"),
        ("8801", "Elvdal"),
    ]:
        assert f"<td><code>{code}</code></td><td>{name}</td>" in page
    # Only the municipalities the user may import for.
    assert ("<td><code>8803</code></td>" in page) is (role == "program_admin")
    assert "<code>veiledningstimer</code>" in page
    assert "Aktivitetsår" in page


def test_anonymous_is_sent_to_log_in(reg: Registry) -> None:
    response = Client().get(reverse("registry:import"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_activity_years_on_the_page(reg: Registry) -> None:
    client = _client(reg, "regional")
    body = "ref;år;aktiv;familier;veiledning\nR-1;2025;Ja;5;10\nR-3;2025;ja;1;1\n".encode()
    data = {"kind": ACTIVITY, "file": SimpleUploadedFile("ar.csv", body, "text/csv")}
    response = client.post(reverse("registry:import"), data)
    assert response.status_code == 400
    assert "<td>3</td><td>ref</td>" in response.content.decode()
    fixed = body.rsplit(b"\n", 2)[0] + b"\n"
    data = {"kind": ACTIVITY, "file": SimpleUploadedFile("ar.csv", fixed, "text/csv")}
    assert client.post(reverse("registry:import"), data).status_code == 302
    year = ActivityYear.objects.get()
    assert (year.practitioner.ref, year.families, year.supervision_hours) == ("R-1", 5, 10)


def test_command_imports_activity_years(reg: Registry, tmp_path: Path) -> None:
    path = tmp_path / "ar.csv"
    path.write_bytes(as_csv(ACTIVITY_ROWS)[0].getvalue())
    out = io.StringIO()
    call_command("registry_import", "activity_years", str(path), stdout=out, stderr=io.StringIO())
    assert "3 nye" in out.getvalue()
    assert ActivityYear.objects.count() == 3
