"""A keyring from the environment: `id:key,id:key`, the first key the current one.

Older keys stay listed for as long as data made with them is kept, so that it still verifies
or decrypts; new data always uses the first. A key id is a short label stored beside the data
(never the key itself)."""

import hashlib
import re

from django.core.exceptions import ImproperlyConfigured

from laget.lib.env import env_required

KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,16}")
MIN_KEY_LENGTH = 32

Keyring = tuple[tuple[str, bytes], ...]


def parse_keyring(name: str, raw: str) -> Keyring:
    """`id:key,id:key` as ((id, key bytes), …); a malformed value stops startup."""
    keys: list[tuple[str, bytes]] = []
    for item in raw.split(","):
        key_id, sep, key = item.strip().partition(":")
        if not sep or not KEY_ID.fullmatch(key_id):
            raise ImproperlyConfigured(
                f"{name} must be id:key pairs separated by commas, each id 1-16 letters, "
                "digits, - or _"
            )
        if len(key) < MIN_KEY_LENGTH:
            raise ImproperlyConfigured(
                f"{name}: the key {key_id!r} is shorter than {MIN_KEY_LENGTH} characters"
            )
        if any(key_id == seen for seen, _ in keys):
            raise ImproperlyConfigured(f"{name}: the key id {key_id!r} is given twice")
        keys.append((key_id, key.encode()))
    return tuple(keys)


def env_keyring(name: str, *, derive_from: str | None) -> Keyring:
    """The keyring in `name`. Without one, a key derived from `derive_from` (debug and tests
    only: pass None in production, where a missing keyring stops startup)."""
    derived = (
        None
        if derive_from is None
        else "dev:" + hashlib.sha256(f"{name}:{derive_from}".encode()).hexdigest()
    )
    return parse_keyring(name, env_required(name, dev_value=derived))
