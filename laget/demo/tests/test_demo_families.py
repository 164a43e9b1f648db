"""The demo holds one case of each kind of family in issue 13, each listed in the printed
logins and reachable through the demo's family login, and each showing what it should."""

import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from laget.cases.models import Case, Participant
from laget.consent.models import WithdrawalNotice
from laget.demo import data
from laget.demo.population import population_document
from laget.demo.stories import ALL_FAMILIES
from laget.family.access import member_view
from laget.family.choices import Part, ProposalAnswer
from laget.family.models import CareOrder, HoldBack, ParticipantAnswer, Restriction
from laget.folkeregister.counterpart.extra import world_with
from laget.people.models import FamilyRole, Guardian, ProtectedAddress, Subject, SubjectKind


@pytest.fixture(scope="module")
def printed(django_db_setup: None, django_db_blocker: object) -> Iterator[str]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            with override_settings(LAGET_DEMO=True):
                call_command("seed_demo", "--without-neighbours", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _member(name: str) -> Guardian:
    return next(g for g in Guardian.objects.select_related("subject") if g.name == name)


def _case(member: Guardian) -> Case:
    return Case.objects.select_related("subject").get(subject=member.subject)


def test_every_family_login_is_printed(printed: str, db: None) -> None:
    for name, _why in data.FAMILY_LOGINS:
        assert name in printed


def test_a_father_shut_out_after_violence_with_a_protected_address(printed: str, db: None) -> None:
    father = _member("Ronny Sæterbakken")
    case = _case(father)
    restriction = Restriction.objects.get(guardian=father)
    assert restriction.in_force and restriction.decided_by_id != restriction.proposed_by_id
    assert case.subject is not None
    assert case.subject.protected_address == ProtectedAddress.STRICTLY_CONFIDENTIAL
    view = member_view(case, guardian=father)
    assert view.reads and view.hides_places and view.hidden_measures
    mother = _member("Silje Sæterbakken")
    own = case.consents.get(for_guardian=mother)
    assert [p.guardian_id for p in own.parties.all()] == [mother.pk]


def test_a_care_order_with_foster_parents(printed: str, db: None) -> None:
    foster = _member("Hege Lyngstad")
    assert foster.role == FamilyRole.FOSTER
    case = _case(foster)
    assert CareOrder.objects.filter(case=case, ended_on__isnull=True).exists()
    consents = list(case.consents.prefetch_related("parties"))
    assert consents and all(
        [p.care_unit_id is not None for p in c.parties.all()] == [True] for c in consents
    )
    assert member_view(case, guardian=foster).reads
    birth_mother = _member("Tanja Kvalheim")
    assert member_view(case, guardian=birth_mother).hides(Part.ENTRIES)


def test_a_log_from_pregnancy_that_became_the_childs(printed: str, db: None) -> None:
    mother = _member("Mari Aasen")
    case = _case(mother)
    assert case.subject is not None and case.subject.kind == SubjectKind.CHILD
    assert case.subject.given_name == "Noah"
    assert mother.role == FamilyRole.GUARDIAN
    assert _member("Dennis Aasen").role == FamilyRole.PARTNER
    ended = Participant.objects.filter(case=case, statute_key="svangerskap-barnevern")
    assert ended.exists() and not ended.filter(left_at__isnull=True).exists()


def test_one_parent_withdrew_and_the_case_has_a_notice(printed: str, db: None) -> None:
    case = _case(_member("Per Vindheim"))
    assert WithdrawalNotice.objects.filter(case=case).exists()


def test_a_13_year_old_writes_and_her_father_declined_a_service(printed: str, db: None) -> None:
    subject = next(s for s in Subject.objects.all() if s.full_name == "Selma Rødberg")
    case = Case.objects.get(subject=subject)
    assert case.entries.filter(author_is_child=True).exists()
    assert case.measures.exclude(child_view="").exists()
    declined = ParticipantAnswer.objects.get(participant__case=case, answer=ProposalAnswer.DECLINED)
    assert not case.participants.granting_access().filter(pk=declined.participant_id).exists()


def test_a_report_being_assessed_holds_the_log_back(printed: str, db: None) -> None:
    case = _case(_member("Marianne Moholt"))
    assert [h.in_force() for h in HoldBack.objects.filter(case=case)] == [True]


@pytest.mark.urls("laget.demo.tests.urls")
@pytest.mark.parametrize("name", [name for name, _ in data.FAMILY_LOGINS])
def test_each_family_login_opens_the_portal(printed: str, db: None, name: str) -> None:
    client = Client()
    with override_settings(LAGET_DEMO=True):
        page = client.get(reverse("demo:portal_login"))
        assert name in page.content.decode()
        guardian = next((g for g in Guardian.objects.all() if g.name == name), None)
        form = {"guardian": guardian.pk} if guardian else {"child": _subject_pk(name)}
        response = client.post(reverse("demo:portal_login"), form)
        assert response.status_code == 302
        home = client.get(reverse("portal:home"))
    assert home.status_code == 200


def _subject_pk(name: str) -> int:
    return next(s.pk for s in Subject.objects.all() if s.full_name == name)


def test_the_story_families_come_from_the_population_register(printed: str, db: None) -> None:
    today = population_document(ALL_FAMILIES, timezone.localdate()).child_ids
    children = {s.full_name: s for s in Subject.objects.filter(kind=SubjectKind.CHILD)}
    for family in ALL_FAMILIES:
        child = children[family.key]
        assert child.register_read_on is not None, family.key
        assert child.national_id == today[family.key], family.key
        for parent in family.parents:
            member = _member(parent.name)
            assert member.subject_id == child.pk and member.register_read_on is not None


def test_the_register_brings_responsibility_protection_and_shared_residence(
    printed: str, db: None
) -> None:
    mother, father = _member("Silje Sæterbakken"), _member("Ronny Sæterbakken")
    assert mother.protected_address == ProtectedAddress.STRICTLY_CONFIDENTIAL
    assert father.protected_address == ProtectedAddress.NONE
    assert father.role == FamilyRole.GUARDIAN and father.national_id
    assert _member("Trond Austbø").role == FamilyRole.PARENT_NO_PR
    ella = next(s for s in Subject.objects.all() if s.full_name == "Ella Rustbakken")
    assert ella.shared_residence
    # What only the family can tell stays with the story.
    assert _member("Rune Skrede").language == "pl"


def test_who_the_register_does_not_know_is_added_by_hand(printed: str, db: None) -> None:
    for name in ("Hege Lyngstad", "Arild Lyngstad", "Dennis Aasen", "Anne-Lise Brennmo"):
        member = _member(name)
        assert member.register_read_on is None and not member.national_id, name


def test_the_population_file_is_written_and_then_kept(
    printed: str, db: None, tmp_path: Path
) -> None:
    path = tmp_path / "population.json"
    with override_settings(LAGET_DEMO=True):
        call_command("demo_population", str(path), stdout=StringIO())
        written = json.loads(path.read_text())
        world = world_with(None, written)
        for family in ALL_FAMILIES:
            child = next(p for p in world.people.values() if p.key == family.key)
            assert child.given == family.given
        path.write_text('{"people": []}')
        call_command("demo_population", str(path), stdout=StringIO())  # the demo is loaded
    assert json.loads(path.read_text()) == {"people": []}
