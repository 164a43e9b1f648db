"""Faults on purpose, for laget/ops/tests/test_faults_*.py: a real Gunicorn serving the app on a
database, a worker held in the middle of a write and killed, a PostgreSQL cluster of the test's
own that can be restarted, and a folder on a disk that is full.

Nothing here is a hook in the application: a write is held where it already waits, at the
append to the audit chain (`hold_audit_append`), and the test sees the worker waiting there in
PostgreSQL's own view of its locks.
"""

import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import psycopg
from django.conf import settings
from django.test import Client

from laget.accounts.models import User
from laget.audit.chain import GENESIS, chain_key
from laget.audit.models import AuditChainHead

ROOT = Path(settings.BASE_DIR)
# Debian's postgresql-NN packages put their binaries in /usr/lib/postgresql/NN/bin.
PG_LIB = Path("/usr/lib/postgresql")
Settings = dict[str, Any]  # a Django database settings dict
# Long enough for a cold worker on a busy 2-core machine; a deadline, not a pause.
DEADLINE_SECONDS = 60.0
POLL_SECONDS = 0.05
# Tables whose rows change on every request or that only the audit log owns: left out of the
# fingerprint of what an action wrote (the audit rows are checked on their own).
NOT_DOMAIN_TABLES = frozenset({"django_session", "laget_cache"})
AUDIT_PREFIX = "audit_"
CSRF_TOKEN = "f" * 32  # the cookie's secret and the header's token (Django takes the bare secret)


