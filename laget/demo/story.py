"""One demo case, told step by step through the case services, then placed in time.

Every write goes through laget.cases.services, exactly as a user's would (with the same access
checks via case_for). The services stamp "now"; a story happens over weeks, so after each step
the rows it wrote get their real-looking timestamp with a queryset update. Audit rows are left
as they are: they are immutable and truthfully say when the demo was loaded.

Days are offsets from today: -30 is thirty days ago, 7 is a week from now. Steps must go
forward in time, and every step happens in the past.
"""

import datetime
import random
from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone

from laget.audit.models import Via
from laget.audit.services import Actor
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import (
    Audience,
    Decision,
    EntryKind,
    LegalBasis,
    MeasureStatus,
    MeetingKind,
    MeetingStatus,
)
from laget.cases.models import (
    BatonHandover,
    Case,
    Entry,
    LevelChange,
    Measure,
    Meeting,
    Participant,
    Transition,
)
from laget.cases.services.entries import entry_create, entry_create_by_family
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import (
    case_change_level,
    case_close,
    case_identify,
    case_open,
    case_register_birth,
    case_report_concern,
)
from laget.cases.services.measures import measure_create, measure_evaluate
from laget.cases.services.meetings import meeting_create, meeting_update
from laget.cases.services.participants import baton_hand_over, participant_add, participant_leave
from laget.cases.services.register import case_identify_from_register, register_proposal
from laget.cases.services.transitions import transition_create
from laget.consent.models import Channel, Consent, ConsentEvent, ConsentParty, EventKind
from laget.consent.services import consent_give, consent_request, consent_withdraw
from laget.demo.population import Family
from laget.demo.town import Town
from laget.family.access import member_view
from laget.family.access_requests import access_request_record
from laget.family.choices import ProposalAnswer
from laget.family.models import CareOrder, HoldBack, ParticipantAnswer, Restriction
from laget.family.proposals import participant_answer
from laget.family.services import (
    care_order_record,
    member_update,
    restriction_decide,
    restriction_propose,
)
from laget.family.voice import child_view_write
from laget.orgs.actors import actor_for
from laget.people.models import RESPONSIBLE_ROLES, Guardian, Subject, SubjectKind
from laget.people.national_id import check_digits
from laget.plans.models import PlanDecision
from laget.plans.services import plan_coordinator_name, plan_decision_record
from laget.portal.services import portal_user_for_guardian, portal_user_for_subject


