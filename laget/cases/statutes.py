"""The statutes a unit may take part in a case on, instead of the family's consent.

The national list lives here as code; a municipality adds its own (`LocalStatute`, with a
reason, audited). Every door asks `statutes_for` for the list and `statute` for one key, and
`statute_for_unit` checks that the chosen one fits the unit: a statutory basis is a key of this
list, never free text, and a statute serves only the kinds of service it names.

The municipality's legal adviser should confirm the references below (the duty to cooperate
came into force 1 August 2022; the paragraph numbers follow the acts as revised then). That
holds most of all for the pregnancy statute (`ends_at_birth`): the child welfare act applies
from the birth, and what lets a service take part in a log before it must be confirmed.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from laget.cases.messages import (
    MSG_STATUTE_NOT_FOR_KIND,
    MSG_STATUTE_OWN_UNIT_ONLY,
    MSG_STATUTE_REQUIRED,
    MSG_UNKNOWN_STATUTE,
)
from laget.cases.models import Case, LocalStatute
from laget.orgs.models import Municipality, Unit, UnitKind
from laget.people.models import SubjectKind

ALL_KINDS = frozenset(UnitKind.values)

# The keys the services use themselves.
OWN_SERVICE = "egen-tjeneste"
DUTY_TO_REPORT = "opplysningsplikt-barnevern"
PREGNANCY_CHILD_WELFARE = "svangerskap-barnevern"

MSG_STATUTE_ONLY_BEFORE_BIRTH = _("Denne lovhjemmelen gjelder bare i en logg fra svangerskapet.")

_COOPERATE = _("Samarbeidsplikt: samarbeide med andre tjenester om et godt tilbud til barnet")


@dataclass(frozen=True)
class Statute:
    key: str
    # The legal reference, as staff and family see it ("Barnehageloven § 2 a").
    reference: str
    # What it allows, in a short plain sentence.
    title: str | Promise
    kinds: frozenset[str]
    # Only the case's responsible unit (the service that documents its own concern) uses it.
    own_unit_only: bool = False
    local: bool = False
    # For a log opened in pregnancy: the participation ends by rule when the birth is
    # registered (cases.services.lifecycle.case_register_birth).
    ends_at_birth: bool = False

    @property
    def label(self) -> str:
        return f"{self.reference} – {self.title}"

    def fits(self, kind: str) -> bool:
        return kind in self.kinds


NATIONAL: tuple[Statute, ...] = (
    Statute(
        OWN_SERVICE,
        "Egen tjeneste",
        _("Tjenesten skriver ned og følger opp sin egen bekymring for barnet"),
        ALL_KINDS,
        own_unit_only=True,
    ),
    Statute(
        DUTY_TO_REPORT,
        "Barnevernsloven § 13-2",
        _("Opplysningsplikt: barnevernstjenesten får bekymringen meldt"),
        frozenset({UnitKind.CHILD_WELFARE}),
    ),
    Statute(
        "samarbeid-barnehage",
        "Barnehageloven § 2 a",
        _COOPERATE,
        frozenset({UnitKind.KINDERGARTEN}),
    ),
    Statute(
        "samarbeid-opplaering",
        "Opplæringslova § 15-8",
        _COOPERATE,
        frozenset({UnitKind.SCHOOL, UnitKind.AFTER_SCHOOL, UnitKind.PPT}),
    ),
    Statute(
        "samarbeid-helse-omsorg",
        "Helse- og omsorgstjenesteloven § 3-4",
        _COOPERATE,
        frozenset({UnitKind.HEALTH_CLINIC, UnitKind.MENTAL_HEALTH}),
    ),
    Statute(
        "samarbeid-spesialist",
        "Spesialisthelsetjenesteloven § 2-1 e",
        _COOPERATE,
        frozenset({UnitKind.SPECIALIST}),
    ),
    Statute(
        "samarbeid-nav",
        "Sosialtjenesteloven § 13",
        _COOPERATE,
        frozenset({UnitKind.NAV}),
    ),
    Statute(
        "samarbeid-barnevern",
        "Barnevernsloven § 15-8",
        _COOPERATE,
        frozenset({UnitKind.CHILD_WELFARE}),
    ),
    # TO CONFIRM by the legal adviser: the child welfare act applies from the birth; before
    # it, child welfare hears of an expecting mother held back for substance use (helse- og
    # omsorgstjenesteloven § 10-3) and may offer voluntary help. Ends when the birth is
    # registered; after it, the unit takes part on another basis or not at all.
    Statute(
        PREGNANCY_CHILD_WELFARE,
        "Helse- og omsorgstjenesteloven § 10-3",
        _("Svangerskap: barnevernstjenesten følger opp før fødselen (slutter når barnet er født)"),
        frozenset({UnitKind.CHILD_WELFARE}),
        ends_at_birth=True,
    ),
)
NATIONAL_BY_KEY = {s.key: s for s in NATIONAL}


def _from_local(row: LocalStatute) -> Statute:
    return Statute(
        row.key, row.reference, row.title, frozenset(row.unit_kinds) & ALL_KINDS, local=True
    )


def _municipality_id(municipality: Municipality | int) -> int:
    return municipality if isinstance(municipality, int) else municipality.pk


def statutes_for(municipality: Municipality | int) -> list[Statute]:
    """The national statutes, then the municipality's own, by reference."""
    rows = LocalStatute.objects.filter(municipality_id=_municipality_id(municipality))
    return [*NATIONAL, *(_from_local(r) for r in rows.order_by("reference", "pk"))]


