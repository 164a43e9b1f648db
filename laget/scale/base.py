"""The generator's ground: the scale, ids continuing after the database's, and helpers that add a
row, draw a name or a moment, make a synthetic national id, a user or an audit event.

Every random choice comes from one `random.Random(seed)`, in a fixed order (generate.py).
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
from laget.audit.models import AuditChainHead, AuditEvent
from laget.cases import models as c
from laget.consent.models import Consent, ConsentEvent, ConsentParty, ConsentText
from laget.monitoring.models import FigureSharing
from laget.orgs.models import Membership, Municipality, Unit
from laget.people.models import Guardian, Subject
from laget.people.national_id import check_digits
from laget.registry.models import (
    ActivityYear,
    FamiliesReached,
    Practitioner,
    Qualification,
    RegistryRole,
)
from laget.scale.writer import Buffer, Sink, Table
from laget.surveys import models as sv

UTC = datetime.UTC
PASSWORD = "syntetisk-maaling-2026"  # every generated staff user's password (for trying it out)

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
    c.MeasureEvaluation,
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
    AuditChainHead,
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


class GeneratorBase:
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


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)
