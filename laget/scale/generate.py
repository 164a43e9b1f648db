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

from laget.audit.chain import GENESIS, chain_key, link
from laget.audit.models import AuditAction, AuditChainHead, AuditEvent
from laget.cases.models import Case
from laget.consent.models import ConsentText
from laget.monitoring.models import FigureSharing
from laget.orgs.models import Membership, Municipality, Role, Unit, UnitKind
from laget.people.models import Subject
from laget.registry.models import (
    ActivityYear,
    FamiliesReached,
    Practitioner,
    Qualification,
    QualificationType,
    RegistryRole,
)
from laget.registry.programs import install_tibir
from laget.scale.base import (
    Reference,
    Scale,
    Summary,
    _uuid,
)
from laget.scale.logs import LogGenerator
from laget.scale.sizes import REGIONS, municipality_names, municipality_sizes
from laget.scale.writer import Sink
from laget.surveys import models as sv
from laget.surveys.starter import STARTER_NAME, STARTER_QUESTIONS

BENCH_ENTRIES = (50, 500)  # the benchmark's cases: «Målesak 50», «Målesak 500»
BENCH_HOLDER_CASES = 30  # cases the benchmark's stafettholder holds ("my cases")
LARGEST = "1000"  # the number of the largest municipality, where the benchmark's cases are


def bench_case(entries: int) -> Case:
    """The benchmark's log with this many entries («Målesak N»), among those its stafettholder
    opened. Found in Python: the label is encrypted, so the database cannot match it."""
    label = f"Målesak {entries}"
    opened = Case.objects.filter(
        opened_by__username="maaler-stafettholder", municipality__number=LARGEST
    ).exclude(label="")
    found = next((case for case in opened if case.label == label), None)
    if found is None:
        raise Case.DoesNotExist(label)
    return found


def prepare() -> Reference:
    program = install_tibir()
    return Reference(
        program_id=program.pk,
        intervention_ids=list(program.interventions.values_list("pk", flat=True)),
        qualification_type_ids=list(
            QualificationType.objects.filter(program=program).values_list("pk", flat=True)
        ),
    )


class Generator(LogGenerator):
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
        """Every event in time order, chained as audit_record chains them: one chain per person
        and case (lists in the person's own), each chain's head in AuditChainHead."""
        self.audit.sort(key=lambda e: (e[0], e[4] or 0, e[5] or 0))
        table, heads = self.t[AuditEvent], self.t[AuditChainHead]
        existing = dict(AuditChainHead.objects.values_list("chain", "hash"))
        prev: dict[str, tuple[int, str]] = {}
        names: dict[int | None, str] = {}
        for at, actor, action, object_type, case_id, object_id, via in self.audit:
            chain = chain_key(actor, None if action == AuditAction.LIST else case_id)
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
                chain=chain,
            )
            link(event, prev[chain][1] if chain in prev else existing.get(chain, GENESIS))
            self.out.add(table, tuple(getattr(event, a) for a in table.attnames))
            prev[chain] = (event.pk, event.hash)
        for chain, (row_id, row_hash) in prev.items():
            if chain in existing:
                AuditChainHead.objects.filter(chain=chain).update(
                    row_id=row_id, hash=row_hash, dirty=True
                )
            else:
                self.out.add(
                    heads, heads.row(chain=chain, row_id=row_id, hash=row_hash, dirty=True)
                )
        self.summary.counts[table.name] = len(self.audit)
        self.audit = []


def generate(scale: Scale, sink: Sink, reference: Reference | None = None) -> Summary:
    return Generator(scale, sink, reference or prepare()).run()