class Story:
    def __init__(self, town: Town, rng: random.Random) -> None:
        self.town = town
        self.rng = rng
        self._case: Case | None = None
        # Participants by username (a person) or unit key (a unit as a whole).
        self.people: dict[str, Participant] = {}
        self.guardians: list[Guardian] = []
        # The family's consents so far, with the unit keys each one names.
        self.consents: list[tuple[Consent, frozenset[str]]] = []
        self.lead = ""  # who acts when a step names nobody: the opener, then the holder
        self._last: datetime.datetime | None = None
        self._seen_participant = 0
        # case_for per (user, need), until a step changes who takes part or the case itself.
        self._access: dict[tuple[str, Need], CaseAccess] = {}

    # --- time -------------------------------------------------------------------------------

    def date(self, day: int) -> datetime.date:
        return self.town.today + datetime.timedelta(days=day)

    def born(self, years: int, months: int = 0) -> datetime.date:
        return self.date(-(years * 365 + years // 4 + months * 30 + self.rng.randint(0, 25)))

    def _at(self, day: int) -> datetime.datetime:
        if day >= 0:
            raise ValueError("a story step happens in the past")
        date = self.date(day)
        if self._last is not None and self._last.date() == date:
            return self._bump(self._last + datetime.timedelta(minutes=self.rng.randint(10, 70)))
        hour, minute = self.rng.choice((8, 9, 10, 11, 12, 13, 14)), self.rng.choice((0, 15, 30))
        moment = timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute)))
        if self._last is not None and moment < self._last:
            raise ValueError("story steps must go forward in time")
        return self._bump(moment)

    def _bump(self, moment: datetime.datetime) -> datetime.datetime:
        self._last = timezone.localtime(moment)
        return self._last

    def meeting_time(self, day: int, hour: int | None = None) -> datetime.datetime:
        hour = hour if hour is not None else self.rng.choice((8, 9, 10, 12, 13, 14))
        clock = datetime.time(hour, self.rng.choice((0, 30)))
        return timezone.make_aware(datetime.datetime.combine(self.date(day), clock))

    # --- access -----------------------------------------------------------------------------

    @property
    def case(self) -> Case:
        assert self._case is not None, "open the case first"
        return self._case

    def _as(self, by: str | None, need: Need) -> tuple[Actor, CaseAccess]:
        username = by or self.lead
        user = self.town.users[username]
        key = (username, need)
        if key not in self._access:
            self._access[key] = case_for(user, self.case.pk, need=need, audit=False)
        return actor_for(user, Via.SYSTEM), self._access[key]

    def _changed(self) -> None:
        self._access.clear()

    def _stamp_new_participants(self, at: datetime.datetime) -> None:
        self._changed()
        new = Participant.objects.filter(case=self.case, pk__gt=self._seen_participant)
        new.update(joined_at=at)
        for p in new:
            self.people.setdefault(p.user.username if p.user else self._unit_key(p.unit_id), p)
        self._seen_participant = max([self._seen_participant, *(p.pk for p in new)])

    def _unit_key(self, unit_id: int) -> str:
        return next(k for k, u in self.town.units.items() if u.pk == unit_id)

    def _decided(self, at: datetime.datetime) -> None:
        """Back-date the level-0 decision if the step just made it."""
        self._changed()
        Case.objects.filter(pk=self.case.pk, level0_decided_at__gt=at).update(level0_decided_at=at)

    # --- the case ---------------------------------------------------------------------------

    def open(
        self,
        day: int,
        by: str,
        *,
        label: str = "",
        level: int = 0,
        reason: str = "",
        observation: str = "",
    ) -> "Story":
        user = self.town.users[by]
        self._case = case_open(
            actor=actor_for(user, Via.SYSTEM),
            user=user,
            unit_id=self.town.units[self.town.home[by]].pk,
            label=label,
            level=level,
            reason=reason,
            observation=observation,
        )
        self.lead = by
        at = self._at(day)
        deadline = datetime.timedelta(days=self.town.municipality.level0_deadline_days)
        Case.objects.filter(pk=self.case.pk).update(
            opened_at=at,
            level0_due=timezone.localdate(at) + deadline if level == 0 else None,
            level0_decided_at=at if level else None,
        )
        LevelChange.objects.filter(case=self.case).update(decided_at=at)
        Entry.objects.filter(case=self.case).update(created_at=at)
        self._stamp_new_participants(at)
        return self

    def identify(
        self,
        given_name: str,
        family_name: str,
        birth_date: datetime.date,
        *,
        by: str | None = None,
        kind: str = SubjectKind.CHILD,
        due_date: datetime.date | None = None,
    ) -> Subject:
        actor, access = self._as(by, Need.COORDINATE)
        subject = case_identify(
            actor=actor,
            access=access,
            kind=kind,
            given_name=given_name,
            family_name=family_name,
            birth_date=birth_date,
            due_date=due_date,
            national_id=self._synthetic_id(birth_date),
        )
        Subject.objects.filter(pk=subject.pk).update(created_at=self.case.opened_at)
        self.case.subject = subject
        self._changed()
        return subject

    def identify_from_register(self, family: Family, *, by: str | None = None) -> list[Guardian]:
        """Identify the child through the population register, as a municipality using Laget
        does: the stafettholder looks the child up (laget/cases/services/register.py) and
        confirms the family the register proposes: names, national ids, parental
        responsibility, shared residence, protection, the Sami language. The members come
        back in the order the family names its parents (the dead are not proposed); those with
        parental responsibility are the family the story's meetings invite."""
        register = self.town.register
        assert register is not None, "seed_demo opens the register for the stories"
        actor, access = self._as(by, Need.COORDINATE)
        national_id = self.town.register_ids[family.key]
        proposal = register_proposal(
            actor=actor, access=access, national_id=national_id, register=register
        )
        subject = case_identify_from_register(
            actor=actor,
            access=access,
            national_id=national_id,
            chosen={m.key for m in proposal.members},
            register=register,
        )
        Subject.objects.filter(pk=subject.pk).update(created_at=self.case.opened_at)
        self.case.subject = subject
        self._changed()
        added = {g.name: g for g in Guardian.objects.filter(subject=subject)}
        members = [added[p.name] for p in family.parents if p.name in added]
        # Meetings invite those with parental responsibility, as when they were typed in.
        self.guardians += [m for m in members if m.role in RESPONSIBLE_ROLES]
        return members

    def _synthetic_id(self, birth: datetime.date) -> str:
        """A test number of the tax authority's kind (month + 80), never a real person's."""
        if not getattr(settings, "LAGET_SYNTHETIC_IDS", False):
            return ""
        low, high = (500, 999) if birth.year >= 2000 else (100, 499)
        while True:
            individual = self.town.id_rng.randint(low, high)
            nine = f"{birth:%d}{birth.month + 80:02d}{birth:%y}{individual:03d}"
            digits = check_digits(nine)
            if digits and nine + digits not in self.town.used_national_ids:
                self.town.used_national_ids.add(nine + digits)
                return nine + digits

    def guardian(
        self,
        name: str,
        relation: str,
        *,
        responsibility: bool = True,
        role: str = "",
        protected: str = "",
        language: str = "",
        interpreter: str = "",
        by: str | None = None,
    ) -> Guardian:
        """A family member; `role` (people.FamilyRole) decides what they read, `protected` is a
        protected address from the population register; `language` the language they read and
        `interpreter` the interpreter they need (laget.people.interpreting)."""
        actor, access = self._as(by, Need.COORDINATE)
        guardian = guardian_add(
            actor=actor,
            access=access,
            name=name,
            relation=relation,
            has_parental_responsibility=responsibility,
            role=role,
            protected_address=protected,
        )
        if language or interpreter:
            guardian = self.language_needs(
                guardian, language=language, interpreter=interpreter, by=by
            )
        self.guardians.append(guardian)
        return guardian

    def language_needs(
        self, member: Guardian, *, language: str, interpreter: str, by: str | None = None
    ) -> Guardian:
        """The language a member reads and the interpreter they need, as the family says."""
        actor, access = self._as(by, Need.COORDINATE)
        updated = member_update(
            actor=actor,
            access=access,
            guardian=member,
            role=member.role,
            protected_address=member.protected_address,
            language=language,
            interpreter=interpreter,
        )
        self.guardians = [updated if g.pk == updated.pk else g for g in self.guardians]
        return updated

    def restrict(
        self,
        day: int,
        member: Guardian,
        reason: str,
        *,
        approver: str,
        parts: Sequence[str] = (),
        entries: Sequence[Entry] = (),
        measures: Sequence[Measure] = (),
        meetings: Sequence[Meeting] = (),
        whole_log: bool = False,
        note: str = "",
        by: str | None = None,
    ) -> Restriction:
        """The stafettholder proposes shutting a member out; a leader of the unit approves."""
        actor, access = self._as(by, Need.COORDINATE)
        restriction = restriction_propose(
            actor=actor,
            access=access,
            guardian_id=member.pk,
            whole_log=whole_log,
            parts=parts,
            entry_ids=[e.pk for e in entries],
            measure_ids=[m.pk for m in measures],
            meeting_ids=[m.pk for m in meetings],
            reason=reason,
            note=note,
        )
        leader, leader_access = self._as(approver, Need.READ)
        restriction = restriction_decide(
            actor=leader, access=leader_access, restriction=restriction, approve=True
        )
        at = self._at(day)
        Restriction.objects.filter(pk=restriction.pk).update(proposed_at=at, decided_at=at)
        return restriction

    def care_order(
        self,
        day: int,
        *,
        by: str,
        parent_parts: Sequence[str] = (),
        foster_parts: Sequence[str] = (),
    ) -> CareOrder:
        """Child welfare takes over the care from `day` and grants what each side reads."""
        actor, access = self._as(by, Need.READ)
        order = care_order_record(
            actor=actor,
            access=access,
            unit_id=self.town.units["bv"].pk,
            starts_on=self.date(day),
            parent_parts=parent_parts,
            foster_parts=foster_parts,
        )
        CareOrder.objects.filter(pk=order.pk).update(recorded_at=self._at(day))
        self._changed()
        return order

    def birth(
        self, day: int, given_name: str, family_name: str, *, by: str | None = None
    ) -> Subject:
        """The child of a log opened in pregnancy is born on `day`; the log goes on as theirs."""
        actor, access = self._as(by, Need.COORDINATE)
        born = self.date(day)
        subject = case_register_birth(
            actor=actor,
            access=access,
            given_name=given_name,
            family_name=family_name,
            birth_date=born,
            national_id=self._synthetic_id(born),
        )
        at = self._at(day)
        self.case.participants.filter(left_at__isnull=False).update(left_at=at)
        Entry.objects.filter(case=self.case, created_at__gt=at).filter(
            author_unit__isnull=False, kind=EntryKind.NOTE
        ).update(created_at=at, updated_at=at)
        self.case.subject = subject
        self._changed()
        return subject

    def withdraw(self, day: int, consent: Consent, member: Guardian) -> None:
        """One guardian withdraws the case's consent in the family portal."""
        family = Actor(user=portal_user_for_guardian(member), via=Via.PORTAL)
        consent_withdraw(actor=family, consent=consent, guardian=member)
        at = self._at(day)
        Consent.objects.filter(pk=consent.pk).update(withdrawn_at=at)
        ConsentEvent.objects.filter(consent=consent, kind=EventKind.WITHDRAWN).update(at=at)
        ConsentParty.objects.filter(consent=consent, guardian=member).update(responded_at=at)
        self._changed()

    def decline(self, day: int, key: str, member: Guardian) -> None:
        """A guardian declines a proposed participant in the portal: they never read."""
        user = portal_user_for_guardian(member)
        view = member_view(self.case, guardian=member)
        answer = participant_answer(
            actor=Actor(user=user, via=Via.PORTAL),
            case=self.case,
            view=view,
            participant_id=self.people[key].pk,
            answer=ProposalAnswer.DECLINED,
        )
        ParticipantAnswer.objects.filter(pk=answer.pk).update(at=self._at(day))
        self._changed()

    def consent(
        self,
        day: int,
        units: Sequence[str],
        purpose: str = "",
        *,
        for_guardian: Guardian | None = None,
        care_by: str = "henrik",
        by: str | None = None,
    ) -> Consent:
        """Ask the family to consent to the named units taking part; each party gives it the
        same day: the guardians digitally in the family portal (from the age limit the person
        themselves), under a care order child welfare by `care_by`. With `for_guardian`, a
        consent for that member's own help: theirs alone."""
        actor, access = self._as(by, Need.COORDINATE)
        asked = self._at(day)
        consent = consent_request(
            actor=actor,
            access=access,
            unit_ids=[self.town.units[u].pk for u in units],
            purpose=purpose or self._purpose(),
            for_guardian_id=for_guardian.pk if for_guardian else None,
        )
        # The family answers in the portal; the demo loader writes it, so it is the actor.
        family = Actor(user=None, via=Via.SYSTEM)
        for party in consent.parties.all():
            if party.care_unit_id:
                care_actor, care_access = self._as(care_by, Need.READ)
                consent = consent_give(actor=care_actor, consent=consent, care=care_access)
                continue
            consent = consent_give(
                actor=family,
                consent=consent,
                guardian=party.guardian,
                child=party.is_child,
                channel=Channel.DIGITAL,
            )
        given = self._at(day)
        Consent.objects.filter(pk=consent.pk).update(requested_at=asked, given_at=given)
        events = ConsentEvent.objects.filter(consent=consent)
        events.filter(kind=EventKind.REQUESTED).update(at=asked)
        events.exclude(kind=EventKind.REQUESTED).update(at=given)
        ConsentParty.objects.filter(consent=consent).update(responded_at=given)
        self.consents.append((consent, frozenset(units)))
        return consent

    def _purpose(self) -> str:
        if self._is_pregnancy():
            return "Samarbeid om oppfølging i svangerskapet og etter fødselen"
        return "Samarbeid om tiltak for barnet"

    def _consent_for(self, day: int, unit: str) -> Consent:
        """The family's consent that names the unit; asked for and given now if there is none."""
        for consent, units in self.consents:
            if unit in units:
                return consent
        return self.consent(day, [unit])

    def join(
        self,
        day: int,
        unit: str,
        user: str | None = None,
        *,
        statute: str = "",
        by: str | None = None,
    ) -> Participant:
        """Bring a unit, or one of its people, into the case: on the family's consent for the
        unit (asked for first if there is none) unless a statute of the list is named by its
        key (cases.statutes)."""
        consent = None if statute else self._consent_for(day, unit)
        actor, access = self._as(by, Need.COORDINATE)
        at = self._at(day)
        participant_add(
            actor=actor,
            access=access,
            unit_id=self.town.units[unit].pk,
            user_id=self.town.users[user].pk if user else None,
            legal_basis=LegalBasis.STATUTE if statute else LegalBasis.CONSENT,
            statute=statute,
            consent_id=consent.pk if consent else None,
        )
        self._stamp_new_participants(at)
        return self.people[user or unit]

    def _is_pregnancy(self) -> bool:
        return self.case.subject is not None and self.case.subject.kind == SubjectKind.PREGNANT

    def level(
        self, day: int, to: int, reason: str, *, holder: str | None = None, by: str | None = None
    ) -> None:
        actor, access = self._as(by, Need.COORDINATE)
        change = case_change_level(
            actor=actor,
            access=access,
            to_level=to,
            reason=reason,
            stafettholder_id=self.people[holder].pk if holder else None,
        )
        at = self._at(day)
        LevelChange.objects.filter(pk=change.pk).update(decided_at=at)
        self._decided(at)
        if holder:
            self.lead = holder

    def entry(
        self,
        day: int,
        kind: str,
        text: str,
        *,
        by: str | None = None,
        audience: str = Audience.PROFESSIONALS,
        meeting: Meeting | None = None,
    ) -> Entry:
        actor, access = self._as(by, Need.WRITE)
        entry = entry_create(
            actor=actor,
            access=access,
            kind=kind,
            text=text,
            audience=audience,
            meeting_id=meeting.pk if meeting else None,
        )
        at = self._at(day)
        Entry.objects.filter(pk=entry.pk).update(created_at=at, updated_at=at)
        return entry

    def family_entry(
        self, day: int, text: str, *, member: Guardian | None = None, kind: str = EntryKind.COMMENT
    ) -> Entry:
        """A comment written in the family portal by a member, or by the child (no member)."""
        subject = self.case.subject
        assert subject is not None
        user = portal_user_for_guardian(member) if member else portal_user_for_subject(subject)
        entry = entry_create_by_family(
            actor=Actor(user=user, via=Via.PORTAL),
            case=self.case,
            kind=kind,
            text=text,
            guardian=member,
            child=member is None,
        )
        at = self._at(day)
        Entry.objects.filter(pk=entry.pk).update(created_at=at, updated_at=at)
        return entry

    def child_view(self, day: int, measure: Measure, text: str) -> None:
        """The child, from the voice age, writes their view of a measure in the portal."""
        subject = self.case.subject
        assert subject is not None
        user = portal_user_for_subject(subject)
        child_view_write(
            actor=Actor(user=user, via=Via.PORTAL),
            case=self.case,
            view=member_view(self.case, child=True),
            obj=measure,
            text=text,
            was="",
        )
        self._at(day)

    def glimmer(self, day: int, text: str, *, by: str | None = None) -> Entry:
        """A lysglimt: a good moment, written for everyone in the case, the family too."""
        return self.entry(day, EntryKind.GLIMMER, text, by=by, audience=Audience.ALL)

    def measure(
        self,
        day: int,
        title: str,
        goal: str,
        arena: str,
        responsible: str,
        *,
        start: int,
        evaluate: int,
        by: str | None = None,
        meeting: Meeting | None = None,
    ) -> Measure:
        actor, access = self._as(by, Need.WRITE)
        measure = measure_create(
            actor=actor,
            access=access,
            title=title,
            goal=goal,
            arena=arena,
            responsible_id=self.people[responsible].pk,
            start_date=self.date(start),
            evaluation_date=self.date(evaluate),
            status=MeasureStatus.ACTIVE if start < 0 else MeasureStatus.PLANNED,
            meeting_id=meeting.pk if meeting else None,
        )
        at = self._at(day)
        Measure.objects.filter(pk=measure.pk).update(created_at=at, updated_at=at)
        return measure

    def evaluate(
        self,
        day: int,
        measure: Measure,
        outcome: str,
        text: str,
        *,
        by: str | None = None,
        status: str = MeasureStatus.COMPLETED,
        next_in_days: int = 42,
    ) -> None:
        """An evaluation on `day`; one that keeps the measure going is evaluated again
        `next_in_days` later."""
        actor, access = self._as(by, Need.WRITE)
        measure.refresh_from_db()
        evaluated_on = self.date(day)
        evaluation = measure_evaluate(
            actor=actor,
            access=access,
            measure=measure,
            expected_version=measure.version,
            outcome=outcome,
            text=text,
            evaluated_on=evaluated_on,
            status=status,
            next_evaluation_on=(
                evaluated_on + datetime.timedelta(days=next_in_days)
                if status == MeasureStatus.ACTIVE
                else None
            ),
        )
        at = self._at(day)
        type(evaluation).objects.filter(pk=evaluation.pk).update(created_at=at)
        Measure.objects.filter(pk=measure.pk).update(updated_at=at)

    def meeting(
        self,
        day: int,
        on: int,
        *,
        agenda: str,
        place: str = "",
        video: bool = False,
        kind: str = MeetingKind.COORDINATION,
        hour: int | None = None,
        who: tuple[str, ...] | None = None,
        guardians: bool = True,
        family: Sequence[Guardian] | None = None,
        by: str | None = None,
    ) -> Meeting:
        """Call a meeting on day `on`, invited on `day`: everyone in the case unless `who`."""
        actor, access = self._as(by, Need.WRITE)
        keys = who if who is not None else tuple(self._active())
        meeting = meeting_create(
            actor=actor,
            access=access,
            starts_at=self.meeting_time(on, hour),
            kind=kind,
            place=place,
            video_url=f"https://video.havbrekke.demo.invalid/m/{self.case.pk}-{on}"
            if video
            else "",
            agenda=agenda,
            participant_ids=[self.people[k].pk for k in keys],
            guardian_ids=[g.pk for g in (self.guardians if family is None else family)]
            if guardians
            else [],
        )
        Meeting.objects.filter(pk=meeting.pk).update(created_at=self._at(day))
        return meeting

    def _active(self) -> list[str]:
        active = set(
            Participant.objects.filter(case=self.case, left_at__isnull=True).values_list(
                "pk", flat=True
            )
        )
        return [k for k, p in self.people.items() if p.pk in active]

    def held(self, meeting: Meeting, minutes: str, *, by: str | None = None) -> None:
        """Mark a past meeting held and write its minutes."""
        actor, access = self._as(by, Need.WRITE)
        meeting.refresh_from_db()
        meeting_update(
            actor=actor,
            access=access,
            meeting=meeting,
            expected_version=meeting.version,
            minutes=minutes,
            status=MeetingStatus.HELD,
        )
        self._bump(max(self._last or meeting.starts_at, meeting.starts_at))

    def baton(self, day: int, to: str, note: str, *, by: str | None = None) -> None:
        actor, access = self._as(by, Need.COORDINATE)
        handover = baton_hand_over(
            actor=actor, access=access, to_participant_id=self.people[to].pk, note=note
        )
        BatonHandover.objects.filter(pk=handover.pk).update(at=self._at(day))
        self._changed()
        self.lead = to

    def leave(self, day: int, key: str, *, by: str | None = None) -> None:
        actor, access = self._as(by, Need.COORDINATE)
        participant_leave(actor=actor, access=access, participant_id=self.people[key].pk)
        Participant.objects.filter(pk=self.people[key].pk).update(left_at=self._at(day))
        self._changed()

    def transition(
        self,
        day: int,
        to_unit: str,
        *,
        date: int,
        meeting_on: int,
        place: str,
        note: str,
        by: str | None = None,
    ) -> Meeting:
        consent = self._consent_for(day, to_unit)
        actor, access = self._as(by, Need.COORDINATE)
        at = self._at(day)
        transition = transition_create(
            actor=actor,
            access=access,
            to_unit_id=self.town.units[to_unit].pk,
            date=self.date(date),
            meeting_at=self.meeting_time(meeting_on, 13),
            place=place,
            legal_basis=LegalBasis.CONSENT,
            consent_id=consent.pk,
            note=note,
        )
        Transition.objects.filter(pk=transition.pk).update(created_at=at)
        Meeting.objects.filter(pk=transition.meeting_id).update(created_at=at)
        self._stamp_new_participants(at)
        return transition.meeting

    def report(self, day: int, reason: str, *, by: str | None = None) -> None:
        """A report of concern to child welfare; the duty to report overrides consent."""
        actor, access = self._as(by, Need.COORDINATE)
        change = case_report_concern(
            actor=actor,
            access=access,
            reason=reason,
            child_welfare_unit_id=self.town.units["bv"].pk,
        )
        at = self._at(day)
        LevelChange.objects.filter(pk=change.pk).update(decided_at=at)
        # The family's view is held back from the report's day, for the set number of days.
        HoldBack.objects.filter(case=self.case, ended_at__isnull=True).update(
            starts_at=at,
            ends_on=self.date(day) + datetime.timedelta(days=settings.LAGET_HOLD_BACK_DAYS),
        )
        self._decided(at)
        self._stamp_new_participants(at)

    # --- the individual plan (laget/plans) and the family's access request -------------------

    def plan_decision(
        self, day: int, decided_by: str, statute: str, grounds: str, *, by: str | None = None
    ) -> None:
        actor, access = self._as(by, Need.COORDINATE)
        decision = plan_decision_record(
            actor=actor,
            access=access,
            decided_on=self.date(day),
            decided_by=decided_by,
            statute=statute,
            grounds=grounds,
        )
        PlanDecision.objects.filter(pk=decision.pk).update(recorded_at=self._at(day))
        self._changed()

    def plan_coordinator(self, day: int, key: str, *, by: str | None = None) -> None:
        actor, access = self._as(by, Need.COORDINATE)
        plan_coordinator_name(
            actor=actor,
            access=access,
            participant_id=self.people[key].pk,
            from_date=self.date(day),
        )
        self._changed()

    def access_request(self, day: int, member: Guardian, *, by: str | None = None) -> None:
        """A member asked for a copy of what they may see (by letter); it is recorded, not yet
        answered, so that its due date shows on the family panel."""
        actor, access = self._as(by, Need.COORDINATE)
        access_request_record(
            actor=actor,
            access=access,
            member=f"g{member.pk}",
            received_on=self.date(day),
            format="pdf",
            delivery="post",
        )

    def close(self, day: int, reason: str, *, by: str | None = None) -> None:
        actor, access = self._as(by, Need.COORDINATE)
        case_close(actor=actor, access=access, reason=reason)
        at = self._at(day)
        LevelChange.objects.filter(case=self.case, decision=Decision.CLOSE).update(decided_at=at)
        Case.objects.filter(pk=self.case.pk).update(closed_at=at)
        self._decided(at)
