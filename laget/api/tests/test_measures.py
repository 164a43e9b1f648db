"""Measures through the API: create, read, change with the version read, evaluate."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from laget.api.tests.conftest import OwnCase
from laget.api.tests.helpers import ClientFor, audited, counts, errors_of, patch, post, url
from laget.audit.models import AuditAction
from laget.cases.messages import MSG_UNKNOWN_PARTICIPANT
from laget.cases.models import MSG_EVALUATION_BEFORE_START, Measure
from laget.lib.concurrency import MSG_CONFLICT
from laget.testing.world import World

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def holder_client(client_for: ClientFor) -> Client:
    return client_for("stafettholder")


def measure_body(own_case: OwnCase, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "title": "Lesestund",
        "goal": "Roligere kvelder",
        "arena": "home",
        "responsible": own_case.member.pk,
        "start_date": TODAY.isoformat(),
        "evaluation_date": (TODAY + datetime.timedelta(days=14)).isoformat(),
    }
    body.update(changes)
    return body


def measure_url(own_case: OwnCase, measure_id: int | None = None, action: str = "") -> str:
    if measure_id is None:
        return url("measures", case_id=own_case.case.pk)
    name = f"measure_{action}" if action else "measure"
    return url(name, case_id=own_case.case.pk, measure_id=measure_id)


def test_create_read_change_and_see_the_change(own_case: OwnCase, client_for: ClientFor) -> None:
    client = holder_client(client_for)
    with audited() as log:
        created = post(client, measure_url(own_case), measure_body(own_case))
    assert created.status_code == 201, created.content
    measure = created.json()
    assert measure["version"] == 1 and measure["responsible_label"].startswith("Per Nystad")
    assert log.actions() == [(AuditAction.CREATE, "measure")]

    read = client.get(measure_url(own_case, measure["id"])).json()
    assert read == measure

    with audited() as log:
        changed = patch(
            client,
            measure_url(own_case, measure["id"]),
            {"version": 1, "title": "Lesestund med pappa", "status": "active"},
        )
    assert changed.status_code == 200, changed.content
    assert changed.json()["version"] == 2 and changed.json()["goal"] == "Roligere kvelder"
    assert log.actions() == [(AuditAction.UPDATE, "measure")]

    listed = client.get(measure_url(own_case)).json()
    shown = next(m for m in listed if m["id"] == measure["id"])
    assert shown["title"] == "Lesestund med pappa" and shown["status"] == "active"


def test_evaluation_date_before_start_is_named_and_nothing_saved(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(Measure)
    body = measure_body(own_case, evaluation_date=(TODAY - datetime.timedelta(days=1)).isoformat())
    response = post(holder_client(client_for), measure_url(own_case), body)
    assert errors_of(response) == {"evaluation_date": [str(MSG_EVALUATION_BEFORE_START)]}
    assert counts(Measure) == before


def test_evaluation_date_before_start_by_patch_is_named(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    path = measure_url(own_case, own_case.measure.pk)
    yesterday = (TODAY - datetime.timedelta(days=1)).isoformat()
    response = patch(holder_client(client_for), path, {"version": 1, "evaluation_date": yesterday})
    assert errors_of(response) == {"evaluation_date": [str(MSG_EVALUATION_BEFORE_START)]}
    assert Measure.objects.get(pk=own_case.measure.pk).version == 1


def test_unknown_responsible_is_named(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    body = measure_body(own_case, responsible=world.participant.pk)  # of another case
    response = post(holder_client(client_for), measure_url(own_case), body)
    assert errors_of(response) == {"responsible": [str(MSG_UNKNOWN_PARTICIPANT)]}


def test_oversized_goal_is_named(own_case: OwnCase, client_for: ClientFor) -> None:
    before = counts(Measure)
    body = measure_body(own_case, goal="x" * (settings.LAGET_MAX_TEXT + 1))
    response = post(holder_client(client_for), measure_url(own_case), body)
    assert list(errors_of(response)) == ["goal"]
    assert counts(Measure) == before


def test_missing_fields_are_all_named(own_case: OwnCase, client_for: ClientFor) -> None:
    response = post(holder_client(client_for), measure_url(own_case), {"title": "Bare tittel"})
    assert set(errors_of(response)) == {
        "goal",
        "arena",
        "responsible",
        "start_date",
        "evaluation_date",
    }


def test_patch_without_version_is_named(own_case: OwnCase, client_for: ClientFor) -> None:
    path = measure_url(own_case, own_case.measure.pk)
    response = patch(holder_client(client_for), path, {"title": "Uten versjon"})
    assert list(errors_of(response)) == ["version"]


def test_stale_patch_gets_409_with_the_measure_as_now_saved(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    first = holder_client(client_for)
    second: Client = client_for("participant")
    path = measure_url(own_case, own_case.measure.pk)
    assert patch(first, path, {"version": 1, "title": "Først"}).status_code == 200
    with audited() as log:
        response = patch(second, path, {"version": 1, "title": "Sist"})
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == str(MSG_CONFLICT)
    assert body["current"]["title"] == "Først" and body["current"]["version"] == 2
    assert Measure.objects.get(pk=own_case.measure.pk).title == "Først"
    # Being shown the other's change is a read of it.
    assert log.actions() == [(AuditAction.READ, "measure")]


def test_evaluate_a_measure(own_case: OwnCase, client_for: ClientFor) -> None:
    client = holder_client(client_for)
    path = measure_url(own_case, own_case.measure.pk, "evaluate")
    body = {"version": 1, "outcome": "partly", "text": "Bedre de fleste dager."}
    with audited() as log:
        response = post(client, path, body)
    assert response.status_code == 200, response.content
    assert log.actions() == [(AuditAction.UPDATE, "measure")]
    shown = client.get(measure_url(own_case, own_case.measure.pk)).json()
    assert shown["status"] == "completed"
    [evaluation] = shown["evaluations"]
    assert (evaluation["outcome"], evaluation["text"]) == ("partly", "Bedre de fleste dager.")
    assert evaluation["author"] is not None and evaluation["status"] == "completed"
    assert post(client, path, body).status_code == 409


def test_evaluation_needs_an_outcome_and_text(own_case: OwnCase, client_for: ClientFor) -> None:
    path = measure_url(own_case, own_case.measure.pk, "evaluate")
    response = post(holder_client(client_for), path, {"version": 1, "outcome": "maybe"})
    assert set(errors_of(response)) == {"outcome", "text"}


def test_measure_of_another_case_gets_404(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    client = holder_client(client_for)
    path = url("measure", case_id=world.case.pk, measure_id=own_case.measure.pk)
    assert client.get(path).status_code == 404
    assert patch(client, path, {"version": 1, "title": "Feil sak"}).status_code == 404
    evaluate = url("measure_evaluate", case_id=world.case.pk, measure_id=own_case.measure.pk)
    body = {"version": 1, "outcome": "worked", "text": "Feil sak"}
    assert post(client, evaluate, body).status_code == 404
    assert Measure.objects.get(pk=own_case.measure.pk).version == 1


def test_unit_leader_reads_but_may_not_write_measures(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    leader: Client = client_for("unit_leader")
    assert leader.get(measure_url(own_case)).status_code == 200
    response = post(leader, measure_url(own_case), measure_body(own_case))
    assert response.status_code == 403
