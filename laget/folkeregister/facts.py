"""The facts Laget uses from the population register, read out of the register's person document.

The register answers with a large document (schema `Folkeregisterperson` in
../shared/schemas/folkeregisteret/offentlig-med-hjemmel-openapi.json); Laget keeps only what the
family model needs: who holds parental responsibility, shared residence, the address protection
grade, a death, the identifier history (a D-number replaced by a national id), the Sami-language
preference and the residence municipality. No street address is read: a strictly protected
person's municipality is dropped too, whatever the register sends.

Entries with `erGjeldende: false` (asked for with the part "historikk") are kept where their
dates matter (a parental responsibility that ended); everything else is read from the current
entries. Enumerations are compared in the schema's spelling (FELLES, STRENGT_FORTROLIG); the
register's own documentation shows the camel case of an older version (felles,
strengtFortrolig), which is read the same.
"""

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from laget.folkeregister.errors import RegisterDataError

__all__ = ["RegisterDataError"]  # raised here, defined with the client's other errors

Document = Mapping[str, Any]

# The `part` values the register takes: the top-level entities of the person document, and the
# register's named sets (its documentation, "Dataminimering"). "identifikasjonsnummer" is always
# answered, asked or not.
ENTITY_PARTS = frozenset(
    {
        "falskIdentitet",
        "identifikasjonsnummer",
        "identitetsgrunnlag",
        "kontaktinformasjonForDoedsbo",
        "legitimasjonsdokument",
        "status",
        "utlendingsmyndighetenesIdentifikasjonsnummer",
        "utenlandskPersonidentifikasjon",
        "deltBosted",
        "kjoenn",
        "foedsel",
        "foedselINorge",
        "familierelasjon",
        "sivilstand",
        "doedsfall",
        "navn",
        "adressebeskyttelse",
        "bostedsadresse",
        "oppholdsadresse",
        "innflytting",
        "utflytting",
        "brukAvSamiskSpraak",
        "preferertKontaktadresse",
        "postadresse",
        "postadresseIUtlandet",
        "foreldreansvar",
        "statsborgerskap",
        "bibehold",
        "opphold",
        "vergemaalEllerFremtidsfullmakt",
    }
)
SET_PARTS = frozenset(
    {"person-basis", "historikk", "relasjon-utvidet", "identitetsgrunnlag-utvidet"}
)
PARTS = ENTITY_PARTS | SET_PARTS

# What identifying a child and following its family needs (issue 18), and no more: no postal
# address, no civil status, no citizenship. "historikk" adds the ended entries (a parental
# responsibility that ended, a replaced D-number).
FAMILY_PARTS = (
    "navn",
    "foedsel",
    "status",
    "doedsfall",
    "foreldreansvar",
    "familierelasjon",
    "deltBosted",
    "adressebeskyttelse",
    "bostedsadresse",
    "brukAvSamiskSpraak",
    "utlendingsmyndighetenesIdentifikasjonsnummer",
)


class Protection(StrEnum):
    """Address protection, lowest first. KLIENTADRESSE: the address given is an office's."""

    NONE = "UGRADERT"
    CLIENT_ADDRESS = "KLIENTADRESSE"
    CONFIDENTIAL = "FORTROLIG"
    STRICTLY_CONFIDENTIAL = "STRENGT_FORTROLIG"

    @property
    def rank(self) -> int:
        return list(Protection).index(self)


class IdKind(StrEnum):
    NATIONAL_ID = "FOEDSELSNUMMER"
    D_NUMBER = "D_NUMMER"


class Responsibility(StrEnum):
    """Foreldreansvar.ansvar: joint, one parent alone, others (e.g. appointed), or unknown."""

    JOINT = "FELLES"
    MOTHER = "MOR"
    FATHER = "FAR"
    CO_MOTHER = "MEDMOR"
    OTHERS = "ANDRE"
    UNKNOWN = "UKJENT"


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def enum_value(raw: str) -> str:
    """'strengtFortrolig' and 'STRENGT_FORTROLIG' both as 'STRENGT_FORTROLIG'."""
    return _CAMEL.sub("_", raw).upper()


