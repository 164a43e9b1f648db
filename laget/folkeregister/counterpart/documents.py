"""The counterpart's answers, shaped as the OpenAPI file describes them: a person document
(`Folkeregisterperson`) with only the parts asked for, the bulk answer, the feed page.

The parts: any top-level entity of the person document, and the register's named sets —
"person-basis" (what is answered when no part is named), "relasjon-utvidet" (relations,
parental responsibility, guardianship), "identitetsgrunnlag-utvidet", and "historikk" (ended
entries too, `erGjeldende: false`). The identifiers always come along.

A strictly protected address (STRENGT_FORTROLIG) is answered with its grade only: the schema
requires the grade and makes every part of the address optional, and nothing that places the
person (street, postcode, municipality, moving date) leaves the counterpart. A confidential one
(FORTROLIG) is answered in full with its grade, as a public body with legal authority receives
it (to be confirmed against the register's rules for the rights package).
"""

import datetime
from typing import Any

from laget.folkeregister.counterpart.population import (
    Event,
    Fictional,
    Home,
    Period,
    World,
)
from laget.folkeregister.facts import ENTITY_PARTS, SET_PARTS

BASIS = frozenset(
    {
        "identifikasjonsnummer",
        "identitetsgrunnlag",
        "status",
        "doedsfall",
        "sivilstand",
        "foedsel",
        "statsborgerskap",
        "kjoenn",
        "navn",
        "preferertKontaktadresse",
        "bostedsadresse",
        "oppholdsadresse",
        "deltBosted",
        "postadresse",
        "postadresseIUtlandet",
        "adressebeskyttelse",
        "kontaktinformasjonForDoedsbo",
    }
)
RELATIONS = frozenset({"familierelasjon", "foreldreansvar", "vergemaalEllerFremtidsfullmakt"})
IDENTITY = frozenset({"falskIdentitet", "legitimasjonsdokument", "utenlandskPersonidentifikasjon"})
SOURCE = "laget-motpart"


class UnknownPart(ValueError):
    pass


def expand_parts(parts: list[str]) -> tuple[frozenset[str], bool]:
    """The entities to answer and whether ended entries are wanted."""
    unknown = [p for p in parts if p not in ENTITY_PARTS | SET_PARTS]
    if unknown:
        raise UnknownPart(unknown[0])
    named = set(parts) - {"historikk"}
    wanted = {p for p in named if p in ENTITY_PARTS}
    if "person-basis" in named or not named:
        wanted |= BASIS
    if "relasjon-utvidet" in parts:
        wanted |= RELATIONS
    if "identitetsgrunnlag-utvidet" in parts:
        wanted |= IDENTITY
    wanted.add("identifikasjonsnummer")
    return frozenset(wanted), "historikk" in parts


def _time(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00+01:00"


def _meta(period: Period) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "ajourholdstidspunkt": f"{period.since.isoformat()}T09:30:00+01:00",
        "erGjeldende": period.current,
        "kilde": SOURCE,
        "gyldighetstidspunkt": _time(period.since),
    }
    if period.until is not None:
        meta["opphoerstidspunkt"] = _time(period.until)
    return meta


def _street(home: Home) -> dict[str, Any]:
    return {
        "kommunenummer": home.municipality,
        "adressenavn": home.street,
        "adressenummer": {"husnummer": home.number},
        "poststed": {"poststedsnavn": home.place, "postnummer": home.postcode},
    }


def _home_entry(person: Fictional, home: Home) -> dict[str, Any]:
    # The person's grade now covers the earlier addresses too: it protects the person.
    entry = {**_meta(home), "adressegradering": person.grade}
    if person.grade != "STRENGT_FORTROLIG":
        entry["vegadresse"] = _street(home)
        entry["flyttedato"] = home.since.isoformat()
    return entry


