"""One log with its history: level changes, participants, consents, measures, meetings,
entries from staff and family, and transitions, each with its audit events."""

import datetime
from typing import Any

from laget.cases import models as c
from laget.consent.models import Consent, ConsentEvent, ConsentParty
from laget.orgs.models import UnitKind
from laget.people.models import Guardian
from laget.scale.base import UTC, GeneratorBase

TEXTS = (
    "Sov lite i hvilestunden, ble fort sliten i lek.",
    "Samtale med foreldrene om morgenrutiner; de kjenner seg igjen.",
    "Fikk til å vente på tur i samlingsstunden i dag.",
    "Avtalt at helsesykepleier ser på søvn og mat ved neste kontroll.",
    "Var med på fotball i friminuttet, glad etterpå.",
    "Tiltaket følges opp av kontaktlærer to ganger i uka.",
)  # fmt: skip


class LogGenerator(GeneratorBase):
    # --- one log -------------------------------------------------------------------------------

    def case(
        self,
        m: int,
        text: int,
        by_kind: dict[str, list[int]],
        staff: dict[int, list[int]],
        children: list[tuple[int, datetime.date]],
        *,
        closed: bool,
        fixed_holder: int | None,
        entry_count: int | None,
    ) -> None:
        """One log. The benchmark's own (a fixed stafettholder) are open and at level 2 or 3;
        those with `entry_count` are labelled «Målesak N» and their family has a portal user."""
        rng = self.rng
        level = rng.choices((0, 1, 2, 3), weights=(30, 40, 20, 10))[0]
        if fixed_holder is not None or entry_count is not None:
            level = max(level, 2)
        kind = rng.choices(
            (UnitKind.KINDERGARTEN, UnitKind.SCHOOL, UnitKind.HEALTH_CLINIC), weights=(45, 35, 20)
        )[0]
        if fixed_holder:
            # The benchmark's stafettholder takes part through their unit, the first kindergarten
            # (generate.py): a participation counts only through the unit one works in.
            kind = UnitKind.KINDERGARTEN
        unit = by_kind[kind][0] if fixed_holder else rng.choice(by_kind[kind])
        opener = fixed_holder or rng.choice(staff[unit])
        opened = self.moment(1100 if closed else 900, 420 if closed else 0)
        identified = level > 0 or rng.random() < 0.6
        # A person record belongs to one case (cases.Case's constraint): each child is drawn once.
        subject_id = (
            children.pop(rng.randrange(len(children)))[0] if identified and children else None
        )
        case_id = self.t[c.Case].take_id()
        closed_at = opened + datetime.timedelta(days=rng.randrange(30, 400)) if closed else None
        if closed_at is not None and closed_at > self.now:
            closed_at = self.now - datetime.timedelta(hours=1)
        start_level = 0 if rng.random() < 0.8 else level
        decided = opened + datetime.timedelta(days=rng.randrange(1, 20))
        self.add(
            c.Case,
            id=case_id,
            municipality_id=m,
            subject_id=subject_id,
            label=f"Målesak {entry_count}" if entry_count else "" if subject_id else "Undring",
            unit_id=unit,
            level=level,
            opened_at=opened,
            opened_by_id=opener,
            level0_due=(opened + datetime.timedelta(days=14)).date(),
            level0_decided_at=decided if level > 0 else None,
            closed_at=closed_at,
            closed_by_id=opener if closed else None,
            close_reason="Tiltakene har virket." if closed else "",
            version=1,
        )
        self.event(opened, opener, "create", "case", case_id, case_id)
        self.add(
            c.LevelChange,
            case_id=case_id,
            decision="open",
            from_level=None,
            to_level=start_level,
            reason="Undring meldt.",
            decided_by_id=opener,
            decided_at=opened,
        )
        if level != start_level:
            self.add(
                c.LevelChange,
                case_id=case_id,
                decision="change",
                from_level=start_level,
                to_level=level,
                reason="Trenger mer hjelp.",
                decided_by_id=opener,
                decided_at=decided,
            )
        if closed_at is not None:
            self.add(
                c.LevelChange,
                case_id=case_id,
                decision="close",
                from_level=level,
                to_level=level,
                reason="Avsluttet.",
                decided_by_id=opener,
                decided_at=closed_at,
            )
        guardians = self.guardians(subject_id, bool(entry_count)) if subject_id else []
        holder_user = fixed_holder or opener
        # Some logs above level 0 have lost their stafettholder (the indicator counts them).
        has_holder = level >= 1 and (fixed_holder is not None or rng.random() < 0.92)
        holder = self.add(
            c.Participant,
            case_id=case_id,
            unit_id=unit,
            user_id=holder_user if has_holder else None,
            role="stafettholder" if has_holder else "participant",
            legal_basis="statute",
            basis_ref="Egen tjeneste",
            statute_key="egen-tjeneste",
            joined_at=opened,
            added_by_id=opener,
        )
        others = self.others(
            case_id, level, kind, by_kind, staff, guardians, text, holder_user, opened, closed_at
        )
        end = closed_at or self.now
        self.measures(case_id, level, holder, holder_user, opened, end)
        meetings = self.meetings(
            case_id, level, holder, others, guardians, holder_user, opened, end
        )
        self.entries(case_id, unit, holder_user, guardians, opened, end, entry_count, meetings)
        if level >= 1 and rng.random() < 0.05 and kind == UnitKind.KINDERGARTEN:
            self.transition(case_id, unit, by_kind, holder_user, opened, end)

    def guardians(self, subject_id: int, portal: bool = False) -> list[tuple[int, int | None]]:
        """One or two guardians; some log in to the portal (always when `portal`)."""
        result = []
        for i in range(self.rng.choice((1, 2, 2))):
            birth = datetime.date(
                self.rng.randrange(1975, 1999), self.rng.randrange(1, 13), self.rng.randrange(1, 29)
            )
            first, last = self.name()
            user = None
            if i == 0 and (self.rng.random() < 0.15 or portal):
                user = self.user(f"foresatt-{subject_id}-{self.t[Guardian].next_id}")
            g = self.add(
                Guardian,
                subject_id=subject_id,
                name=f"{first} {last}",
                relation="mor" if i == 0 else "far",
                has_parental_responsibility=True,
                national_id=self.national_id(birth),
                user_id=user,
            )
            result.append((g, user))
        return result

    def others(
        self,
        case_id: int,
        level: int,
        kind: str,
        by_kind: dict[str, list[int]],
        staff: dict[int, list[int]],
        guardians: list[tuple[int, int | None]],
        text: int,
        by: int,
        opened: datetime.datetime,
        closed_at: datetime.datetime | None,
    ) -> list[int]:
        """Other services taking part, from level 2, on the family's consent."""
        if level < 2 or not guardians:
            return []
        wanted = [
            k
            for k in (UnitKind.HEALTH_CLINIC, UnitKind.PPT, UnitKind.MENTAL_HEALTH, UnitKind.SCHOOL)
            if k != kind
        ]
        chosen = wanted[: 1 if level == 2 else self.rng.randrange(2, 4)]
        units = [self.rng.choice(by_kind[k]) for k in chosen]
        given = opened + datetime.timedelta(days=self.rng.randrange(2, 20))
        expired = self.rng.random() < 0.1
        consent = self.add(
            Consent,
            case_id=case_id,
            reference=f"SYN-{case_id}",
            purpose="Samarbeid om tiltak rundt barnet.",
            text_id=text,
            state="given",
            by_child=False,
            expires_on=(given + datetime.timedelta(days=30 if expired else 365)).date(),
            requested_at=given - datetime.timedelta(days=1),
            requested_by_id=by,
            given_at=given,
            withdrawn_at=None,
        )
        self.add(
            ConsentEvent,
            consent_id=consent,
            kind="requested",
            at=given - datetime.timedelta(days=1),
            by_user_id=by,
            channel="digital",
            language="nb",
        )
        for g, user in guardians:
            party = self.add(
                ConsentParty,
                consent_id=consent,
                guardian_id=g,
                is_child=False,
                response="given",
                responded_at=given,
                channel="digital",
                scanned_copy="",
            )
            self.add(
                ConsentEvent,
                consent_id=consent,
                kind="given",
                at=given,
                party_id=party,
                by_user_id=user,
                channel="digital",
                language="nb",
            )
        participants = []
        for u in units:
            self.add(Consent.units.through, consent_id=consent, unit_id=u)
            participants.append(
                self.add(
                    c.Participant,
                    case_id=case_id,
                    unit_id=u,
                    user_id=self.rng.choice(staff[u]),
                    role="participant",
                    legal_basis="consent",
                    basis_ref=f"SYN-{case_id}",
                    consent_id=consent,
                    joined_at=given,
                    left_at=closed_at,
                    added_by_id=by,
                )
            )
        return participants

    def measures(
        self,
        case_id: int,
        level: int,
        holder: int,
        by: int,
        opened: datetime.datetime,
        end: datetime.datetime,
    ) -> None:
        if level < 1:
            return
        for _ in range(self.rng.randrange(1, 4)):
            start = (opened + datetime.timedelta(days=self.rng.randrange(0, 60))).date()
            due = start + datetime.timedelta(days=self.rng.randrange(28, 90))
            evaluated = due < end.date() and self.rng.random() < 0.75
            late = self.rng.random() < 0.3
            evaluated_at = (
                datetime.datetime.combine(due, datetime.time(13), tzinfo=UTC)
                + datetime.timedelta(days=self.rng.randrange(1, 30) if late else -1)
                if evaluated
                else None
            )
            measure = self.add(
                c.Measure,
                case_id=case_id,
                title="Fast voksen i overganger",
                goal="Barnet blir tryggere i overgangene i løpet av dagen.",
                arena=self.rng.choice(("kindergarten", "school", "home", "health_clinic")),
                recurrence="",
                responsible_id=holder,
                start_date=start,
                evaluation_date=due,
                status="completed" if evaluated else "active",
                meeting_id=None,
                created_by_id=by,
                created_at=datetime.datetime.combine(start, datetime.time(10), tzinfo=UTC),
                updated_at=evaluated_at or self.now,
                version=1,
            )
            if evaluated_at is not None:
                self.add(
                    c.MeasureEvaluation,
                    measure_id=measure,
                    evaluated_on=max(evaluated_at.date(), start),
                    due_on=due,
                    outcome=self.rng.choice(("worked", "partly", "did_not")),
                    text="Evaluert sammen med foreldrene.",
                    status="completed",
                    next_evaluation_on=None,
                    author_id=by,
                    author_unit_id=None,
                    created_at=evaluated_at,
                )
            self.event(
                datetime.datetime.combine(start, datetime.time(10), tzinfo=UTC),
                by,
                "create",
                "measure",
                case_id,
                measure,
            )

    def meetings(
        self,
        case_id: int,
        level: int,
        holder: int,
        others: list[int],
        guardians: list[tuple[int, int | None]],
        by: int,
        opened: datetime.datetime,
        end: datetime.datetime,
    ) -> list[int]:
        if level < 2:
            return []
        ids = []
        for _ in range(self.rng.randrange(1, 4)):
            starts = opened + datetime.timedelta(days=self.rng.randrange(7, 200))
            meeting = self.add(
                c.Meeting,
                case_id=case_id,
                kind="coordination",
                starts_at=starts,
                place="Møterom 2",
                agenda="Status og tiltak.",
                minutes="Enige om neste steg." if starts < end else "",
                status="held" if starts < end else "planned",
                follows_id=None,
                created_by_id=by,
                created_at=starts - datetime.timedelta(days=7),
                version=1,
            )
            for p in [holder, *others]:
                self.add(
                    c.MeetingAttendee, meeting_id=meeting, participant_id=p, response="accepted"
                )
            for g, _user in guardians:
                self.add(c.MeetingAttendee, meeting_id=meeting, guardian_id=g, response="accepted")
            ids.append(meeting)
        return ids

    def entries(
        self,
        case_id: int,
        unit: int,
        by: int,
        guardians: list[tuple[int, int | None]],
        opened: datetime.datetime,
        end: datetime.datetime,
        count: int | None,
        meetings: list[int],
    ) -> None:
        rng = self.rng
        n = count if count is not None else min(60, int(rng.expovariate(1 / 7)))
        span = max(int((end - opened).total_seconds()), 1)
        family = [(g, u) for g, u in guardians if u is not None]
        for _ in range(n):
            at = opened + datetime.timedelta(seconds=rng.randrange(span))
            from_family = family and rng.random() < 0.1
            values: dict[str, Any]
            if from_family:
                g, u = family[0]
                values = {
                    "author_id": u,
                    "author_guardian_id": g,
                    "audience": "all",
                    "kind": rng.choice(("comment", "glimmer")),
                }
            else:
                values = {
                    "author_id": by,
                    "author_unit_id": unit,
                    "audience": rng.choice(("all", "professionals")),
                    "kind": rng.choice(("observation", "conversation", "note", "glimmer")),
                }
            entry = self.add(
                c.Entry,
                case_id=case_id,
                text=rng.choice(TEXTS),
                meeting_id=None,
                created_at=at,
                updated_at=at,
                version=1,
                **values,
            )
            actor = values["author_id"]
            self.event(
                at, actor, "create", "entry", case_id, entry, "portal" if from_family else "web"
            )
            self.event(
                at + datetime.timedelta(minutes=rng.randrange(5, 3000)),
                by,
                "read",
                "case",
                case_id,
                case_id,
            )

    def transition(
        self,
        case_id: int,
        unit: int,
        by_kind: dict[str, list[int]],
        by: int,
        opened: datetime.datetime,
        end: datetime.datetime,
    ) -> None:
        when = opened + datetime.timedelta(days=self.rng.randrange(30, 300))
        held = when < end
        meeting = self.add(
            c.Meeting,
            case_id=case_id,
            kind="handover",
            starts_at=when,
            place="Skolen",
            agenda="Overgang til skolen.",
            minutes="Overlevert." if held else "",
            status="held" if held else "planned",
            follows_id=None,
            created_by_id=by,
            created_at=when - datetime.timedelta(days=14),
            version=1,
        )
        self.add(
            c.Transition,
            case_id=case_id,
            from_unit_id=unit,
            to_unit_id=self.rng.choice(by_kind[UnitKind.SCHOOL]),
            date=when.date(),
            meeting_id=meeting,
            note="",
            created_by_id=by,
            created_at=when - datetime.timedelta(days=14),
        )