@dataclass(frozen=True)
class Name:
    given: str
    family: str
    middle: str = ""

    def __str__(self) -> str:
        return " ".join(part for part in (self.given, self.middle, self.family) if part)


@dataclass(frozen=True)
class Identifier:
    value: str
    kind: IdKind
    in_use: bool
    since: datetime.date | None


@dataclass(frozen=True)
class ParentalResponsibility:
    """One holder of parental responsibility for a child, read from the child's document. The
    holder is a registered person (`holder_id`), a person without an identifier in the register
    (`holder_name`), or an organisation (`holder_org`)."""

    responsibility: Responsibility
    holder_id: str | None
    holder_name: Name | None
    holder_org: str | None
    valid_from: datetime.date | None
    ended: datetime.date | None
    current: bool


@dataclass(frozen=True)
class ResponsibilityFor:
    """Read from a parent's document: the child this parent holds responsibility for."""

    responsibility: Responsibility
    child_id: str | None
    child_name: Name | None
    child_birth_date: datetime.date | None
    current: bool


@dataclass(frozen=True)
class Relative:
    """A family relation: `role` is the relative's role (MOR, FAR, MEDMOR, BARN, …). A relative
    without an identifier in the register (a child known to the immigration authorities only)
    has a name and birth date instead."""

    role: str
    person_id: str | None
    name: Name | None
    birth_date: datetime.date | None


@dataclass(frozen=True)
class SharedResidence:
    """Delt bosted: the child lives with both parents by agreement, from `start`. Only the
    municipality of the second home is kept (none when protected strictly)."""

    start: datetime.date
    end: datetime.date | None
    municipality: str | None
    protection: Protection


@dataclass(frozen=True)
class RegisterPerson:
    """A person as the register answered, for the parts asked. `asked` says which parts were
    asked for: an empty tuple for a part not asked means "not asked", not "none"."""

    id: str
    identifiers: tuple[Identifier, ...]
    asked: frozenset[str]
    name: Name | None = None
    birth_date: datetime.date | None = None
    status: str | None = None
    death_date: datetime.date | None = None
    # None: neither the protection nor an address was asked for, so nothing is known; never
    # read that as "not protected".
    protection: Protection | None = None
    municipality: str | None = None
    moved_in: datetime.date | None = None
    shared_residence: tuple[SharedResidence, ...] = ()
    parental_responsibility: tuple[ParentalResponsibility, ...] = ()
    responsibility_for: tuple[ResponsibilityFor, ...] = ()
    relatives: tuple[Relative, ...] = ()
    sami_languages: tuple[str, ...] = ()
    immigration_ids: tuple[str, ...] = ()

    @property
    def is_d_number(self) -> bool:
        return any(i.value == self.id and i.kind is IdKind.D_NUMBER for i in self.identifiers)

    @property
    def previous_ids(self) -> tuple[str, ...]:
        """Identifiers no longer in use: a D-number the national id replaced."""
        return tuple(i.value for i in self.identifiers if not i.in_use)

    @property
    def dead(self) -> bool:
        return self.death_date is not None or self.status == "DOED"

    def holders(self) -> tuple[ParentalResponsibility, ...]:
        """The current holders of parental responsibility (for a child's document)."""
        return tuple(p for p in self.parental_responsibility if p.current)


def _date(raw: Any) -> datetime.date | None:
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(str(raw)[:10])
    except ValueError:
        raise RegisterDataError("a date the schema describes is not a date") from None


def _current(entries: Iterable[Document]) -> list[Document]:
    # An entry without erGjeldende is read as current: the register leaves it out of some.
    return [e for e in entries if e.get("erGjeldende", True)]