def person_document(world: World, person: Fictional, parts: list[str]) -> dict[str, Any]:
    wanted, history = expand_parts(parts)

    def keep(periods: list[Any]) -> list[Any]:
        return [p for p in periods if history or p.current]

    alive = Period(person.registered, person.died)
    doc: dict[str, Any] = {
        "identifikasjonsnummer": [
            {
                **_meta(entry),
                "status": "I_BRUK" if entry.current else "OPPHOERT",
                "foedselsEllerDNummer": entry.value,
                "identifikatortype": entry.kind,
            }
            for entry in keep(person.ids)
        ]
    }
    born = Period(person.registered)
    if "navn" in wanted:
        doc["navn"] = [{**_meta(born), "fornavn": person.given, "etternavn": person.family}]
    if "foedsel" in wanted:
        doc["foedsel"] = [
            {
                **_meta(born),
                "foedselsdato": person.birth.isoformat(),
                "foedselsaar": {"value": person.birth.year},
            }
        ]
    if "kjoenn" in wanted:
        doc["kjoenn"] = [{**_meta(born), "kjoenn": person.sex}]
    if "status" in wanted:
        statuses = [{**_meta(alive), "status": "BOSATT"}]
        if person.died:
            statuses.append({**_meta(Period(person.died)), "status": "DOED"})
        doc["status"] = [s for s in statuses if history or s["erGjeldende"]]
    if "doedsfall" in wanted and person.died:
        doc["doedsfall"] = {**_meta(Period(person.died)), "doedsdato": person.died.isoformat()}
    if "adressebeskyttelse" in wanted:
        grades = [g for g in keep(person.grades) if g.grade != "UGRADERT"]
        if grades:
            doc["adressebeskyttelse"] = [{**_meta(g), "graderingsnivaa": g.grade} for g in grades]
    if "bostedsadresse" in wanted and person.homes:
        doc["bostedsadresse"] = [_home_entry(person, h) for h in keep(person.homes)]
    if "deltBosted" in wanted and person.shared:
        entries = []
        for shared in keep(person.shared):
            other = world.people[shared.with_person]
            home = next(h for h in other.homes if h.current)
            grade = max(person.grade, other.grade, key=_rank)
            entry = {
                **_meta(shared),
                "startdatoForKontrakt": shared.since.isoformat(),
                "adressegradering": grade,
            }
            if shared.until:
                entry["sluttdatoForKontrakt"] = shared.until.isoformat()
            if grade != "STRENGT_FORTROLIG":
                entry["vegadresse"] = _street(home)
            entries.append(entry)
        doc["deltBosted"] = entries
    if "foreldreansvar" in wanted:
        entries = [
            {**_meta(h), "ansvar": h.responsibility, "ansvarlig": world.people[h.holder].id}
            for h in keep(person.holders)
        ]
        for child in world.people.values():
            entries += [
                {**_meta(h), "ansvar": h.responsibility, "ansvarssubjekt": child.id}
                for h in keep(child.holders)
                if h.holder == person.key
            ]
        entries += [
            {
                **_meta(Period(u.birth)),
                "ansvar": u.responsibility,
                "ansvarssubjektUtenIdentifikator": {
                    "navn": {"fornavn": u.given, "etternavn": u.family},
                    "foedselsdato": u.birth.isoformat(),
                },
            }
            for u in person.unregistered_children
        ]
        if entries:
            doc["foreldreansvar"] = entries
    if "familierelasjon" in wanted:
        relations = [
            {
                **_meta(Period(person.birth)),
                "relatertPerson": world.people[key].id,
                "relatertPersonsRolle": role,
                "minRolleForPerson": "BARN",
            }
            for key, role in person.parents.items()
        ]
        for child in world.people.values():
            if person.key in child.parents:
                relations.append(
                    {
                        **_meta(Period(child.birth)),
                        "relatertPerson": child.id,
                        "relatertPersonsRolle": "BARN",
                        "minRolleForPerson": child.parents[person.key],
                    }
                )
        relations += [
            {
                **_meta(Period(u.birth)),
                "relatertPersonUtenFolkeregisteridentifikator": {
                    "navn": {"fornavn": u.given, "etternavn": u.family},
                    "foedselsdato": u.birth.isoformat(),
                },
                "relatertPersonsRolle": "BARN",
                "minRolleForPerson": "MOR" if person.sex == "KVINNE" else "FAR",
            }
            for u in person.unregistered_children
        ]
        if relations:
            doc["familierelasjon"] = relations
    if "brukAvSamiskSpraak" in wanted and person.sami:
        doc["brukAvSamiskSpraak"] = [{**_meta(born), "spraak": list(person.sami)}]
    if "utlendingsmyndighetenesIdentifikasjonsnummer" in wanted and person.immigration_id:
        doc["utlendingsmyndighetenesIdentifikasjonsnummer"] = [
            {
                **_meta(born),
                "identifikasjonsnummer": person.immigration_id,
                "identifikasjonsnummertype": "DUF_NUMMER",
                "utstederland": "NOR",
            }
        ]
    return doc


_GRADES = ["UGRADERT", "KLIENTADRESSE", "FORTROLIG", "STRENGT_FORTROLIG"]


def _rank(grade: str) -> int:
    return _GRADES.index(grade)


def bulk_answer(world: World, identifiers: list[str], parts: list[str]) -> dict[str, Any]:
    """The bulk lookup's answer as the register's documentation shows it: one entry per
    identifier asked for, with the person document when the identifier is known."""
    expand_parts(parts)  # an unknown part refuses the whole call
    found = []
    for identifier in identifiers:
        entry: dict[str, Any] = {"foedselsEllerDNummer": identifier}
        person = world.find(identifier)
        if person is not None:
            entry["folkeregisterperson"] = person_document(world, person, parts)
        found.append(entry)
    return {"oppslag": found}


def feed_page(world: World, start: int, size: int) -> list[dict[str, Any]]:
    return [_feed_entry(e) for e in world.events if e.sequence >= start][:size]


def _feed_entry(event: Event) -> dict[str, Any]:
    return {
        "sekvensnummer": event.sequence,
        "hendelse": {
            "folkeregisteridentifikator": event.person_id,
            "hendelsetype": event.kind,
            "hendelsesdokument": event.event_document,
            "persondokument": event.person_document,
            "ajourholdstidspunkt": f"{event.recorded.isoformat()}T09:30:00+01:00",
        },
    }
