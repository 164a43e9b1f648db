"""A fictional country: municipalities, units, staff, children, logs with their history, consents,
audit records, registry rows and survey answers, at any scale and the same for a seed.

`generate(scale, sink)` writes plain rows through a `Sink` (laget/scale/writer.py): COPY into
PostgreSQL, executemany into SQLite, or only a digest. Every random choice comes from one
`random.Random(seed)`, in a fixed order, and every date from `scale.today`, so two runs with the
same seed and day produce the same rows (test_generate.py). Ids are given out here, continuing
after the highest id already in each table.

Reference data the generator does not invent — the TIBIR program — is installed through the
ORM first (`prepare`). Everything is fictional; no name, number or text is real.
"""

import datetime
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models
from django.db.models import Max

from laget.accounts.models import User
from laget.audit.models import AuditEvent
from laget.audit.services import GENESIS, _digest
from laget.cases import models as c
from laget.consent.models import Consent, ConsentEvent, ConsentParty, ConsentText
from laget.monitoring.models import FigureSharing
from laget.orgs.models import Membership, Municipality, Role, Unit, UnitKind
from laget.people.models import Guardian, Subject
from laget.people.national_id import check_digits
from laget.registry.models import (
    ActivityYear,
    FamiliesReached,
    Practitioner,
    Qualification,
    QualificationType,
    RegistryRole,
)
from laget.registry.programs import install_tibir
from laget.scale.sizes import REGIONS, municipality_names, municipality_sizes
from laget.scale.writer import Buffer, Sink, Table
from laget.surveys import models as sv
from laget.surveys.starter import STARTER_NAME, STARTER_QUESTIONS

UTC = datetime.UTC
PASSWORD = "syntetisk-maaling-2026"  # every generated staff user's password (for trying it out)
BENCH_ENTRIES = (50, 500)  # the benchmark's cases: «Målesak 50», «Målesak 500»
BENCH_HOLDER_CASES = 30
LARGEST = "1000"  # the number of the largest municipality, where the benchmark's cases are  # cases the benchmark's stafettholder holds ("my cases")

FIRST = (
    "Aksel", "Ane", "Birk", "Dina", "Edvin", "Frida", "Gustav", "Hedda", "Iver", "Julie",
    "Kasper", "Leah", "Mats", "Nora", "Olav", "Pia", "Rasmus", "Selma", "Tobias", "Ulrikke",
    "Vetle", "Wenche", "Ylva", "Åsmund",
)  # fmt: skip
LAST = (
    "Aasheim", "Bakkevold", "Dahle", "Engen", "Fjærli", "Grøtte", "Hagen", "Irgens", "Jøsok",
    "Kvam", "Lien", "Myhre", "Nygård", "Opsahl", "Prestegard", "Rinde", "Sætre", "Tvedt",
    "Ulvestad", "Vatne", "Wold", "Øyen",
)  # fmt: skip
TEXTS = (
    "Sov lite i hvilestunden, ble fort sliten i lek.",
    "Samtale med foreldrene om morgenrutiner; de kjenner seg igjen.",
    "Fikk til å vente på tur i samlingsstunden i dag.",
    "Avtalt at helsesykepleier ser på søvn og mat ved neste kontroll.",
    "Var med på fotball i friminuttet, glad etterpå.",
    "Tiltaket følges opp av kontaktlærer to ganger i uka.",
)  # fmt: skip


@dataclass(frozen=True)
class Scale:
    municipalities: int = 357
    children: int = 1_100_000
    open_logs: int = 50_000
    closed_per_open: float = 1.2  # closed logs kept, per open one
    seed: int = 1
    today: datetime.date = field(default_factory=datetime.date.today)
    sharing: float = 0.85  # municipalities that share their figures


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    largest: str = ""  # the largest municipality's number, where the benchmark's cases are


@dataclass
class Reference:
    """Rows the generator refers to but does not make (installed through the ORM)."""

    program_id: int
    intervention_ids: list[int]
    qualification_type_ids: list[int]


def prepare() -> Reference:
    program = install_tibir()
    return Reference(
        program_id=program.pk,
        intervention_ids=list(program.interventions.values_list("pk", flat=True)),
        qualification_type_ids=list(
            QualificationType.objects.filter(program=program).values_list("pk", flat=True)
        ),
    )


MODELS: list[type[models.Model]] = [
    User,
    Municipality,
    Unit,
    Membership,
    FigureSharing,
    ConsentText,
    Subject,
    Guardian,
    c.Case,
    c.LevelChange,
    c.Participant,
    Consent,
    Consent.units.through,
    ConsentParty,
    ConsentEvent,
    c.Meeting,
    c.MeetingAttendee,
    c.Measure,
    c.Entry,
    c.Transition,
    Practitioner,
    Qualification,
    ActivityYear,
    FamiliesReached,
    RegistryRole,
    sv.Questionnaire,
    sv.Question,
    sv.Option,
    sv.Round,
    sv.RoundUnit,
    sv.Response,
    sv.Answer,
    AuditEvent,
]


