"""A package written before a measure's evaluations were their own rows (format 1 as it was):
the one evaluation on each measure becomes a row on import, as the migration made it."""

from laget.transfer.package import evaluations_of_an_older_package

MEASURE = {
    "id": 41,
    "case": 5,
    "created_by": 3,
    "start_date": "2026-01-05",
    "evaluation_date": "2026-03-01",
    "status": "completed",
}


def test_the_old_evaluation_of_a_measure_becomes_a_row() -> None:
    old = {
        **MEASURE,
        "outcome": "partly",
        "evaluation_text": "Bedre morgener.",
        "evaluated_at": "2026-03-10T13:00:00+00:00",
        "evaluated_by": 7,
    }
    not_evaluated = {
        **MEASURE,
        "id": 42,
        "outcome": "",
        "evaluation_text": "",
        "evaluated_at": None,
        "evaluated_by": None,
    }
    tables = evaluations_of_an_older_package({"cases.measure": [old, not_evaluated]})
    assert tables["cases.measure"] == [MEASURE, {**MEASURE, "id": 42}]
    assert tables["cases.measureevaluation"] == [
        {
            "id": 41,
            "measure": 41,
            "author": 7,
            "evaluated_on": "2026-03-10",
            "due_on": "2026-03-01",
            "outcome": "partly",
            "text": "Bedre morgener.",
            "status": "completed",
            "next_evaluation_on": None,
            "created_at": "2026-03-10T13:00:00+00:00",
        }
    ]


def test_a_package_of_this_version_is_taken_as_it_is() -> None:
    tables = {"cases.measure": [MEASURE], "cases.measureevaluation": []}
    assert evaluations_of_an_older_package(tables) is tables
