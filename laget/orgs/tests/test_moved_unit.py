"""Issue 11, reproduction 2: access follows the person in their unit, not the person.

A PPT employee took part in three cases on consents naming PPT, then moved to NAV (the PPT
membership ended, a NAV one began). All three cases are now missing for him, on both doors,
and he cannot write in them.
"""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.api.tests.helpers import post, url
from laget.audit.models import Via
from laget.cases.access import Need, case_for, visible_cases
from laget.cases.choices import LegalBasis
from laget.cases.models import Case, Entry
from laget.cases.services.lifecycle import case_identify, case_open
from laget.cases.services.participants import participant_add
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership, Role, Unit, UnitKind
from laget.testing.consents import given_consent
from laget.testing.world import World, make_user

pytestmark = pytest.mark.django_db


def ppt_cases(world: World, person: User, n: int = 3) -> list[Case]:
    """n cases of the kindergarten with `person` taking part for PPT on the family's consent."""
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    cases = []
    for i in range(n):
        case = case_open(
            actor=actor,
            user=holder,
            unit_id=world.units["kindergarten"].pk,
            label=f"Barn {i}",
            level=1,
            reason="Trenger PPT.",
        )
        access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
        case_identify(actor=actor, access=access, given_name=f"Barn{i}", family_name="Moe")
        consent = given_consent(case, [world.units["ppt"]], by=holder)
        participant_add(
            actor=actor,
            access=access,
            unit_id=world.units["ppt"].pk,
            user_id=person.pk,
            legal_basis=LegalBasis.CONSENT,
            consent_id=consent.pk,
        )
        cases.append(case)
    return cases


@pytest.fixture
def mover(world: World) -> tuple[User, list[Case]]:
    person = make_user("bjarne", "Bjarne", "Flytter")
    Membership.objects.create(
        user=person, municipality=world.municipality, unit=world.units["ppt"], role=Role.EMPLOYEE
    )
    cases = ppt_cases(world, person)
    assert set(visible_cases(person)) == set(cases)
    # The move: the PPT membership ends, one in NAV begins.
    Membership.objects.filter(user=person, unit=world.units["ppt"]).update(is_active=False)
    nav = Unit.objects.create(
        municipality=world.municipality, name="NAV Fjordvik", kind=UnitKind.NAV
    )
    Membership.objects.create(
        user=person, municipality=world.municipality, unit=nav, role=Role.EMPLOYEE
    )
    return person, cases


def test_moved_employee_sees_none_of_the_old_units_cases(mover: tuple[User, list[Case]]) -> None:
    person, _cases = mover
    assert list(visible_cases(person)) == []


def test_moved_employee_gets_404_on_the_web(mover: tuple[User, list[Case]]) -> None:
    person, cases = mover
    client = Client()
    client.force_login(person)
    for case in cases:
        assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
        response = client.post(
            reverse("cases:entry_create", args=[case.pk]),
            {"kind": "observation", "text": "Skrevet fra NAV", "audience": "professionals"},
        )
        assert response.status_code == 404


def test_moved_employee_gets_404_in_the_api_and_cannot_write(
    mover: tuple[User, list[Case]],
) -> None:
    person, cases = mover
    client = Client()
    client.force_login(person)
    before = Entry.objects.count()
    for case in cases:
        assert client.get(url("case", case_id=case.pk)).status_code == 404
        body = {"kind": "observation", "text": "Skrevet fra NAV", "audience": "professionals"}
        response = post(client, url("entries", case_id=case.pk), body)
        assert response.status_code == 404
        assert response.json() == {"detail": "Ikke funnet."}
    assert Entry.objects.count() == before


def test_moved_employee_is_not_told_of_the_old_cases(
    mover: tuple[User, list[Case]], client_for: Callable[[str], Client]
) -> None:
    """The list of one's cases leaves them out too."""
    person, cases = mover
    client = Client()
    client.force_login(person)
    body = client.get(url("cases")).json()
    ids = {row["id"] for row in (body["results"] if isinstance(body, dict) else body)}
    assert not ids & {c.pk for c in cases}
