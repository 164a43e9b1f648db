"""The family's copy against the family isolation matrix (issue 13): every member of every
household, open, restricted and with a protected address, downloads their copy as PDF and JSON.
A marker the member may not see (test_family_matrix.Expect, stated from the households' facts)
is in neither file; what their case page, consents and access log show is in both; a member
who does not read gets 404. The JSON validates against its published schema and the PDF is
PDF/A-2b."""

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.test import Client
from django.urls import reverse

from laget.audit.models import AuditEvent, Via
from laget.portal.tests.test_family_matrix import Expect, client_for, leaked
from laget.testing.family import Households, build_households, matrix_members
from laget.testing.pdfa import pdf_text, pdfa_problems
from laget.testing.world import World

pytestmark = pytest.mark.django_db

MEMBERS = list(matrix_members())
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "docs/schemas/family-copy.v1.schema.json").read_text()
)


@pytest.fixture(scope="module")
def households(world: World, django_db_blocker: Any) -> Households:
    with django_db_blocker.unblock():
        return build_households(world)


def download(client: Client, name: str, case_id: int) -> Any:
    return client.get(reverse(name, kwargs={"case_id": case_id}))


@pytest.mark.parametrize("key", MEMBERS)
def test_copy_holds_what_the_member_sees_and_nothing_else(households: Households, key: str) -> None:
    member = households.member(key)
    expect = Expect(member, households)
    client = client_for(member)
    pdf = download(client, "portal:copy_pdf", member.case.pk)
    raw = download(client, "portal:copy_json", member.case.pk)
    if not expect.reads:
        assert (pdf.status_code, raw.status_code) == (404, 404), key
        assert leaked(raw.content, expect) == []
        return
    assert (pdf.status_code, raw.status_code) == (200, 200), key
    text = pdf_text(pdf.content)
    data = raw.content.decode()
    # A line break in the PDF may fall anywhere between words: look in the text without them.
    flat = text.replace("\n", " ")
    assert [m for m in expect.forbidden if m in flat or m in text] == [], f"PDF for {key}"
    assert leaked(data, expect) == [], f"JSON for {key}"
    assert sorted(m for m in expect.present if m not in flat) == [], f"PDF for {key}"
    assert sorted(m for m in expect.present if m not in data) == [], f"JSON for {key}"
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(data))


@pytest.mark.parametrize("key", ["Fr:father", "Cp:mother", "Tr:child"])
def test_restricted_copies_are_pdfa_and_audited(households: Households, key: str) -> None:
    member = households.member(key)
    client = client_for(member)
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    pdf = download(client, "portal:copy_pdf", member.case.pk)
    assert pdfa_problems(pdf.content) == []
    rows = AuditEvent.objects.filter(id__gt=before, object_type="family_copy")
    assert [(r.via, r.actor_id, r.case_id) for r in rows] == [
        (Via.PORTAL, member.user.pk, member.case.pk)
    ]
