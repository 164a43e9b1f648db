"""A member whose access ends on a day (a death, or parental responsibility that ended, in the
population register: Guardian.access_ends_on) reads nothing from that day, by any door: the
portal's list and the case, the family's readers, the e-mails, the consents. The day before,
nothing changes. One rule: laget.family.access.member_view."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.family.access import consent_parties, family_views, member_view
from laget.portal.access import family_cases
from laget.portal.tests.conftest import client_as, family
from laget.testing.family import Family

pytestmark = pytest.mark.django_db

__all__ = ["client_as", "family"]


def _ends(family: Family, day: datetime.date) -> None:
    type(family.mother).objects.filter(pk=family.mother.pk).update(access_ends_on=day)
    family.mother.refresh_from_db()


def test_from_the_day_the_member_reads_nothing(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    today = timezone.localdate()
    mother = family.users["own_guardian"]
    assert family.case in family_cases(mother)
    _ends(family, today)

    assert member_view(family.case, guardian=family.mother).reads is False
    assert family.case not in family_cases(mother)
    page = client_as("own_guardian").get(reverse("portal:case", kwargs={"case_id": family.case.pk}))
    assert page.status_code == 404
    assert family.mother.pk not in {v.guardian.pk for v in family_views(family.case) if v.guardian}
    parties, _child = consent_parties(family.case)
    assert family.mother.pk not in {p.pk for p in parties}


def test_the_day_before_nothing_has_changed(family: Family) -> None:
    today = timezone.localdate()
    _ends(family, today + datetime.timedelta(days=1))
    assert member_view(family.case, guardian=family.mother, today=today).reads is True
    assert family.case in family_cases(family.users["own_guardian"])
