"""The family's page of the next meeting says whether the interpreter a member needs is booked,
to that member only."""

from collections.abc import Callable

import pytest
from django.test import Client

from laget.accounts.models import User
from laget.portal.tests.test_pages import case_url
from laget.testing.family import Family

pytestmark = pytest.mark.django_db

MISSING = "Du trenger tolk (arabisk). Kommunen har ikke bestilt tolk ennå"
BOOKED = "Det er bestilt tolk til deg (arabisk)."


def test_the_member_sees_their_own_interpreter_and_whether_it_is_booked(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    family.mother.interpreter = "ar"
    family.mother.save(update_fields=["interpreter"])
    client = client_as("own_guardian")
    body = client.get(case_url(family)).content.decode()
    assert MISSING in body and BOOKED not in body

    attendee = family.meeting.attendees.get(guardian=family.mother)
    attendee.interpreter_booked = "ar"
    attendee.save(update_fields=["interpreter_booked"])
    body = client.get(case_url(family)).content.decode()
    assert BOOKED in body and MISSING not in body


def test_another_member_does_not_hear_of_it(family: Family) -> None:
    """The father, invited to the same meeting and reading the log, logs in too."""
    family.mother.interpreter = "ar"
    family.mother.save(update_fields=["interpreter"])
    father = User.objects.create(username="familie-far-2")
    family.father.user = father
    family.father.save(update_fields=["user"])
    client = Client()
    client.force_login(father, backend="laget.portal.oidc.PortalOIDCBackend")
    response = client.get(case_url(family))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Neste møte" in body and "Du er invitert" in body
    assert "tolk" not in body.lower()
