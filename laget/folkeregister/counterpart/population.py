"""The counterpart's fictional population: six families written for Laget, and the changes its
feed reports, built the same way every time.

Nobody here is real. Every national id and D-number is a synthetic test number (month + 80,
the tax authority's scheme for test data, laget/people/national_id.py), which no real person
has; the immigration authorities' number uses the impossible year 9999. Names, streets and
dates are made up.

The families, and what each one is for:
- Strandvik/Haug: two guardians with joint responsibility, the child lives with both (shared
  residence, "delt bosted").
- Vik: mother and child with a strictly protected address (STRENGT_FORTROLIG): the register
  gives the grade and nothing of the address; the father has no parental responsibility.
- Aune/Lyng: the child and mother get a confidential address (FORTROLIG) during the feed.
- Sæther/Vestli: the mother dies; parental responsibility goes from joint to the father.
- Haddad: the child's D-number is replaced by a national id; the mother has a D-number and the
  immigration authorities' number; a younger child has no Norwegian id at all and is known only
  from the mother's document (name and birth date, as the schema allows).
- Gaup: Northern Sami is the family's language; mother and child move to another municipality.

`build_world(applied)` makes the population with the first `applied` changes of CHANGES made,
each one an event in the feed with sequence numbers 1, 2, 3, …
"""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from laget.people.national_id import check_digits

D = datetime.date


@dataclass
class Period:
    since: D
    until: D | None = None

    @property
    def current(self) -> bool:
        return self.until is None


@dataclass
class IdEntry(Period):
    value: str = ""
    kind: str = "FOEDSELSNUMMER"


@dataclass
class Home(Period):
    street: str = ""
    number: str = ""
    postcode: str = ""
    place: str = ""
    municipality: str = ""


@dataclass
class Grade(Period):
    grade: str = "UGRADERT"


@dataclass
class Holder(Period):
    """Parental responsibility for the child it is kept on, held by `holder` (a person key)."""

    responsibility: str = "FELLES"
    holder: str = ""


@dataclass
class Shared(Period):
    """Shared residence of the child it is kept on, the second home being `with_person`'s."""

    with_person: str = ""


@dataclass
class Unregistered:
    """A child without an identifier in the register, known from a parent's document."""

    given: str
    family: str
    birth: D
    responsibility: str


@dataclass
class Fictional:
    key: str
    given: str
    family: str
    birth: D
    sex: str
    ids: list[IdEntry]
    homes: list[Home] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)
    holders: list[Holder] = field(default_factory=list)
    shared: list[Shared] = field(default_factory=list)
    parents: dict[str, str] = field(default_factory=dict)  # person key -> MOR / FAR / MEDMOR
    unregistered_children: list[Unregistered] = field(default_factory=list)
    sami: list[str] = field(default_factory=list)
    immigration_id: str = ""
    died: D | None = None
    registered: D = field(default_factory=lambda: D(2000, 1, 1))

    @property
    def id(self) -> str:
        return next(i.value for i in self.ids if i.current)

    @property
    def grade(self) -> str:
        return next((g.grade for g in self.grades if g.current), "UGRADERT")


@dataclass
class Event:
    sequence: int
    person_id: str
    kind: str
    recorded: D

    @property
    def event_document(self) -> str:
        return _digest(f"hendelse:{self.sequence}")

    @property
    def person_document(self) -> str:
        return _digest(f"person:{self.sequence}:{self.person_id}")


@dataclass
class World:
    people: dict[str, Fictional]
    events: list[Event]

    def find(self, identifier: str) -> Fictional | None:
        """By any identifier the person has had: a replaced D-number finds the person too."""
        for person in self.people.values():
            if any(i.value == identifier for i in person.ids):
                return person
        return None


def _digest(text: str) -> str:
    return hashlib.sha256(f"laget-motpart:{text}".encode()).hexdigest()[:32]


def synthetic_id(birth: D, *, d_number: bool = False, seed: int = 0) -> str:
    """A synthetic test number (month + 80; a D-number adds 40 to the day) for `birth`, the
    first valid one from an individual number chosen by `seed`."""
    day = birth.day + (40 if d_number else 0)
    prefix = f"{day:02d}{birth.month + 80:02d}{birth.year % 100:02d}"
    low, high = (500, 749) if birth.year >= 2000 else (0, 499)
    span = high - low + 1
    for step in range(span):
        individual = low + (seed * 37 + step) % span
        digits = check_digits(f"{prefix}{individual:03d}")
        if digits is not None:
            return f"{prefix}{individual:03d}{digits}"
    raise ValueError("no synthetic number for that date")


