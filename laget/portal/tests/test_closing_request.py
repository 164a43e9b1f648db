"""The family asks for the log to be closed, and the stafettholder sees it on the case page."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from laget.audit.models import AuditEvent, Via
from laget.consent.models import ClosingRequest
from laget.testing.family import Family
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def test_a_guardian_asks_and_the_stafettholder_sees_it(
    world: World,
    family: Family,
    client_as: Callable[[str], Client],
    client_for: Callable[[str], Client],
) -> None:
    response = client_as("own_guardian").post(
        reverse("portal:closing_request", args=[world.case.pk]), {"reason": "Det går bra nå."}
    )
    assert response.status_code == 302
    request = ClosingRequest.objects.get(case=world.case)
    assert request.guardian == family.mother
    assert AuditEvent.objects.filter(object_type="closingrequest", via=Via.PORTAL).exists()
    page = client_for("stafettholder").get(reverse("cases:case_detail", args=[world.case.pk]))
    assert "Det går bra nå." in page.content.decode()
