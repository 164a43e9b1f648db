"""A measure's evaluations through the API (issue 15, item 2): every evaluation is listed on
the measure, newest first; posting one that continues the measure needs the next date, and a
rule broken answers 400 on the field with nothing written."""

import datetime

import pytest
from django.utils import timezone

from laget.api.tests.helpers import ClientFor, errors_of, post, url
from laget.cases.models import (
    MSG_EVALUATED_BEFORE_START,
    MSG_NEXT_EVALUATION_NOT_AFTER,
    MSG_NEXT_EVALUATION_REQUIRED,
    Measure,
)
from laget.testing.world import FIRST_EVALUATION, SECOND_EVALUATION, World, evaluate_twice

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def measure_path(world: World, action: str = "") -> str:
    name = f"measure_{action}" if action else "measure"
    return url(name, case_id=world.case.pk, measure_id=world.measure.pk)


def version(world: World) -> int:
    return Measure.objects.get(pk=world.measure.pk).version


def test_the_measure_lists_every_evaluation_newest_first(
    world: World, client_for: ClientFor
) -> None:
    evaluate_twice(world)
    shown = client_for("participant").get(measure_path(world)).json()
    assert [e["text"] for e in shown["evaluations"]] == [SECOND_EVALUATION, FIRST_EVALUATION]
    assert [e["status"] for e in shown["evaluations"]] == ["completed", "active"]
    first = shown["evaluations"][1]
    assert first["next_evaluation_on"] == (TODAY + datetime.timedelta(days=14)).isoformat()
    assert first["author_label"] == "Kari Lundberg, Solstrålen barnehage"
    listed = client_for("participant").get(url("measures", case_id=world.case.pk)).json()
    [row] = [m for m in listed if m["id"] == world.measure.pk]
    assert len(row["evaluations"]) == 2


def test_continuing_sets_the_measure_s_next_evaluation_date(
    world: World, client_for: ClientFor
) -> None:
    next_on = TODAY + datetime.timedelta(days=21)
    body = {
        "version": version(world),
        "outcome": "partly",
        "text": "Bedre.",
        "status": "active",
        "next_evaluation_on": next_on.isoformat(),
    }
    response = post(client_for("stafettholder"), measure_path(world, "evaluate"), body)
    assert response.status_code == 200, response.content
    shown = response.json()
    assert (shown["evaluation_date"], shown["status"]) == (next_on.isoformat(), "active")
    assert [e["due_on"] for e in shown["evaluations"]] == [
        world.measure.evaluation_date.isoformat()
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"status": "active"}, "next_evaluation_on", MSG_NEXT_EVALUATION_REQUIRED),
        (
            {"status": "active", "next_evaluation_on": TODAY.isoformat()},
            "next_evaluation_on",
            MSG_NEXT_EVALUATION_NOT_AFTER,
        ),
        (
            {"evaluated_on": (TODAY - datetime.timedelta(days=1)).isoformat()},
            "evaluated_on",
            MSG_EVALUATED_BEFORE_START,
        ),
    ],
)
def test_a_broken_rule_is_a_400_on_its_field_and_nothing_is_written(
    world: World, client_for: ClientFor, changes: dict[str, str], field: str, message: str
) -> None:
    body = {"version": version(world), "outcome": "worked", "text": "Virket.", **changes}
    response = post(client_for("stafettholder"), measure_path(world, "evaluate"), body)
    assert errors_of(response) == {field: [str(message)]}
    assert not world.measure.evaluations.exists()
    assert version(world) == 1
