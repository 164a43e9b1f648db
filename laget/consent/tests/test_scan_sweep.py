"""Scanned consents that no record names (a worker killed between writing the scan and the
commit, or a registration rolled back) are swept by the daily job; a named scan, and a fresh
one that may belong to a registration in flight, stay."""

import datetime
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from laget.audit.models import Via
from laget.consent.models import Channel
from laget.consent.scans import ORPHAN_AFTER
from laget.consent.services import consent_give
from laget.consent.tests.test_lifecycle import add_guardians, fresh_case, request
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def _file(root: Path, name: str, age: datetime.timedelta) -> Path:
    path = root / "consents" / "2026" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 fiktiv")
    then = (timezone.now() - age).timestamp()
    os.utime(path, (then, then))
    return path


def test_the_sweep_deletes_old_scans_no_consent_names(world: World, tmp_path: Path) -> None:
    with override_settings(MEDIA_ROOT=tmp_path):
        access = fresh_case(world)
        mother, *_ = add_guardians(world, access)
        consent = request(world, access)
        consent_give(
            actor=actor_for(world.users["stafettholder"], Via.SYSTEM),
            consent=consent,
            guardian=mother,
            channel=Channel.PAPER,
            scanned_copy=SimpleUploadedFile("s.pdf", b"%PDF-1.4", content_type="application/pdf"),
        )
        named = tmp_path / consent.parties.get(guardian=mother).scanned_copy.name
        old = datetime.timedelta(days=2)
        os.utime(named, ((timezone.now() - old).timestamp(),) * 2)
        orphan = _file(tmp_path, "KILLED-1.pdf", old)
        in_flight = _file(tmp_path, "IN-FLIGHT-2.pdf", ORPHAN_AFTER / 2)

        out = StringIO()
        call_command("consents_sweep_scans", stdout=out)

        assert out.getvalue().strip() == "1 orphan scan(s) deleted."
        assert not orphan.exists()
        assert named.exists() and in_flight.exists()


def test_no_scans_folder_is_nothing_to_sweep(tmp_path: Path) -> None:
    with override_settings(MEDIA_ROOT=tmp_path):
        out = StringIO()
        call_command("consents_sweep_scans", stdout=out)
    assert out.getvalue().strip() == "0 orphan scan(s) deleted."
