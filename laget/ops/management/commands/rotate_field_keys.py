"""`manage.py rotate_field_keys`: every encrypted value under the current field key.

Put a new key first in LAGET_FIELD_KEYS (keep the old ones after it), restart, run this, then
drop the old keys. Rows are rewritten in chunks, each in its own transaction; values already
under the current key are left alone, so an interrupted run is simply run again. Only the
encrypted columns change: no `updated_at`, version or audit row moves. The output names tables
and counts, never a value.

With --lookup-hashes the national ids' lookup hashes are computed again too, after
LAGET_LOOKUP_KEY has changed (see docs/PRODUCTION.md).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from laget.lib.crypto import LookupHashField, encrypted_columns, reencrypt
from laget.lib.crypto_rows import CHUNK, UnreadableValueError, fill_hash, rewrite_columns


class Command(BaseCommand):
    help = "Re-encrypt every encrypted column with the first key of LAGET_FIELD_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chunk", type=int, default=CHUNK, help="Rows per transaction.")
        parser.add_argument(
            "--lookup-hashes",
            action="store_true",
            help="Also compute the lookup hashes again (after LAGET_LOOKUP_KEY changed).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for model, fields in encrypted_columns():
            table = model._meta.db_table
            columns = [f.column for f in fields]

            def progress(seen: int, changed: int, table: str = table) -> None:
                if options["verbosity"] >= 2:
                    self.stdout.write(f"  {table}: {seen} rows read, {changed} re-encrypted")

            try:
                seen, changed = rewrite_columns(
                    connection,
                    table,
                    columns,
                    reencrypt,
                    pk=model._meta.pk.column,
                    chunk=options["chunk"],
                    progress=progress,
                )
            except UnreadableValueError as error:
                raise CommandError(str(error)) from None
            total += changed
            self.stdout.write(
                f"{table} ({', '.join(columns)}): {seen} rows, {changed} re-encrypted"
            )
            if options["lookup_hashes"]:
                concrete = {f.name: f for f in model._meta.concrete_fields}
                for f in concrete.values():
                    if isinstance(f, LookupHashField):
                        source = concrete[f.source].column
                        fill_hash(
                            connection,
                            table,
                            source,
                            f.column,
                            pk=model._meta.pk.column,
                            casefold=f.casefold,
                        )
                        self.stdout.write(f"{table}.{f.column}: computed again")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {total} rows re-encrypted; every value is under the current key."
            )
        )
