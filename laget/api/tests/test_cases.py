"""Cases through the API: my cases, the case page, opening, identifying, level, report, close."""

import pytest
from django.test import Client

from laget.api.errors import MSG_NOT_FOUND
from laget.api.tests.conftest import OwnCase
from laget.api.tests.helpers import ClientFor, audited, counts, errors_of, post, url
from laget.audit.models import AuditAction, Via
from laget.cases.messages import (
    MSG_CASE_CLOSED,
    MSG_NOT_CHILD_WELFARE,
    MSG_SAME_LEVEL,
    MSG_UNKNOWN_UNIT,
)
from laget.cases.models import MSG_NEEDS_SUBJECT_OR_LABEL, Case, Entry, LevelChange, Participant
from laget.people.models import Subject
from laget.people.national_id import MSG_BAD_CHECKSUM
from laget.testing.world import World, upcoming_meeting

pytestmark = pytest.mark.django_db

# A synthetic national id (month + 80), valid with LAGET_SYNTHETIC_IDS on.
SYNTHETIC_ID = "14831950073"


def test_my_cases_lists_visible_cases_and_writes_one_list_record(
    world: World, client_for: ClientFor
) -> None:
    upcoming_meeting(world)  # world.meeting lies in the past
    client: Client = client_for("stafettholder")
    with audited() as log:
        response = client.get(url("cases"))
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()}
    assert world.case.pk in rows and world.other_case.pk not in rows
    row = rows[world.case.pk]
    assert row["level"] == 2 and row["stafettholder"] == world.users["stafettholder"].pk
    assert row["stafettholder_name"] == "Kari Lundberg"
    assert row["next_evaluation"] == world.measure.evaluation_date.isoformat()
    assert row["overdue_measures"] == 0 and row["next_meeting"] is not None
    assert log.actions() == [(AuditAction.LIST, "case_list")] * len(rows)
    assert [r.case_id for r in log.rows] == sorted(rows)
    assert {r.via for r in log.rows} == {Via.API}