def _person(
    key: str,
    given: str,
    family: str,
    birth: D,
    sex: str,
    *,
    seed: int,
    d_number: bool = False,
    registered: D | None = None,
) -> Fictional:
    since = registered or birth
    return Fictional(
        key=key,
        given=given,
        family=family,
        birth=birth,
        sex=sex,
        ids=[
            IdEntry(
                since=since,
                value=synthetic_id(birth, d_number=d_number, seed=seed),
                kind="D_NUMMER" if d_number else "FOEDSELSNUMMER",
            )
        ],
        registered=since,
    )


def _home(
    person: Fictional,
    since: D,
    street: str,
    number: str,
    postcode: str,
    place: str,
    municipality: str,
) -> None:
    person.homes.append(Home(since, None, street, number, postcode, place, municipality))


def _base() -> dict[str, Fictional]:
    people: list[Fictional] = []

    # Strandvik/Haug, Drammen: joint responsibility, shared residence.
    marit = _person("strandvik-mor", "Marit", "Strandvik", D(1984, 7, 2), "KVINNE", seed=1)
    eirik = _person("haug-far", "Eirik", "Haug", D(1982, 11, 23), "MANN", seed=2)
    ylva = _person("ylva", "Ylva", "Strandvik Haug", D(2016, 3, 14), "KVINNE", seed=3)
    _home(marit, D(2021, 8, 1), "Kløvertunet", "4", "3024", "DRAMMEN", "3301")
    _home(ylva, D(2021, 8, 1), "Kløvertunet", "4", "3024", "DRAMMEN", "3301")
    _home(eirik, D(2021, 8, 1), "Bjørkelia", "17", "3027", "DRAMMEN", "3301")
    ylva.parents = {marit.key: "MOR", eirik.key: "FAR"}
    ylva.holders = [
        Holder(ylva.birth, None, "FELLES", marit.key),
        Holder(ylva.birth, None, "FELLES", eirik.key),
    ]
    ylva.shared = [Shared(D(2021, 8, 1), None, eirik.key)]
    people += [marit, eirik, ylva]

    # Vik: strictly protected; the mother alone has parental responsibility.
    tonje = _person("vik-mor", "Tonje", "Vik", D(1990, 1, 30), "KVINNE", seed=4)
    steinar = _person("bra-far", "Steinar", "Brå", D(1988, 9, 12), "MANN", seed=5)
    lotte = _person("lotte", "Lotte", "Vik", D(2018, 5, 9), "KVINNE", seed=6)
    for person in (tonje, lotte):
        _home(person, D(2024, 2, 1), "Skjermveien", "1", "0001", "OSLO", "0301")
        person.grades = [Grade(D(2024, 2, 1), None, "STRENGT_FORTROLIG")]
    _home(steinar, D(2019, 4, 1), "Elvebakken", "9", "4014", "STAVANGER", "1103")
    lotte.parents = {tonje.key: "MOR", steinar.key: "FAR"}
    lotte.holders = [Holder(lotte.birth, None, "MOR", tonje.key)]
    people += [tonje, steinar, lotte]

    # Aune/Lyng, Trondheim: joint responsibility; a confidential address comes in the feed.
    siri = _person("aune-mor", "Siri", "Aune", D(1985, 4, 18), "KVINNE", seed=7)
    petter = _person("lyng-far", "Petter", "Lyng", D(1983, 6, 6), "MANN", seed=8)
    sindre = _person("sindre", "Sindre", "Aune Lyng", D(2014, 12, 1), "MANN", seed=9)
    for person in (siri, sindre):
        _home(person, D(2020, 6, 15), "Lerkendalsbakken", "22", "7031", "TRONDHEIM", "5001")
    _home(petter, D(2020, 6, 15), "Fjordgløtt", "3", "7044", "TRONDHEIM", "5001")
    sindre.parents = {siri.key: "MOR", petter.key: "FAR"}
    sindre.holders = [
        Holder(sindre.birth, None, "FELLES", siri.key),
        Holder(sindre.birth, None, "FELLES", petter.key),
    ]
    people += [siri, petter, sindre]

    # Sæther/Vestli, Bergen: the mother dies in the feed; the father then holds responsibility.
    kari = _person("saether-mor", "Kari", "Sæther", D(1979, 10, 10), "KVINNE", seed=10)
    jon = _person("vestli-far", "Jon", "Vestli", D(1978, 3, 3), "MANN", seed=11)
    mathilde = _person("mathilde", "Mathilde", "Sæther", D(2017, 2, 20), "KVINNE", seed=12)
    for person in (kari, jon, mathilde):
        _home(person, D(2017, 3, 1), "Nøstebryggen", "5", "5011", "BERGEN", "4601")
    mathilde.parents = {kari.key: "MOR", jon.key: "FAR"}
    mathilde.holders = [
        Holder(mathilde.birth, None, "FELLES", kari.key),
        Holder(mathilde.birth, None, "FELLES", jon.key),
    ]
    people += [kari, jon, mathilde]

    # Haddad, Oslo: D-numbers, the immigration authorities' number, a child without an id.
    leila = _person(
        "haddad-mor",
        "Leila",
        "Haddad",
        D(1992, 8, 8),
        "KVINNE",
        seed=13,
        d_number=True,
        registered=D(2023, 2, 1),
    )
    leila.immigration_id = "999912340001"
    amir = _person(
        "amir",
        "Amir",
        "Haddad",
        D(2019, 6, 21),
        "MANN",
        seed=14,
        d_number=True,
        registered=D(2023, 2, 1),
    )
    for person in (leila, amir):
        _home(person, D(2023, 2, 1), "Solsikkeveien", "12", "0976", "OSLO", "0301")
    amir.parents = {leila.key: "MOR"}
    amir.holders = [Holder(D(2023, 2, 1), None, "MOR", leila.key)]
    leila.unregistered_children = [Unregistered("Yasmin", "Haddad", D(2022, 4, 11), "MOR")]
    people += [leila, amir]

    # Gaup, Tromsø: Northern Sami; mother and child move to Narvik in the feed.
    risten = _person("gaup-mor", "Risten", "Gaup", D(1987, 12, 12), "KVINNE", seed=15)
    niillas = _person("niillas", "Niillas", "Gaup", D(2015, 9, 30), "MANN", seed=16)
    for person in (risten, niillas):
        _home(person, D(2015, 10, 1), "Nordlysvegen", "8", "9016", "TROMSØ", "5501")
        person.sami = ["NORDSAMISK"]
    niillas.parents = {risten.key: "MOR"}
    niillas.holders = [Holder(niillas.birth, None, "MOR", risten.key)]
    people += [risten, niillas]

    return {p.key: p for p in people}


