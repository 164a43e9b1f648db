"""A case's life: opened as a level-0 worry with a deadline, moved between levels, reported to
child welfare, identified and closed. Every decision is recorded with reason, person and date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from pytest_django.fixtures import Settings

from laget.audit.models import AuditEvent, Via
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import Decision, LegalBasis, ParticipantRole
from laget.cases.messages import (
    MSG_ALREADY_IDENTIFIED,
    MSG_NOT_CHILD_WELFARE,
    MSG_NOT_MEMBER_OF_UNIT,
    MSG_SAME_LEVEL,
    MSG_STAFETTHOLDER_MUST_BE_PERSON,
    MSG_STAFETTHOLDER_REQUIRED,
    MSG_UNKNOWN_UNIT,
)
from laget.cases.models import Case, Participant, SameChildNotice
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import (
    case_change_level,
    case_close,
    case_identify,
    case_open,
    case_report_concern,
    same_child_notice_handle,
)
from laget.cases.services.participants import participant_add
from laget.cases.statutes import DUTY_TO_REPORT, NATIONAL_BY_KEY, OWN_SERVICE
from laget.notify.models import Kind, Notification
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality
from laget.people.models import Subject, SubjectKind
from laget.people.national_id import MSG_BAD_CHECKSUM, check_digits
from laget.testing.world import World

pytestmark = pytest.mark.django_db

HOLDER = "stafettholder"


def open_case(world: World, *, level: int = 0, role: str = HOLDER) -> CaseAccess:
    user = world.users[role]
    unit = "kindergarten" if role == HOLDER else "health_clinic"
    case = case_open(
        actor=actor_for(user),
        user=user,
        unit_id=world.units[unit].pk,
        label="Jente, 5 år",
        level=level,
        reason="Grunn til å følge med",
    )
    return reload(world, case.pk, role)


def reload(world: World, case_id: int, role: str = HOLDER) -> CaseAccess:
    return case_for(world.users[role], case_id, need=Need.COORDINATE, audit=False)


def own_row(access: CaseAccess) -> Participant:
    assert access.participant is not None
    return access.participant


def field_errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def synthetic_id(ddmmyy: str = "148321") -> str:
    for individual in range(500, 1000):
        digits = check_digits(f"{ddmmyy}{individual:03d}")
        if digits is not None:
            return f"{ddmmyy}{individual:03d}{digits}"
    raise AssertionError


# --- opening and the level-0 deadline ---------------------------------------------------------


def test_open_at_level_0_sets_deadline_from_municipality(world: World) -> None:
    Municipality.objects.filter(pk=world.municipality.pk).update(level0_deadline_days=7)
    case = open_case(world).case
    assert case.level == 0
    assert case.level0_due == timezone.localdate() + datetime.timedelta(days=7)
    assert case.level0_decided_at is None


def test_default_level_0_deadline_is_14_days(world: World) -> None:
    assert open_case(world).case.level0_due == timezone.localdate() + datetime.timedelta(days=14)


def test_open_records_the_decision_and_the_opener_takes_part_without_the_baton(
    world: World,
) -> None:
    access = open_case(world)
    (change,) = access.case.level_changes.all()
    assert (change.decision, change.from_level, change.to_level) == (Decision.OPEN, None, 0)
    assert change.decided_by == world.users[HOLDER]
    me = own_row(access)
    assert me.role == ParticipantRole.PARTICIPANT
    assert me.legal_basis == LegalBasis.STATUTE and me.statute_key == OWN_SERVICE


def test_open_straight_at_level_3_makes_the_opener_stafettholder(world: World) -> None:
    access = open_case(world, level=3)
    assert access.case.level == 3
    assert access.case.level0_due is None
    assert not access.case.level0_overdue
    assert own_row(access).role == ParticipantRole.STAFETTHOLDER


def test_open_in_unknown_unit_is_refused(world: World) -> None:
    user = world.users[HOLDER]
    before = Case.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        case_open(actor=actor_for(user), user=user, unit_id=10**9, label="Gutt, 2 år")
    assert field_errors(excinfo) == {"unit": [str(MSG_UNKNOWN_UNIT)]}
    assert Case.objects.count() == before


def test_open_in_a_unit_the_user_does_not_belong_to_is_refused(world: World) -> None:
    user = world.users[HOLDER]
    with pytest.raises(ValidationError) as excinfo:
        case_open(actor=actor_for(user), user=user, unit_id=world.units["school"].pk, label="X")
    assert field_errors(excinfo) == {"unit": [str(MSG_NOT_MEMBER_OF_UNIT)]}


def test_undecided_worry_past_its_deadline_is_overdue(world: World) -> None:
    case = open_case(world).case
    Case.objects.filter(pk=case.pk).update(level0_due=timezone.localdate())
    case.refresh_from_db()
    assert not case.level0_overdue  # the deadline day itself is still in time
    Case.objects.filter(pk=case.pk).update(
        level0_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    case.refresh_from_db()
    assert case.level0_overdue


def _raise_to_1(world: World, access: CaseAccess) -> None:
    case_change_level(
        actor=actor_for(world.users[HOLDER]),
        access=access,
        to_level=1,
        reason="Tiltak i egen tjeneste",
        stafettholder_id=own_row(access).pk,
    )


def _report(world: World, access: CaseAccess) -> None:
    case_report_concern(
        actor=actor_for(world.users[HOLDER]),
        access=access,
        reason="Meldeplikt",
        child_welfare_unit_id=world.units["child_welfare"].pk,
    )


def _close(world: World, access: CaseAccess) -> None:
    case_close(actor=actor_for(world.users[HOLDER]), access=access, reason="Bekymringen avkreftet")


@pytest.mark.parametrize("decide", [_raise_to_1, _report, _close], ids=["level", "report", "close"])
def test_decided_worry_is_not_overdue(world: World, decide: object) -> None:
    access = open_case(world)
    Case.objects.filter(pk=access.case.pk).update(
        level0_due=timezone.localdate() - datetime.timedelta(days=3)
    )
    decide(world, access)  # type: ignore[operator]
    case = Case.objects.get(pk=access.case.pk)
    assert case.level0_decided_at is not None
    assert not case.level0_overdue


# --- levels ----------------------------------------------------------------------------------


def test_moving_up_skipping_and_down_records_each_change(world: World) -> None:
    access = open_case(world)
    actor = actor_for(world.users[HOLDER])
    steps = [(3, "Foreldrene ber om full koordinering"), (1, "Roligere nå"), (2, "Trenger PPT")]
    for to_level, reason in steps:
        case_change_level(
            actor=actor,
            access=reload(world, access.case.pk),
            to_level=to_level,
            reason=reason,
            stafettholder_id=own_row(access).pk,
        )
    changes = list(access.case.level_changes.filter(decision=Decision.CHANGE))
    assert [(c.from_level, c.to_level, c.reason) for c in changes] == [
        (0, 3, steps[0][1]),
        (3, 1, steps[1][1]),
        (1, 2, steps[2][1]),
    ]
    for change in changes:
        assert change.decided_by == world.users[HOLDER]
        assert timezone.localdate(change.decided_at) == timezone.localdate()
    assert Case.objects.get(pk=access.case.pk).level == 2


def test_moving_to_the_same_level_is_refused(world: World) -> None:
    access = open_case(world)
    with pytest.raises(ValidationError) as excinfo:
        case_change_level(
            actor=actor_for(world.users[HOLDER]), access=access, to_level=0, reason="Ingen endring"
        )
    assert field_errors(excinfo) == {"to_level": [str(MSG_SAME_LEVEL)]}


def test_level_above_0_without_stafettholder_requires_one_and_writes_nothing(
    world: World,
) -> None:
    access = open_case(world)
    audit_before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        case_change_level(
            actor=actor_for(world.users[HOLDER]), access=access, to_level=1, reason="Tiltak"
        )
    assert field_errors(excinfo) == {"stafettholder": [str(MSG_STAFETTHOLDER_REQUIRED)]}
    case = Case.objects.get(pk=access.case.pk)
    assert case.level == 0 and case.level0_decided_at is None
    assert not case.level_changes.filter(decision=Decision.CHANGE).exists()
    assert not case.participants.filter(role=ParticipantRole.STAFETTHOLDER).exists()
    assert AuditEvent.objects.count() == audit_before


def test_stafettholder_must_be_a_person_not_a_whole_unit(world: World) -> None:
    access = open_case(world)
    unit_row = participant_add(
        actor=actor_for(world.users[HOLDER]),
        access=access,
        unit_id=world.units["ppt"].pk,
        legal_basis=LegalBasis.STATUTE,
        statute="samarbeid-opplaering",
    )
    with pytest.raises(ValidationError) as excinfo:
        case_change_level(
            actor=actor_for(world.users[HOLDER]),
            access=reload(world, access.case.pk),
            to_level=2,
            reason="Samarbeid med PPT",
            stafettholder_id=unit_row.pk,
        )
    assert field_errors(excinfo) == {"stafettholder": [str(MSG_STAFETTHOLDER_MUST_BE_PERSON)]}
    assert Case.objects.get(pk=access.case.pk).level == 0


# --- report of concern, identify, close ------------------------------------------------------


def test_report_of_concern_adds_child_welfare_on_a_statutory_basis(world: World) -> None:
    access = open_case(world)
    _report(world, access)
    change = access.case.level_changes.get(decision=Decision.REPORT)
    assert change.decided_by == world.users[HOLDER] and change.reason == "Meldeplikt"
    child_welfare = access.case.participants.get(unit=world.units["child_welfare"])
    assert child_welfare.user_id is None
    assert child_welfare.legal_basis == LegalBasis.STATUTE
    assert child_welfare.statute_key == DUTY_TO_REPORT
    assert child_welfare.basis_ref == NATIONAL_BY_KEY[DUTY_TO_REPORT].reference
    assert child_welfare.is_active


def test_report_of_concern_goes_only_to_child_welfare(world: World) -> None:
    access = open_case(world)
    with pytest.raises(ValidationError) as excinfo:
        case_report_concern(
            actor=actor_for(world.users[HOLDER]),
            access=access,
            reason="Meldeplikt",
            child_welfare_unit_id=world.units["school"].pk,
        )
    assert field_errors(excinfo) == {"child_welfare_unit": [str(MSG_NOT_CHILD_WELFARE)]}
    assert not access.case.level_changes.filter(decision=Decision.REPORT).exists()


def test_closing_records_reason_person_and_date(world: World) -> None:
    access = open_case(world)
    _close(world, access)
    case = Case.objects.get(pk=access.case.pk)
    assert case.is_closed and case.closed_by == world.users[HOLDER]
    assert case.close_reason == "Bekymringen avkreftet"
    change = case.level_changes.get(decision=Decision.CLOSE)
    assert change.reason == case.close_reason
    assert timezone.localdate(change.decided_at) == timezone.localdate()


def test_identify_creates_the_subject_for_a_de_identified_case(world: World) -> None:
    access = open_case(world)
    subject = case_identify(
        actor=actor_for(world.users[HOLDER]),
        access=access,
        given_name="Tuva",
        family_name="Strømsnes",
        birth_date=datetime.date(2021, 3, 14),
    )
    assert Case.objects.get(pk=access.case.pk).subject == subject
    assert subject.municipality == world.municipality and subject.kind == SubjectKind.CHILD


def test_identify_never_reuses_another_cases_person_or_guardians(
    world: World, settings: Settings
) -> None:
    """Reproduction 1 of issue 11: typing a child's national id into a new concern tied the new
    case to the record of another case, with that case's name and guardians."""
    settings.LAGET_SYNTHETIC_IDS = True
    national_id = synthetic_id()
    holder = world.users[HOLDER]
    first = open_case(world)
    case_identify(
        actor=actor_for(holder),
        access=first,
        given_name="Tuva",
        family_name="Strømsnes",
        national_id=national_id,
    )
    guardian_add(
        actor=actor_for(holder),
        access=reload(world, first.case.pk),
        name="Rita Strømsnes",
        phone="40000001",
    )
    teacher = world.users["other_unit"]
    opened = case_open(
        actor=actor_for(teacher), user=teacher, unit_id=world.units["school"].pk, label="Elev"
    )
    second = case_for(teacher, opened.pk, need=Need.COORDINATE, audit=False)
    subject = case_identify(
        actor=actor_for(teacher),
        access=second,
        given_name="Hvem",
        family_name="Somhelst",
        national_id=national_id,
    )
    assert subject.pk != Case.objects.get(pk=first.case.pk).subject_id
    assert subject.full_name == "Hvem Somhelst"
    assert list(subject.guardians.all()) == []
    assert Subject.objects.with_national_id(national_id).count() == 2


