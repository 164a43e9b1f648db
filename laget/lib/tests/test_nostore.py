"""Responses with personal data are never stored by a browser or proxy (issue 12); the access
matrix checks the header on every route, role and world."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_page_says_no_store() -> None:
    response = Client().get("/logg-inn/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Pragma"] == "no-cache"
