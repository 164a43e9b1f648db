"""Reading answers in the register's older spelling (camel case, as its documentation shows
them) gives the same facts as the schema's spelling."""

import datetime

import pytest

from laget.folkeregister.errors import RegisterDataError
from laget.folkeregister.facts import IdKind, Protection, Responsibility
from laget.folkeregister.reading import enum_value, feed_from_answer, person_from_document


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("strengtFortrolig", "STRENGT_FORTROLIG"),
        ("STRENGT_FORTROLIG", "STRENGT_FORTROLIG"),
        ("iBruk", "I_BRUK"),
        ("dNummer", "D_NUMMER"),
        ("endringIIdentitetsgrunnlag", "ENDRING_I_IDENTITETSGRUNNLAG"),
        ("personErDoed", "PERSON_ER_DOED"),
        ("nordsamisk", "NORDSAMISK"),
    ],
)
def test_enumerations_in_either_spelling(raw: str, value: str) -> None:
    assert enum_value(raw) == value


def test_a_document_in_camel_case() -> None:
    doc = {
        "identifikasjonsnummer": [
            {
                "status": "opphoert",
                "foedselsEllerDNummer": "41818012345",
                "identifikatortype": "dNummer",
                "erGjeldende": False,
            },
            {
                "status": "iBruk",
                "foedselsEllerDNummer": "01818012345",
                "identifikatortype": "foedselsnummer",
            },
        ],
        "adressebeskyttelse": [{"graderingsnivaa": "fortrolig", "erGjeldende": True}],
        "foreldreansvar": [{"ansvar": "felles", "ansvarlig": "02878403706", "erGjeldende": True}],
        "brukAvSamiskSpraak": [{"spraak": ["lulesamisk"]}],
        "doedsfall": {"doedsdato": "2026-11-02"},
    }
    person = person_from_document(doc, asked=["adressebeskyttelse", "foreldreansvar"])
    assert person.id == "01818012345" and person.previous_ids == ("41818012345",)
    assert person.identifiers[0].kind is IdKind.D_NUMBER
    assert person.protection is Protection.CONFIDENTIAL
    assert person.holders()[0].responsibility is Responsibility.JOINT
    assert person.sami_languages == ("LULESAMISK",)
    assert person.death_date == datetime.date(2026, 11, 2)


def test_a_feed_page_in_the_documentations_spelling() -> None:
    (event,) = feed_from_answer(
        [
            {
                "sekvensnummer": 1,
                "hendelse": {
                    "folkeregisteridentifikator": "01818012345",
                    "hendelsestype": "endringIIdentitetsgrunnlag",
                    "ajourholdstidspunkt": "2017-06-20T09:26:03.689+02:00",
                },
            }
        ]
    )
    assert (event.sequence, event.kind) == (1, "ENDRING_I_IDENTITETSGRUNNLAG")
    assert event.recorded_at is not None and event.recorded_at.utcoffset() == datetime.timedelta(
        hours=2
    )


@pytest.mark.parametrize(
    "doc",
    [
        {"identifikasjonsnummer": []},
        {
            "identifikasjonsnummer": [
                {"foedselsEllerDNummer": "01818012345", "identifikatortype": "pass"}
            ]
        },
        {
            "identifikasjonsnummer": [
                {"foedselsEllerDNummer": "01818012345", "identifikatortype": "FOEDSELSNUMMER"}
            ],
            "adressebeskyttelse": [{"graderingsnivaa": "hemmelig"}],
        },
    ],
    ids=["no-identifier", "unknown-kind", "unknown-grade"],
)
def test_what_the_schema_does_not_describe_is_refused(doc: dict[str, object]) -> None:
    with pytest.raises(RegisterDataError):
        person_from_document(doc, asked=["adressebeskyttelse"])
