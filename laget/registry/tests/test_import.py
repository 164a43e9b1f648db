"""Import: a bad row imports nothing and is named with its reason; the fixed file imports
everything; importing twice does not duplicate. CSV and XLSX alike."""

import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from laget.registry.access import registry_scope
from laget.registry.importing import (
    FAMILIES,
    PRACTITIONERS,
    QUALIFICATIONS,
    ImportResult,
    import_table,
    read_table,
)
from laget.registry.models import FamiliesReached, Practitioner, Qualification
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
    assert "Ukjent kommunenummer" in result.errors[0].message
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
