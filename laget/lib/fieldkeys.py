"""The keys that encrypt personal data in the database, read from the environment.

Two keys, neither ever in the database (a dump or a backup alone then reveals no child's name or
text):

- LAGET_FIELD_KEYS: comma-separated Fernet keys; the first encrypts, every one decrypts. Put a
  new key first, run `manage.py rotate_field_keys`, then drop the old one.
- LAGET_LOOKUP_KEY: the HMAC key of the national ids' lookup hashes (laget.lib.crypto). Kept
  apart from the field keys so that rotating those changes no hash.

With DEBUG on or under pytest both fall back to fixed, public development keys; otherwise
startup fails without them, and refuses the development keys.
"""

import base64

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from laget.lib.env import env_required

# Public, so only for the demo and the tests: data encrypted with them is as good as plain.
DEV_FIELD_KEY = base64.urlsafe_b64encode(b"laget-insecure-dev-field-key-000").decode()
DEV_LOOKUP_KEY = "laget-insecure-dev-lookup-key-0000000000"
LOOKUP_KEY_MIN_LENGTH = 32


def field_keys(*, debug: bool) -> list[str]:
    raw = env_required("LAGET_FIELD_KEYS", dev_value=DEV_FIELD_KEY if debug else None)
    keys = [k.strip() for k in raw.split(",") if k.strip()]
    if not keys:
        raise ImproperlyConfigured("LAGET_FIELD_KEYS holds no key")
    for number, key in enumerate(keys, 1):
        try:
            Fernet(key)
        except ValueError:
            # Never the key itself in the message: it ends up in logs.
            raise ImproperlyConfigured(
                f"LAGET_FIELD_KEYS: key {number} is not a Fernet key (32 bytes, url-safe base64)"
            ) from None
    if not debug and DEV_FIELD_KEY in keys:
        raise ImproperlyConfigured("LAGET_FIELD_KEYS holds the public development key")
    return keys


def lookup_key(*, debug: bool) -> str:
    key = env_required("LAGET_LOOKUP_KEY", dev_value=DEV_LOOKUP_KEY if debug else None)
    if len(key) < LOOKUP_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"LAGET_LOOKUP_KEY must be at least {LOOKUP_KEY_MIN_LENGTH} characters"
        )
    if not debug and key == DEV_LOOKUP_KEY:
        raise ImproperlyConfigured("LAGET_LOOKUP_KEY is the public development key")
    return key
