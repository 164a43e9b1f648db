"""Personal data encrypted in the application before it reaches the database (issue 12).

Model fields that hold a child's or a guardian's name, contact data and national id, and the
free text of the log, are stored as Fernet tokens (AES-128-CBC with HMAC-SHA256, from the
`cryptography` package) under the keys in settings.LAGET_FIELD_KEYS (laget/lib/fieldkeys.py).
The database, its dumps and its backups hold only ciphertext; the application reads plaintext.

Why fields of our own instead of a package: the candidates read at the time either derive the
key from SECRET_KEY (django-fernet-encrypted-fields; django-cryptography, which also pickles),
store a blank value as NULL in NOT NULL columns, or swallow a wrong key by returning the
ciphertext as if it were the text. These fields are a thin layer over `cryptography`'s
MultiFernet, which does the cryptography and the key rotation.

Rules the fields keep:
- An empty value stays empty ("" or NULL): whether a field is filled is visible in the page's
  structure anyway, and it keeps `blank` constraints such as "a label or a person" working.
- The database cannot compare ciphertext, so the fields refuse every lookup but `isnull` and
  `= ""`; an exact match on a national id goes through its keyed hash (LookupHashField). Sorting
  and searching by these fields happen in Python.
- A token that no key opens raises InvalidToken: a wrong key fails loudly, never shows garbage.
"""

import hashlib
import hmac
import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError
from django.core.signals import setting_changed
from django.db import models
from django.db.models.lookups import Exact
from django.dispatch import receiver

__all__ = [
    "EncryptedCharField",
    "EncryptedEmailField",
    "EncryptedJSONField",
    "EncryptedTextField",
    "InvalidToken",
    "LookupHashField",
    "decrypt",
    "encrypt",
    "encrypted_fields",
    "lookup_hash",
]

MSG_NO_LOOKUP = (
    "{field} is encrypted: the database cannot compare it. Filter on its lookup hash, or in Python."
)


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.LAGET_FIELD_KEYS])


@lru_cache(maxsize=1)
def _current() -> Fernet:
    return Fernet(settings.LAGET_FIELD_KEYS[0])


@receiver(setting_changed)
def _keys_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "LAGET_FIELD_KEYS":
        _fernet.cache_clear()
        _current.cache_clear()


def encrypt(plain: str) -> str:
    return _current().encrypt(plain.encode()).decode("ascii")


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def reencrypt(token: str) -> str | None:
    """The token under the current key, or None when it already is (rotate_field_keys)."""
    raw = token.encode()
    try:
        _current().decrypt(raw)
    except InvalidToken:
        return _fernet().rotate(raw).decode("ascii")
    return None


def lookup_hash(value: str) -> str:
    """HMAC-SHA256 of a value under settings.LAGET_LOOKUP_KEY; "" for "". Keyed, because a
    national id has too few possible values for a plain hash to hide it."""
    if not value:
        return ""
    key = settings.LAGET_LOOKUP_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


class _EmptyOnlyExact(Exact):
    """`field = ""` (empty stays empty in the database); any other value cannot match."""

    def get_prep_lookup(self) -> Any:
        if self.rhs != "":
            raise FieldError(MSG_NO_LOOKUP.format(field=self.lhs.target))
        return super().get_prep_lookup()


class EncryptedMixin:
    """Stores the field's value as a Fernet token in a text column."""

    def get_internal_type(self) -> str:
        return "TextField"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)  # type: ignore[misc]
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)  # type: ignore[misc]
        if lookup_name == "exact":
            return _EmptyOnlyExact
        return None

    def get_transform(self, lookup_name: str) -> Any:
        return None


class EncryptedCharField(EncryptedMixin, models.CharField):
    """A CharField in forms and the API (max_length checks the plaintext); text in the
    database, as a token is longer than its text."""


class EncryptedEmailField(EncryptedMixin, models.EmailField):
    pass


class EncryptedTextField(EncryptedMixin, models.TextField):
    pass


class EncryptedJSONField(EncryptedMixin, models.JSONField):
    """JSON in Python, forms and the API; one token of the serialised JSON in the database."""

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return encrypt(json.dumps(value, cls=self.encoder, ensure_ascii=False))

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        return value if prepared else self.get_prep_value(value)

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        return self.get_db_prep_value(value, connection)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return json.loads(decrypt(value), cls=self.decoder)


class LookupHashField(models.CharField):
    """The keyed hash (lookup_hash) of another field of the same model, kept up to date on
    every save and bulk_create, for exact lookups, grouping and uniqueness on an encrypted
    field (`casefold`: of the value in lower case, for e-mail addresses). A queryset.update()
    of the source must set it too."""

    def __init__(self, *args: Any, source: str, casefold: bool = False, **kwargs: Any) -> None:
        self.source = source
        self.casefold = casefold
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        self.indexed: bool = kwargs["db_index"]
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if self.casefold:
            kwargs["casefold"] = True
        # Spelled out: the defaults here differ from Field's, which deconstruct() leaves out.
        kwargs.update(blank=self.blank, editable=self.editable, db_index=self.indexed)
        return name, path, args, kwargs

    def hash_of(self, value: str | None) -> str:
        value = value or ""
        return lookup_hash(value.casefold() if self.casefold else value)

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = self.hash_of(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


class HashedLookups(models.Model):
    """Saving a source field with update_fields saves its hash too."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            hashes = {
                f.name
                for f in self._meta.concrete_fields
                if isinstance(f, LookupHashField) and f.source in update_fields
            }
            kwargs["update_fields"] = {*update_fields, *hashes}
        super().save(*args, **kwargs)


def encrypted_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]


def encrypted_columns() -> Iterator[tuple[type[models.Model], list[models.Field]]]:
    """Every model with encrypted columns, with those columns (for rotation and tests)."""
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = encrypted_fields(model)
        if fields:
            yield model, fields
