"""The demo's story families as the population register knows them.

Each story that identifies a child declares its family once, beside the story, as a `Family`
(the child, the age, the parents, who holds parental responsibility, shared residence, a
protected address, a death, the Sami language). That one declaration feeds both sides:

- the register: `population_document(families, today)` makes the counterpart's extra
  population (laget/folkeregister/counterpart/extra.py) from it: names, birth dates, synthetic
  national ids (month + 80), homes in Havbrekke, parental responsibility, grades;
- the story: `Story.identify_from_register(family)` looks the child up in that register
  through laget/cases/services/register.py and the stafettholder confirms what it proposes,
  as a municipality using Laget does. Who the register does not know (foster parents, an
  expecting mother's partner, a grandmother, the unborn child) the story still adds by hand.

The dates are relative to the demo's day, so that the children keep their ages; the same
family on the same day gets the same birth dates and national ids every time, which is what
lets `./dev demo` write the document (`manage.py demo_population`) before it starts the
counterpart, and seed_demo then find the same people in it.
"""

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from laget.folkeregister.counterpart.population import build_world, synthetic_id
from laget.people.models import ProtectedAddress

# The register's grade for each of Laget's protections.
GRADE: dict[str, str] = {
    ProtectedAddress.CONFIDENTIAL: "FORTROLIG",
    ProtectedAddress.STRICTLY_CONFIDENTIAL: "STRENGT_FORTROLIG",
}
ROLE = {"mor": "MOR", "far": "FAR", "medmor": "MEDMOR"}
MUNICIPALITY = "9971"  # Havbrekke (laget/demo/data.py), an invented number
STREETS = ("Fjordvegen", "Bakkebyvegen", "Lyngåsen", "Skolevegen", "Nordre Havbrekke")


@dataclass(frozen=True)
class Parent:
    """A parent in the register: `relation` is mor, far or medmor."""

    name: str
    relation: str
    responsibility: bool = True
    protected: str = ""
    died_days_ago: int | None = None

    @property
    def given(self) -> str:
        return self.name.rsplit(" ", 1)[0]

    @property
    def family(self) -> str:
        return self.name.rsplit(" ", 1)[1]


@dataclass(frozen=True)
class Family:
    """A story's child and parents. `age` is (years, months) on the demo's day."""

    given: str
    family: str
    age: tuple[int, int]
    boy: bool
    parents: tuple[Parent, ...]
    protected: str = ""
    shared_residence: bool = False
    sami: bool = False

    @property
    def key(self) -> str:
        return f"{self.given} {self.family}"


@dataclass
class Population:
    """The document for the counterpart and the national id of each family's child."""

    document: dict[str, Any]
    child_ids: dict[str, str] = field(default_factory=dict)


def _days(rng: random.Random, years: int, months: int) -> int:
    return years * 365 + years // 4 + months * 30 + rng.randint(0, 25)


def _home(street: str, number: int, since: datetime.date) -> dict[str, str]:
    return {
        "street": street,
        "number": str(number),
        "postcode": "9971",
        "place": "HAVBREKKE",
        "municipality": MUNICIPALITY,
        "since": since.isoformat(),
    }


def population_document(families: tuple[Family, ...], today: datetime.date) -> Population:
    taken = {i.value for p in build_world().people.values() for i in p.ids}
    seed = 0

    def new_id(birth: datetime.date) -> str:
        nonlocal seed
        while True:
            seed += 1
            candidate = synthetic_id(birth, seed=seed)
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    people: list[dict[str, Any]] = []
    population = Population(document={"people": people})
    for number, family in enumerate(families):
        rng = random.Random(family.key)  # noqa: S311 - repeatable fictional data, not secrets
        born = today - datetime.timedelta(days=_days(rng, *family.age))
        street = STREETS[number % len(STREETS)]
        moved_in = max(born, today - datetime.timedelta(days=3 * 365))

        child: dict[str, Any] = {
            "key": family.key,
            "given": family.given,
            "family": family.family,
            "birth": born.isoformat(),
            "sex": "MANN" if family.boy else "KVINNE",
            "id": new_id(born),
            "home": _home(street, 2 * number + 1, moved_in),
            "parents": {},
            "holders": [],
        }
        population.child_ids[family.key] = child["id"]
        holders = [p for p in family.parents if p.responsibility]
        kind = "FELLES" if len(holders) > 1 else ROLE[holders[0].relation] if holders else ""
        for place, parent in enumerate(family.parents):
            key = f"{family.key}/{place}"
            parent_born = born - datetime.timedelta(days=_days(rng, 27 + 3 * place, 0))
            # The holders live with the child, at its protection; with shared residence the
            # second home is another holder's; anyone else lives elsewhere.
            lives_with_child = (
                parent.responsibility
                and parent.protected == family.protected
                and not (family.shared_residence and parent is not holders[0])
            )
            entry: dict[str, Any] = {
                "key": key,
                "given": parent.given,
                "family": parent.family,
                "birth": parent_born.isoformat(),
                "sex": "MANN" if parent.relation == "far" else "KVINNE",
                "id": new_id(parent_born),
                "home": _home(street, 2 * number + (1 if lives_with_child else 2), moved_in),
            }
            if parent.protected:
                entry["grade"] = GRADE[parent.protected]
            if parent.died_days_ago is not None:
                died = today - datetime.timedelta(days=parent.died_days_ago)
                entry["died"] = died.isoformat()
            if family.sami:
                entry["sami"] = ["NORDSAMISK"]
            people.append(entry)
            child["parents"][key] = ROLE[parent.relation]
            if parent.responsibility:
                child["holders"].append({"holder": key, "responsibility": kind})
            if family.shared_residence and not lives_with_child and parent.responsibility:
                child["shared_with"] = key
                child["shared_since"] = moved_in.isoformat()
        if family.protected:
            child["grade"] = GRADE[family.protected]
        if family.sami:
            child["sami"] = ["NORDSAMISK"]
        people.append(child)
    return population
