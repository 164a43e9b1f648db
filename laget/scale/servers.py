"""The app servers the load profile compares: gunicorn as deploy/gunicorn.conf.py sets it up (sync
or threaded workers), granian (a Rust HTTP server) with the same WSGI app, and uvicorn with
Django's ASGI handler. Each listens on loopback and is stopped after its run.
"""

import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.db import connection
from django.urls import reverse

BASE_DIR = Path(settings.BASE_DIR)
KINDS = ("production", "sync", "gthread", "granian", "uvicorn")


@dataclass(frozen=True)
class Server:
    """`production`: deploy/gunicorn.conf.py as it is (workers and threads from its defaults);
    the others set the worker class, processes and threads. `conn_max_age`: seconds a worker
    keeps its database connection (LAGET_DB_CONN_MAX_AGE; 0 opens one per request)."""

    kind: str = "production"
    workers: int = 0
    threads: int = 1
    conn_max_age: int = 0

    @classmethod
    def parse(cls, spec: str, conn_max_age: int = 0) -> "Server":
        """'production', 'sync:5', 'gthread:2x8', 'granian:2x8', 'uvicorn:4'."""
        kind, _, size = spec.partition(":")
        if kind not in KINDS:
            raise ValueError(f"unknown server {kind!r}; one of {', '.join(KINDS)}")
        workers, _, threads = size.partition("x")
        return cls(kind, int(workers or 0), int(threads or 1), conn_max_age)

    @property
    def label(self) -> str:
        if self.kind == "production":
            text = "gunicorn, deploy/gunicorn.conf.py"
        else:
            name = {
                "sync": "gunicorn sync",
                "gthread": "gunicorn gthread",
                "granian": "granian WSGI",
                "uvicorn": "uvicorn ASGI",
            }[self.kind]
            threads = f" × {self.threads} threads" if self.threads > 1 else ""
            text = f"{name}, {self.workers} processes{threads}"
        return text + (f", connections kept {self.conn_max_age} s" if self.conn_max_age else "")

    def command(self, port: int) -> list[str]:
        bind, py = f"127.0.0.1:{port}", sys.executable
        if self.kind in ("production", "sync", "gthread"):
            command = [
                py, "-m", "gunicorn", "--config", str(BASE_DIR / "deploy" / "gunicorn.conf.py"),
                "--bind", bind, "--access-logfile", "/dev/null", "--log-level", "warning",
            ]  # fmt: skip
            if self.kind != "production":
                command += ["--worker-class", self.kind, "--workers", str(self.workers)]
                command += ["--threads", str(self.threads)]
            return command
        if self.kind == "granian":
            return [
                py, "-m", "granian", "--interface", "wsgi", "laget.wsgi:application",
                "--host", "127.0.0.1", "--port", str(port), "--workers", str(self.workers),
                "--blocking-threads", str(self.threads), "--no-access-log",
                "--log-level", "warning",
            ]  # fmt: skip
        return [
            py, "-m", "uvicorn", "--factory", "django.core.asgi:get_asgi_application",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(self.workers),
            "--no-access-log", "--log-level", "warning",
        ]  # fmt: skip

    def start(self, port: int, log: Path) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "laget.settings",
            "LAGET_DEBUG": "0",
            "LAGET_ALLOWED_HOSTS": "127.0.0.1",
            "LAGET_SECURE_COOKIES": "0",
            "LAGET_SSL_REDIRECT": "0",
            "LAGET_HSTS_SECONDS": "0",
            "LAGET_DB_CONN_MAX_AGE": str(self.conn_max_age),
        }
        if connection.vendor == "postgresql":
            env["DATABASE_URL"] = database_url()  # the database in use here (a test's too)
            if replica := env.get("LAGET_REPLICA_URL"):
                # The replica's copy of the same database (a standby replays every database).
                name = quote(str(connection.settings_dict["NAME"]), safe="")
                env["LAGET_REPLICA_URL"] = urlsplit(replica)._replace(path=f"/{name}").geturl()
        with log.open("wb") as out:
            server = subprocess.Popen(  # noqa: S603 - our own command line
                self.command(port), cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        url = f"http://127.0.0.1:{port}{reverse('health')}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=5):
                    return server
            except OSError:
                time.sleep(0.5)  # waiting for a process to listen, not for a test's timing
        stop(server)
        raise RuntimeError(f"{self.label} did not start:\n{log.read_text()[-2000:]}")


def database_url() -> str:
    db = connection.settings_dict
    user, password = (quote(str(db[k] or ""), safe="") for k in ("USER", "PASSWORD"))
    return f"postgres://{user}:{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