def test_my_cases_leave_out_closed_cases_unless_asked(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    client: Client = client_for("stafettholder")
    post(client, url("case_close", case_id=own_case.case.pk), {"reason": "Godt nok nå."})
    ids = {row["id"] for row in client.get(url("cases")).json()}
    assert own_case.case.pk not in ids
    ids = {row["id"] for row in client.get(url("cases") + "?include_closed=true").json()}
    assert own_case.case.pk in ids


def test_case_page_shows_everything_and_writes_one_read_record(
    world: World, client_for: ClientFor
) -> None:
    client: Client = client_for("participant")
    with audited() as log:
        response = client.get(url("case", case_id=world.case.pk))
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == world.case.pk and body["subject"]["full_name"] == "Emil Fjeldsrud"
    assert body["can_write"] is True and body["can_coordinate"] is False
    assert {p["id"] for p in body["participants"]} >= {world.participant.pk, world.former.pk}
    assert [m["id"] for m in body["measures"]] == [world.measure.pk]
    assert world.entry.pk in [e["id"] for e in body["entries"]]
    assert [m["id"] for m in body["meetings"]] == [world.meeting.pk]
    assert [c["decision"] for c in body["level_changes"]] == ["open", "change"]
    assert body["transitions"] == [] and body["handovers"] == []
    assert log.actions() == [(AuditAction.READ, "case")]
    assert log.rows[0].case_id == world.case.pk and log.rows[0].via == Via.API


@pytest.mark.parametrize("role", ["former_participant", "same_unit", "other_unit", "admin"])
def test_invisible_case_gets_the_same_404_as_a_missing_one(
    world: World, client_for: ClientFor, role: str
) -> None:
    client: Client = client_for(role)
    with audited() as log:
        hidden = client.get(url("case", case_id=world.case.pk))
        missing = client.get(url("case", case_id=999_999_999))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": str(MSG_NOT_FOUND)}
    assert log.rows == []


def test_open_a_concern_then_read_it(world: World, client_for: ClientFor) -> None:
    client: Client = client_for("same_unit")
    body = {
        "unit": world.units["kindergarten"].pk,
        "label": "Gutt, 3 år",
        "observation": "Gråter mye ved levering.",
    }
    with audited() as log:
        response = post(client, url("cases"), body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["level"] == 0 and created["subject"] is None and created["level0_due"]
    assert log.actions() == [(AuditAction.CREATE, "case")]
    page = client.get(url("case", case_id=created["id"])).json()
    assert page["display_name"] == "Gutt, 3 år"
    assert [e["text"] for e in page["entries"]] == ["Gråter mye ved levering."]


def test_open_a_case_with_the_person_in_one_transaction(
    world: World, client_for: ClientFor
) -> None:
    client: Client = client_for("same_unit")
    body = {
        "unit": world.units["kindergarten"].pk,
        "level": 1,
        "reason": "Behov for tiltak.",
        "subject": {"given_name": "Sander", "family_name": "Vikøren", "national_id": SYNTHETIC_ID},
    }
    response = post(client, url("cases"), body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["subject"]["full_name"] == "Sander Vikøren"
    assert created["display_name"] == "Sander Vikøren"
    page = client.get(url("case", case_id=created["id"])).json()
    assert page["is_stafettholder"] is True and page["level"] == 1


def test_invalid_national_id_on_opening_leaves_no_case(world: World, client_for: ClientFor) -> None:
    client: Client = client_for("same_unit")
    before = counts(Case, Subject, LevelChange, Participant)
    body = {
        "unit": world.units["kindergarten"].pk,
        "subject": {"given_name": "Sander", "family_name": "Vikøren", "national_id": "14831950074"},
    }
    assert errors_of(post(client, url("cases"), body)) == {
        "subject.national_id": [str(MSG_BAD_CHECKSUM)]
    }
    assert counts(Case, Subject, LevelChange, Participant) == before


def test_service_error_about_the_person_is_named_under_subject(
    world: World, client_for: ClientFor
) -> None:
    client: Client = client_for("same_unit")
    before = counts(Case, Subject, LevelChange, Participant)
    body = {
        "unit": world.units["kindergarten"].pk,
        "subject": {"given_name": "Sander", "family_name": "x" * 101},
    }
    assert list(errors_of(post(client, url("cases"), body))) == ["subject.family_name"]
    assert counts(Case, Subject, LevelChange, Participant) == before


def test_unknown_unit_on_opening_is_named(world: World, client_for: ClientFor) -> None:
    client: Client = client_for("same_unit")
    before = counts(Case)
    response = post(client, url("cases"), {"unit": 999_999, "label": "Jente, 2 år"})
    assert errors_of(response) == {"unit": [str(MSG_UNKNOWN_UNIT)]}
    assert counts(Case) == before


def test_a_case_needs_a_label_or_a_person(world: World, client_for: ClientFor) -> None:
    client: Client = client_for("same_unit")
    response = post(client, url("cases"), {"unit": world.units["kindergarten"].pk})
    assert errors_of(response) == {"label": [str(MSG_NEEDS_SUBJECT_OR_LABEL)]}


def test_identify_a_de_identified_case(world: World, client_for: ClientFor) -> None:
    client: Client = client_for("same_unit")
    created = post(
        client, url("cases"), {"unit": world.units["kindergarten"].pk, "label": "Gutt, 2 år"}
    ).json()
    body = {"given_name": "Ola", "family_name": "Strandå", "birth_date": "2023-05-01"}
    with audited() as log:
        response = post(client, url("case_identify", case_id=created["id"]), body)
    assert response.status_code == 200, response.content
    assert log.actions() == [(AuditAction.UPDATE, "case")]
    page = client.get(url("case", case_id=created["id"])).json()
    assert page["subject"]["birth_date"] == "2023-05-01" and page["display_name"] == "Ola Strandå"


def test_invalid_national_id_is_named_and_nothing_saved(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    client: Client = client_for("same_unit")
    created = post(
        client, url("cases"), {"unit": world.units["kindergarten"].pk, "label": "Gutt, 2 år"}
    ).json()
    before = counts(Subject)
    body = {"given_name": "Ola", "family_name": "Strandå", "national_id": "123"}
    response = post(client, url("case_identify", case_id=created["id"]), body)
    assert list(errors_of(response)) == ["national_id"]
    assert counts(Subject) == before


def test_change_level_then_read_the_history(own_case: OwnCase, client_for: ClientFor) -> None:
    client: Client = client_for("stafettholder")
    case_id = own_case.case.pk
    with audited() as log:
        response = post(
            client, url("case_level", case_id=case_id), {"to_level": 3, "reason": "Flere inn."}
        )
    assert response.status_code == 201, response.content
    assert response.json()["from_level"] == 1 and response.json()["to_level"] == 3
    assert log.actions() == [(AuditAction.CREATE, "levelchange")]
    page = client.get(url("case", case_id=case_id)).json()
    assert page["level"] == 3 and page["level_changes"][-1]["reason"] == "Flere inn."


def test_same_level_is_refused_naming_the_field(own_case: OwnCase, client_for: ClientFor) -> None:
    client: Client = client_for("stafettholder")
    before = counts(LevelChange)
    response = post(
        client, url("case_level", case_id=own_case.case.pk), {"to_level": 1, "reason": "Samme"}
    )
    assert errors_of(response) == {"to_level": [str(MSG_SAME_LEVEL)]}
    assert counts(LevelChange) == before


def test_participant_who_does_not_hold_the_baton_may_not_change_level(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    client: Client = client_for("participant")
    response = post(
        client, url("case_level", case_id=own_case.case.pk), {"to_level": 2, "reason": "Nei"}
    )
    assert response.status_code == 403
    assert set(response.json()) == {"detail"}


def test_report_to_child_welfare_brings_it_into_the_case(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    client: Client = client_for("stafettholder")
    unit = world.units["child_welfare"]
    body = {"reason": "Alvorlig bekymring.", "child_welfare_unit": unit.pk}
    response = post(client, url("case_report", case_id=own_case.case.pk), body)
    assert response.status_code == 201, response.content
    assert response.json()["decision"] == "report"
    participants = client.get(url("participants", case_id=own_case.case.pk)).json()
    assert unit.pk in {p["unit"] for p in participants if p["user"] is None}


@pytest.mark.parametrize(
    ("unit_key", "message"), [(None, MSG_UNKNOWN_UNIT), ("school", MSG_NOT_CHILD_WELFARE)]
)
def test_report_to_a_unit_that_is_not_child_welfare_is_named(
    world: World, own_case: OwnCase, client_for: ClientFor, unit_key: str | None, message: str
) -> None:
    client: Client = client_for("stafettholder")
    unit_id = world.units[unit_key].pk if unit_key else 999_999
    before = counts(LevelChange, Participant)
    response = post(
        client,
        url("case_report", case_id=own_case.case.pk),
        {"reason": "Bekymring.", "child_welfare_unit": unit_id},
    )
    assert errors_of(response) == {"child_welfare_unit": [str(message)]}
    assert counts(LevelChange, Participant) == before


def test_closed_case_is_read_only(own_case: OwnCase, client_for: ClientFor) -> None:
    client: Client = client_for("stafettholder")
    case_id = own_case.case.pk
    with audited() as log:
        response = post(client, url("case_close", case_id=case_id), {"reason": "Ferdig."})
    assert response.status_code == 200 and response.json()["is_closed"] is True
    assert log.actions() == [(AuditAction.UPDATE, "case")]
    before = counts(Entry)
    response = post(
        client,
        url("entries", case_id=case_id),
        {"kind": "note", "text": "For sent", "audience": "professionals"},
    )
    assert errors_of(response) == {"non_field_errors": [str(MSG_CASE_CLOSED)]}
    assert counts(Entry) == before
    page = client.get(url("case", case_id=case_id)).json()
    assert page["can_write"] is False and page["close_reason"] == "Ferdig."