# --- the changes the feed reports, in order ------------------------------------------------------

Change = Callable[[dict[str, Fictional]], list[tuple[str, str]]]
"""Makes one change; returns (identifier the event is filed under, event type) for each event."""


def _new_national_id(people: dict[str, Fictional]) -> list[tuple[str, str]]:
    # Filed under the D-number: the identifier those who follow the child know it by.
    amir, when = people["amir"], D(2026, 10, 15)
    old = next(i for i in amir.ids if i.current)
    old.until = when
    amir.ids.append(
        IdEntry(since=when, value=synthetic_id(amir.birth, seed=17), kind="FOEDSELSNUMMER")
    )
    return [(old.value, "ENDRING_I_IDENTIFIKASJONSNUMMER")]


def _confidential(key: str) -> Change:
    def change(people: dict[str, Fictional]) -> list[tuple[str, str]]:
        person, when = people[key], D(2026, 10, 20)
        person.grades.append(Grade(when, None, "FORTROLIG"))
        return [(person.id, "ENDRING_I_ADRESSEBESKYTTELSE")]

    return change


def _death(people: dict[str, Fictional]) -> list[tuple[str, str]]:
    kari = people["saether-mor"]
    kari.died = D(2026, 11, 2)
    return [(kari.id, "PERSON_ER_DOED")]


def _father_alone(people: dict[str, Fictional]) -> list[tuple[str, str]]:
    mathilde, when = people["mathilde"], D(2026, 11, 2)
    for holder in mathilde.holders:
        if holder.current:
            holder.until = when
    mathilde.holders.append(Holder(when, None, "FAR", "vestli-far"))
    return [(mathilde.id, "ENDRING_I_FORELDREANSVAR")]


def _move(key: str) -> Change:
    def change(people: dict[str, Fictional]) -> list[tuple[str, str]]:
        person, when = people[key], D(2026, 11, 20)
        for home in person.homes:
            if home.current:
                home.until = when
        _home(person, when, "Havnegata", "31", "8514", "NARVIK", "1806")
        return [(person.id, "ENDRING_I_BOSTEDSADRESSE")]

    return change


CHANGES: list[tuple[D, Change]] = [
    (D(2026, 10, 15), _new_national_id),
    (D(2026, 10, 20), _confidential("sindre")),
    (D(2026, 10, 20), _confidential("aune-mor")),
    (D(2026, 11, 2), _death),
    (D(2026, 11, 2), _father_alone),
    (D(2026, 11, 20), _move("gaup-mor")),
    (D(2026, 11, 20), _move("niillas")),
]


def build_world(applied: int | None = None) -> World:
    """The population with the first `applied` changes made (all when None)."""
    people = _base()
    events: list[Event] = []
    count = len(CHANGES) if applied is None else max(0, min(applied, len(CHANGES)))
    for when, change in CHANGES[:count]:
        for person_id, kind in change(people):
            events.append(Event(len(events) + 1, person_id, kind, when))
    return World(people, events)
