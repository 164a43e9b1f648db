"""The consent lifecycle and how it gates access, at the service level."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import Http404
from django.test import override_settings
from django.utils import timezone

from laget.audit.models import AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.cases.choices import LegalBasis
from laget.cases.services.lifecycle import case_identify, case_open
from laget.cases.services.participants import participant_add
from laget.cases.statutes import DUTY_TO_REPORT
from laget.consent.messages import (
    MSG_ALREADY_ANSWERED,
    MSG_CONSENT_NOT_FOR_UNIT,
    MSG_NO_GUARDIANS,
    MSG_PAPER_NEEDS_COPY,
)
from laget.consent.models import Channel, ConsentState, EventKind
from laget.consent.services import (
    consent_give,
    consent_refuse,
    consent_renew,
    consent_request,
    consent_withdraw,
)
from laget.orgs.actors import actor_for
from laget.testing.consents import given_consent
from laget.testing.world import World

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def fresh_case(world: World, *, birth: datetime.date = datetime.date(2020, 5, 1)):
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    case = case_open(
        actor=actor, user=holder, unit_id=world.units["kindergarten"].pk, label="Sak", level=1
    )
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    case_identify(
        actor=actor, access=access, given_name="Iben", family_name="Sørvik", birth_date=birth
    )
    return case_for(holder, case.pk, need=Need.COORDINATE, audit=False)


def add_guardians(world: World, access) -> list:
    from laget.cases.services.guardians import guardian_add

    actor = actor_for(world.users["stafettholder"], Via.SYSTEM)
    return [
        guardian_add(actor=actor, access=access, name="Mona Sørvik", relation="mor"),
        guardian_add(actor=actor, access=access, name="Arne Sørvik", relation="far"),
        guardian_add(
            actor=actor,
            access=access,
            name="Besta",
            relation="bestemor",
            has_parental_responsibility=False,
        ),
    ]


def request(world: World, access, units=("health_clinic",), **kwargs):
    return consent_request(
        actor=actor_for(world.users["stafettholder"], Via.SYSTEM),
        access=access,
        unit_ids=[world.units[u].pk for u in units],
        purpose="Samarbeid om søvn og trivsel",
        **kwargs,
    )


def test_both_guardians_with_parental_responsibility_must_give(world: World) -> None:
    access = fresh_case(world)
    mother, father, grandmother = add_guardians(world, access)
    consent = request(world, access)
    assert {p.guardian_id for p in consent.parties.all()} == {mother.pk, father.pk}
    actor = actor_for(world.users["stafettholder"], Via.SYSTEM)
    consent = consent_give(actor=actor, consent=consent, guardian=mother)
    assert consent.state == ConsentState.REQUESTED
    consent = consent_give(actor=actor, consent=consent, guardian=father)
    assert consent.state == ConsentState.GIVEN
    assert [e.kind for e in consent.events.all()] == ["requested", "given", "given"]
    with pytest.raises(ValidationError) as exc:
        consent_give(actor=actor, consent=consent, guardian=grandmother)
    assert exc.value.messages


def test_answering_twice_is_refused(world: World) -> None:
    access = fresh_case(world)
    mother, *_ = add_guardians(world, access)
    consent = request(world, access)
    actor = actor_for(world.users["stafettholder"], Via.SYSTEM)
    consent_give(actor=actor, consent=consent, guardian=mother)
    with pytest.raises(ValidationError) as exc:
        consent_give(actor=actor, consent=consent, guardian=mother)
    assert exc.value.messages == [str(MSG_ALREADY_ANSWERED)]


def test_no_guardians_no_request(world: World) -> None:
    access = fresh_case(world)
    with pytest.raises(ValidationError) as exc:
        request(world, access)
    assert exc.value.messages == [str(MSG_NO_GUARDIANS)]


@override_settings(LAGET_CHILD_CONSENT_AGE=15)
def test_from_the_age_limit_the_child_consents_for_themselves(world: World) -> None:
    fifteen_today = (
        TODAY.replace(year=TODAY.year - 15)
        if not (TODAY.month == 2 and TODAY.day == 29)
        else TODAY.replace(year=TODAY.year - 15, day=28)
    )
    access = fresh_case(world, birth=fifteen_today)
    add_guardians(world, access)
    consent = request(world, access)
    assert consent.by_child
    assert [p.is_child for p in consent.parties.all()] == [True]
    consent = consent_give(
        actor=actor_for(world.users["stafettholder"], Via.SYSTEM), consent=consent, child=True
    )
    assert consent.state == ConsentState.GIVEN


@override_settings(LAGET_CHILD_CONSENT_AGE=15)
def test_the_day_before_fifteen_the_guardians_consent(world: World) -> None:
    birth = TODAY.replace(year=TODAY.year - 15) + datetime.timedelta(days=1)
    access = fresh_case(world, birth=birth)
    add_guardians(world, access)
    assert not request(world, access).by_child


def test_paper_needs_a_scanned_copy(world: World) -> None:
    access = fresh_case(world)
    mother, *_ = add_guardians(world, access)
    consent = request(world, access)
    actor = actor_for(world.users["stafettholder"], Via.SYSTEM)
    with pytest.raises(ValidationError) as exc:
        consent_give(actor=actor, consent=consent, guardian=mother, channel=Channel.PAPER)
    assert exc.value.message_dict == {"scanned_copy": [str(MSG_PAPER_NEEDS_COPY)]}
    scan = SimpleUploadedFile("samtykke.pdf", b"%PDF-1.4 fiktiv", content_type="application/pdf")
    consent_give(
        actor=actor, consent=consent, guardian=mother, channel=Channel.PAPER, scanned_copy=scan
    )
    party = consent.parties.get(guardian=mother)
    assert party.channel == Channel.PAPER
    assert party.scanned_copy.read() == b"%PDF-1.4 fiktiv"


def test_refusal_ends_the_request(world: World) -> None:
    access = fresh_case(world)
    mother, father, _ = add_guardians(world, access)
    consent = request(world, access)
    actor = actor_for(world.users["stafettholder"], Via.SYSTEM)
    consent = consent_refuse(actor=actor, consent=consent, guardian=father)
    assert consent.state == ConsentState.REFUSED
    with pytest.raises(ValidationError):
        consent_give(actor=actor, consent=consent, guardian=mother)


def test_withdrawal_ends_access_at_once_but_not_a_statutory_basis(world: World) -> None:
    holder = world.users["stafettholder"]
    access = fresh_case(world)
    consent = given_consent(access.case, [world.units["health_clinic"]], by=holder)
    actor = actor_for(holder, Via.SYSTEM)
    participant_add(
        actor=actor,
        access=access,
        unit_id=world.units["health_clinic"].pk,
        user_id=world.users["participant"].pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=consent.pk,
    )
    participant_add(
        actor=actor,
        access=access,
        unit_id=world.units["child_welfare"].pk,
        legal_basis=LegalBasis.STATUTE,
        statute=DUTY_TO_REPORT,
    )
    nurse = world.users["participant"]
    case_for(nurse, access.case.pk)
    guardian = consent.parties.first().guardian
    consent_withdraw(actor=actor, consent=consent, guardian=guardian)
    with pytest.raises(Http404):
        case_for(nurse, access.case.pk)
    # The holder and child welfare keep their bases.
    case_for(holder, access.case.pk)
    consent.refresh_from_db()
    assert consent.state == ConsentState.WITHDRAWN
    assert consent.events.last().kind == EventKind.WITHDRAWN


def test_an_expired_consent_grants_nothing_before_the_job_runs(world: World) -> None:
    holder = world.users["stafettholder"]
    access = fresh_case(world)
    consent = given_consent(
        access.case,
        [world.units["health_clinic"]],
        by=holder,
        expires_on=TODAY + datetime.timedelta(days=10),
    )
    participant_add(
        actor=actor_for(holder, Via.SYSTEM),
        access=access,
        unit_id=world.units["health_clinic"].pk,
        user_id=world.users["participant"].pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=consent.pk,
    )
    case_for(world.users["participant"], access.case.pk)
    type(consent).objects.filter(pk=consent.pk).update(
        expires_on=TODAY - datetime.timedelta(days=1)
    )
    with pytest.raises(Http404):
        case_for(world.users["participant"], access.case.pk)
    call_command("consents_expire", stdout=open("/dev/null", "w"))  # noqa: SIM115
    consent.refresh_from_db()
    assert consent.state == ConsentState.EXPIRED
    assert consent.events.last().kind == EventKind.EXPIRED


def test_the_last_day_is_still_in_force(world: World) -> None:
    holder = world.users["stafettholder"]
    access = fresh_case(world)
    consent = given_consent(
        access.case,
        [world.units["health_clinic"]],
        by=holder,
        expires_on=TODAY + datetime.timedelta(days=1),
    )
    type(consent).objects.filter(pk=consent.pk).update(expires_on=TODAY)
    consent.refresh_from_db()
    assert consent.is_in_force(TODAY)
    assert not consent.is_in_force(TODAY + datetime.timedelta(days=1))


def test_renewal_puts_an_expired_consent_back_in_force(world: World) -> None:
    holder = world.users["stafettholder"]
    access = fresh_case(world)
    consent = given_consent(
        access.case,
        [world.units["health_clinic"]],
        by=holder,
        expires_on=TODAY + datetime.timedelta(days=3),
    )
    type(consent).objects.filter(pk=consent.pk).update(state=ConsentState.EXPIRED)
    consent.refresh_from_db()
    renewed = consent_renew(
        actor=actor_for(holder, Via.SYSTEM),
        access=access,
        consent=consent,
        expires_on=TODAY + datetime.timedelta(days=365),
    )
    assert renewed.state == ConsentState.GIVEN
    assert renewed.events.last().kind == EventKind.RENEWED


def test_a_consent_that_does_not_name_the_unit_cannot_be_the_basis(world: World) -> None:
    holder = world.users["stafettholder"]
    access = fresh_case(world)
    consent = given_consent(access.case, [world.units["health_clinic"]], by=holder)
    with pytest.raises(ValidationError) as exc:
        participant_add(
            actor=actor_for(holder, Via.SYSTEM),
            access=access,
            unit_id=world.units["ppt"].pk,
            legal_basis=LegalBasis.CONSENT,
            consent_id=consent.pk,
        )
    assert exc.value.message_dict == {"consent": [str(MSG_CONSENT_NOT_FOR_UNIT)]}


def test_every_step_is_audited(world: World) -> None:
    holder = world.users["stafettholder"]
    access = fresh_case(world)
    before = AuditEvent.objects.filter(object_type="consent").count()
    given_consent(access.case, [world.units["health_clinic"]], by=holder)
    # request, then one give per guardian (two invented guardians)
    assert AuditEvent.objects.filter(object_type="consent").count() == before + 3