def wait_for(condition: Callable[[], Any], what: str, seconds: float = DEADLINE_SECONDS) -> Any:
    """Poll until `condition()` returns something true, with a deadline. For waiting on another
    process (a server to listen, a backend to block or go), never for a test's timing."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {seconds:.0f} s for {what}")
        time.sleep(POLL_SECONDS)


def _direct(db: Settings) -> tuple[str, str]:
    """Host and port of PostgreSQL itself: behind PgBouncer (`./dev test` exports where the
    primary is) a backend pid and a held lock belong to a server connection, not to ours."""
    direct = os.environ.get("LAGET_TEST_DIRECT_DATABASE_URL", "")
    bouncer = settings.DATABASES["default"]
    through_bouncer = (str(db["HOST"]), str(db["PORT"])) == (
        str(bouncer["HOST"]),
        str(bouncer["PORT"]),
    )
    if direct and os.environ.get("LAGET_PGBOUNCER") == "1" and through_bouncer:
        parts = urlsplit(direct)
        return str(parts.hostname), str(parts.port)
    return str(db["HOST"]), str(db["PORT"])


def connect(db: Settings, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    """A plain connection to the database of a Django settings dict (beside Django's own),
    straight to PostgreSQL."""
    host, port = _direct(db)
    return psycopg.connect(
        host=host,
        port=port,
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        autocommit=autocommit,
    )


def database_url(db: Settings) -> str:
    user = quote(str(db["USER"]), safe="")
    password = quote(str(db["PASSWORD"] or ""), safe="")
    return f"postgres://{user}:{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


# --- the app server -----------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the fields after it.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return sorted(found)


@dataclass
class Server:
    """Gunicorn with deploy/gunicorn.conf.py on a socket the test opened: requests wait in the
    socket's backlog until a worker takes them, so nothing waits for the server to start."""

    process: subprocess.Popen[str]
    listener: socket.socket
    log: Path
    url: str
    killed: list[int] = field(default_factory=list)

    def workers(self) -> list[int]:
        return [pid for pid in _children(self.process.pid) if pid not in self.killed]

    def kill_worker(self, pid: int) -> None:
        """kill -9: the worker gets no chance to roll back or close anything."""
        os.kill(pid, signal.SIGKILL)
        self.killed.append(pid)
        wait_for(lambda: pid not in _children(self.process.pid), "the killed worker to be reaped")

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def server_env(db: Settings, **extra: str) -> dict[str, str]:
    """The test run's keys (lt, ./dev test) with production's behaviour: DEBUG off."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DATABASE_URL=database_url(db),
        LAGET_DEBUG="0",
        LAGET_ALLOWED_HOSTS="127.0.0.1",
        LAGET_SECURE_COOKIES="0",
        LAGET_SSL_REDIRECT="0",
        LAGET_HSTS_SECONDS="0",
        LAGET_WEB_WORKERS="1",
        LAGET_WEB_LOG_LEVEL="warning",
        LAGET_MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    env.pop("PYTEST_XDIST_WORKER", None)
    env.update(extra)
    return env


@contextmanager
def app_server(db: Settings, **extra_env: str) -> Iterator[Server]:
    """A Gunicorn (one sync worker unless LAGET_WEB_WORKERS says otherwise) on database `db`."""
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        raise RuntimeError("run `manage.py collectstatic` first (./dev test does)")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]
    env = server_env(db, LAGET_BIND=f"fd://{listener.fileno()}", **extra_env)
    with tempfile.NamedTemporaryFile("w", prefix="laget-gunicorn-", suffix=".log") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            pass_fds=[listener.fileno()],
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        server = Server(process, listener, Path(log.name), f"http://127.0.0.1:{port}")
        try:
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=DEADLINE_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            listener.close()


def web_client(server: Server, user: User | None, backend: str | None = None) -> httpx.Client:
    """An HTTP client logged in as `user` (a session made in the database the server reads),
    with a CSRF cookie and the matching header, as a page's form would send."""
    cookies = {settings.CSRF_COOKIE_NAME: CSRF_TOKEN}
    if user is not None:
        django_client = Client()
        django_client.force_login(user, backend=backend)
        cookies[settings.SESSION_COOKIE_NAME] = django_client.cookies[
            settings.SESSION_COOKIE_NAME
        ].value
    return httpx.Client(
        base_url=server.url,
        cookies=cookies,
        headers={"X-CSRFToken": CSRF_TOKEN},
        timeout=DEADLINE_SECONDS,
        follow_redirects=False,
    )


def api_client(server: Server, user: User) -> httpx.Client:
    """An API client with a token of `user` (knox), as an integration would use."""
    from knox.models import AuthToken

    _, token = AuthToken.objects.create(user=user)
    return httpx.Client(
        base_url=server.url,
        headers={"Authorization": f"Token {token}"},
        timeout=DEADLINE_SECONDS,
        follow_redirects=False,
    )


# --- holding a write in the middle --------------------------------------------------------------


@dataclass
class Hold:
    # The connection that holds the lock, and one that looks (pg_stat_activity is read once
    # per transaction, so the holder's own open transaction would see a frozen picture).
    conn: psycopg.Connection[Any]
    watch: psycopg.Connection[Any]

    @property
    def pid(self) -> int:
        return int(self.conn.info.backend_pid)

    def blocked(self) -> list[int]:
        """The backends that wait for this hold."""
        rows = self.watch.execute(
            "SELECT pid FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))", [self.pid]
        ).fetchall()
        return [int(r[0]) for r in rows]

    def wait_blocked(self, unless: Callable[[], bool] = lambda: False) -> int | None:
        """The one backend that waits for the hold, once it does (deadline, no pause); None
        if `unless()` comes true first (the request was answered without waiting)."""
        pids: list[int] | bool = wait_for(
            lambda: self.blocked() or unless(), "a write to wait at the hold"
        )
        if pids is True:
            return None
        assert isinstance(pids, list) and len(pids) == 1, pids
        return pids[0]

    def tables_written_by(self, pid: int) -> set[str]:
        """The tables the waiting backend's open transaction has written to so far (a row
        written holds a RowExclusiveLock on its table until the transaction ends)."""
        rows = self.watch.execute(
            """SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
               WHERE l.pid = %s AND l.mode = 'RowExclusiveLock' AND l.granted
                 AND c.relkind IN ('r', 'p')""",
            [pid],
        ).fetchall()
        return {str(r[0]) for r in rows}


def _end(*conns: psycopg.Connection[Any]) -> None:
    """Roll back and close, also when the server ended the sessions (a restart)."""
    for conn in conns:
        with suppress(psycopg.Error):
            conn.rollback()
        conn.close()


@contextmanager
def hold_audit_append(db: Settings, *, actor_id: int | None, case_id: int | None) -> Iterator[Hold]:
    """Every write appends to the audit log, and the append first locks the head row of its
    chain (laget.audit.services): hold that row from another transaction, so that a write by
    `actor_id` in case `case_id` stops right there, inside its own transaction, after the rows
    it wrote before auditing. The one place to adapt when the chain's locking changes.

    The same statement as the append's (a chain without a head yet gets one, which the
    rollback at the end takes away again): the row stays locked until this transaction ends.
    """
    conn = connect(db)
    watch = connect(db, autocommit=True)
    try:
        conn.execute(
            psycopg.sql.SQL(
                "INSERT INTO {heads} (chain, row_id, hash, dirty) VALUES (%s, 0, %s, false) "
                "ON CONFLICT (chain) DO UPDATE SET dirty = {heads}.dirty"
            ).format(heads=psycopg.sql.Identifier(AuditChainHead._meta.db_table)),
            [chain_key(actor_id, case_id), GENESIS],
        )
        yield Hold(conn, watch)
    finally:
        _end(conn, watch)


@contextmanager
def hold_row(db: Settings, table: str, pk: int) -> Iterator[Hold]:
    """Lock one row that a write changes late in its transaction (for a write that appends
    nothing to the audit log, such as the registry's import): the write stops when it reaches
    that row, after the rows it wrote before."""
    conn = connect(db)
    watch = connect(db, autocommit=True)
    try:
        conn.execute(
            psycopg.sql.SQL("SELECT 1 FROM {} WHERE id = %s FOR UPDATE").format(
                psycopg.sql.Identifier(table)
            ),
            [pk],
        )
        yield Hold(conn, watch)
    finally:
        _end(conn, watch)


def backend_gone(db: Settings, pid: int) -> Callable[[], bool]:
    def gone() -> bool:
        with connect(db, autocommit=True) as conn:
            row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            return row.fetchone() == (0,)

    return gone


# --- what the database holds --------------------------------------------------------------------


def fingerprint(db: Settings) -> dict[str, str]:
    """A digest of every table's rows (order-free), by table, but the session and cache tables:
    two equal fingerprints mean nothing was added, changed or deleted."""
    prints: dict[str, str] = {}
    with connect(db, autocommit=True) as conn:
        tables = [
            str(r[0])
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            ).fetchall()
        ]
        for table in tables:
            if table in NOT_DOMAIN_TABLES:
                continue
            rows = conn.execute(
                psycopg.sql.SQL("SELECT md5(t::text) FROM {} t").format(
                    psycopg.sql.Identifier(table)
                )
            ).fetchall()
            digest = hashlib.sha256("".join(sorted(str(r[0]) for r in rows)).encode())
            prints[table] = f"{len(rows)}:{digest.hexdigest()[:16]}"
    return prints