def _name(raw: Document | None) -> Name | None:
    if not raw:
        return None
    return Name(
        given=str(raw.get("fornavn", "")),
        family=str(raw.get("etternavn", "")),
        middle=str(raw.get("mellomnavn", "") or ""),
    )


def _bi_person_name(raw: Document | None) -> tuple[Name | None, datetime.date | None]:
    if not raw:
        return None, None
    return _name(raw.get("navn")), _date(raw.get("foedselsdato"))


def _protection(raw: Any) -> Protection:
    if not raw:
        return Protection.NONE
    try:
        return Protection(enum_value(str(raw)))
    except ValueError:
        raise RegisterDataError("an unknown address protection grade") from None


def _municipality(address: Document) -> str | None:
    for key in ("vegadresse", "matrikkeladresse"):
        part = address.get(key) or {}
        if key == "matrikkeladresse":
            part = part.get("matrikkelnummer") or {}
        if part.get("kommunenummer"):
            return str(part["kommunenummer"])
    unknown = address.get("ukjentBosted") or {}
    return str(unknown["bostedskommune"]) if unknown.get("bostedskommune") else None


def _identifiers(doc: Document) -> tuple[Identifier, ...]:
    found = []
    for entry in doc.get("identifikasjonsnummer") or []:
        try:
            kind = IdKind(enum_value(str(entry["identifikatortype"])))
            value = str(entry["foedselsEllerDNummer"])
        except (KeyError, ValueError):
            raise RegisterDataError("an identifier without number or type") from None
        in_use = enum_value(str(entry.get("status", "I_BRUK"))) == "I_BRUK"
        found.append(Identifier(value, kind, in_use, _date(entry.get("gyldighetstidspunkt"))))
    return tuple(found)


def _responsibility(raw: Any) -> Responsibility:
    try:
        return Responsibility(enum_value(str(raw)))
    except ValueError:
        raise RegisterDataError("an unknown kind of parental responsibility") from None