def test_identify_tells_the_other_open_log_and_not_the_opener(
    world: World, settings: Settings
) -> None:
    settings.LAGET_SYNTHETIC_IDS = True
    national_id = synthetic_id()
    holder = world.users[HOLDER]
    first = open_case(world)
    case_identify(
        actor=actor_for(holder),
        access=first,
        given_name="Tuva",
        family_name="Strømsnes",
        national_id=national_id,
    )
    teacher = world.users["other_unit"]
    opened = case_open(
        actor=actor_for(teacher), user=teacher, unit_id=world.units["school"].pk, label="Elev"
    )
    second = case_for(teacher, opened.pk, need=Need.COORDINATE, audit=False)
    case_identify(
        actor=actor_for(teacher),
        access=second,
        given_name="Tuva",
        family_name="Strømsnes",
        national_id=national_id,
    )
    notice = SameChildNotice.objects.get(case_id=first.case.pk)
    assert (notice.case_id, notice.unit_id) == (first.case.pk, world.units["school"].pk)
    sent = Notification.objects.filter(kind=Kind.CASE_NOTICE)
    assert [(n.recipient, n.case_id) for n in sent] == [(holder.email, first.case.pk)]
    # The opener's case knows nothing of the first one, and the teacher still cannot open it.
    assert not SameChildNotice.objects.filter(case_id=opened.pk).exists()
    with pytest.raises(Http404):
        case_for(teacher, first.case.pk, audit=False)
    # Identifying a third time from the same unit while the notice is open adds nothing.
    third = case_open(
        actor=actor_for(teacher), user=teacher, unit_id=world.units["school"].pk, label="Elev 2"
    )
    case_identify(
        actor=actor_for(teacher),
        access=case_for(teacher, third.pk, need=Need.COORDINATE, audit=False),
        given_name="T",
        family_name="S",
        national_id=national_id,
    )
    assert SameChildNotice.objects.filter(case_id=first.case.pk).count() == 1
    # The stafettholder marks it handled.
    same_child_notice_handle(
        actor=actor_for(holder), access=reload(world, first.case.pk), notice_id=notice.pk
    )
    notice.refresh_from_db()
    assert notice.handled_by == holder


