"""Rewriting the stored values of encrypted columns in place, below the models: the data
migrations that encrypt existing plaintext (and decrypt it again on the way back), and key
rotation (manage.py rotate_field_keys).

Raw SQL on purpose: a model save would stamp `updated_at` and run the fields' encryption on
values that are already tokens. Rows are read and written by primary
key in chunks, each chunk in its own transaction when the caller is not in one already, so a
large table neither holds one long lock nor starts over after an interruption: every transform
here skips values that are already as wanted.
"""

import json
from collections.abc import Callable, Iterable

from django.apps.registry import Apps
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations import RunPython

from laget.lib.crypto import InvalidToken, decrypt, encrypt, lookup_hash

CHUNK = 2000

# A transform gets a stored, non-empty value and answers the value to store, or None to leave it.
Transform = Callable[[str], str | None]


def rewrite_columns(
    connection: BaseDatabaseWrapper,
    table: str,
    columns: Iterable[str],
    transform: Transform,
    *,
    pk: str = "id",
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Pass every non-empty value of `columns` through `transform`; (rows seen, rows changed).
    `progress` hears the running counts after each chunk."""
    columns = list(columns)
    q = connection.ops.quote_name
    head = f"SELECT {q(pk)}, {', '.join(q(c) for c in columns)} FROM {q(table)}"  # noqa: S608
    tail = f"ORDER BY {q(pk)} LIMIT {int(chunk)}"
    seen = changed = 0
    last = None
    while True:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            if last is None:
                cursor.execute(f"{head} {tail}")
            else:
                cursor.execute(f"{head} WHERE {q(pk)} > %s {tail}", [last])
            rows = cursor.fetchall()
            for row in rows:
                new = {}
                for column, value in zip(columns, row[1:], strict=True):
                    if value is None or value == "":
                        continue
                    try:
                        result = transform(value if isinstance(value, str) else _text(value))
                    except InvalidToken:
                        raise UnreadableValueError(table, column, row[0]) from None
                    if result is not None:
                        new[column] = result
                if new:
                    sets = ", ".join(f"{q(c)} = %s" for c in new)
                    cursor.execute(
                        f"UPDATE {q(table)} SET {sets} WHERE {q(pk)} = %s",  # noqa: S608
                        [*new.values(), row[0]],
                    )
                    changed += 1
        seen += len(rows)
        if progress is not None:
            progress(seen, changed)
        if len(rows) < chunk:
            return seen, changed
        last = rows[-1][0]


class UnreadableValueError(Exception):
    """A stored value that no key in LAGET_FIELD_KEYS opens: names the row, never the value."""

    def __init__(self, table: str, column: str, pk: object) -> None:
        super().__init__(
            f"{table}.{column} of row {pk}: no key in LAGET_FIELD_KEYS opens the stored value"
        )


def _text(value: object) -> str:
    """A JSON column read raw: PostgreSQL's driver may give Python objects."""
    return json.dumps(value, ensure_ascii=False)


def encrypt_if_plain(value: str) -> str | None:
    try:
        decrypt(value)
    except InvalidToken:
        return encrypt(value)
    return None


def decrypt_if_token(value: str) -> str | None:
    try:
        return decrypt(value)
    except InvalidToken:
        return None


def fill_hash(
    connection: BaseDatabaseWrapper,
    table: str,
    source: str,
    target: str,
    *,
    pk: str = "id",
    casefold: bool = False,
    chunk: int = CHUNK,
) -> None:
    """Set `target` to the lookup hash of the plaintext in `source` (stored plain or as a
    token), as LookupHashField(casefold=…) computes it; in chunks, like rewrite_columns."""
    q = connection.ops.quote_name
    head = f"SELECT {q(pk)}, {q(source)} FROM {q(table)} WHERE {q(source)} <> ''"  # noqa: S608
    tail = f"ORDER BY {q(pk)} LIMIT {int(chunk)}"
    update = f"UPDATE {q(table)} SET {q(target)} = %s WHERE {q(pk)} = %s"  # noqa: S608
    last = None
    while True:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            if last is None:
                cursor.execute(f"{head} {tail}")
            else:
                cursor.execute(f"{head} AND {q(pk)} > %s {tail}", [last])
            rows = cursor.fetchall()
            cursor.executemany(
                update,
                [
                    (lookup_hash(_folded(decrypt_if_token(value) or value, casefold)), key)
                    for key, value in rows
                ],
            )
        if len(rows) < chunk:
            return
        last = rows[-1][0]


def _folded(value: str, casefold: bool) -> str:
    return value.casefold() if casefold else value


def encrypt_in_place(
    fields: dict[str, list[str]], hashes: dict[str, tuple[str, str]] | None = None
) -> RunPython:
    """A data migration that encrypts the plaintext already stored in `fields`
    ({"app.Model": [field names]}) and first fills lookup hashes ({"app.Model": (source,
    hash field)}); backwards it decrypts again. Safe to run twice either way."""
    hashes = hashes or {}

    def columns(apps: Apps, label: str, names: Iterable[str]) -> tuple[str, list[str]]:
        meta = apps.get_model(label)._meta
        return meta.db_table, [meta.get_field(n).column for n in names]

    def forward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        connection = schema_editor.connection
        for label, (source, target) in hashes.items():
            table, (source_column, target_column) = columns(apps, label, (source, target))
            casefold = apps.get_model(label)._meta.get_field(target).casefold
            fill_hash(connection, table, source_column, target_column, casefold=casefold)
        for label, names in fields.items():
            rewrite_columns(connection, *columns(apps, label, names), encrypt_if_plain)

    def backward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for label, names in fields.items():
            rewrite_columns(
                schema_editor.connection, *columns(apps, label, names), decrypt_if_token
            )

    return RunPython(forward, backward)
