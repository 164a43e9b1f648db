"""Downloading the copy in the portal (laget/portal/views/copy.py): each member who reads the
case gets their own, the child from 12 theirs; everyone else 404 (staff too), anonymous users
the login. Every download is in the access log (via the portal), HEAD like GET; no cache keeps
the file and its name holds no personal data."""

import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import AuditAction, AuditEvent, Via
from laget.testing.family import FAMILY_ROLES, Family
from laget.testing.pdfa import pdf_text

pytestmark = pytest.mark.django_db

ClientAs = Callable[[str], Client]
FORMATS = {"portal:copy_pdf": "pdf", "portal:copy_json": "json"}
# Whose case each target is (laget/testing/family.py): Emil, 4, is his mother's (he is too
# young to read); Sofie, 16, reads her own.
OWNER = {"case": "own_guardian", "teen": "child_over"}


def _case_id(family: Family, target: str) -> int:
    return (family.case if target == "case" else family.teen_case).pk


def _copy_rows(since: int) -> list[tuple[object, ...]]:
    rows = AuditEvent.objects.filter(id__gt=since, object_type="family_copy").order_by("id")
    return list(rows.values_list("actor_id", "action", "via", "case_id"))


def _last() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("target", OWNER)
@pytest.mark.parametrize("role", FAMILY_ROLES)
def test_who_downloads_what(
    role: str, target: str, name: str, family: Family, client_as: ClientAs
) -> None:
    case_id = _case_id(family, target)
    since = _last()
    response = client_as(role).get(reverse(name, kwargs={"case_id": case_id}))
    if role == "anonymous":
        assert response.status_code == 302 and "/logg-inn/" in response["Location"]
        return
    if role != OWNER[target]:
        assert response.status_code == 404, role
        assert _copy_rows(since) == []
        return
    fmt = FORMATS[name]
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"].split(", ")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="stafettlogg-kopi-{today}.{fmt}"'
    )
    user = family.user(role)
    assert user is not None
    assert _copy_rows(since) == [(user.pk, AuditAction.READ, Via.PORTAL, case_id)]


def test_head_is_audited_like_get(family: Family, client_as: ClientAs) -> None:
    client = client_as("own_guardian")
    url = reverse("portal:copy_pdf", kwargs={"case_id": family.case.pk})
    since = _last()
    assert client.head(url).status_code == 200
    head = _copy_rows(since)
    since = _last()
    assert client.get(url).status_code == 200
    assert head == _copy_rows(since) and len(head) == 1


def test_the_teenager_gets_her_own_copy(family: Family, client_as: ClientAs) -> None:
    url = reverse("portal:copy_json", kwargs={"case_id": family.teen_case.pk})
    data = json.loads(client_as("child_over").get(url).content)
    assert data["member"] == {"name": "Sofie Lien", "role": "Barnet"}
    texts = [e["text"] for e in data["entries"]]
    assert family.teen_entry.text in texts
    assert family.teen_private_entry.text not in json.dumps(data, ensure_ascii=False)


def test_the_mothers_pdf_names_no_private_entry(family: Family, client_as: ClientAs) -> None:
    url = reverse("portal:copy_pdf", kwargs={"case_id": family.case.pk})
    text = pdf_text(client_as("own_guardian").get(url).content)
    assert family.mother.name in text
    assert family.private_entry.text not in text


def test_the_case_page_offers_both_downloads(family: Family, client_as: ClientAs) -> None:
    body = client_as("own_guardian").get(reverse("portal:case", kwargs={"case_id": family.case.pk}))
    html = body.content.decode()
    assert "Last ned kopi" in html
    for name in FORMATS:
        assert reverse(name, kwargs={"case_id": family.case.pk}) in html


def test_the_download_is_in_the_members_own_access_log(family: Family, client_as: ClientAs) -> None:
    client = client_as("own_guardian")
    client.get(reverse("portal:copy_json", kwargs={"case_id": family.case.pk}))
    log = client.get(reverse("portal:access_log", kwargs={"case_id": family.case.pk}))
    own = [g for g in log.context["groups"] if g.own]
    assert any("en kopi av saken" in g.sentence for g in own)