def statute(municipality: Municipality | int, key: str) -> Statute | None:
    """One statute of the municipality's list by its key; None for an unknown key."""
    if not key:
        return None
    if key in NATIONAL_BY_KEY:
        return NATIONAL_BY_KEY[key]
    row = LocalStatute.objects.filter(
        municipality_id=_municipality_id(municipality), key=key
    ).first()
    return _from_local(row) if row is not None else None


def statute_for_unit(case: Case, unit: Unit, key: str) -> Statute:
    """The statute a unit joins the case on: a key of the municipality's list, meant for the
    unit's kind of service (and, for the own-service basis, the case's responsible unit)."""
    key = key.strip()
    if not key:
        raise ValidationError({"statute": MSG_STATUTE_REQUIRED}, code="required")
    found = statute(case.municipality_id, key)
    if found is None:
        raise ValidationError({"statute": MSG_UNKNOWN_STATUTE}, code="unknown")
    if not found.fits(unit.kind):
        raise ValidationError({"statute": MSG_STATUTE_NOT_FOR_KIND}, code="kind")
    if found.own_unit_only and unit.pk != case.unit_id:
        raise ValidationError({"statute": MSG_STATUTE_OWN_UNIT_ONLY}, code="own_unit")
    if found.ends_at_birth and not _before_birth(case):
        raise ValidationError({"statute": MSG_STATUTE_ONLY_BEFORE_BIRTH}, code="after_birth")
    return found


def _before_birth(case: Case) -> bool:
    return case.subject is not None and case.subject.kind == SubjectKind.PREGNANT


def kinds_label(kinds: Iterable[str]) -> str:
    chosen = set(kinds)
    if chosen >= ALL_KINDS:
        return str(_("Alle tjenester"))
    return ", ".join(str(label) for value, label in UnitKind.choices if value in chosen)


def grouped_choices(statutes: Iterable[Statute]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Select choices grouped by the kinds of service each statute is meant for."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for s in statutes:
        groups.setdefault(kinds_label(s.kinds), []).append((s.key, s.label))
    return list(groups.items())


def slug_for(reference: str, taken: Iterable[str]) -> str:
    """A stable key for a municipality's own statute, from its reference: ascii, lower case,
    unique among the national keys and those already taken."""
    text = reference.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:50] or "lokal"
    used = set(taken) | set(NATIONAL_BY_KEY)
    key, n = base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    return key
