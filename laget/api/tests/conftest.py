"""Fixtures for the API tests: a fresh login throttle, a case of one's own to change."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import timezone

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Arena, LegalBasis
from laget.cases.models import Case, Measure, Participant
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_identify, case_open
from laget.cases.services.measures import measure_create
from laget.cases.services.participants import participant_add
from laget.consent.models import Consent
from laget.orgs.actors import actor_for
from laget.testing.consents import given_consent
from laget.testing.world import World


@pytest.fixture(autouse=True)
def _fresh_login_throttle() -> Iterator[None]:
    """The login throttle counts in the cache; no test may inherit another's attempts."""
    cache.clear()
    yield
    cache.clear()


@dataclass(frozen=True)
class OwnCase:
    """A level-1 case held by the world's stafettholder, with the world's participant in it on
    the mother's consent, which also names the school."""

    case: Case
    holder: Participant
    member: Participant
    measure: Measure
    consent: Consent


@pytest.fixture
def own_case(db: None, world: World) -> OwnCase:
    holder_user = world.users["stafettholder"]
    actor = actor_for(holder_user, Via.SYSTEM)
    case = case_open(
        actor=actor,
        user=holder_user,
        unit_id=world.units["kindergarten"].pk,
        label="Jente, 5 år",
        level=1,
        reason="Trenger tett oppfølging.",
    )
    access = case_for(holder_user, case.pk, need=Need.COORDINATE, audit=False)
    case_identify(
        actor=actor,
        access=access,
        given_name="Mia",
        family_name="Tindeland",
        birth_date=datetime.date(2020, 6, 2),
    )
    # The mother alone has parental responsibility, so she alone gives the consent.
    guardian_add(actor=actor, access=access, name="Hanne Tindeland", relation="mor")
    consent = given_consent(
        case, [world.units["health_clinic"], world.units["school"]], by=holder_user
    )
    member = participant_add(
        actor=actor,
        access=access,
        unit_id=world.units["health_clinic"].pk,
        user_id=world.users["participant"].pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=consent.pk,
    )
    holder = case.participants.get(user=holder_user)
    today = timezone.localdate()
    measure = measure_create(
        actor=actor,
        access=access,
        title="Fast plass i samlingsstund",
        goal="Tryggere start på dagen",
        arena=Arena.KINDERGARTEN,
        responsible_id=holder.pk,
        start_date=today,
        evaluation_date=today + datetime.timedelta(days=21),
    )
    case.refresh_from_db()
    return OwnCase(case=case, holder=holder, member=member, measure=measure, consent=consent)