def person_from_document(doc: Document, *, asked: Iterable[str]) -> RegisterPerson:
    """The facts of one person document (`Folkeregisterperson`)."""
    identifiers = _identifiers(doc)
    in_use = [i for i in identifiers if i.in_use]
    if not in_use:
        raise RegisterDataError("a person without an identifier in use")
    # A national id wins over a D-number when the answer holds both in use.
    in_use.sort(key=lambda i: i.kind is not IdKind.NATIONAL_ID)

    names = _current(doc.get("navn") or [])
    births = _current(doc.get("foedsel") or [])
    statuses = _current(doc.get("status") or [])
    death = doc.get("doedsfall") or {}

    grades = [
        _protection(e.get("graderingsnivaa")) for e in _current(doc.get("adressebeskyttelse") or [])
    ]
    homes = _current(doc.get("bostedsadresse") or [])
    grades += [_protection(h.get("adressegradering")) for h in homes]
    asked = frozenset(asked)
    protection: Protection | None = max(grades, key=lambda g: g.rank, default=Protection.NONE)
    if not grades and not asked & {"adressebeskyttelse", "bostedsadresse", "person-basis"}:
        protection = None
    strict = protection is Protection.STRICTLY_CONFIDENTIAL
    home = homes[0] if homes else None

    shared = []
    for entry in _current(doc.get("deltBosted") or []):
        grade = _protection(entry.get("adressegradering"))
        start = _date(entry.get("startdatoForKontrakt"))
        if start is None:
            raise RegisterDataError("a shared residence without its start")
        hidden = strict or grade is Protection.STRICTLY_CONFIDENTIAL
        shared.append(
            SharedResidence(
                start=start,
                end=_date(entry.get("sluttdatoForKontrakt")),
                municipality=None if hidden else _municipality(entry),
                protection=grade,
            )
        )

    holders, children = [], []
    for entry in doc.get("foreldreansvar") or []:
        current = bool(entry.get("erGjeldende", True))
        kind = _responsibility(entry.get("ansvar"))
        holder_name, _ = _bi_person_name(entry.get("ansvarligUtenIdentifikator"))
        if entry.get("ansvarlig") or holder_name or entry.get("ansvarligOrganisasjon"):
            holders.append(
                ParentalResponsibility(
                    responsibility=kind,
                    holder_id=entry.get("ansvarlig"),
                    holder_name=holder_name,
                    holder_org=entry.get("ansvarligOrganisasjon"),
                    valid_from=_date(entry.get("gyldighetstidspunkt")),
                    ended=_date(entry.get("opphoerstidspunkt")),
                    current=current,
                )
            )
        child_name, child_birth = _bi_person_name(entry.get("ansvarssubjektUtenIdentifikator"))
        if entry.get("ansvarssubjekt") or child_name:
            children.append(
                ResponsibilityFor(
                    kind, entry.get("ansvarssubjekt"), child_name, child_birth, current
                )
            )

    relatives = []
    for entry in _current(doc.get("familierelasjon") or []):
        name, birth = _bi_person_name(entry.get("relatertPersonUtenFolkeregisteridentifikator"))
        relatives.append(
            Relative(
                role=enum_value(str(entry.get("relatertPersonsRolle", ""))),
                person_id=entry.get("relatertPerson"),
                name=name,
                birth_date=birth,
            )
        )

    sami: list[str] = []
    for entry in _current(doc.get("brukAvSamiskSpraak") or []):
        sami += [enum_value(str(s)) for s in entry.get("spraak") or [] if s]

    return RegisterPerson(
        id=in_use[0].value,
        identifiers=identifiers,
        asked=asked,
        name=_name(names[0]) if names else None,
        birth_date=_date(births[0].get("foedselsdato")) if births else None,
        status=enum_value(str(statuses[0]["status"])) if statuses else None,
        death_date=_date(death.get("doedsdato")) if death.get("erGjeldende", True) else None,
        protection=protection,
        municipality=None if strict or home is None else _municipality(home),
        moved_in=None if strict or home is None else _date(home.get("flyttedato")),
        shared_residence=tuple(shared),
        parental_responsibility=tuple(holders),
        responsibility_for=tuple(children),
        relatives=tuple(relatives),
        sami_languages=tuple(dict.fromkeys(sami)),
        immigration_ids=tuple(
            str(e["identifikasjonsnummer"])
            for e in _current(doc.get("utlendingsmyndighetenesIdentifikasjonsnummer") or [])
            if e.get("identifikasjonsnummer")
        ),
    )


@dataclass(frozen=True)
class FeedEvent:
    """One entry of the register's change feed. `kind` in the schema's spelling
    (PERSON_ER_DOED, ENDRING_I_FORELDREANSVAR, …); `person_id` is the identifier the event is
    filed under; the documents are keys for looking the event or the person version up."""

    sequence: int
    person_id: str
    kind: str
    event_document: str | None
    person_document: str | None
    recorded_at: datetime.datetime | None


def feed_from_answer(entries: Iterable[Document]) -> list[FeedEvent]:
    events = []
    for entry in entries:
        event = entry.get("hendelse") or {}
        try:
            sequence = int(entry["sekvensnummer"])
            person_id = str(event["folkeregisteridentifikator"])
            kind = enum_value(str(event.get("hendelsetype") or event["hendelsestype"]))
        except (KeyError, TypeError, ValueError):
            raise RegisterDataError("a feed entry without sequence, person or kind") from None
        recorded = event.get("ajourholdstidspunkt")
        try:
            recorded_at = datetime.datetime.fromisoformat(recorded) if recorded else None
        except ValueError:
            raise RegisterDataError("a feed entry's time is not a time") from None
        events.append(
            FeedEvent(
                sequence=sequence,
                person_id=person_id,
                kind=kind,
                event_document=event.get("hendelsesdokument"),
                person_document=event.get("persondokument"),
                recorded_at=recorded_at,
            )
        )
    return sorted(events, key=lambda e: e.sequence)
