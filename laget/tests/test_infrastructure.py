"""The settings helpers must refuse bad values instead of guessing."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from laget.lib.env import env_bool, env_int, env_secret

VAR = "LAGET_TEST_INFRASTRUCTURE_VALUE"


@pytest.mark.parametrize("raw", ["maybe", "2", "ja", "truee"])
def test_env_bool_rejects_non_boolean(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ImproperlyConfigured, match=VAR):
        env_bool(VAR, False)


@pytest.mark.parametrize(("raw", "expected"), [("1", True), (" TRUE ", True), ("off", False)])
def test_env_bool_accepts_booleans(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool
) -> None:
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, not expected) is expected


@pytest.mark.parametrize("raw", ["ten", "1.5", "", "10s"])
def test_env_int_rejects_non_integer(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ImproperlyConfigured, match=VAR):
        env_int(VAR, 3)


@pytest.mark.parametrize("raw", [None, ""])
def test_env_secret_required_without_debug(
    monkeypatch: pytest.MonkeyPatch, raw: str | None
) -> None:
    if raw is None:
        monkeypatch.delenv(VAR, raising=False)
    else:
        monkeypatch.setenv(VAR, raw)
    with pytest.raises(ImproperlyConfigured, match=VAR):
        env_secret(VAR, debug=False)


def test_env_secret_has_demo_fallback_only_in_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VAR, raising=False)
    assert env_secret(VAR, debug=True)
    monkeypatch.setenv(VAR, "s3cret")
    assert env_secret(VAR, debug=False) == "s3cret"
