"""Starting a scenario and resetting the practice area.

A scenario is played through the real services, inside the practice scope, so a practice case
is built by the same rules as a real one (laget/practice/__init__.py says why nothing of it
reaches the real world)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.audit.models import Via
from laget.audit.services import Actor
from laget.cases.access import CaseAccess, Need, case_for, practice_cases
from laget.cases.choices import LegalBasis, MeasureStatus
from laget.cases.models import (
    BatonHandover,
    Case,
    Entry,
    LevelChange,
    Measure,
    MeasureEvaluation,
    Meeting,
    MeetingAttendee,
    Participant,
    SameChildNotice,
    Transition,
)
from laget.cases.services.entries import entry_create
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_identify, case_open
from laget.cases.services.measures import measure_create
from laget.cases.services.meetings import meeting_create
from laget.cases.services.participants import participant_add
from laget.consent.models import (
    Channel,
    ClosingRequest,
    Consent,
    ConsentEvent,
    ConsentParty,
    WithdrawalNotice,
)
from laget.consent.services import consent_give, consent_request
from laget.family.models import (
    AccessRequest,
    CareOrder,
    HoldBack,
    LeaveOutRequest,
    ParticipantAnswer,
    Restriction,
)
from laget.folkeregister.models import RegisterNotice
from laget.lib.practice import practice_scope
from laget.orgs.models import Unit
from laget.orgs.selectors import staff_profile
from laget.people.models import Guardian, Subject
from laget.plans.models import PlanCoordinator, PlanDecision, PlanHandover
from laget.practice.models import ScenarioRun
from laget.practice.scenarios import SCENARIOS_BY_KEY, Scenario
from laget.retention.models import LegalHold
from laget.tools.models import FilledTool

MSG_UNKNOWN_SCENARIO = _("Velg en av øvelsene i listen.")
MSG_NO_UNIT = _("Du må være ansatt i en enhet for å øve på saker.")
CONSENT_PURPOSE = "Samarbeid mellom tjenestene om tiltak for barnet (øvelse)"


def practice_unit(user: User) -> Unit | None:
    """The unit a practice case is set in: the user's first unit (as the access log names it)."""
    profile = staff_profile(user)
    units = Unit.objects.filter(pk__in=profile.unit_ids, is_active=True)
    return units.filter(name=profile.unit_name).first() or units.order_by("name", "pk").first()


def _other_unit(unit: Unit, kinds: tuple[str, ...]) -> Unit | None:
    """Another active service of the municipality, by the scenario's preferred kinds."""
    others = Unit.objects.filter(municipality_id=unit.municipality_id, is_active=True).exclude(
        pk=unit.pk
    )
    for kind in kinds:
        found = others.filter(kind=kind).order_by("name", "pk").first()
        if found is not None:
            return found
    return others.order_by("name", "pk").first() if kinds else None


def _access(user: User, case_id: int) -> CaseAccess:
    return case_for(user, case_id, need=Need.COORDINATE, audit=False)


def practice_start(*, user: User, scenario_key: str) -> Case:
    """A new practice case from the scenario, in the user's unit, with the user holding the
    baton from level 1. Two starts at once may draw the same practice number: the loser is
    tried again."""
    scenario = SCENARIOS_BY_KEY.get(scenario_key)
    if scenario is None:
        raise ValidationError({"scenario": MSG_UNKNOWN_SCENARIO}, code="unknown")
    unit = practice_unit(user)
    if unit is None:
        raise ValidationError(MSG_NO_UNIT, code="no_unit")
    for attempt in range(3):
        try:
            return _play(user=user, unit=unit, scenario=scenario)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def _play(*, user: User, unit: Unit, scenario: Scenario) -> Case:
    actor = Actor(user=user, via=Via.WEB, unit_name=unit.name)
    with practice_scope():
        case = case_open(
            actor=actor,
            user=user,
            unit_id=unit.pk,
            label=scenario.label,
            level=scenario.level,
            reason=scenario.reason,
            observation=scenario.observation,
            practice=True,
        )
        if scenario.child is not None:
            _family(actor, user, case, scenario)
        other = _other_unit(unit, scenario.other_service)
        if other is not None and scenario.child is not None:
            _second_service(actor, user, case, unit, other)
        access = _access(user, case.pk)
        _content(actor, access, scenario)
        ScenarioRun.objects.create(case=case, owner=user, scenario=scenario.key)
    case.refresh_from_db()
    return case


def _family(actor: Actor, user: User, case: Case, scenario: Scenario) -> None:
    child = scenario.child
    assert child is not None
    today = timezone.localdate()
    case_identify(
        actor=actor,
        access=_access(user, case.pk),
        given_name=child.given_name,
        family_name=child.family_name,
        birth_date=today - datetime.timedelta(days=child.age_days),
    )
    access = _access(user, case.pk)
    for member in scenario.family:
        guardian_add(
            actor=actor, access=access, name=member.name, relation=member.relation, role=member.role
        )


