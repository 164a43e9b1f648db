"""archive_push delivers the packages not yet delivered, atomically, once; a failure leaves the
package for the next run and names no person."""

import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from laget.archive.models import ArchivePackage, PackageState
from laget.archive.testing import stored_package
from laget.audit.models import AuditAction, AuditEvent
from laget.testing.world import World

pytestmark = pytest.mark.django_db

DATA = b"PK\x05\x06" + b"\x00" * 18


@pytest.fixture
def drop(tmp_path: Path, settings: Any) -> Path:
    folder = tmp_path / "arkiv-inn"
    settings.LAGET_ARCHIVE_PUSH_DIR = str(folder)
    settings.LAGET_ARCHIVE_PUSH_URL = ""
    return folder


def push(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    call_command("archive_push")
    out = capsys.readouterr()
    return out.out, out.err


def test_the_packages_are_written_and_marked_pushed(
    world: World, drop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = stored_package(world.case, DATA), stored_package(world.other_case, DATA + b"x")
    out, _err = push(capsys)
    assert "2 levert, 0 feilet" in out
    for package in (first, second):
        package.refresh_from_db()
        assert package.state == PackageState.PUSHED and package.pushed_at is not None
        written = drop / world.municipality.number / package.filename
        assert written.read_bytes() == package.data
        assert (written.parent / f"{package.filename}.sha256").read_text() == (
            f"{hashlib.sha256(package.data).hexdigest()}  {package.filename}\n"
        )
    # Only the packages and their checksums: no temporary file is left behind.
    assert sorted(p.name for p in (drop / world.municipality.number).iterdir()) == sorted(
        [first.filename, f"{first.filename}.sha256", second.filename, f"{second.filename}.sha256"]
    )
    assert AuditEvent.objects.filter(
        object_type="archivepackage", action=AuditAction.UPDATE, object_id=first.pk
    ).exists()


def test_a_second_run_sends_nothing_again(
    world: World, drop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = stored_package(world.case, DATA)
    push(capsys)
    pushed_at = ArchivePackage.objects.get(pk=package.pk).pushed_at
    (drop / world.municipality.number / package.filename).unlink()
    out, _err = push(capsys)
    assert "0 levert, 0 feilet" in out
    assert not (drop / world.municipality.number / package.filename).exists()
    assert ArchivePackage.objects.get(pk=package.pk).pushed_at == pushed_at


def test_a_confirmed_package_is_not_pushed(
    world: World, drop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = stored_package(world.case, DATA)
    ArchivePackage.objects.filter(pk=package.pk).update(
        state=PackageState.CONFIRMED,
        confirmed_at=package.created_at,
        confirmed_by=world.users["admin"],
    )
    out, _err = push(capsys)
    assert "0 levert" in out and not drop.exists()


def test_a_failure_leaves_the_package_unpushed_and_names_no_one(
    world: World, tmp_path: Path, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.LAGET_ARCHIVE_PUSH_DIR = str(blocker)  # a file where the folder should be
    settings.LAGET_ARCHIVE_PUSH_URL = ""
    package = stored_package(world.case, DATA)
    with pytest.raises(CommandError):
        call_command("archive_push")
    out = capsys.readouterr()
    package.refresh_from_db()
    assert package.state == PackageState.PRODUCED and package.pushed_at is None
    assert f"feilet {package.reference}: " in out.err
    for secret in ("Emil", "Fjeldsrud", "Gutt", str(blocker)):
        assert secret not in out.err + out.out


def test_without_a_target_the_command_says_so(settings: Any) -> None:
    settings.LAGET_ARCHIVE_PUSH_DIR = ""
    settings.LAGET_ARCHIVE_PUSH_URL = ""
    with pytest.raises(CommandError, match="LAGET_ARCHIVE_PUSH_DIR"):
        call_command("archive_push")


class Receiver(BaseHTTPRequestHandler):
    received: list[tuple[str, bytes]] = []
    status = 201

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers["Authorization"], body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint(settings: Any) -> Iterator[type[Receiver]]:
    """A real HTTP server on loopback standing in for the archive's endpoint."""
    Receiver.received = []
    Receiver.status = 201
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.LAGET_ARCHIVE_PUSH_DIR = ""
    settings.LAGET_ARCHIVE_PUSH_URL = f"http://127.0.0.1:{server.server_port}/mottak"
    settings.LAGET_ARCHIVE_PUSH_TOKEN = "hemmelig-token"
    try:
        yield Receiver
    finally:
        server.shutdown()
        server.server_close()


def test_the_endpoint_gets_the_zip_with_the_token(
    world: World, endpoint: type[Receiver], capsys: pytest.CaptureFixture[str]
) -> None:
    package = stored_package(world.case, DATA)
    out, _err = push(capsys)
    assert "1 levert" in out
    assert endpoint.received == [("Bearer hemmelig-token", DATA)]
    package.refresh_from_db()
    assert package.state == PackageState.PUSHED


def test_an_endpoint_refusal_leaves_it_for_the_next_run(
    world: World, endpoint: type[Receiver], capsys: pytest.CaptureFixture[str]
) -> None:
    package = stored_package(world.case, DATA)
    endpoint.status = 503
    with pytest.raises(CommandError):
        call_command("archive_push")
    assert f"feilet {package.reference}: HTTP 503" in capsys.readouterr().err
    package.refresh_from_db()
    assert package.state == PackageState.PRODUCED
    endpoint.status = 201
    out, _err = push(capsys)
    assert "1 levert" in out
