"""Log entries through the API: write, read, correct one's own with the version read."""

import pytest
from django.conf import settings
from django.test import Client

from laget.api.tests.conftest import OwnCase
from laget.api.tests.helpers import ClientFor, audited, counts, errors_of, patch, post, url
from laget.audit.models import AuditAction
from laget.cases.messages import MSG_UNKNOWN_MEETING
from laget.cases.models import Entry
from laget.lib.concurrency import MSG_CONFLICT
from laget.testing.world import World

pytestmark = pytest.mark.django_db

GLIMMER = {"kind": "glimmer", "text": "Delte spaden med en venn.", "audience": "all"}


def client_of(client_for: ClientFor, role: str = "stafettholder") -> Client:
    return client_for(role)


def test_write_read_correct_and_see_the_correction(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    client = client_of(client_for)
    with audited() as log:
        created = post(client, url("entries", case_id=own_case.case.pk), GLIMMER)
    assert created.status_code == 201, created.content
    entry = created.json()
    assert entry["author_name"] == "Kari Lundberg" and entry["version"] == 1
    assert log.actions() == [(AuditAction.CREATE, "entry")]

    path = url("entry", case_id=own_case.case.pk, entry_id=entry["id"])
    assert client.get(path).json() == entry
    with audited() as log:
        changed = patch(client, path, {"version": 1, "text": "Delte spaden med to venner."})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert log.actions() == [(AuditAction.UPDATE, "entry")]
    listed = client.get(url("entries", case_id=own_case.case.pk)).json()
    assert listed[0]["id"] == entry["id"] and listed[0]["text"] == "Delte spaden med to venner."


def test_only_the_author_corrects_an_entry(own_case: OwnCase, client_for: ClientFor) -> None:
    created = post(client_of(client_for), url("entries", case_id=own_case.case.pk), GLIMMER)
    path = url("entry", case_id=own_case.case.pk, entry_id=created.json()["id"])
    response = patch(client_of(client_for, "participant"), path, {"version": 1, "text": "Nei"})
    assert response.status_code == 403
    assert Entry.objects.get(pk=created.json()["id"]).text == GLIMMER["text"]


def test_stale_correction_gets_409_with_the_entry_as_now_saved(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    client = client_of(client_for)
    created = post(client, url("entries", case_id=own_case.case.pk), GLIMMER).json()
    path = url("entry", case_id=own_case.case.pk, entry_id=created["id"])
    assert patch(client, path, {"version": 1, "audience": "professionals"}).status_code == 200
    response = patch(client, path, {"version": 1, "text": "Overskriver"})
    assert response.status_code == 409
    assert response.json()["detail"] == str(MSG_CONFLICT)
    assert response.json()["current"]["audience"] == "professionals"
    assert response.json()["current"]["text"] == GLIMMER["text"]


def test_oversized_text_is_named_and_nothing_saved(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(Entry)
    body = {**GLIMMER, "text": "x" * (settings.LAGET_MAX_TEXT + 1)}
    response = post(client_of(client_for), url("entries", case_id=own_case.case.pk), body)
    assert list(errors_of(response)) == ["text"]
    assert counts(Entry) == before


def test_unknown_meeting_is_named(world: World, own_case: OwnCase, client_for: ClientFor) -> None:
    body = {**GLIMMER, "meeting": world.meeting.pk}  # a meeting of another case
    response = post(client_of(client_for), url("entries", case_id=own_case.case.pk), body)
    assert errors_of(response) == {"meeting": [str(MSG_UNKNOWN_MEETING)]}


def test_bad_choices_are_named(own_case: OwnCase, client_for: ClientFor) -> None:
    body = {"kind": "gossip", "text": "Hei", "audience": "everyone"}
    response = post(client_of(client_for), url("entries", case_id=own_case.case.pk), body)
    assert set(errors_of(response)) == {"kind", "audience"}


def test_entry_of_another_case_gets_404(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    client = client_of(client_for)
    created = post(client, url("entries", case_id=own_case.case.pk), GLIMMER).json()
    path = url("entry", case_id=world.case.pk, entry_id=created["id"])
    assert client.get(path).status_code == 404
    assert patch(client, path, {"version": 1, "text": "Feil sak"}).status_code == 404
