"""The contract: every request the client makes, and every answer the counterpart gives, as the
register's OpenAPI file describes them (contract.py reads the file)."""

import httpx
import pytest

from laget.folkeregister.counterpart.population import build_world
from laget.folkeregister.facts import ENTITY_PARTS, FAMILY_PARTS, PARTS, SET_PARTS
from laget.folkeregister.tests.conftest import Counterpart, MakeClient, Recorder
from laget.folkeregister.tests.contract import (
    operation_for,
    request_problems,
    response_problems,
    server_path,
    spec,
)

WORLD = build_world()
EVERY_ID = sorted({i.value for p in WORLD.people.values() for i in p.ids})
PART_CHOICES = [
    [],
    ["person-basis"],
    list(FAMILY_PARTS),
    ["historikk", *FAMILY_PARTS],
    ["relasjon-utvidet", "historikk"],
    *[[part] for part in sorted(ENTITY_PARTS)],
]


def _check(recorder: Recorder) -> None:
    exchanges = recorder.register_exchanges()
    assert exchanges
    problems = []
    for request, response in exchanges:
        problems += request_problems(request)
        problems += response_problems(request, response)
    assert problems == []


def test_the_client_speaks_the_described_api(make_client: MakeClient, recorder: Recorder) -> None:
    client = make_client()
    for identifier in EVERY_ID:
        client.person(identifier, parts=FAMILY_PARTS)
    client.persons(EVERY_ID, parts=["historikk", *FAMILY_PARTS])
    client.persons(["01018000000"], parts=["navn"])  # one the register does not know
    client.feed(0)
    client.feed(5)
    client.latest_sequence()
    used = {
        operation_for(q.method, q.url.path.removeprefix(server_path()))[0].id
        for q, _ in recorder.register_exchanges()
    }
    assert used == {
        "hentSisteVersjonAvPerson",
        "hentPersoner",
        "hentFeedSide",
        "sisteSekvensnummerIFeed",
    }
    _check(recorder)


@pytest.mark.parametrize("parts", PART_CHOICES, ids=lambda p: "+".join(p) or "none")
def test_every_person_is_answered_as_described(counterpart: Counterpart, parts: list[str]) -> None:
    """Straight to the counterpart (the client refuses to ask for no part at all)."""
    token = _token(counterpart)
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}) as http:
        for identifier in EVERY_ID:
            request = http.build_request(
                "GET", f"{counterpart.base_url}/v1/personer/{identifier}", params={"part": parts}
            )
            response = http.send(request)
            assert response.status_code == 200
            assert request_problems(request) == []
            assert response_problems(request, response) == []


def test_refusals_are_answered_as_described(counterpart: Counterpart) -> None:
    token = _token(counterpart)
    base = counterpart.base_url
    cases = [
        ("GET", f"{base}/v1/personer/01018000000", {}, None, 404),
        ("GET", f"{base}/v1/personer/{EVERY_ID[0]}", {"part": ["ingen-slik-del"]}, None, 400),
        ("GET", f"{base}/v1/hendelser/feed", {}, None, 400),
        ("POST", f"{base}/v1/personer/bulkoppslag", {}, {"foedselsEllerDNummer": []}, 400),
    ]
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}) as http:
        for method, url, params, body, status in cases:
            request = http.build_request(method, url, params=params, json=body)
            response = http.send(request)
            assert response.status_code == status
            assert response_problems(request, response) == []
        unauthorised = httpx.get(f"{base}/v1/hendelser/feed", params={"seq": 1})
        assert unauthorised.status_code == 401
        assert response_problems(unauthorised.request, unauthorised) == []


def test_429_is_described_and_carries_retry_after(counterpart: Counterpart) -> None:
    counterpart.fail(429, 1, retry_after_ms=1500)
    response = httpx.get(f"{counterpart.base_url}/v1/hendelser/feed", params={"seq": 1})
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1500"
    assert response_problems(response.request, response) == []


def test_the_check_finds_what_the_file_does_not_allow(counterpart: Counterpart) -> None:
    """The contract check itself: a wrong enumeration value, a parameter the operation does
    not have and an undescribed status are found."""
    url = f"{counterpart.base_url}/v1/personer/{EVERY_ID[0]}"
    request = httpx.Request("GET", url, params={"part": "navn", "format": "kort"})
    assert request_problems(request) == [
        "hentSisteVersjonAvPerson: query parameter 'format' is not described"
    ]
    wrong = {
        "identifikasjonsnummer": [
            {"foedselsEllerDNummer": EVERY_ID[0], "identifikatortype": "PASS", "status": "I_BRUK"}
        ]
    }
    answer = httpx.Response(200, json=wrong, request=request)
    assert len(response_problems(request, answer)) == 1
    assert response_problems(request, httpx.Response(503, request=request)) == [
        "hentSisteVersjonAvPerson: status 503 is not described"
    ]


def test_the_parts_the_client_knows_are_the_documents_entities() -> None:
    properties = set(spec()["components"]["schemas"]["Folkeregisterperson"]["properties"])
    assert properties == ENTITY_PARTS
    assert properties | SET_PARTS == PARTS


def test_the_bulk_answer_deviation_is_still_in_the_file() -> None:
    """contract.BULK_ANSWER stands in for the file's description of the bulk answer; when the
    file describes the envelope itself, drop the stand-in."""
    described = spec()["paths"]["/v1/personer/bulkoppslag"]["post"]["responses"]["200"]
    schema = described["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Folkeregisterperson"}


def test_the_server_path_is_the_counterparts() -> None:
    from laget.folkeregister.counterpart.server import BASE_PATH

    assert server_path() == BASE_PATH


def _token(counterpart: Counterpart) -> str:
    from laget.folkeregister.auth import Signer, TokenSource

    with httpx.Client() as http:
        return TokenSource(
            token_url=counterpart.token_url,
            client_id="laget-test",
            audience=counterpart.audience,
            scope="folkeregister:deling/offentligmedhjemmel",
            signer=Signer(counterpart.key_pem, counterpart.certificate_pem),
            http=http,
        ).token()
