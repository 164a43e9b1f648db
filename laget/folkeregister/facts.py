"""The facts Laget uses from the population register: typed, and only what the family model
needs — who holds parental responsibility, shared residence, the address protection grade, a
death, the identifier history (a D-number replaced by a national id), the Sami-language
preference, the residence municipality — and the change feed's events. reading.py reads them
out of the register's answers; the `part` names the register takes are here.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

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
