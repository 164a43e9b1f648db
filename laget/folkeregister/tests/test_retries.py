"""Retries: 429 and 5xx and lost connections are tried again after a back-off that doubles up
to a cap and never comes before the register's Retry-After (milliseconds); other refusals are
not. The client's waits are written down, not slept."""

import datetime
import json
import socket

import pytest

from laget.folkeregister.client import BULK_MAX, retry_after_seconds
from laget.folkeregister.counterpart.population import build_world, synthetic_id
from laget.folkeregister.errors import RegisterRefused, RegisterUnavailable
from laget.folkeregister.tests.conftest import Counterpart, MakeClient, Recorder

YLVA = build_world().people["ylva"].id


def _statuses(recorder: Recorder) -> list[int]:
    return [answer.status_code for _, answer in recorder.register_exchanges()]


def test_429_then_success(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder
) -> None:
    counterpart.fail(429, 1)
    person = make_client().person(YLVA, parts=["navn"])
    assert person.id == YLVA
    assert _statuses(recorder) == [429, 200]
    assert recorder.sleeps == [0.5]


def test_retry_after_is_honoured_in_milliseconds(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder
) -> None:
    counterpart.fail(429, 2, retry_after_ms=3000)
    make_client().feed(1)
    assert _statuses(recorder) == [429, 429, 200]
    # Back-off 0.5 s and 1 s, each raised to the 3 s the register asked for.
    assert recorder.sleeps == [3.0, 3.0]


def test_the_back_off_doubles_up_to_the_cap(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder
) -> None:
    counterpart.fail(503, 5)
    make_client(max_attempts=6, backoff_cap=3.0).latest_sequence()
    assert recorder.sleeps == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_503_every_time_gives_up_with_register_unavailable(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder
) -> None:
    counterpart.fail(503, 10)
    with pytest.raises(RegisterUnavailable) as raised:
        make_client().person(YLVA, parts=["navn"])
    assert raised.value.kind == "person" and raised.value.reason == "503"
    assert _statuses(recorder) == [503, 503, 503, 503]
    assert recorder.sleeps == [0.5, 1.0, 2.0]
    assert counterpart.stats()["api_requests"] == 4


def test_a_wait_longer_than_the_cap_is_not_waited(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder
) -> None:
    counterpart.fail(429, 1, retry_after_ms=60_000)
    with pytest.raises(RegisterUnavailable):
        make_client().feed(1)
    assert recorder.sleeps == []


@pytest.mark.parametrize("status", [400, 403])
def test_other_refusals_are_not_retried(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder, status: int
) -> None:
    counterpart.fail(status, 3)
    with pytest.raises(RegisterRefused) as raised:
        make_client().person(YLVA, parts=["navn"])
    assert raised.value.status == status
    assert _statuses(recorder) == [status]
    assert recorder.sleeps == []


def test_a_lost_connection_is_retried_then_given_up(
    make_client: MakeClient, recorder: Recorder
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    client = make_client(
        base_url=f"http://127.0.0.1:{port}/api", token_url=f"http://127.0.0.1:{port}/token"
    )
    with pytest.raises(RegisterUnavailable) as raised:
        client.latest_sequence()
    assert raised.value.reason == "ConnectError"
    assert recorder.sleeps == [0.5, 1.0, 2.0]


def test_a_register_that_does_not_answer_in_time_is_tried_again(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder
) -> None:
    counterpart.post("fail", status=0, count=1, stall_ms=2000)
    assert make_client(read_timeout=0.2).latest_sequence() == 7
    assert [a.status_code for _, a in recorder.register_exchanges()] == [200]
    assert recorder.sleeps == [0.5]


def test_the_token_service_is_retried_too(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder
) -> None:
    counterpart.fail(503, 2, target="token")
    assert make_client().latest_sequence() == 7
    assert [a.status_code for _, a in recorder.token_exchanges()] == [503, 503, 200]
    assert recorder.sleeps == [0.5, 1.0]


def test_a_large_bulk_lookup_is_made_in_calls_of_at_most_1000(
    make_client: MakeClient, recorder: Recorder
) -> None:
    many = [
        synthetic_id(datetime.date(2010, 1, 1) + datetime.timedelta(days=n)) for n in range(1001)
    ]
    found = make_client().persons([*many, YLVA], parts=["navn"])
    assert len(found) == 1002 and found[YLVA] is not None
    sizes = [
        len(json.loads(q.content)["foedselsEllerDNummer"]) for q, _ in recorder.register_exchanges()
    ]
    assert sizes == [BULK_MAX, 2]


def test_retry_after_reads_milliseconds_and_http_dates() -> None:
    assert retry_after_seconds("1500", now=0) == 1.5
    assert retry_after_seconds("Thu, 01 Jan 1970 00:00:10 GMT", now=4) == 6.0
    assert retry_after_seconds("soon", now=0) is None
    assert retry_after_seconds(None, now=0) is None
