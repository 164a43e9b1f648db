"""The log before birth: opened for an expected child with the mother as a family member of
her own, it becomes the child's log when the stafettholder registers the birth — the same case,
its history and access log intact, the mother a guardian, and the participants whose statute
holds only in pregnancy gone."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent
from laget.audit.services import audit_chain_broken_at
from laget.cases.access import CaseAccess, Need, case_for, visible_cases
from laget.cases.choices import Arena, Audience, EntryKind, LegalBasis
from laget.cases.messages import MSG_ALREADY_IDENTIFIED
from laget.cases.models import Case, Participant
from laget.cases.services.entries import entry_create
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import (
    BIRTH_NOTE,
    MSG_BIRTH_BEFORE_LOG,
    MSG_BIRTH_ID_MISMATCH,
    MSG_NOT_PREGNANCY_LOG,
    case_close,
    case_identify,
    case_open,
    case_register_birth,
)
from laget.cases.services.measures import measure_create
from laget.cases.services.participants import participant_add
from laget.cases.statutes import (
    DUTY_TO_REPORT,
    MSG_STATUTE_ONLY_BEFORE_BIRTH,
    NATIONAL_BY_KEY,
    PREGNANCY_CHILD_WELFARE,
)
from laget.consent.services import consent_request
from laget.family.access import member_view
from laget.orgs.actors import actor_for
from laget.orgs.models import Role
from laget.people.models import FamilyRole, Guardian, SubjectKind
from laget.portal.access import family_case_for
from laget.portal.services import portal_user_for_pid
from laget.testing.family import synthetic_national_id
from laget.testing.world import World, add_member, make_user

pytestmark = pytest.mark.django_db

MOTHER_BIRTH = datetime.date(1994, 4, 17)


@dataclass
class Pregnancy:
    access: CaseAccess
    holder: User
    child_welfare: User
    mother_pid: str

    @property
    def case(self) -> Case:
        return self.access.case

    def reload(self) -> CaseAccess:
        self.access = case_for(self.holder, self.case.pk, need=Need.COORDINATE, audit=False)
        return self.access


def child_welfare_worker(world: World) -> User:
    user = make_user(f"cw{User.objects.count()}", "Cecilie", "Vang")
    add_member(user, world.municipality, world.units["child_welfare"], Role.EMPLOYEE)
    return user


def open_pregnancy(world: World, *, with_history: bool = True) -> Pregnancy:
    """Per at the health clinic opens a log for an expecting mother, at level 1; her partner is
    added, and child welfare takes part on the pregnancy statute."""
    holder = world.users["participant"]
    actor = actor_for(holder)
    case = case_open(
        actor=actor,
        user=holder,
        unit_id=world.units["health_clinic"].pk,
        label="Gravid, uke 24",
        level=1,
        reason="Rus i svangerskapet",
    )
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    mother_pid = synthetic_national_id(MOTHER_BIRTH)
    case_identify(
        actor=actor,
        access=access,
        kind=SubjectKind.PREGNANT,
        given_name="Mari",
        family_name="Berg",
        birth_date=MOTHER_BIRTH,
        due_date=timezone.localdate() + datetime.timedelta(days=60),
        national_id=mother_pid,
    )
    pregnancy = Pregnancy(access, holder, child_welfare_worker(world), mother_pid)
    access = pregnancy.reload()
    guardian_add(
        actor=actor, access=access, name="Ola Dahl", relation="partner", role=FamilyRole.PARTNER
    )
    participant_add(
        actor=actor,
        access=access,
        unit_id=world.units["child_welfare"].pk,
        legal_basis=LegalBasis.STATUTE,
        statute=PREGNANCY_CHILD_WELFARE,
    )
    if with_history:
        access = pregnancy.reload()
        entry_create(
            actor=actor,
            access=access,
            kind=EntryKind.CONVERSATION,
            text="Samtale med jordmor om oppfølging etter fødselen.",
            audience=Audience.PROFESSIONALS,
        )
        measure_create(
            actor=actor,
            access=access,
            title="Samtaler hos jordmor",
            goal="Trygg start",
            arena=Arena.HEALTH_CLINIC,
            responsible_id=access.case.participants.get(user=holder).pk,
            start_date=timezone.localdate(),
            evaluation_date=timezone.localdate() + datetime.timedelta(days=30),
        )
    pregnancy.reload()
    return pregnancy


def register(pregnancy: Pregnancy, **overrides: object) -> None:
    fields: dict[str, object] = {
        "given_name": "Lilja",
        "family_name": "Berg",
        "birth_date": timezone.localdate(),
        "national_id": synthetic_national_id(timezone.localdate()),
    }
    fields.update(overrides)
    case_register_birth(
        actor=actor_for(pregnancy.holder),
        access=pregnancy.reload(),
        **fields,  # type: ignore[arg-type]
    )


def test_opening_a_pregnancy_log_adds_the_expecting_mother(world: World) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    subject = pregnancy.case.subject
    assert subject is not None and subject.kind == SubjectKind.PREGNANT
    mother = subject.guardians.get(role=FamilyRole.EXPECTING)
    assert mother.name == "Mari Berg"
    assert mother.has_parental_responsibility
    assert mother.national_id == pregnancy.mother_pid
    created = AuditEvent.objects.filter(
        case_id=pregnancy.case.pk, object_type="guardian", object_id=mother.pk
    )
    assert list(created.values_list("action", flat=True)) == [AuditAction.CREATE]


def test_the_expecting_mother_reads_once_as_herself_never_as_the_child(world: World) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    user = portal_user_for_pid(pregnancy.mother_pid)
    assert user is not None
    access = family_case_for(user, pregnancy.case.pk, audit=False)
    assert access.guardian is not None and access.guardian.role == FamilyRole.EXPECTING
    assert not member_view(pregnancy.case, child=True).reads


def test_the_expecting_mother_is_the_party_to_the_consent_and_stays_it(world: World) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    consent = consent_request(
        actor=actor_for(pregnancy.holder),
        access=pregnancy.reload(),
        unit_ids=[world.units["ppt"].pk],
        purpose="Samtaler i svangerskapet",
    )
    parties = [(p.guardian.name if p.guardian else "child") for p in consent.parties.all()]
    assert parties == ["Mari Berg"]
    register(pregnancy)
    party = consent.parties.get()
    assert party.guardian is not None and party.guardian.role == FamilyRole.GUARDIAN


def test_the_log_continues_as_the_childs_with_its_history_and_audit(world: World) -> None:
    pregnancy = open_pregnancy(world)
    case_id = pregnancy.case.pk
    subject_id = pregnancy.case.subject_id
    entries_before = set(pregnancy.case.entries.values_list("pk", "text"))
    measures_before = set(pregnancy.case.measures.values_list("pk", "title"))
    audit_before = list(
        AuditEvent.objects.filter(case_id=case_id).values_list("pk", "hash", "object_type")
    )
    assert audit_before

    register(pregnancy, national_id="", birth_date=timezone.localdate())

    case = Case.objects.select_related("subject").get(pk=case_id)
    subject = case.subject
    assert subject is not None and subject.pk == subject_id
    assert (subject.kind, subject.given_name, subject.family_name) == (
        SubjectKind.CHILD,
        "Lilja",
        "Berg",
    )
    assert subject.birth_date == timezone.localdate()
    assert subject.national_id == ""
    # The history: every entry and measure as it was, and a professionals-only note of the birth.
    entries_after = set(case.entries.values_list("pk", "text"))
    assert entries_before < entries_after
    (note,) = case.entries.exclude(pk__in=[pk for pk, _ in entries_before])
    assert note.audience == Audience.PROFESSIONALS
    assert note.text == str(BIRTH_NOTE).format(date=f"{timezone.localdate():%d.%m.%Y}")
    assert set(case.measures.values_list("pk", "title")) == measures_before
    # The access log: every row before kept, in order, and the chain still holds.
    after = list(
        AuditEvent.objects.filter(case_id=case_id).values_list("pk", "hash", "object_type")
    )
    assert after[: len(audit_before)] == audit_before
    new = {(t, a) for t, a in _actions(case_id, after_pk=audit_before[-1][0])}
    assert ("case", AuditAction.UPDATE) in new
    assert ("guardian", AuditAction.UPDATE) in new
    assert ("participant", AuditAction.UPDATE) in new
    assert ("entry", AuditAction.CREATE) in new
    assert audit_chain_broken_at() is None


def _actions(case_id: int, *, after_pk: int) -> list[tuple[str, str]]:
    return list(
        AuditEvent.objects.filter(case_id=case_id, pk__gt=after_pk).values_list(
            "object_type", "action"
        )
    )


def test_the_mother_becomes_a_guardian_and_the_partner_stays_a_partner(world: World) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    mother_user = portal_user_for_pid(pregnancy.mother_pid)
    assert mother_user is not None
    register(pregnancy)
    subject = Case.objects.get(pk=pregnancy.case.pk).subject
    assert subject is not None
    roles = {g.name: (g.role, g.has_parental_responsibility) for g in subject.guardians.all()}
    assert roles == {
        "Mari Berg": (FamilyRole.GUARDIAN, True),
        "Ola Dahl": (FamilyRole.PARTNER, False),
    }
    # Her login now reads the child's log as the guardian; the child's record has no login.
    assert subject.user_id is None
    access = family_case_for(mother_user, pregnancy.case.pk, audit=False)
    assert access.guardian is not None and access.guardian.name == "Mari Berg"


def test_statute_participants_of_the_pregnancy_end_at_birth(world: World) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    case_id = pregnancy.case.pk
    cw = pregnancy.child_welfare
    assert case_for(cw, case_id, audit=False).case.pk == case_id
    register(pregnancy)

    ended = Participant.objects.get(case_id=case_id, statute_key=PREGNANCY_CHILD_WELFARE)
    assert ended.left_at is not None
    # The others stay: the stafettholder on her own service.
    holder = Participant.objects.get(case_id=case_id, user=pregnancy.holder)
    assert holder.left_at is None
    assert not visible_cases(cw).filter(pk=case_id).exists()
    with pytest.raises(Http404):
        case_for(cw, case_id)


def test_other_statutes_and_consents_go_on_after_the_birth(world: World) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    participant_add(
        actor=actor_for(pregnancy.holder),
        access=pregnancy.reload(),
        unit_id=world.units["child_welfare"].pk,
        user_id=pregnancy.child_welfare.pk,
        legal_basis=LegalBasis.STATUTE,
        statute=DUTY_TO_REPORT,
    )
    register(pregnancy)
    assert case_for(pregnancy.child_welfare, pregnancy.case.pk, audit=False)


def test_identifying_the_child_of_a_pregnancy_log_registers_the_birth(world: World) -> None:
    """The bug this fixes: identifying the child answered "already identified"."""
    pregnancy = open_pregnancy(world, with_history=False)
    subject = case_identify(
        actor=actor_for(pregnancy.holder),
        access=pregnancy.reload(),
        kind=SubjectKind.CHILD,
        given_name="Lilja",
        family_name="Berg",
        birth_date=timezone.localdate(),
    )
    assert subject.pk == pregnancy.case.subject_id
    assert subject.kind == SubjectKind.CHILD
    (mother,) = [g for g in Guardian.objects.filter(subject=subject) if g.name == "Mari Berg"]
    assert mother.role == FamilyRole.GUARDIAN


def test_a_second_pregnancy_identification_is_still_refused(world: World) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    with pytest.raises(ValidationError) as err:
        case_identify(
            actor=actor_for(pregnancy.holder),
            access=pregnancy.reload(),
            kind=SubjectKind.PREGNANT,
            given_name="Mari",
            family_name="Berg",
        )
    assert err.value.messages == [str(MSG_ALREADY_IDENTIFIED)]


def test_a_childs_log_has_no_birth_to_register(world: World) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    with pytest.raises(ValidationError) as err:
        case_register_birth(
            actor=actor_for(holder),
            access=access,
            given_name="Emil",
            family_name="Fjeldsrud",
            birth_date=datetime.date(2021, 3, 14),
        )
    assert err.value.messages == [str(MSG_NOT_PREGNANCY_LOG)]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"birth_date": datetime.date(2020, 1, 1), "national_id": ""},
            "birth_date",
            MSG_BIRTH_BEFORE_LOG,
        ),
        (
            {"national_id": synthetic_national_id(datetime.date(2023, 1, 2))},
            "national_id",
            MSG_BIRTH_ID_MISMATCH,
        ),
    ],
)
def test_an_impossible_birth_is_refused_and_nothing_changes(
    world: World, overrides: dict[str, object], field: str, message: str
) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    with pytest.raises(ValidationError) as err:
        register(pregnancy, **overrides)
    assert err.value.message_dict == {field: [str(message)]}
    subject = Case.objects.get(pk=pregnancy.case.pk).subject
    assert subject is not None and subject.kind == SubjectKind.PREGNANT


def test_only_who_coordinates_registers_the_birth(world: World) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    worker = pregnancy.child_welfare
    access = case_for(worker, pregnancy.case.pk, audit=False)
    with pytest.raises(PermissionDenied):
        case_register_birth(
            actor=actor_for(worker),
            access=access,
            given_name="Lilja",
            family_name="Berg",
            birth_date=timezone.localdate(),
        )


def test_a_closed_pregnancy_log_takes_no_birth(world: World) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    case_close(actor=actor_for(pregnancy.holder), access=pregnancy.reload(), reason="Flyttet")
    with pytest.raises(ValidationError):
        register(pregnancy)


def test_the_pregnancy_statute_is_for_pregnancy_logs_only(world: World) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    with pytest.raises(ValidationError) as err:
        participant_add(
            actor=actor_for(holder),
            access=access,
            unit_id=world.units["child_welfare"].pk,
            legal_basis=LegalBasis.STATUTE,
            statute=PREGNANCY_CHILD_WELFARE,
        )
    assert err.value.message_dict == {"statute": [str(MSG_STATUTE_ONLY_BEFORE_BIRTH)]}
    assert NATIONAL_BY_KEY[PREGNANCY_CHILD_WELFARE].ends_at_birth
    assert not NATIONAL_BY_KEY[DUTY_TO_REPORT].ends_at_birth


def _login(world: World, user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_staff_page_registers_the_birth(world: World) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    client = _login(world, pregnancy.holder)
    case_url = reverse("cases:case_detail", args=[pregnancy.case.pk])
    url = reverse("cases:case_register_birth", args=[pregnancy.case.pk])
    assert url in client.get(case_url).content.decode()
    page = client.get(url).content.decode()
    assert "Mari Berg blir forelder med foreldreansvar" in page
    assert "gjelder bare i svangerskapet" in page
    response = client.post(
        url,
        {"given_name": "Lilja", "family_name": "Berg", "birth_date": timezone.localdate()},
    )
    assert response.status_code == 302
    subject = Case.objects.get(pk=pregnancy.case.pk).subject
    assert subject is not None and subject.full_name == "Lilja Berg"
    assert url not in client.get(case_url).content.decode()


def test_the_staff_page_names_the_field_of_an_impossible_birth(world: World) -> None:
    pregnancy = open_pregnancy(world, with_history=False)
    url = reverse("cases:case_register_birth", args=[pregnancy.case.pk])
    response = _login(world, pregnancy.holder).post(
        url, {"given_name": "Lilja", "family_name": "Berg", "birth_date": "2020-01-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["birth_date"] == [str(MSG_BIRTH_BEFORE_LOG)]


def test_a_childs_log_shows_no_birth_form(world: World) -> None:
    url = reverse("cases:case_register_birth", args=[world.case.pk])
    response = _login(world, world.users["stafettholder"]).get(url)
    assert response.status_code == 200
    assert 'name="given_name"' not in response.content.decode()
