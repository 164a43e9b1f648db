"""The disk for scanned consents is full: the person is told on the form, nothing is
registered, no partial file is left, and the same upload goes through once there is room.

A real full disk: MEDIA_ROOT on a tmpfs of a few kilobytes, mounted for the test (as root, as
CI and `./dev test` run). Both kinds of upload Django makes are tried: a small scan held in
memory, and one over FILE_UPLOAD_MAX_MEMORY_SIZE that Django spooled to a temporary file
(moved, or copied across file systems, into place).
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from laget.audit.models import AuditAction, AuditEvent
from laget.consent.messages import MSG_SCAN_NOT_STORED
from laget.consent.models import Consent, ConsentEvent, ConsentParty, PartyResponse
from laget.testing.faults import files_under, resize, small_disk
from laget.testing.world import World

pytestmark = pytest.mark.django_db

SIZES = {
    "in_memory": 200 * 1024,
    "spooled_to_disk": settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 512 * 1024,
}


@pytest.fixture
def full_media() -> Iterator[Path]:
    """MEDIA_ROOT on a file system with room for 64 KiB: every scan here is larger."""
    with small_disk("64k") as folder, override_settings(MEDIA_ROOT=folder):
        yield folder


def requested(world: World, client: Client) -> Consent:
    client.post(
        reverse("consent:consent_request", kwargs={"case_id": world.case.pk}),
        {"units": [world.units["school"].pk], "purpose": "Overgang til skolen"},
    )
    return Consent.objects.filter(case=world.case).latest("pk")


def scan(size: int) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n" + b"0" * (size - 9)
    return SimpleUploadedFile("samtykke.pdf", body, content_type="application/pdf")


@pytest.mark.parametrize("kind", list(SIZES))
def test_a_full_disk_is_a_field_error_and_nothing_is_registered(
    world: World, client_for: Callable[[str], Client], full_media: Path, kind: str
) -> None:
    client = client_for("stafettholder")
    consent = requested(world, client)
    party = consent.parties.order_by("pk").first()
    assert party is not None
    paper = reverse(
        "consent:consent_paper", kwargs={"case_id": world.case.pk, "consent_id": consent.pk}
    )
    # Showing the form again is a read of the case; no other record may appear.
    writes = AuditEvent.objects.exclude(action=AuditAction.READ)
    before = (ConsentEvent.objects.count(), writes.count())

    response = client.post(paper, {"party": party.pk, "scanned_copy": scan(SIZES[kind])})

    # Told on the form, on the field, with the party they chose still chosen.
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["scanned_copy"] == [str(MSG_SCAN_NOT_STORED)]
    assert str(form["party"].value()) == str(party.pk)
    # Nothing registered, nothing half-written, no partial file.
    party = ConsentParty.objects.get(pk=party.pk)
    assert (party.response, party.scanned_copy.name) == (PartyResponse.PENDING, "")
    assert Consent.objects.get(pk=consent.pk).state == consent.state
    assert (ConsentEvent.objects.count(), writes.count()) == before
    assert files_under(full_media) == []

    # Room again (the operator freed space): the same upload goes through, whole.
    resize(full_media, "16m")
    response = client.post(paper, {"party": party.pk, "scanned_copy": scan(SIZES[kind])})
    assert response.status_code == 302
    party = ConsentParty.objects.get(pk=party.pk)
    assert party.response == PartyResponse.GIVEN
    assert files_under(full_media) == [party.scanned_copy.name]
    assert (full_media / party.scanned_copy.name).stat().st_size == SIZES[kind]
