"""The schema validator names the path of every problem; answers are checked by field key."""

import copy
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from laget.tools.schema import clean_answers, schema_errors, validate_schema
from laget.tools.starter import STARTER_TOOLS

SCHEMA: dict[str, Any] = {
    "fields": [
        {"key": "a", "type": "text", "label": "A"},
        {
            "key": "b",
            "type": "single_choice",
            "label": "B",
            "required": True,
            "options": [{"value": "x", "label": "X", "points": 1}, {"value": "y", "label": "Y"}],
        },
        {
            "key": "c",
            "type": "scale",
            "label": "C",
            "scale": {"min": 0, "max": 3, "labels": {"0": "Ingen"}},
        },
        {
            "key": "d",
            "type": "checklist",
            "label": "D",
            "options": [{"value": "p", "label": "P"}, {"value": "q", "label": "Q"}],
        },
        {"key": "e", "type": "date", "label": "E"},
        {"key": "f", "type": "person_or_unit", "label": "F"},
        {"key": "g", "type": "consent_signature", "label": "G", "statement": "Jeg samtykker"},
        {
            "key": "h",
            "type": "multiple_choice",
            "label": "H",
            "options": [{"value": "m", "label": "M"}],
        },
    ],
    "scoring": {"method": "sum", "fields": ["b", "c"]},
    "bands": [
        {"from": 0, "label": "Lav"},
        {"from": 3, "label": "Høy", "interpretation": "Gjør noe"},
    ],
}


def broken(change: Any) -> list[str]:
    schema = copy.deepcopy(SCHEMA)
    change(schema)
    return schema_errors(schema)


def test_a_valid_schema_has_no_errors() -> None:
    assert schema_errors(SCHEMA) == []


@pytest.mark.parametrize("tool", STARTER_TOOLS, ids=lambda t: t["slug"])
def test_the_starter_tools_are_valid(tool: dict[str, Any]) -> None:
    assert schema_errors(tool["schema"]) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s["fields"][1].pop("options"), "fields[1].options mangler"),
        (lambda s: s["fields"][2].pop("scale"), "fields[2].scale mangler"),
        (lambda s: s["fields"][0].pop("key"), "fields[0].key mangler"),
        (lambda s: s["fields"][0].pop("label"), "fields[0].label mangler"),
        (lambda s: s["fields"][0].update(type="slider"), "fields[0].type må være en av"),
        (lambda s: s["fields"][3].update(key="a"), "fields[3].key «a» finnes allerede"),
        (
            lambda s: s["fields"][1]["options"][1].update(value="x"),
            "fields[1].options[1].value finnes allerede",
        ),
        (
            lambda s: s["fields"][1]["options"][0].update(points="mye"),
            "fields[1].options[0].points må være et tall",
        ),
        (
            lambda s: s["fields"][2]["scale"].update(max=0),
            "fields[2].scale.max må være større enn min",
        ),
        (
            lambda s: s["fields"][2]["scale"]["labels"].update({"9": "Ni"}),
            "fields[2].scale.labels.9 er ikke et trinn",
        ),
        (
            lambda s: s["scoring"].update(fields=["a"]),
            "scoring.fields[0]: feltet «a» kan ikke gi poeng",
        ),
        (
            lambda s: s["scoring"].update(fields=["zz"]),
            "scoring.fields[0]: feltet «zz» finnes ikke",
        ),
        (lambda s: s["scoring"].update(method="avg"), "scoring.method må være en av"),
        (lambda s: s.pop("bands"), "bands mangler"),
        (lambda s: s["bands"][1].update({"from": 0}), "bands[1].from må være større enn forrige"),
        (lambda s: s["bands"][0].pop("from"), "bands[0].from mangler"),
        (lambda s: s.pop("fields"), "fields mangler"),
        (lambda s: s.update(extra=1), "extra er ikke en kjent nøkkel"),
    ],
)
def test_errors_name_the_path(change: Any, message: str) -> None:
    errors = broken(change)
    assert any(e.startswith(message) for e in errors), errors


def test_validate_schema_raises_with_every_error_under_schema() -> None:
    schema = copy.deepcopy(SCHEMA)
    schema["fields"][1].pop("options")
    schema["bands"][0].pop("label")
    with pytest.raises(ValidationError) as exc:
        validate_schema(schema)
    assert exc.value.message_dict["schema"] == [
        "fields[1].options mangler",
        "bands[0].label mangler",
    ]


def test_answers_are_normalised() -> None:
    answers = clean_answers(
        SCHEMA,
        {
            "a": "  hei ",
            "b": "x",
            "c": "2",
            "d": ["q", "p", "q"],
            "e": "2025-03-01",
            "f": {"text": "Helsesykepleier"},
            "g": {"name": "Ola", "date": "2025-03-01", "confirmed": True},
        },
    )
    assert answers == {
        "a": "hei",
        "b": "x",
        "c": 2,
        "d": ["p", "q"],
        "e": "2025-03-01",
        "f": {"text": "Helsesykepleier"},
        "g": {"name": "Ola", "date": "2025-03-01", "confirmed": True},
    }


def test_answer_errors_are_keyed_by_field() -> None:
    with pytest.raises(ValidationError) as exc:
        clean_answers(
            SCHEMA,
            {
                "c": 4,
                "d": ["nope"],
                "e": "1. mars",
                "f": {"participant_id": 99},
                "g": {"name": "Ola", "date": "2025-03-01", "confirmed": False},
                "zz": "x",
            },
        )
    errors = exc.value.message_dict
    assert errors == {
        "b": ["Dette feltet må fylles ut."],
        "c": ["Velg et tall fra 0 til 3."],
        "d": ["Velg et av alternativene."],
        "e": ["Skriv en dato (åååå-mm-dd)."],
        "f": ["Velg en deltaker i saken."],
        "g": ["Skriv navn og dato, og bekreft."],
        "zz": ["Verktøyet har ikke feltet «zz»."],
    }
