"""Reading the register's answers into the facts of facts.py.

The register answers with a large document (schema `Folkeregisterperson` in
../shared/schemas/folkeregisteret/offentlig-med-hjemmel-openapi.json); only the facts are read.
No street address is read: a strictly protected person's municipality is dropped too, whatever
the register sends.

Entries with `erGjeldende: false` (asked for with the part "historikk") are kept where their
dates matter (a parental responsibility that ended, a replaced D-number); everything else is
read from the current entries. Enumerations are compared in the schema's spelling (FELLES,
STRENGT_FORTROLIG); the register's own documentation shows the camel case of an older version
(felles, strengtFortrolig), which is read the same.
"""

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

from laget.folkeregister.errors import RegisterDataError
from laget.folkeregister.facts import (
    FeedEvent,
    Identifier,
    IdKind,
    Name,
    ParentalResponsibility,
    Protection,
    RegisterPerson,
    Relative,
    Responsibility,
    ResponsibilityFor,
    SharedResidence,
)

Document = Mapping[str, Any]

# Word boundaries of camel case: "strengtFortrolig", and "endringIIdentitetsgrunnlag" (a
# one-letter word before a capitalised one).
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def enum_value(raw: str) -> str:
    """'strengtFortrolig' and 'STRENGT_FORTROLIG' both as 'STRENGT_FORTROLIG'."""
    return _CAMEL.sub("_", raw).upper()


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
