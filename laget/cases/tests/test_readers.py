"""Before saving an entry, staff see exactly who can read it: the same people the access
rules let in, each with a legal basis, and the family only when the entry is for them."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import readers_of, visible_cases
from laget.cases.choices import LegalBasis
from laget.cases.services.participants import participant_add
from laget.cases.statutes import NATIONAL_BY_KEY
from laget.consent.services import consent_withdraw
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def _staff(world: World) -> list[User]:
    return [u for role, u in world.users.items() if role != "anonymous"]


def test_the_readers_are_exactly_those_the_access_rules_let_in(world: World) -> None:
    names = {r.name for r in readers_of(world.case, family=False)}
    for user in _staff(world):
        sees = visible_cases(user).filter(pk=world.case.pk).exists()
        assert (user.display_name in names) == sees, user.username


def test_a_unit_taking_part_as_a_whole_lists_its_members(world: World) -> None:
    holder = world.users["stafettholder"]
    from laget.cases.access import Need, case_for

    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    participant_add(
        actor=actor_for(holder, Via.SYSTEM),
        access=access,
        unit_id=world.units["school"].pk,
        legal_basis=LegalBasis.STATUTE,
        statute="samarbeid-opplaering",
    )
    readers = readers_of(world.case, family=False)
    nils = next(r for r in readers if r.name == world.users["other_unit"].display_name)
    # The statute's reference and what it allows, as the family reads it too.
    assert "Opplæringslova § 15-8" in nils.basis
    assert str(NATIONAL_BY_KEY["samarbeid-opplaering"].title) in nils.basis
    test_the_readers_are_exactly_those_the_access_rules_let_in(world)


def test_withdrawn_consent_takes_its_readers_off_the_list(world: World) -> None:
    nurse = world.users["participant"].display_name
    assert nurse in {r.name for r in readers_of(world.case, family=False)}
    guardian = world.consent.parties.first().guardian
    consent_withdraw(
        actor=actor_for(world.users["stafettholder"], Via.SYSTEM),
        consent=world.consent,
        guardian=guardian,
    )
    assert nurse not in {r.name for r in readers_of(world.case, family=False)}
    test_the_readers_are_exactly_those_the_access_rules_let_in(world)


def test_the_family_is_listed_only_for_entries_to_them(world: World) -> None:
    assert not [r for r in readers_of(world.case, family=False) if r.is_family]
    family = [r for r in readers_of(world.case, family=True) if r.is_family]
    guardians = world.case.subject.guardians.filter(has_parental_responsibility=True)
    assert {r.name for r in family} == {g.name for g in guardians}


def test_every_reader_has_a_basis(world: World) -> None:
    assert all(r.basis for r in readers_of(world.case, family=True))


def test_the_entry_form_shows_the_readers_before_saving(
    world: World, client_for: Callable[[str], Client]
) -> None:
    html = (
        client_for("participant")
        .get(reverse("cases:entry_create", args=[world.case.pk]))
        .content.decode()
    )
    assert world.users["stafettholder"].display_name in html
    assert world.consent.reference in html
    for guardian in world.case.subject.guardians.all():
        assert guardian.name in html