def media_files() -> set[str]:
    """Every file under MEDIA_ROOT (uploads: scanned consents), relative to it."""
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def changed_tables(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}


# --- a PostgreSQL of the test's own -------------------------------------------------------------


def postgres_bindir() -> Path:
    """The newest PostgreSQL server installed the Debian way (as `dev`'s pg_bindir)."""
    found = [
        d
        for d in PG_LIB.glob("*/bin")
        if d.parent.name.isdigit() and all((d / t).exists() for t in ("initdb", "pg_ctl"))
    ]
    if not found:
        raise RuntimeError("no PostgreSQL server under /usr/lib/postgresql")
    return max(found, key=lambda d: int(d.parent.name))


@dataclass
class Cluster:
    """A throwaway PostgreSQL cluster under /tmp on a free port, owned by the `postgres` system
    user when the tests run as root (PostgreSQL refuses root), like `dev`'s start_postgres."""

    bindir: Path
    home: Path
    port: int
    password: str

    @property
    def data(self) -> Path:
        return self.home / "data"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(  # noqa: S603
            command, cwd=self.home, capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            log = self.home / "postgres.log"
            tail = log.read_text()[-3000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stdout}{done.stderr}{tail}")
        return done

    def pg_ctl(self, *args: str) -> None:
        log = str(self.home / "postgres.log")
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", log, *args)

    def start(self) -> None:
        self.pg_ctl("-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self.pg_ctl("-m", mode, "-w", "-t", "60", "stop")

    def database(self, name: str = "laget") -> Settings:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": "laget",
            "PASSWORD": self.password,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "OPTIONS": {},
        }


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    bindir = postgres_bindir()
    home = Path(tempfile.mkdtemp(prefix="laget-pg-faults-", dir="/tmp"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    cluster = Cluster(bindir, home, port, secrets.token_hex(16))
    try:
        cluster.run(
            str(bindir / "initdb"), "-D", str(cluster.data), "-U", "postgres", "-E", "UTF8",
            "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync",
        )  # fmt: skip
        conf = (
            f"listen_addresses = '127.0.0.1'\nport = {port}\n"
            f"unix_socket_directories = '{home}'\nfsync = off\nsynchronous_commit = off\n"
            "full_page_writes = off\nmax_connections = 50\n"
        )
        with (cluster.data / "postgresql.conf").open("a") as f:
            f.write(conf)
        cluster.start()
        psql = [str(bindir / "psql"), "-X", "-q", "-h", str(home), "-p", str(port), "-U"]
        cluster.run(
            *psql, "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c",
            f"CREATE ROLE laget LOGIN SUPERUSER PASSWORD '{cluster.password}'",
            "-c", "CREATE DATABASE laget OWNER laget",
        )  # fmt: skip
        yield cluster
    finally:
        if (cluster.data / "postmaster.pid").exists():
            with suppress(RuntimeError):
                cluster.stop("immediate")
        shutil.rmtree(home, ignore_errors=True)


def copy_database(source: Settings, target: Settings) -> None:
    """Everything in `source` (schema and rows) into the empty database `target`, with the
    newest PostgreSQL's pg_dump and pg_restore (new enough for every installed server)."""
    bindir = postgres_bindir()

    def args(db: Settings) -> list[str]:
        return ["-h", str(db["HOST"]), "-p", str(db["PORT"]), "-U", str(db["USER"])]

    def env(db: Settings) -> dict[str, str]:
        return {**os.environ, "PGPASSWORD": str(db["PASSWORD"] or "")}

    dump = subprocess.run(  # noqa: S603
        [str(bindir / "pg_dump"), "-Fc", "--no-owner", "--no-acl", *args(source), source["NAME"]],
        env=env(source),
        capture_output=True,
        check=True,
        timeout=300,
    ).stdout
    subprocess.run(  # noqa: S603
        [
            str(bindir / "pg_restore"),
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            *args(target),
            "-d",
            str(target["NAME"]),
        ],
        input=dump,
        env=env(target),
        capture_output=True,
        check=True,
        timeout=300,
    )


# --- a full disk --------------------------------------------------------------------------------


@contextmanager
def small_disk(size: str) -> Iterator[Path]:
    """A folder on a file system of its own of `size` bytes ("32k"): a tmpfs, mounted for the
    test and taken away after it. Needs root, as the tests run in CI and `./dev test`."""
    if os.geteuid() != 0:
        raise RuntimeError("mounting a small file system needs root (as CI and ./dev test run)")
    folder = Path(tempfile.mkdtemp(prefix="laget-full-disk-", dir="/tmp"))
    try:
        subprocess.run(  # noqa: S603
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],  # noqa: S607
            check=True,
            capture_output=True,
            text=True,
        )
        try:
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], check=True)  # noqa: S603, S607
    finally:
        folder.rmdir()


def resize(folder: Path, size: str) -> None:
    """Give the small disk more room (the operator freed space)."""
    subprocess.run(  # noqa: S603
        ["mount", "-o", f"remount,size={size}", str(folder)],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    )


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
