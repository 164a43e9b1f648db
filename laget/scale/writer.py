"""Rows straight into tables, for millions of them: COPY on PostgreSQL, executemany elsewhere.

The generator builds plain tuples in a model's column order (`Table.row`) with explicit ids, so
that a seed gives the same rows every time, and a `Sink` decides where they go: the database
(`DatabaseSink`) or a running digest (`DigestSink`, for the determinism test without a database).
"""

import datetime
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, models
from django.db.models import NOT_PROVIDED

from laget.lib.crypto import EncryptedMixin, LookupHashField

BATCH = 20_000


class Table:
    """One model's columns in order, its defaults, and the next id to give out."""

    def __init__(self, model: type[models.Model], next_id: int = 1) -> None:
        self.model = model
        self.name = model._meta.db_table
        fields = model._meta.concrete_fields
        self.fields = list(fields)
        self.columns = [f.column for f in fields]
        self.attnames = [f.attname for f in fields]
        self.defaults: dict[str, Any] = {}
        for f in fields:
            if f.default is not NOT_PROVIDED and not callable(f.default):
                self.defaults[f.attname] = f.default
            elif f.null:
                self.defaults[f.attname] = None
            elif isinstance(f, models.CharField | models.TextField) and f.blank:
                self.defaults[f.attname] = ""
        # Lookup hashes follow their source column, as a model save keeps them.
        self.hashes = [
            (i, f, self.attnames.index(f.source))
            for i, f in enumerate(fields)
            if isinstance(f, LookupHashField)
        ]
        self.next_id = next_id

    def take_id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value

    def row(self, **values: Any) -> tuple[Any, ...]:
        merged = {**self.defaults, **values}
        try:
            row = [merged[a] for a in self.attnames]
        except KeyError as missing:
            raise KeyError(f"{self.name}: no value for {missing}") from None
        for target, field, source in self.hashes:
            row[target] = field.hash_of(row[source])
        return tuple(row)


class Sink:
    def write(self, table: Table, rows: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def finish(self, tables: Iterable[Table]) -> None:
        """After the last row: e.g. move the id sequences past the ids given out."""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


class DigestSink(Sink):
    """Writes nothing; keeps a SHA-256 per table of every row, in order."""

    def __init__(self) -> None:
        self.digests: dict[str, Any] = {}
        self.counts: dict[str, int] = {}

    def write(self, table: Table, rows: list[tuple[Any, ...]]) -> None:
        digest = self.digests.setdefault(table.name, hashlib.sha256())
        for row in rows:
            digest.update(json.dumps([_plain(v) for v in row], ensure_ascii=False).encode())
        self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)

    def hexdigests(self) -> dict[str, str]:
        return {name: d.hexdigest() for name, d in sorted(self.digests.items())}


class DatabaseSink(Sink):
    """COPY on PostgreSQL; on SQLite, executemany with Django's own value conversion. Encrypted
    columns get their field's ciphertext either way (laget.lib.crypto)."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"

    def write(self, table: Table, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        cols = ", ".join(connection.ops.quote_name(c) for c in table.columns)
        with connection.cursor() as cursor:
            if self.postgres:
                prep = [_copy_value(f) for f in table.fields]
                with cursor.cursor.copy(f"COPY {table.name} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row([p(v) for p, v in zip(prep, row, strict=True)])
            else:
                marks = ", ".join(["%s"] * len(table.columns))
                # Table and column names come from the models, never from input.
                cursor.executemany(
                    f"INSERT INTO {table.name} ({cols}) VALUES ({marks})",  # noqa: S608
                    [
                        [
                            f.get_db_prep_save(v, connection)
                            for f, v in zip(table.fields, row, strict=True)
                        ]
                        for row in rows
                    ],
                )

    def finish(self, tables: Iterable[Table]) -> None:
        if not self.postgres:
            return
        with connection.cursor() as cursor:
            for table in tables:
                if isinstance(table.model._meta.pk, models.AutoField):
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)",
                        [table.name, table.next_id],
                    )
                # Fresh statistics: without them the planner takes the new tables for empty
                # and may nest loops over every row (a dashboard query in a test ran for
                # minutes). ANALYZE sees this transaction's rows, so it serves tests too.
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table.name)}")


def _copy_value(field: models.Field) -> Callable[[Any], Any]:
    """How a value of this field goes into COPY: encrypted, as JSON text, or as it is."""
    if isinstance(field, EncryptedMixin):
        return lambda v: field.get_db_prep_save(v, connection)
    if isinstance(field, models.JSONField):
        return json.dumps
    return lambda v: v


class Buffer:
    """Rows per table, written to the sink in batches, parents before children."""

    def __init__(self, sink: Sink, order: list[Table]) -> None:
        self.sink = sink
        self.order = order
        self.rows: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in order}
        self.pending = 0

    def add(self, table: Table, row: tuple[Any, ...]) -> None:
        self.rows[table.name].append(row)
        self.pending += 1
        if self.pending >= BATCH:
            self.flush()

    def flush(self) -> None:
        for table in self.order:
            rows = self.rows[table.name]
            if rows:
                self.sink.write(table, rows)
                self.rows[table.name] = []
        self.pending = 0
