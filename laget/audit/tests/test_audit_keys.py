"""The audit key comes from the environment (LAGET_AUDIT_KEYS, `id:key,id:key`, the first the
current one); production does not start without one, and a malformed one stops startup."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from laget.lib.keyring import env_keyring, parse_keyring
from laget.tests.test_production import production_env, run

KEY_A = "a" * 32
KEY_B = "b" * 40


def test_keys_are_read_in_order_the_first_current() -> None:
    assert parse_keyring("K", f"k2:{KEY_B}, k1:{KEY_A}") == (
        ("k2", KEY_B.encode()),
        ("k1", KEY_A.encode()),
    )


def test_a_key_may_hold_colons() -> None:
    assert parse_keyring("K", f"k1:{KEY_A}:x") == (("k1", f"{KEY_A}:x".encode()),)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (KEY_A, "must be id:key pairs"),
        (f"bad id:{KEY_A}", "must be id:key pairs"),
        (f"{'x' * 17}:{KEY_A}", "must be id:key pairs"),
        ("k1:short", "the key 'k1' is shorter than 32 characters"),
        (f"k1:{KEY_A},k1:{KEY_B}", "the key id 'k1' is given twice"),
    ],
)
def test_a_malformed_keyring_stops_startup_without_showing_the_key(raw: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=message) as failed:
        parse_keyring("LAGET_AUDIT_KEYS", raw)
    assert KEY_A not in str(failed.value) and KEY_B not in str(failed.value)


def test_debug_and_tests_derive_a_key_production_has_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAGET_AUDIT_KEYS", raising=False)
    [(key_id, key)] = env_keyring("LAGET_AUDIT_KEYS", derive_from="secret")
    assert key_id == "dev" and len(key) == 64
    assert env_keyring("LAGET_AUDIT_KEYS", derive_from="other") != ((key_id, key),)
    with pytest.raises(ImproperlyConfigured, match="LAGET_AUDIT_KEYS must be set when DEBUG"):
        env_keyring("LAGET_AUDIT_KEYS", derive_from=None)


def test_production_does_not_start_without_an_audit_key() -> None:
    env = production_env()
    del env["LAGET_AUDIT_KEYS"]
    done = run(["manage.py", "check"], env)
    assert done.returncode != 0
    assert "LAGET_AUDIT_KEYS must be set when DEBUG is off" in done.stderr
