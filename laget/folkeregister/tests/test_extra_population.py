"""An extra population from JSON (`--population`): its people are answered like the counterpart's
own, and a document that names a real-looking number, a taken one or a missing person is
refused before the counterpart starts."""

import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from laget.folkeregister.counterpart.documents import person_document
from laget.folkeregister.counterpart.extra import PopulationError, world_with
from laget.folkeregister.counterpart.population import build_world, synthetic_id

D = datetime.date
CHILD_ID = synthetic_id(D(2019, 3, 4), seed=40)
MOTHER_ID = synthetic_id(D(1990, 6, 7), seed=41)
FATHER_ID = synthetic_id(D(1988, 2, 3), seed=42)


def home(number: str) -> dict[str, str]:
    return {
        "street": "Testvegen",
        "number": number,
        "postcode": "9971",
        "place": "HAVBREKKE",
        "municipality": "9971",
        "since": "2023-01-01",
    }


def document() -> dict[str, Any]:
    return {
        "people": [
            {
                "key": "mor",
                "given": "Solrun",
                "family": "Testli",
                "birth": "1990-06-07",
                "sex": "KVINNE",
                "id": MOTHER_ID,
                "home": home("1"),
                "grade": "STRENGT_FORTROLIG",
                "sami": ["NORDSAMISK"],
            },
            {
                "key": "far",
                "given": "Bård",
                "family": "Testli",
                "birth": "1988-02-03",
                "sex": "MANN",
                "id": FATHER_ID,
                "home": home("2"),
                "died": "2026-01-02",
            },
            {
                "key": "barn",
                "given": "Tora",
                "family": "Testli",
                "birth": "2019-03-04",
                "sex": "KVINNE",
                "id": CHILD_ID,
                "home": home("1"),
                "grade": "STRENGT_FORTROLIG",
                "parents": {"mor": "MOR", "far": "FAR"},
                "holders": [{"holder": "mor", "responsibility": "MOR"}],
                "shared_with": "far",
                "shared_since": "2023-01-01",
            },
        ]
    }


def test_the_extra_people_are_answered_like_the_counterparts_own() -> None:
    world = world_with(None, document())
    assert len(world.people) == len(build_world().people) + 3
    assert world.events == build_world().events  # no part in the scripted feed
    child = world.find(CHILD_ID)
    assert child is not None
    answer = person_document(
        world, child, ["foreldreansvar", "familierelasjon", "deltBosted", "adressebeskyttelse"]
    )
    assert [(e["ansvar"], e["ansvarlig"]) for e in answer["foreldreansvar"]] == [("MOR", MOTHER_ID)]
    assert {r["relatertPerson"] for r in answer["familierelasjon"]} == {MOTHER_ID, FATHER_ID}
    assert answer["adressebeskyttelse"][0]["graderingsnivaa"] == "STRENGT_FORTROLIG"
    assert "vegadresse" not in answer["deltBosted"][0]  # strictly protected: the grade only
    mother, father = world.find(MOTHER_ID), world.find(FATHER_ID)
    assert mother is not None and father is not None
    assert person_document(world, mother, ["brukAvSamiskSpraak"])["brukAvSamiskSpraak"]
    assert person_document(world, father, ["doedsfall"])["doedsfall"]["doedsdato"] == "2026-01-02"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d["people"][0].update(id="01130000000"), "synthetic"),
        (lambda d: d["people"][0].update(id=build_world().people["ylva"].id), "id is taken"),
        (lambda d: d["people"][0].update(key="ylva"), "key is taken"),
        (lambda d: d["people"][2]["parents"].update(nabo="FAR"), "no person 'nabo'"),
        (lambda d: d["people"][0].update(grade="HEMMELIG"), "unknown grade"),
        (lambda d: d["people"][0].update(adresse="Storgata 1"), "unknown field"),
        (lambda d: d["people"][1].pop("home"), "second home"),
    ],
)
def test_a_document_it_cannot_use_is_refused(change: Any, says: str) -> None:
    bad = document()
    change(bad)
    with pytest.raises(PopulationError, match=says):
        world_with(None, bad)


def test_the_counterpart_will_not_start_with_a_bad_document(tmp_path: Path) -> None:
    bad = document()
    bad["people"][0]["id"] = "01130000000"
    population = tmp_path / "people.json"
    population.write_text(json.dumps(bad))
    started = subprocess.run(
        [
            sys.executable,
            "-m",
            "laget.folkeregister.counterpart",
            "--port",
            "0",
            "--demo-keys",
            str(tmp_path / "keys"),
            "--population",
            str(population),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode != 0
    assert "not a synthetic test number" in started.stderr