def tables_after_existing() -> dict[type[models.Model], Table]:
    """A Table per model whose ids continue after the highest in the database."""
    tables = {}
    for model in MODELS:
        pk = model._meta.pk
        start = 1
        if isinstance(pk, models.AutoField):
            start = (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
        tables[model] = Table(model, start)
    return tables


class Generator:
    def __init__(self, scale: Scale, sink: Sink, reference: Reference) -> None:
        self.scale = scale
        self.rng = random.Random(scale.seed)  # noqa: S311 - fictional data, repeatable
        self.t = tables_after_existing()
        self.out = Buffer(sink, list(self.t.values()))
        self.sink = sink
        self.ref = reference
        self.now = datetime.datetime.combine(scale.today, datetime.time(12), tzinfo=UTC)
        self.password = make_password(PASSWORD, salt="syntetisk")
        self.audit: list[tuple[Any, ...]] = []
        self.individual: dict[datetime.date, int] = {}
        self.summary = Summary()

    # --- helpers -------------------------------------------------------------------------------

    def add(self, model: type[models.Model], **values: Any) -> int:
        table = self.t[model]
        if "id" not in values and isinstance(model._meta.pk, models.AutoField):
            values["id"] = table.take_id()
        self.out.add(table, table.row(**values))
        self.summary.counts[table.name] = self.summary.counts.get(table.name, 0) + 1
        return int(values["id"]) if isinstance(values["id"], int) else 0

    def name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST), self.rng.choice(LAST)

    def moment(self, days_ago_max: int, days_ago_min: int = 0) -> datetime.datetime:
        seconds = self.rng.randrange(days_ago_min * 86400, max(days_ago_max, 1) * 86400)
        return self.now - datetime.timedelta(seconds=seconds)

    def national_id(self, birth: datetime.date) -> str:
        """A synthetic (month + 80) number, unique across the run."""
        first = 500 if birth.year >= 2000 else 0
        individual = self.individual.get(birth, first)
        while individual < first + 500:
            nine = f"{birth:%d}{birth.month + 80:02d}{birth:%y}{individual:03d}"
            digits = check_digits(nine)
            individual += 1
            if digits is not None:
                self.individual[birth] = individual
                return nine + digits
        return ""  # the day is used up: no number, as for children not yet registered

    def user(self, username: str, *, active: bool = True) -> int:
        first, last = self.name()
        return self.add(
            User,
            password=self.password if active else "!",
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.invalid",
            is_active=active,
            date_joined=self.now - datetime.timedelta(days=800),
        )

    def event(
        self,
        at: datetime.datetime,
        actor: int | None,
        action: str,
        object_type: str,
        case_id: int | None,
        object_id: int | None = None,
        via: str = "web",
    ) -> None:
        self.audit.append((at, actor, action, object_type, case_id, object_id, via))

    # --- the country ---------------------------------------------------------------------------

    def run(self) -> Summary:
        s = self.scale
        sizes = municipality_sizes(s.municipalities, s.children, self.rng)
        names = municipality_names(s.municipalities, self.rng)
        first_number = int(LARGEST)
        for i, (size, name) in enumerate(zip(sizes, names, strict=True)):
            number = f"{first_number + i:04d}"
            open_logs = round(s.open_logs * size / s.children)
            self.municipality(i, name, number, size, open_logs)
        self.write_audit()
        self.out.flush()
        self.sink.finish(self.t.values())
        self.summary.largest = LARGEST
        return self.summary

    def municipality(self, index: int, name: str, number: str, size: int, open_logs: int) -> None:
        rng = self.rng
        m = self.add(
            Municipality,
            name=f"{name} kommune",
            number=number,
            region=REGIONS[index % len(REGIONS)],
            level0_deadline_days=14,
        )
        if rng.random() < self.scale.sharing:
            self.add(FigureSharing, municipality_id=m, shares=True, changed_at=self.now)
        text = self.add(ConsentText, municipality_id=m, key="samarbeid", created_at=self.now)
        units = self.units(m, name, size)
        staff = {u: self.staff(m, u, number, kind) for u, kind in units}
        coordinator = self.user(f"k{number}-koord")
        self.add(
            Membership,
            user_id=coordinator,
            municipality_id=m,
            role=Role.COORDINATOR,
            created_at=self.now,
        )
        admin = self.user(f"k{number}-admin")
        self.add(Membership, user_id=admin, municipality_id=m, role=Role.ADMIN, created_at=self.now)
        children = self.children(m, size)
        by_kind: dict[str, list[int]] = {}
        for u, kind in units:
            by_kind.setdefault(kind, []).append(u)
        bench = index == 0
        holder = None
        if bench:
            holder = self.user("maaler-stafettholder")
            kg = by_kind[UnitKind.KINDERGARTEN][0]
            self.add(
                Membership,
                user_id=holder,
                municipality_id=m,
                unit_id=kg,
                role=Role.EMPLOYEE,
                created_at=self.now,
            )
            staff[kg].append(holder)
            self.add(
                Membership,
                user_id=self.user("maaler-koordinator"),
                municipality_id=m,
                role=Role.COORDINATOR,
                created_at=self.now,
            )
            self.add(
                RegistryRole,
                user_id=self.user("maaler-program"),
                kind="program_admin",
                program_id=self.ref.program_id,
                region="",
            )
        closed = round(open_logs * self.scale.closed_per_open)
        fixed = len(BENCH_ENTRIES) + BENCH_HOLDER_CASES if bench else 0
        for n in range(max(open_logs, fixed) + closed):
            entries = BENCH_ENTRIES[n] if bench and n < len(BENCH_ENTRIES) else None
            self.case(
                m,
                text,
                by_kind,
                staff,
                children,
                closed=n >= max(open_logs, fixed),
                fixed_holder=holder if n < fixed else None,
                entry_count=entries,
            )
        self.registry(m, number, name, size, units)
        self.survey(m, units, staff)

    def units(self, m: int, name: str, size: int) -> list[tuple[int, str]]:
        plan = [
            (UnitKind.KINDERGARTEN, max(1, size // 180), "barnehage"),
            (UnitKind.SCHOOL, max(1, size // 350), "skole"),
            (UnitKind.HEALTH_CLINIC, max(1, size // 2500), "helsestasjon"),
            (UnitKind.PPT, 1, "PPT"),
            (UnitKind.CHILD_WELFARE, 1, "barneverntjeneste"),
            (UnitKind.MENTAL_HEALTH, 1, "psykisk helse for barn og unge"),
        ]
        units = []
        for kind, count, label in plan:
            for i in range(count):
                suffix = f" {i + 1}" if count > 1 else ""
                unit = self.add(
                    Unit,
                    municipality_id=m,
                    name=f"{name} {label}{suffix}",
                    kind=kind,
                    is_active=True,
                )
                units.append((unit, kind.value))
        return units

    def staff(self, m: int, unit: int, number: str, kind: str) -> list[int]:
        people = []
        for i in range(4 if kind == UnitKind.HEALTH_CLINIC else 3):
            user = self.user(f"k{number}-e{unit}-{i}")
            self.add(
                Membership,
                user_id=user,
                municipality_id=m,
                unit_id=unit,
                role=Role.EMPLOYEE,
                created_at=self.now,
            )
            people.append(user)
        leader = self.user(f"k{number}-l{unit}")
        self.add(
            Membership,
            user_id=leader,
            municipality_id=m,
            unit_id=unit,
            role=Role.UNIT_LEADER,
            created_at=self.now,
        )
        return people

    def children(self, m: int, size: int) -> list[tuple[int, datetime.date]]:
        kids = []
        for _ in range(size):
            birth = self.scale.today - datetime.timedelta(days=self.rng.randrange(30, 18 * 365))
            first, last = self.name()
            kid = self.add(
                Subject,
                municipality_id=m,
                kind="child",
                given_name=first,
                family_name=last,
                birth_date=birth,
                national_id=self.national_id(birth),
                created_at=self.now,
            )
            kids.append((kid, birth))
        return kids

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
        unit = by_kind[kind][0] if fixed_holder else rng.choice(by_kind[kind])
        opener = fixed_holder or rng.choice(staff[unit])
        opened = self.moment(1100 if closed else 900, 420 if closed else 0)
        identified = level > 0 or rng.random() < 0.6
        subject_id = rng.choice(children)[0] if identified and children else None
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
            basis_ref="Egen tjeneste, opplysningsplikt innad",
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
                responsible_id=holder,
                start_date=start,
                evaluation_date=due,
                status="completed" if evaluated else "active",
                outcome=self.rng.choice(("worked", "partly", "did_not")) if evaluated else "",
                evaluation_text="Evaluert sammen med foreldrene." if evaluated else "",
                evaluated_at=evaluated_at,
                evaluated_by_id=by if evaluated else None,
                meeting_id=None,
                created_by_id=by,
                created_at=datetime.datetime.combine(start, datetime.time(10), tzinfo=UTC),
                updated_at=evaluated_at or self.now,
                version=1,
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

    # --- registry and surveys ------------------------------------------------------------------

    def registry(
        self, m: int, number: str, name: str, size: int, units: list[tuple[int, str]]
    ) -> None:
        rng = self.rng
        region = REGIONS[(int(number) - 1000) % len(REGIONS)]
        year = self.scale.today.year
        for i in range(max(0, size // 900)):
            first, last = self.name()
            p = self.add(
                Practitioner,
                ref=f"SYN-{number}-{i}",
                first_name=first,
                last_name=last,
                email="",
                municipality_id=m,
                unit_id=rng.choice(units)[0],
                employer_name="",
                region=region,
            )
            obtained = self.scale.today - datetime.timedelta(days=rng.randrange(100, 2000))
            self.add(
                Qualification,
                practitioner_id=p,
                type_id=rng.choice(self.ref.qualification_type_ids),
                obtained_on=obtained,
                expires_on=None,
                course_id=None,
            )
            for y in range(max(obtained.year, year - 2), year + 1):
                active = rng.random() < 0.9
                self.add(
                    ActivityYear,
                    practitioner_id=p,
                    year=y,
                    active=active,
                    reason_left="" if active else "Ny jobb",
                    families=rng.randrange(0, 9),
                    supervision_hours=rng.randrange(0, 20),
                )
        if size >= 900:
            for intervention in self.ref.intervention_ids[:3]:
                for y in (year - 1, year):
                    self.add(
                        FamiliesReached,
                        intervention_id=intervention,
                        municipality_id=m,
                        year=y,
                        kind="registered",
                        count=rng.randrange(0, size // 300 + 2),
                        case_id=None,
                    )

    def survey(self, m: int, units: list[tuple[int, str]], staff: dict[int, list[int]]) -> None:
        rng = self.rng
        q = self.add(
            sv.Questionnaire,
            municipality_id=m,
            name=STARTER_NAME,
            is_published=True,
            copied_from_id=None,
        )
        questions = []
        for order, (slug, kind, text, options) in enumerate(STARTER_QUESTIONS, start=1):
            question = self.add(
                sv.Question, questionnaire_id=q, order=order, slug=slug, text=text, kind=kind
            )
            option_ids = [
                self.add(sv.Option, question_id=question, order=i, value=value, label=label)
                for i, (value, label) in enumerate(options, start=1)
            ]
            questions.append((question, option_ids))
        opens = self.scale.today - datetime.timedelta(days=200)
        round_ = self.add(
            sv.Round,
            questionnaire_id=q,
            name=f"Førmåling {opens.year}",
            kind="baseline",
            opens_on=opens,
            closes_on=opens + datetime.timedelta(days=30),
            closed_on=opens + datetime.timedelta(days=30),
            previous_id=None,
        )
        for unit, kind in units:
            if kind not in (UnitKind.KINDERGARTEN, UnitKind.SCHOOL, UnitKind.HEALTH_CLINIC):
                continue
            invited = len(staff[unit]) + 1
            ru = self.add(
                sv.RoundUnit,
                round_id=round_,
                unit_id=unit,
                invited=invited,
                token=f"syn{rng.getrandbits(128):032x}",
            )
            for _ in range(rng.randrange(0, invited + 1)):
                response = _uuid(rng)
                self.add(sv.Response, id=response, round_unit_id=ru)
                for question, option_ids in questions:
                    self.add(
                        sv.Answer,
                        id=_uuid(rng),
                        response_id=response,
                        question_id=question,
                        option_id=rng.choice(option_ids),
                    )

    # --- the access log ------------------------------------------------------------------------

    def write_audit(self) -> None:
        """Every event in time order, chained as audit_record chains them."""
        self.audit.sort(key=lambda e: (e[0], e[4] or 0, e[5] or 0))
        table = self.t[AuditEvent]
        prev = _chain_head() or GENESIS
        names: dict[int | None, str] = {}
        for at, actor, action, object_type, case_id, object_id, via in self.audit:
            event = AuditEvent(
                id=table.take_id(),
                at=at,
                actor_id=actor,
                actor_name=names.setdefault(actor, f"Ansatt {actor}" if actor else "system"),
                actor_unit="",
                action=action,
                via=via,
                case_id=case_id,
                object_type=object_type,
                object_id=object_id,
                case_ids=[],
                prev_hash=prev,
            )
            event.hash = _digest(prev, event)
            self.out.add(table, tuple(getattr(event, a) for a in table.attnames))
            prev = event.hash
        self.summary.counts[table.name] = len(self.audit)
        self.audit = []


def _chain_head() -> str | None:
    return AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def generate(scale: Scale, sink: Sink, reference: Reference | None = None) -> Summary:
    return Generator(scale, sink, reference or prepare()).run()
