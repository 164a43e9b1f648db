"""One resolver for every column that names something: by code or by the name people use, in
any case and spacing; a name two share is refused with their codes."""

import pytest

from laget.orgs.models import Municipality
from laget.registry.codes import (
    MSG_UNKNOWN_MUNICIPALITY,
    MSG_UNKNOWN_QUALIFICATION,
    CodeError,
    active_codes,
    count_kind_codes,
    municipality_codes,
    practitioner_codes,
    qualification_codes,
    resolve,
)
from laget.registry.models import Practitioner
from laget.registry.testing import Registry, build_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def reg(db: None) -> Registry:
    return build_registry()


@pytest.mark.parametrize(
    "typed",
    [
        "pmto-terapeut",
        "PMTO-Terapeut",
        "  pmto-terapeut ",
        "Sertifisert PMTO-terapeut",
        "sertifisert pmto-terapeut",
        "  SERTIFISERT   PMTO-TERAPEUT\t",
    ],
)
def test_a_qualification_by_code_or_name(reg: Registry, typed: str) -> None:
    book = qualification_codes(reg.program)
    assert resolve(book, typed).slug == "pmto-terapeut"


def test_unknown_and_empty_are_errors(reg: Registry) -> None:
    book = qualification_codes(reg.program)
    with pytest.raises(CodeError) as unknown:
        resolve(book, "Trollmann")
    assert str(unknown.value) == str(MSG_UNKNOWN_QUALIFICATION)
    with pytest.raises(CodeError):
        resolve(book, "   ")


@pytest.mark.parametrize(
    ("typed", "number"),
    [("8801", "8801"), ("Elvdal", "8801"), ("elvdal kommune", "8801"), (" ÅSEN ", "8802")],
)
def test_municipalities_by_number_or_name(reg: Registry, typed: str, number: str) -> None:
    book = municipality_codes(Municipality.objects.all())
    assert resolve(book, typed).number == number


def test_a_short_number_gets_its_leading_zero(reg: Registry) -> None:
    oslo = Municipality.objects.create(name="Oslo kommune", number="0301", region="Øst")
    book = municipality_codes(Municipality.objects.all())
    assert resolve(book, "301") == oslo
    assert resolve(book, 301) == oslo  # a number cell from a spreadsheet
    assert resolve(book, "oslo") == oslo
    with pytest.raises(CodeError) as e:
        resolve(book, "9999")
    assert str(e.value) == str(MSG_UNKNOWN_MUNICIPALITY)


def test_a_shared_name_is_refused_with_the_codes(reg: Registry) -> None:
    twin = Practitioner.objects.create(
        ref="R-9", first_name="Eli", last_name="Dalstrøm", employer_name="Fagteam", region="Øst"
    )
    book = practitioner_codes(Practitioner.objects.select_related("municipality"))
    with pytest.raises(CodeError) as e:
        resolve(book, "eli dalstrøm")
    assert "R-1, R-9" in str(e.value)
    assert resolve(book, "r-9") == twin


def test_practitioners_by_reference_name_or_label(reg: Registry) -> None:
    book = practitioner_codes(Practitioner.objects.select_related("municipality"))
    eli = reg.practitioners["elvdal"]
    assert resolve(book, "r-1") == eli
    assert resolve(book, "eli  DALSTRØM ") == eli
    assert resolve(book, "Eli Dalstrøm – R-1 – Elvdal") == eli
    assert [e.aliases[0] for e in book.entries if e.code == "R-4"] == [
        "Stig Bufset – R-4 – Fagteam Øst"
    ]


@pytest.mark.parametrize(
    ("typed", "value"), [("Ja", True), ("NEI", False), (" x ", True), ("ikke aktiv", False)]
)
def test_active_answers(typed: str, value: bool) -> None:
    assert resolve(active_codes(), typed) is value


@pytest.mark.parametrize(
    ("typed", "value"),
    [("Registrert", "registered"), ("ANSLÅTT", "estimated"), ("estimated", "estimated")],
)
def test_count_kinds(typed: str, value: str) -> None:
    assert resolve(count_kind_codes(), typed) == value
