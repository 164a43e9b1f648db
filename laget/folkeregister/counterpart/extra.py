"""An extra population for the counterpart, given as JSON (`--population PATH`, or
`Options.extra` when the counterpart runs inside a process): fictional families that someone
else writes, added beside the counterpart's own six.

The demo uses it for its story families (laget/demo/population.py writes the document from the
same declarations the demo's stories identify): one description of each family feeds both the
stand-in register and the stories. The extra people take no part in the scripted feed.

The document:

    {"people": [
      {"key": "mikkel", "given": "Mikkel", "family": "Sæterbakken", "birth": "2019-06-02",
       "sex": "MANN", "id": "<synthetic national id>",
       "home": {"street": "Fjellvegen", "number": "3", "postcode": "9971", "place": "HAVBREKKE",
                "municipality": "9971", "since": "2024-01-01"},
       "grade": "STRENGT_FORTROLIG",            # optional: the address protection
       "parents": {"<key>": "MOR"},             # optional: MOR / FAR / MEDMOR
       "holders": [{"holder": "<key>", "responsibility": "FELLES"}],   # optional
       "shared_with": "<key>", "shared_since": "2023-08-01",           # optional
       "sami": ["NORDSAMISK"],                  # optional
       "died": "2026-09-01"}                    # optional
    ]}

Every id must be a synthetic test number (month + 80) that the counterpart does not already
have; every key named in parents, holders or shared_with must be a person of the document.
"""

import datetime
from typing import Any

from laget.folkeregister.counterpart.population import (
    Fictional,
    Grade,
    Holder,
    Home,
    IdEntry,
    Shared,
    World,
    build_world,
)
from laget.people.national_id import check_digits

D = datetime.date
FIELDS = frozenset(
    {
        "key",
        "given",
        "family",
        "birth",
        "sex",
        "id",
        "home",
        "grade",
        "parents",
        "holders",
        "shared_with",
        "shared_since",
        "sami",
        "died",
    }
)
GRADES = frozenset({"UGRADERT", "KLIENTADRESSE", "FORTROLIG", "STRENGT_FORTROLIG"})
PARENT_ROLES = frozenset({"MOR", "FAR", "MEDMOR"})
RESPONSIBILITIES = frozenset({"FELLES", "MOR", "FAR", "MEDMOR", "ANDRE", "UKJENT"})
SAMI = frozenset({"NORDSAMISK", "SOERSAMISK", "LULESAMISK"})


class PopulationError(ValueError):
    """The extra population cannot be read; the message says which entry and why."""


def _synthetic(identifier: str) -> bool:
    return (
        len(identifier) == 11
        and identifier.isdigit()
        and int(identifier[2:4]) > 80
        and check_digits(identifier[:9]) == identifier[9:]
    )


def _person(entry: dict[str, Any]) -> Fictional:
    unknown = set(entry) - FIELDS
    if unknown:
        raise PopulationError(f"unknown field {sorted(unknown)[0]!r}")
    key = str(entry["key"])
    identifier = str(entry["id"])
    if not _synthetic(identifier):
        raise PopulationError(f"{key}: not a synthetic test number (month + 80)")
    birth = D.fromisoformat(entry["birth"])
    person = Fictional(
        key=key,
        given=str(entry["given"]),
        family=str(entry["family"]),
        birth=birth,
        sex=str(entry["sex"]),
        ids=[IdEntry(since=birth, value=identifier)],
        registered=birth,
    )
    if home := entry.get("home"):
        person.homes = [
            Home(
                D.fromisoformat(home["since"]),
                None,
                str(home["street"]),
                str(home["number"]),
                str(home["postcode"]),
                str(home["place"]),
                str(home["municipality"]),
            )
        ]
    if grade := entry.get("grade"):
        if grade not in GRADES:
            raise PopulationError(f"{key}: unknown grade {grade!r}")
        since = person.homes[0].since if person.homes else birth
        person.grades = [Grade(since, None, grade)]
    person.parents = dict(entry.get("parents", {}))
    if set(person.parents.values()) - PARENT_ROLES:
        raise PopulationError(f"{key}: a parent's role is not MOR, FAR or MEDMOR")
    for holder in entry.get("holders", []):
        if holder["responsibility"] not in RESPONSIBILITIES:
            raise PopulationError(f"{key}: unknown responsibility {holder['responsibility']!r}")
        person.holders.append(Holder(birth, None, holder["responsibility"], holder["holder"]))
    if shared := entry.get("shared_with"):
        person.shared = [Shared(D.fromisoformat(entry["shared_since"]), None, str(shared))]
    person.sami = list(entry.get("sami", []))
    if set(person.sami) - SAMI:
        raise PopulationError(f"{key}: unknown Sami language")
    if died := entry.get("died"):
        person.died = D.fromisoformat(died)
    return person


def extra_people(document: dict[str, Any], known: dict[str, Fictional]) -> list[Fictional]:
    """The document's people, checked against each other and against the `known` population."""
    try:
        people = [_person(entry) for entry in document["people"]]
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, PopulationError):
            raise
        raise PopulationError(f"the population document is not readable: {error!r}") from None
    keys = set(known)
    ids = {i.value for p in known.values() for i in p.ids}
    for person in people:
        if person.key in keys:
            raise PopulationError(f"{person.key}: the key is taken")
        if person.id in ids:
            raise PopulationError(f"{person.key}: the id is taken")
        keys.add(person.key)
        ids.add(person.id)
    for person in people:
        named = [*person.parents, *(h.holder for h in person.holders)]
        named += [s.with_person for s in person.shared]
        if missing := [k for k in named if k not in keys]:
            raise PopulationError(f"{person.key}: no person {missing[0]!r}")
    by_key = {**known, **{p.key: p for p in people}}
    for person in people:
        for shared in person.shared:
            if not any(h.current for h in by_key[shared.with_person].homes):
                raise PopulationError(f"{person.key}: the second home has no address")
    return people


def world_with(applied: int | None, document: dict[str, Any] | None) -> World:
    """The counterpart's world (population.build_world) with the document's people beside it."""
    world = build_world(applied)
    if document is not None:
        world.people.update({p.key: p for p in extra_people(document, world.people)})
    return world
