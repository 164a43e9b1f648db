"""The token: fetched with a signed JWT-bearer assertion, kept until shortly before it expires,
fetched again after; a wrong key, audience or scope is refused by the token service and not
retried."""

import time

import httpx
import jwt
import pytest

from laget.folkeregister.auth import (
    ASSERTION_SECONDS,
    GRANT_TYPE,
    RENEW_BEFORE_SECONDS,
    TokenRefused,
)
from laget.folkeregister.counterpart.keys import make_key_pair
from laget.folkeregister.counterpart.population import build_world
from laget.folkeregister.tests.conftest import CLIENT_ID, Clock, Counterpart, MakeClient, Recorder

YLVA = build_world().people["ylva"].id


def test_the_token_is_kept_between_calls(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder
) -> None:
    client = make_client()
    client.person(YLVA, parts=["navn"])
    client.feed(1)
    client.latest_sequence()
    assert counterpart.stats()["token_grants"] == 1
    ((_, token_answer),) = recorder.token_exchanges()
    assert token_answer.status_code == 200
    tokens = {q.headers["Authorization"] for q, _ in recorder.register_exchanges()}
    assert tokens == {f"Bearer {token_answer.json()['access_token']}"}


def test_the_assertion_is_the_jwt_bearer_grant(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder
) -> None:
    before = int(time.time())
    make_client().latest_sequence()
    ((request, _),) = recorder.token_exchanges()
    form = dict(item.split("=", 1) for item in request.content.decode().split("&"))
    assert form["grant_type"] == GRANT_TYPE.replace(":", "%3A")
    header = jwt.get_unverified_header(form["assertion"])
    assert header["alg"] == "RS256" and len(header["x5c"]) == 1
    claims = jwt.decode(form["assertion"], options={"verify_signature": False})
    assert claims["iss"] == CLIENT_ID and claims["aud"] == counterpart.audience
    assert claims["scope"] == "folkeregister:deling/offentligmedhjemmel"
    assert before <= claims["iat"] <= time.time()
    assert claims["exp"] - claims["iat"] == ASSERTION_SECONDS
    assert len(claims["jti"]) >= 32


def test_a_token_near_its_end_is_fetched_again(
    make_client: MakeClient, counterpart: Counterpart
) -> None:
    clock = Clock()
    client = make_client(clock=clock)
    client.latest_sequence()
    clock.now += 120 - RENEW_BEFORE_SECONDS - 1  # the counterpart's tokens live 120 s
    client.latest_sequence()
    assert counterpart.stats()["token_grants"] == 1
    clock.now += 1
    client.latest_sequence()
    assert counterpart.stats()["token_grants"] == 2


def test_a_token_the_register_no_longer_takes_is_replaced_once(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder
) -> None:
    client = make_client()
    client.latest_sequence()
    counterpart.post("reset")  # the counterpart forgets the tokens it gave
    assert client.latest_sequence() == 7
    assert [a.status_code for _, a in recorder.register_exchanges()] == [200, 401, 200]


def test_an_assertion_signed_with_another_key_is_refused(
    make_client: MakeClient, counterpart: Counterpart, recorder: Recorder
) -> None:
    other_key, _ = make_key_pair()
    with pytest.raises(TokenRefused) as raised:
        make_client(key_pem=other_key).person(YLVA, parts=["navn"])
    assert raised.value.error == "invalid_grant" and raised.value.status == 400
    assert counterpart.stats() == {
        **counterpart.stats(),
        "token_grants": 0,
        "token_refusals": 1,
        "api_requests": 0,
    }
    assert recorder.sleeps == []


@pytest.mark.parametrize(
    ("config", "error"),
    [
        ({"audience": "https://maskinporten.invalid/"}, "invalid_grant"),
        ({"client_id": "someone-else"}, "invalid_grant"),
        ({"scope": "folkeregister:deling/offentligutenhjemmel"}, "invalid_scope"),
    ],
)
def test_a_wrong_audience_client_or_scope_is_refused(
    make_client: MakeClient, counterpart: Counterpart, config: dict[str, str], error: str
) -> None:
    with pytest.raises(TokenRefused) as raised:
        make_client(**config).latest_sequence()
    assert raised.value.error == error
    assert counterpart.stats()["token_grants"] == 0


@pytest.mark.parametrize(
    ("iat", "exp"),
    [(-300, -180), (0, 600)],
    ids=["expired", "lives-too-long"],
)
def test_an_expired_or_long_lived_assertion_is_refused(
    counterpart: Counterpart, iat: int, exp: int
) -> None:
    now = int(time.time())
    claims = {
        "iss": CLIENT_ID,
        "aud": counterpart.audience,
        "scope": "folkeregister:deling/offentligmedhjemmel",
        "iat": now + iat,
        "exp": now + exp,
        "jti": f"test-{iat}-{exp}-{now}",
    }
    assertion = jwt.encode(claims, counterpart.key_pem, algorithm="RS256")
    answer = httpx.post(
        counterpart.token_url, data={"grant_type": GRANT_TYPE, "assertion": assertion}
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"


def test_another_grant_type_is_refused(counterpart: Counterpart) -> None:
    answer = httpx.post(counterpart.token_url, data={"grant_type": "client_credentials"})
    assert (answer.status_code, answer.json()["error"]) == (400, "unsupported_grant_type")


def test_an_assertion_used_twice_is_refused(
    counterpart: Counterpart, make_client: MakeClient
) -> None:
    assertion = make_client().tokens.assertion()
    form = {"grant_type": GRANT_TYPE, "assertion": assertion}
    assert httpx.post(counterpart.token_url, data=form).status_code == 200
    again = httpx.post(counterpart.token_url, data=form)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
