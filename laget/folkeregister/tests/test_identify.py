"""Identifying a child with the population register, end to end against the counterpart: the
page proposes the family, nothing is stored until the stafettholder confirms, the confirmation
asks the register again, and only the facts used are kept, with their date."""

import dataclasses

import httpx
import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import AuditEvent
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind
from laget.cases.models import Case
from laget.cases.services.entries import entry_create
from laget.cases.services.lifecycle import case_open
from laget.cases.services.register import case_identify_from_register, register_proposal
from laget.family.access import member_view
from laget.folkeregister.client import RegisterClient, RegisterConfig
from laget.folkeregister.connect import page_client
from laget.folkeregister.counterpart.population import build_world
from laget.folkeregister.counterpart.server import BASE_PATH
from laget.folkeregister.errors import RegisterUnavailable
from laget.folkeregister.tests.conftest import Counterpart
from laget.lib.practice import practice_scope
from laget.notify.content import content_for
from laget.notify.models import Notification, RecipientRole
from laget.orgs.actors import actor_for
from laget.people.models import FamilyRole, Guardian, ProtectedAddress, Subject
from laget.portal.services import portal_user_for_guardian
from laget.testing.world import World

pytestmark = pytest.mark.django_db

PEOPLE = build_world(0).people
LATER = build_world().people


def open_case(world: World) -> Case:
    holder = world.users["stafettholder"]
    return case_open(
        actor=actor_for(holder),
        user=holder,
        unit_id=world.units["kindergarten"].pk,
        label="Undring",
        level=1,
        reason="Uro i barnehagen",
    )


def page(case: Case) -> str:
    return reverse("cases:case_identify_register", kwargs={"case_id": case.pk})


def holder_client(world: World) -> Client:
    client = Client()
    client.force_login(world.users["stafettholder"])
    return client


def lookups(case: Case) -> int:
    return AuditEvent.objects.filter(case_id=case.pk, object_type="register_lookup").count()


def test_two_guardians_and_shared_residence_are_proposed_then_confirmed(
    world: World, register_settings: Counterpart
) -> None:
    case = open_case(world)
    client = holder_client(world)
    ylva, marit, eirik = PEOPLE["ylva"], PEOPLE["strandvik-mor"], PEOPLE["haug-far"]

    answer = client.post(page(case), {"national_id": ylva.id})
    assert answer.status_code == 200
    text = answer.content.decode()
    for expected in ("Ylva", "Marit Strandvik", "Eirik Haug", marit.id, eirik.id):
        assert expected in text
    assert "Delt bosted" in text and "bor fast hos begge" in text
    # Nothing stored by the proposal; the two lookups are in the access log.
    case.refresh_from_db()
    assert case.subject_id is None
    assert lookups(case) == 2

    answer = client.post(
        page(case), {"national_id": ylva.id, "bekreft": "1", "medlem": [marit.id, eirik.id]}
    )
    assert answer.status_code == 302
    case.refresh_from_db()
    subject = case.subject
    assert subject is not None
    assert (subject.given_name, subject.family_name) == ("Ylva", "Strandvik Haug")
    assert subject.national_id == ylva.id
    assert subject.shared_residence is True
    assert subject.register_read_on == timezone.localdate()
    assert subject.protected_address == ""
    members = {g.name: g for g in subject.guardians.all()}
    assert set(members) == {"Marit Strandvik", "Eirik Haug"}
    assert {g.role for g in members.values()} == {FamilyRole.GUARDIAN}
    assert members["Marit Strandvik"].national_id == marit.id
    assert members["Eirik Haug"].relation == "far"
    assert all(g.register_read_on == timezone.localdate() for g in members.values())
    # Confirming looked the family up again (stateless): two more rows.
    assert lookups(case) == 4


def test_only_the_members_ticked_and_proposed_are_added(
    world: World, register_settings: Counterpart
) -> None:
    case = open_case(world)
    ylva, marit = PEOPLE["ylva"], PEOPLE["strandvik-mor"]
    stranger = PEOPLE["vestli-far"]
    holder_client(world).post(
        page(case), {"national_id": ylva.id, "bekreft": "1", "medlem": [marit.id, stranger.id]}
    )
    case.refresh_from_db()
    assert case.subject is not None
    assert [g.name for g in case.subject.guardians.all()] == ["Marit Strandvik"]


