"""Invented data only where someone asked for it.

The demo (`seed_demo`, the family portal's shortcut login) and the national-scale generator
(`scale_generate`, `scale_benchmark`) create staff with a shared, printed password and let
anyone sign in as a guardian. They exist only when `LAGET_DEMO` is set, and the commands refuse
a database that already holds data they did not make: a mistyped DATABASE_URL must not put
demo logins into a municipality's production database.
"""

from django.conf import settings
from django.core.management.base import CommandError
from django.db.models import QuerySet

MSG_DEMO_OFF = (
    "Demo and generated data need LAGET_DEMO=1 (never set it in production); "
    "`./dev demo` and `./dev bench` set it on their own databases."
)
MSG_OTHER_DATA = (
    "This database holds {count} {what} that this command did not make: refusing to add "
    "demo data to it. Use an empty database."
)


def demo_enabled() -> bool:
    return bool(getattr(settings, "LAGET_DEMO", False))


def ensure_demo_enabled() -> None:
    if not demo_enabled():
        raise CommandError(MSG_DEMO_OFF)


def ensure_demo_database(others: QuerySet, what: str) -> None:
    """For commands that write invented data: LAGET_DEMO must be on, and `others` (the rows
    the command would not have made itself) must be empty."""
    ensure_demo_enabled()
    count = others.count()
    if count:
        raise CommandError(MSG_OTHER_DATA.format(count=count, what=what))
