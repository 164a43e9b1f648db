"""The field keys come from the environment, are checked at startup and never echoed
(laget/lib/fieldkeys.py)."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from laget.lib.fieldkeys import DEV_FIELD_KEY, DEV_LOOKUP_KEY, field_keys, lookup_key
from laget.tests.test_production import production_env, run


def test_production_refuses_to_start_without_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAGET_FIELD_KEYS", raising=False)
    monkeypatch.delenv("LAGET_LOOKUP_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="LAGET_FIELD_KEYS must be set"):
        field_keys(debug=False)
    with pytest.raises(ImproperlyConfigured, match="LAGET_LOOKUP_KEY must be set"):
        lookup_key(debug=False)


def test_the_demo_and_tests_use_the_public_development_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LAGET_FIELD_KEYS", raising=False)
    monkeypatch.delenv("LAGET_LOOKUP_KEY", raising=False)
    assert field_keys(debug=True) == [DEV_FIELD_KEY]
    assert lookup_key(debug=True) == DEV_LOOKUP_KEY


def test_production_refuses_the_public_development_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAGET_FIELD_KEYS", DEV_FIELD_KEY)
    monkeypatch.setenv("LAGET_LOOKUP_KEY", DEV_LOOKUP_KEY)
    with pytest.raises(ImproperlyConfigured, match="development key"):
        field_keys(debug=False)
    with pytest.raises(ImproperlyConfigured, match="development key"):
        lookup_key(debug=False)


def test_a_list_of_keys_the_first_current(monkeypatch: pytest.MonkeyPatch) -> None:
    new, old = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("LAGET_FIELD_KEYS", f" {new} , {old} ")
    assert field_keys(debug=False) == [new, old]


def test_a_malformed_key_stops_startup_without_showing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    good = Fernet.generate_key().decode()
    monkeypatch.setenv("LAGET_FIELD_KEYS", f"{good},not-a-fernet-key-but-secret")
    with pytest.raises(ImproperlyConfigured) as error:
        field_keys(debug=False)
    assert "key 2" in str(error.value)
    assert "not-a-fernet-key-but-secret" not in str(error.value)
    assert good not in str(error.value)


def test_a_short_lookup_key_stops_startup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAGET_LOOKUP_KEY", "too-short")
    with pytest.raises(ImproperlyConfigured, match="at least 32"):
        lookup_key(debug=False)


@pytest.mark.parametrize("name", ["LAGET_FIELD_KEYS", "LAGET_LOOKUP_KEY"])
def test_a_production_machine_without_the_key_does_not_start(name: str) -> None:
    env = production_env()
    del env[name]
    done = run(["manage.py", "check"], env)
    assert done.returncode != 0
    assert f"{name} must be set when DEBUG is off" in done.stderr
