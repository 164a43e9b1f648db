"""Small helpers that read settings from the environment and fail loudly on bad values."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_required(name: str, *, dev_value: str | None) -> str:
    """A secret that must come from the environment. `dev_value` stands in for a missing one
    in a debug, demo or test run; pass None otherwise, and a missing secret stops startup.
    Every key Laget reads (the secret key, the audit keys, the field and lookup keys) comes
    through here."""
    raw = os.environ.get(name, "").strip()
    if raw:
        return raw
    if dev_value is not None:
        return dev_value
    raise ImproperlyConfigured(f"{name} must be set when DEBUG is off (see docs/PRODUCTION.md)")


def env_secret(name: str, *, debug: bool) -> str:
    """A secret must come from the environment, except in a debug/demo run."""
    return env_required(
        name, dev_value="insecure-demo-key-only-for-local-development" if debug else None
    )
