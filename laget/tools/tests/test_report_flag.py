"""A band may say that child welfare and/or the police must be told (``requires_report``): the
validator checks the flag, scoring carries it, and the starter worry scales use it."""

from typing import Any

import pytest

from laget.guide.starter_tools import GUIDE_STARTER_TOOLS
from laget.tools.schema import schema_errors
from laget.tools.scoring import score
from laget.tools.starter import STARTER_TOOLS


def _schema(**band: Any) -> dict[str, Any]:
    return {
        "fields": [
            {
                "key": "fare",
                "type": "single_choice",
                "label": "Fare?",
                "options": [
                    {"value": "nei", "label": "Nei", "points": 0},
                    {"value": "ja", "label": "Ja", "points": 8},
                ],
            }
        ],
        "scoring": {"method": "sum", "fields": ["fare"]},
        "bands": [
            {"from": 0, "label": "Vær oppmerksom"},
            {"from": 8, "label": "Meld nå", **band},
        ],
    }


@pytest.mark.parametrize(
    "report_to",
    [["child_welfare"], ["police"], ["child_welfare", "police"], ["police", "child_welfare"]],
)
def test_a_band_may_name_who_must_be_told(report_to: list[str]) -> None:
    assert schema_errors(_schema(requires_report=report_to)) == []


@pytest.mark.parametrize(
    "report_to",
    [True, "child_welfare", [], ["child_welfare", "child_welfare"], ["naboen"], [1], None],
)
def test_a_report_flag_that_is_not_a_list_of_known_recipients_is_refused(report_to: Any) -> None:
    assert schema_errors(_schema(requires_report=report_to)) == [
        "bands[1].requires_report må være en liste uten gjentakelser med: child_welfare, police"
    ]


def test_a_misspelt_band_key_is_refused_rather_than_dropping_the_alarm() -> None:
    assert schema_errors(_schema(requires_reports=["police"])) == [
        "bands[1].requires_reports er ikke en kjent nøkkel"
    ]


def test_the_score_carries_who_must_be_told() -> None:
    schema = _schema(requires_report=["child_welfare", "police"])
    alarming = score(schema, {"fare": "ja"})
    mild = score(schema, {"fare": "nei"})
    assert alarming is not None and mild is not None
    assert (alarming.report_to, alarming.requires_report) == (("child_welfare", "police"), True)
    assert (mild.report_to, mild.requires_report) == ((), False)


@pytest.mark.parametrize("slug", ["bekymringsskala-barnet", "bekymringsskala-foresatte"])
def test_the_starter_worry_scales_alarm_in_their_top_band(slug: str) -> None:
    tool = next(t for t in [*STARTER_TOOLS, *GUIDE_STARTER_TOOLS] if t["slug"] == slug)
    assert schema_errors(tool["schema"]) == []
    bands = tool["schema"]["bands"]
    assert [b.get("requires_report", []) for b in bands] == [
        [],
        [],
        ["child_welfare", "police"],
    ]


def test_no_other_starter_tool_alarms() -> None:
    flagged = {
        t["slug"]
        for t in [*STARTER_TOOLS, *GUIDE_STARTER_TOOLS]
        if any(b.get("requires_report") for b in t["schema"].get("bands", []))
    }
    assert flagged == {"bekymringsskala-barnet", "bekymringsskala-foresatte"}