def test_a_parent_without_responsibility_is_proposed_as_such_and_protection_is_set(
    world: World, register_settings: Counterpart
) -> None:
    case = open_case(world)
    lotte, tonje, steinar = PEOPLE["lotte"], PEOPLE["vik-mor"], PEOPLE["bra-far"]
    holder_client(world).post(
        page(case), {"national_id": lotte.id, "bekreft": "1", "medlem": [tonje.id, steinar.id]}
    )
    case.refresh_from_db()
    subject = case.subject
    assert subject is not None
    assert subject.protected_address == ProtectedAddress.STRICTLY_CONFIDENTIAL
    mother = subject.guardians.with_national_id(tonje.id).get()
    father = subject.guardians.with_national_id(steinar.id).get()
    assert (mother.role, mother.protected_address) == (
        FamilyRole.GUARDIAN,
        ProtectedAddress.STRICTLY_CONFIDENTIAL,
    )
    assert (father.role, father.protected_address) == (FamilyRole.PARENT_NO_PR, "")
    # The family rule does the rest: the father, without protection, does not see the units
    # that tell where the child lives (the kindergarten); the mother does.
    assert member_view(case, guardian=father).protected
    assert not member_view(case, guardian=father).shows_unit(world.units["kindergarten"])
    assert not member_view(case, guardian=mother).protected


def test_nothing_about_a_strictly_protected_address_reaches_the_parent_without_it(
    world: World, register_settings: Counterpart
) -> None:
    """The register gives the grade only and Laget stores no address at all. The father, who
    has no protection, reads the case through the portal, the copy and the e-mails, and none
    of them names the kindergarten (a unit that tells where the child lives); the mother, who
    shares the protection, sees it."""
    case = open_case(world)
    lotte, tonje, steinar = PEOPLE["lotte"], PEOPLE["vik-mor"], PEOPLE["bra-far"]
    answer = holder_client(world).post(page(case), {"national_id": lotte.id})
    for street in ("Skjermveien", "0001", "OSLO"):
        assert street not in answer.content.decode()
    holder_client(world).post(
        page(case), {"national_id": lotte.id, "bekreft": "1", "medlem": [tonje.id, steinar.id]}
    )
    case.refresh_from_db()
    assert case.subject is not None
    stored = [
        str(value)
        for row in [case.subject, *case.subject.guardians.all()]
        for value in row.__dict__.values()
    ]
    assert not any("Skjermveien" in v or "0301" in v for v in stored)
    father = case.subject.guardians.with_national_id(steinar.id).get()
    mother = case.subject.guardians.with_national_id(tonje.id).get()
    Guardian.objects.filter(pk__in=[father.pk, mother.pk]).update(email="familie@example.invalid")
    holder = world.users["stafettholder"]
    entry_create(
        actor=actor_for(holder),
        access=case_for(holder, case.pk, need=Need.WRITE, audit=False),
        kind=EntryKind.OBSERVATION,
        text="Lotte lekte godt i dag.",
        audience=Audience.ALL,
    )
    kindergarten = world.units["kindergarten"].name

    def read(guardian: Guardian) -> str:
        client = Client()
        client.force_login(
            portal_user_for_guardian(guardian), backend="laget.portal.oidc.PortalOIDCBackend"
        )
        urls = [
            reverse(name, kwargs={"case_id": case.pk})
            for name in ("portal:case", "portal:copy_json", "portal:access_log")
        ]
        return "".join(client.get(url).content.decode() for url in urls)

    assert kindergarten not in read(father)
    assert kindergarten in read(mother)
    family_mails = Notification.objects.filter(case_id=case.pk, recipient_role=RecipientRole.FAMILY)
    assert family_mails.exists()
    for notification in family_mails:
        content = content_for(notification)
        for secret in (kindergarten, "Skjermveien", "Lotte", "Vik"):
            assert secret not in f"{content.subject} {content.body}"


