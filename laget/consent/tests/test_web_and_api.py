"""The staff consent pages and endpoints: request, paper, withdrawal, renewal, text, export."""

import datetime
import json
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import AuditAction, AuditEvent
from laget.cases.access import case_for
from laget.consent.forms import MSG_SCAN_TYPE
from laget.consent.models import Consent, ConsentState, PartyResponse
from laget.testing.world import World

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def url(name: str, world: World, **kwargs: int) -> str:
    return reverse(name, kwargs={"case_id": world.case.pk, **kwargs})


def test_request_form_asks_both_guardians(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("stafettholder").post(
        url("consent:consent_request", world),
        {"units": [world.units["school"].pk], "purpose": "Overgang til skolen"},
    )
    assert response.status_code == 302
    consent = Consent.objects.filter(case=world.case).latest("pk")
    assert consent.state == ConsentState.REQUESTED
    assert consent.parties.count() == 2


def test_request_without_units_is_a_field_error(
    world: World, client_for: Callable[[str], Client]
) -> None:
    before = Consent.objects.count()
    response = client_for("stafettholder").post(
        url("consent:consent_request", world), {"purpose": "x"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["units"]
    assert Consent.objects.count() == before


def test_paper_consent_with_a_scan_is_registered(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("stafettholder")
    client.post(
        url("consent:consent_request", world),
        {"units": [world.units["school"].pk], "purpose": "Skole"},
    )
    consent = Consent.objects.filter(case=world.case).latest("pk")
    party = consent.parties.first()
    bad = client.post(
        url("consent:consent_paper", world, consent_id=consent.pk),
        {
            "party": party.pk,
            "scanned_copy": SimpleUploadedFile(
                "x.exe", b"MZ", content_type="application/x-msdownload"
            ),
        },
    )
    assert bad.context["form"].errors["scanned_copy"] == [str(MSG_SCAN_TYPE)]
    ok = client.post(
        url("consent:consent_paper", world, consent_id=consent.pk),
        {
            "party": party.pk,
            "scanned_copy": SimpleUploadedFile(
                "s.pdf", b"%PDF-1.4", content_type="application/pdf"
            ),
        },
    )
    assert ok.status_code == 302
    party.refresh_from_db()
    assert party.response == PartyResponse.GIVEN


def test_withdrawal_registered_by_staff_ends_the_participants_access(
    world: World, client_for: Callable[[str], Client]
) -> None:
    nurse = world.users["participant"]
    case_for(nurse, world.case.pk)
    party = world.consent.parties.first()
    response = client_for("stafettholder").post(
        url("consent:consent_withdraw", world, consent_id=world.consent.pk),
        {"party": party.pk, "note": "Far ringte"},
    )
    assert response.status_code == 302
    with pytest.raises(Http404):
        case_for(nurse, world.case.pk)
    page = client_for("stafettholder").get(reverse("cases:case_detail", args=[world.case.pk]))
    assert "Har ikke tilgang til saken nå" in page.content.decode()


def test_renewal_sets_a_new_expiry(world: World, client_for: Callable[[str], Client]) -> None:
    new = TODAY + datetime.timedelta(days=200)
    response = client_for("stafettholder").post(
        url("consent:consent_renew", world, consent_id=world.consent.pk),
        {"expires_on": new.isoformat()},
    )
    assert response.status_code == 302
    world.consent.refresh_from_db()
    assert world.consent.expires_on == new


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [("nb", "Du bestemmer selv"), ("nn", "Du bestemmer sjølv"), ("en", "It is your decision")],
)
def test_detail_shows_the_text_in_the_chosen_language(
    world: World, client_for: Callable[[str], Client], lang: str, phrase: str
) -> None:
    html = (
        client_for("participant")
        .get(url("consent:consent_detail", world, consent_id=world.consent.pk) + f"?sprak={lang}")
        .content.decode()
    )
    assert phrase in html


def test_export_is_json_ld_and_its_read_is_audited(
    world: World, client_for: Callable[[str], Client]
) -> None:
    before = AuditEvent.objects.filter(action=AuditAction.READ, case_id=world.case.pk).count()
    response = client_for("participant").get(
        url("consent:consent_export", world, consent_id=world.consent.pk)
    )
    assert response["Content-Type"].startswith("application/ld+json")
    assert json.loads(response.content)["dct:identifier"] == world.consent.reference
    assert (
        AuditEvent.objects.filter(action=AuditAction.READ, case_id=world.case.pk).count()
        == before + 1
    )


def test_api_request_then_withdraw(world: World, client_for: Callable[[str], Client]) -> None:
    client = client_for("stafettholder")
    created = client.post(
        url("api:consents", world),
        {"units": [world.units["school"].pk], "purpose": "Skolestart"},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["state"] == "requested" and len(body["parties"]) == 2
    withdrawn = client.post(
        url("api:consent_withdraw", world, consent_id=body["id"]),
        {"party": body["parties"][0]["id"]},
        content_type="application/json",
    )
    assert withdrawn.status_code == 200
    assert withdrawn.json()["state"] == "withdrawn"


def test_api_names_the_field_for_bad_input(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("stafettholder").post(
        url("api:consents", world),
        {"units": [999999], "purpose": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "units" in response.json()["errors"]


def test_api_record_of_another_case_is_404(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("stafettholder").get(
        reverse(
            "api:consent_record",
            kwargs={"case_id": world.case.pk, "consent_id": world.consent.pk + 999},
        )
    )
    assert response.status_code == 404


def test_the_scanned_copy_is_downloaded_by_readers_and_audited(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("stafettholder")
    client.post(
        url("consent:consent_request", world),
        {"units": [world.units["school"].pk], "purpose": "Skole"},
    )
    consent = Consent.objects.filter(case=world.case).latest("pk")
    party = consent.parties.first()
    client.post(
        url("consent:consent_paper", world, consent_id=consent.pk),
        {
            "party": party.pk,
            "scanned_copy": SimpleUploadedFile(
                "s.pdf", b"%PDF-1.4 skann", content_type="application/pdf"
            ),
        },
    )
    scan = url("consent:consent_scan", world, consent_id=consent.pk, party_id=party.pk)
    before = AuditEvent.objects.filter(action=AuditAction.READ, case_id=world.case.pk).count()
    response = client_for("participant").get(scan)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 skann"
    assert (
        AuditEvent.objects.filter(action=AuditAction.READ, case_id=world.case.pk).count()
        == before + 1
    )
    assert client_for("other_unit").get(scan).status_code == 404