def _second_service(actor: Actor, user: User, case: Case, unit: Unit, other: Unit) -> None:
    """The family's consent for both services (given digitally by every party), and the other
    service taking part on it, as a unit."""
    consent = consent_request(
        actor=actor,
        access=_access(user, case.pk),
        unit_ids=[unit.pk, other.pk],
        purpose=CONSENT_PURPOSE,
    )
    family = Actor(user=user, via=Via.SYSTEM, unit_name=unit.name)
    for party in consent.parties.all():
        consent = consent_give(
            actor=family,
            consent=consent,
            guardian=party.guardian,
            child=party.is_child,
            channel=Channel.DIGITAL,
        )
    participant_add(
        actor=actor,
        access=_access(user, case.pk),
        unit_id=other.pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=consent.pk,
    )


def _content(actor: Actor, access: CaseAccess, scenario: Scenario) -> None:
    case = access.case
    today = timezone.localdate()
    participants = list(case.participants.filter(left_at__isnull=True).order_by("pk"))
    mine = next(p for p in participants if p.user_id == actor.user.pk)  # type: ignore[union-attr]
    theirs = next((p for p in participants if p.user_id is None), mine)
    for note in scenario.notes:
        entry_create(
            actor=actor, access=access, kind=note.kind, text=note.text, audience=note.audience
        )
    for plan in scenario.measures:
        measure_create(
            actor=actor,
            access=access,
            title=plan.title,
            goal=plan.goal,
            arena=plan.arena,
            responsible_id=(theirs if plan.by_other else mine).pk,
            start_date=today - datetime.timedelta(days=plan.started_days_ago),
            evaluation_date=today + datetime.timedelta(days=plan.evaluation_in_days),
            status=MeasureStatus.ACTIVE,
        )
    if scenario.meeting_in_days is not None:
        day = today + datetime.timedelta(days=scenario.meeting_in_days)
        starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
        guardians = case.subject.guardians.values_list("pk", flat=True) if case.subject else []
        meeting_create(
            actor=actor,
            access=access,
            starts_at=starts_at,
            kind=scenario.meeting_kind,
            place="Møterommet (øvelse)",
            agenda="1. Hvordan går det?\n2. Evaluering av tiltakene\n3. Veien videre",
            participant_ids=[p.pk for p in participants],
            guardian_ids=list(guardians),
        )


# The rows a practice case can own, in an order where nothing still points at a row being
# deleted (several references between them are protected).
OWNED: tuple[tuple[type[Model], str], ...] = (
    (LeaveOutRequest, "attendee__meeting__case_id__in"),
    (ParticipantAnswer, "participant__case_id__in"),
    (HoldBack, "case_id__in"),
    (AccessRequest, "case_id__in"),
    (CareOrder, "case_id__in"),
    (Restriction, "case_id__in"),
    (ClosingRequest, "case_id__in"),
    (WithdrawalNotice, "case_id__in"),
    (PlanHandover, "case_id__in"),
    (PlanCoordinator, "case_id__in"),
    (PlanDecision, "case_id__in"),
    (LegalHold, "case_id__in"),
    (FilledTool, "case_id__in"),
    (Entry, "case_id__in"),
    (Transition, "case_id__in"),
    (MeasureEvaluation, "measure__case_id__in"),
    (Measure, "case_id__in"),
    (MeetingAttendee, "meeting__case_id__in"),
    (Meeting, "case_id__in"),
    (BatonHandover, "case_id__in"),
    (SameChildNotice, "case_id__in"),
    (RegisterNotice, "case_id__in"),
    (LevelChange, "case_id__in"),
    (Participant, "case_id__in"),
    (ConsentEvent, "consent__case_id__in"),
    (ConsentParty, "consent__case_id__in"),
    (Consent, "case_id__in"),
    (ScenarioRun, "case_id__in"),
)


@transaction.atomic
def practice_reset(*, user: User) -> int:
    """Remove the user's practice cases with everything in them; returns how many. Nothing of
    them is anywhere else (no access log rows, no e-mails, no figures)."""
    return _remove(practice_cases(user))


@transaction.atomic
def practice_clean(*, today: datetime.date | None = None) -> int:
    """The nightly clean-up: practice cases started more than settings.LAGET_PRACTICE_KEEP_DAYS
    ago, and every practice case of a user who can no longer log in, are removed as a reset
    removes them (the practice area says so). Returns how many."""
    today = today or timezone.localdate()
    keep_from = today - datetime.timedelta(days=settings.LAGET_PRACTICE_KEEP_DAYS)
    stale = Case.all_objects.filter(is_practice=True).filter(
        Q(opened_at__lt=_midnight(keep_from)) | Q(practice_owner__is_active=False)
    )
    return _remove(stale)


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _remove(cases: QuerySet[Case]) -> int:
    cases = cases.select_for_update(of=("self",))
    ids = list(cases.values_list("pk", flat=True))
    if not ids:
        return 0
    subject_ids = [s for s in cases.values_list("subject_id", flat=True) if s is not None]
    for model, path in OWNED:
        model._base_manager.filter(**{path: ids}).delete()
    Case.all_objects.filter(pk__in=ids).delete()
    Guardian.objects.filter(subject_id__in=subject_ids).delete()
    Subject.objects.filter(pk__in=subject_ids).delete()
    return len(ids)
