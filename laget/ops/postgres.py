"""PostgreSQL's own tools (pg_dump, pg_restore) and plain connections, for backups.

Connection parameters come from a Django database settings dict. The password reaches the
tools through PGPASSWORD, never their command line, which any user of the machine can read.
"""

import copy
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
from django.db import connections
from psycopg.conninfo import make_conninfo

POSTGRESQL = "django.db.backends.postgresql"
# Debian's postgresql-NN packages put their binaries in /usr/lib/postgresql/NN/bin.
PG_LIB = Path("/usr/lib/postgresql")
# libpq's parameters among a database's OPTIONS; Django's own (pool, isolation_level) are not.
_LIBPQ_OPTIONS = (
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "sslcrl",
    "channel_binding",
    "gssencmode",
    "connect_timeout",
    "application_name",
    "options",
    "target_session_attrs",
    "service",
    "passfile",
)

NOT_POSTGRESQL = "{what} works on PostgreSQL only; this database is {engine}."
NO_TOOL = (
    "No {tool} for PostgreSQL {major} or newer: install postgresql-client-{major} "
    "(it goes to /usr/lib/postgresql/{major}/bin) or put it in PATH."
)

Settings = dict[str, Any]


class OpsError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def database_settings(*, url: str | None = None, name: str | None = None) -> Settings:
    """The configured database's settings, with another database's URL or name put in."""
    db: Settings = copy.deepcopy(connections["default"].settings_dict)
    if url is not None:
        parsed = dj_database_url.parse(url)
        if parsed.get("ENGINE") != db["ENGINE"]:
            db["OPTIONS"] = {}
        for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT"):
            db[key] = parsed.get(key) or ""
        db["OPTIONS"] = {**db.get("OPTIONS", {}), **parsed.get("OPTIONS", {})}
    if name is not None:
        db["NAME"] = name
    return db


def require_postgresql(db: Settings, what: str) -> None:
    if db["ENGINE"] != POSTGRESQL:
        raise OpsError(NOT_POSTGRESQL.format(what=what, engine=db["ENGINE"]))


def conninfo(db: Settings) -> str:
    """A libpq connection string without the password."""
    options = db.get("OPTIONS") or {}
    params: dict[str, Any] = {
        "dbname": db.get("NAME"),
        "host": db.get("HOST"),
        "port": db.get("PORT"),
        "user": db.get("USER"),
    }
    params.update({key: options[key] for key in _LIBPQ_OPTIONS if key in options})
    return make_conninfo(**{k: str(v) for k, v in params.items() if v not in (None, "")})


def connect(db: Settings, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    return psycopg.connect(conninfo(db), password=db.get("PASSWORD") or None, autocommit=autocommit)


def tool_env(db: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PGPASSWORD"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def server_major(conn: psycopg.Connection[Any]) -> int:
    row = conn.execute("SHOW server_version_num").fetchone()
    assert row is not None
    return int(row[0]) // 10000


def tool_version(tool: Path) -> tuple[int, str] | None:
    """(major, first line of --version) of a PostgreSQL tool, e.g. (15, "pg_dump (PostgreSQL) 15.8")."""
    try:
        # An argument list, no shell; the tool is the one find_tool found.
        out = subprocess.run(  # noqa: S603
            [str(tool), "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        return None
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", out)
    return (int(match.group(1)), out) if match else None


def find_tool(name: str, major: int) -> Path:
    """pg_dump reads servers up to its own version, and pg_restore reads archives up to its
    own: the tool of the server's major version if installed, else the first new enough one
    in PATH, else the newest installed one that is new enough."""
    exact = PG_LIB / str(major) / "bin" / name
    if os.access(exact, os.X_OK):
        return exact
    candidates = []
    if on_path := shutil.which(name):
        candidates.append(Path(on_path))
    installed = [d for d in PG_LIB.glob("*/bin") if d.parent.name.isdigit()]
    for bindir in sorted(installed, key=lambda d: int(d.parent.name), reverse=True):
        candidates.append(bindir / name)
    for tool in candidates:
        version = tool_version(tool)
        if version is not None and version[0] >= major:
            return tool
    raise OpsError(NO_TOOL.format(tool=name, major=major))
