"""The log says what kind of call was made, its status, attempt and time: never an identifier,
a name, an address or a URL — also when a call fails, is retried or is refused."""

import logging

import pytest

from laget.folkeregister.counterpart.population import build_world
from laget.folkeregister.errors import PersonNotFound, RegisterUnavailable
from laget.folkeregister.facts import FAMILY_PARTS
from laget.folkeregister.tests.conftest import Counterpart, MakeClient

WORLD = build_world()
SECRETS = sorted(
    {i.value for p in WORLD.people.values() for i in p.ids}
    | {p.given for p in WORLD.people.values()}
    | {p.family for p in WORLD.people.values()}
    | {h.street for p in WORLD.people.values() for h in p.homes}
    | {"/v1/personer", "999912340001"}
)


def test_no_personal_data_in_the_log(
    make_client: MakeClient, counterpart: Counterpart, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = make_client()
    ids = [p.id for p in WORLD.people.values()]
    counterpart.fail(429, 1, retry_after_ms=100)
    client.person(ids[0], parts=FAMILY_PARTS)
    client.persons(ids, parts=FAMILY_PARTS)
    counterpart.fail(503, 4)  # the client's four attempts
    with pytest.raises(RegisterUnavailable) as unavailable:
        client.person(ids[1], parts=FAMILY_PARTS)
    with pytest.raises(PersonNotFound) as not_found:
        client.person("01018000000", parts=["navn"])
    client.feed(1)

    assert any("folkeregister person: 200" in r.getMessage() for r in caplog.records)
    assert any("folkeregister person: 503" in r.getMessage() for r in caplog.records)
    text = "\n".join(r.getMessage() for r in caplog.records)
    text += str(unavailable.value) + str(not_found.value)
    assert [s for s in SECRETS if s in text] == []
    assert "01018000000" not in text