def test_identify_with_an_invalid_national_id_is_refused_and_writes_nothing(
    world: World, settings: Settings
) -> None:
    settings.LAGET_SYNTHETIC_IDS = True
    valid = synthetic_id()
    wrong = valid[:10] + str((int(valid[10]) + 1) % 10)
    access = open_case(world)
    subjects = Subject.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        case_identify(
            actor=actor_for(world.users[HOLDER]),
            access=access,
            given_name="Tuva",
            family_name="Strømsnes",
            national_id=wrong,
        )
    assert field_errors(excinfo) == {"national_id": [str(MSG_BAD_CHECKSUM)]}
    assert Subject.objects.count() == subjects
    assert Case.objects.get(pk=access.case.pk).subject is None


def test_identify_twice_is_refused(world: World) -> None:
    access = case_for(world.users[HOLDER], world.case.pk, need=Need.COORDINATE, audit=False)
    with pytest.raises(ValidationError) as excinfo:
        case_identify(
            actor=actor_for(world.users[HOLDER]), access=access, given_name="A", family_name="B"
        )
    assert excinfo.value.messages == [str(MSG_ALREADY_IDENTIFIED)]


def test_identifying_by_national_id_alone_takes_the_birth_date_from_it(world: World) -> None:
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    case = case_open(
        actor=actor, user=holder, unit_id=world.units["kindergarten"].pk, label="Ungdom"
    )
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    # 3 August 2012 as a synthetic number (month + 80), with the first individual number of
    # the 2000s (500–999) that has valid check digits.
    nine = next(f"038812{n:03d}" for n in range(500, 1000) if check_digits(f"038812{n:03d}"))
    national_id = nine + (check_digits(nine) or "")
    subject = case_identify(
        actor=actor, access=access, given_name="Tiril", family_name="Aasmo", national_id=national_id
    )
    assert subject.birth_date == datetime.date(2012, 8, 3)
