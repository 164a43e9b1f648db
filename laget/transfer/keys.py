"""The Ed25519 keys of transfer packages, read from the settings (docs/TRANSFER.md).

LAGET_TRANSFER_KEY is this installation's private key (base64 of the 32 raw bytes) and
LAGET_TRANSFER_NAME the name it signs with; LAGET_TRANSFER_TRUSTED lists the other
installations as name=public key. A peer is trusted both ways: its packages are taken in, and
the stafettholder may propose a move to it."""

import base64
import binascii

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _raw(value: str, setting: str) -> bytes:
    try:
        raw = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{setting}: not base64") from None
    if len(raw) != 32:
        raise ImproperlyConfigured(f"{setting}: an Ed25519 key is 32 bytes")
    return raw


def trusted_keys() -> dict[str, Ed25519PublicKey]:
    """The peers' public keys by installation name."""
    keys: dict[str, Ed25519PublicKey] = {}
    for item in settings.LAGET_TRANSFER_TRUSTED:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ImproperlyConfigured("LAGET_TRANSFER_TRUSTED: write each peer as name=key")
        raw = _raw(value, f"LAGET_TRANSFER_TRUSTED[{name.strip()}]")
        keys[name.strip()] = Ed25519PublicKey.from_public_bytes(raw)
    return keys


def peers() -> list[str]:
    return sorted(trusted_keys())


def own_name() -> str:
    name: str = settings.LAGET_TRANSFER_NAME.strip()
    if not name:
        raise ImproperlyConfigured("LAGET_TRANSFER_NAME is not set")
    return name


def private_key() -> Ed25519PrivateKey:
    if not settings.LAGET_TRANSFER_KEY:
        raise ImproperlyConfigured("LAGET_TRANSFER_KEY is not set: this installation cannot sign")
    return Ed25519PrivateKey.from_private_bytes(
        _raw(settings.LAGET_TRANSFER_KEY, "LAGET_TRANSFER_KEY")
    )


def new_key_pair() -> tuple[str, str]:
    """A fresh (private, public) pair, base64: for `manage.py transfer_keygen` and tests."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes_raw()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(private).decode(), base64.b64encode(public).decode()
