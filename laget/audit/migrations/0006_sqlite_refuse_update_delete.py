"""On SQLite (the demo) too, the database itself refuses to change or delete audit rows, as the
PostgreSQL trigger of 0002 does: below the ORM (raw SQL, a deletion collector, an upsert).

SQLite drops a table's triggers when Django rebuilds the table in a later migration; the audit
app puts them back after every migrate (laget/audit/apps.py), with the same SQL."""

from django.db import migrations

from laget.audit.sqlite import DROP_SQLITE_TRIGGERS, SQLITE_TRIGGERS


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP_SQLITE_TRIGGERS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_rehash_with_key")]
    operations = [migrations.RunPython(forwards, backwards)]
