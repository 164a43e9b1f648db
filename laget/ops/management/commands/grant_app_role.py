"""`manage.py grant_app_role ROLE`, run as the owner right after `migrate`: the application's
role may read and write rows, but only INSERT and SELECT on the audit log (no UPDATE, DELETE or
TRUNCATE), and may not TRUNCATE any table. See docs/PRODUCTION.md, section 2."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from laget.ops.grants import app_role_grant
from laget.ops.postgres import OpsError, connect, require_postgresql


class Command(BaseCommand):
    help = "Grant the application's database role its rights (run as the owner after migrate)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="The application's role, e.g. laget_app.")

    def handle(self, *args: Any, **options: Any) -> None:
        db = connections["default"].settings_dict
        try:
            require_postgresql(db, "Granting the application's role")
            with connect(db) as conn:
                app_role_grant(conn, options["role"])
        except OpsError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            f"Granted {options['role']} the application's rights in {db['NAME']}; "
            "on the audit log INSERT and SELECT only."
        )