def test_a_replaced_d_number_finds_the_child_by_its_national_id(
    world: World, register_settings: Counterpart
) -> None:
    register_settings.post("advance", steps=1)  # the D-number is replaced
    case = open_case(world)
    old, new = PEOPLE["amir"].id, LATER["amir"].id
    assert old != new
    answer = holder_client(world).post(page(case), {"national_id": old})
    assert new in answer.content.decode()
    holder_client(world).post(page(case), {"national_id": old, "bekreft": "1"})
    case.refresh_from_db()
    assert case.subject is not None and case.subject.national_id == new


def test_sami_language_sets_the_members_language(
    world: World, register_settings: Counterpart
) -> None:
    case = open_case(world)
    niillas, risten = PEOPLE["niillas"], PEOPLE["gaup-mor"]
    holder_client(world).post(
        page(case), {"national_id": niillas.id, "bekreft": "1", "medlem": [risten.id]}
    )
    case.refresh_from_db()
    assert case.subject is not None and case.subject.language == "se"
    assert case.subject.guardians.get().language == "se"


@pytest.mark.parametrize("status", [429, 503])
def test_an_unavailable_register_says_so_and_stores_nothing(
    world: World, register_settings: Counterpart, status: int
) -> None:
    case = open_case(world)
    ylva, marit = PEOPLE["ylva"], PEOPLE["strandvik-mor"]
    # The page's client tries twice, then gives up: the page says so and offers the form.
    register_settings.fail(status, 2)
    answer = holder_client(world).post(
        page(case), {"national_id": ylva.id, "bekreft": "1", "medlem": [marit.id]}
    )
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "svarer ikke" in text
    assert reverse("cases:case_identify", kwargs={"case_id": case.pk}) in text
    assert register_settings.stats()["api_requests"] == 2
    case.refresh_from_db()
    assert case.subject_id is None
    assert not Subject.objects.with_national_id(ylva.id).exists()
    # One failure is retried: the proposal comes.
    register_settings.fail(status, 1)
    answer = holder_client(world).post(page(case), {"national_id": ylva.id})
    assert "Marit Strandvik" in answer.content.decode()


def test_a_failure_between_the_lookups_leaves_nothing_half_applied(
    world: World, register_settings: Counterpart
) -> None:
    """The child answers, then the register fails for good: no child without its family."""
    case = open_case(world)
    holder = world.users["stafettholder"]
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)

    armed: list[bool] = []

    def after_the_first_answer(response: httpx.Response) -> None:
        if BASE_PATH in response.request.url.path and not armed:
            armed.append(True)
            register_settings.fail(503, 10)

    config = dataclasses.replace(RegisterConfig.from_settings(), max_attempts=2)
    hooks = {"response": [after_the_first_answer]}
    with RegisterClient(config, event_hooks=hooks) as register, pytest.raises(RegisterUnavailable):
        case_identify_from_register(
            actor=actor_for(holder),
            access=access,
            national_id=PEOPLE["ylva"].id,
            chosen={PEOPLE["strandvik-mor"].id},
            register=register,
        )
    case.refresh_from_db()
    assert case.subject_id is None
    assert not Subject.objects.with_national_id(PEOPLE["ylva"].id).exists()
    assert not Guardian.objects.with_national_id(PEOPLE["strandvik-mor"].id).exists()
    # The child's lookup happened and is in the access log; nothing else is.
    assert lookups(case) == 1


def test_a_practice_case_is_never_looked_up(world: World, register_settings: Counterpart) -> None:
    holder = world.users["stafettholder"]
    with practice_scope():
        practice = case_open(
            actor=actor_for(holder),
            user=holder,
            unit_id=world.units["kindergarten"].pk,
            label="Øving",
            level=1,
            reason="Øving",
            practice=True,
        )
        access = case_for(holder, practice.pk, need=Need.COORDINATE, audit=False)
    with page_client() as register, pytest.raises(Http404):
        register_proposal(
            actor=actor_for(holder),
            access=access,
            national_id=PEOPLE["ylva"].id,
            register=register,
        )
    assert register_settings.stats()["api_requests"] == 0


def test_without_a_register_the_page_says_so(world: World) -> None:
    case = open_case(world)
    answer = holder_client(world).post(page(case), {"national_id": PEOPLE["ylva"].id})
    assert answer.status_code == 200
    assert "ikke koblet Laget til Folkeregisteret" in answer.content.decode()
    case.refresh_from_db()
    assert case.subject_id is None
