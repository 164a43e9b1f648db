"""The dry-run report as the admin reads it: kinds, counts, rules and log numbers, never a
name or a text from a log."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.retention.tests.conftest import Town

pytestmark = pytest.mark.django_db


def test_the_report_names_logs_by_number_only(
    town: Town, frozen: datetime.datetime, admin: User
) -> None:
    client = Client()
    client.force_login(admin)
    url = reverse("retention:page")
    assert client.post(url, {"action": "dry_run"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Stafettlogger anonymisert: 2" in page
    assert "holdt tilbake" in page and "arkivet har ikke bekreftet mottak" in page
    assert town.withdrawn.reference in page
    for name in ("Ola", "Nordli", "Emil", "Fjeldsrud", "Even", "Sara", "Moen"):
        assert name not in page, name
    assert town.world.case.label not in page
