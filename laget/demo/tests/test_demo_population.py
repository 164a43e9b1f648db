"""The demo's story families as the population register gets them: the same people for the same
day, every id a synthetic test number the stand-in does not already have, and each fact of a
family (responsibility, shared residence, protection, a death, Sami) in the register's terms."""

import datetime

from django.test import override_settings

from laget.demo.population import Family, Parent, population_document
from laget.demo.stories import ALL_FAMILIES
from laget.folkeregister.counterpart.documents import person_document
from laget.folkeregister.counterpart.extra import world_with
from laget.folkeregister.counterpart.population import build_world
from laget.people.models import ProtectedAddress
from laget.people.national_id import parse_national_id

DAY = datetime.date(2026, 12, 5)
STRICT = ProtectedAddress.STRICTLY_CONFIDENTIAL


@override_settings(LAGET_SYNTHETIC_IDS=True)
def test_the_same_day_gives_the_same_people_with_new_synthetic_ids() -> None:
    first = population_document(ALL_FAMILIES, DAY)
    assert first == population_document(ALL_FAMILIES, DAY)
    people = first.document["people"]
    ids = [p["id"] for p in people]
    theirs = {i.value for p in build_world().people.values() for i in p.ids}
    assert len(set(ids)) == len(ids) and not set(ids) & theirs
    for person in people:
        parsed = parse_national_id(person["id"])
        assert parsed.is_synthetic
        assert parsed.birth_date == datetime.date.fromisoformat(person["birth"])
    assert set(first.child_ids) == {f.key for f in ALL_FAMILIES}


def test_each_fact_of_a_family_reaches_the_register() -> None:
    family = Family(
        "Áile",
        "Somby",
        (6, 0),
        boy=False,
        sami=True,
        shared_residence=True,
        protected=STRICT,
        parents=(
            Parent("Elle Somby", "mor", protected=STRICT),
            Parent("Mikkal Somby", "far"),
            Parent("Ante Somby", "far", responsibility=False, died_days_ago=40),
        ),
    )
    population = population_document((family,), DAY)
    world = world_with(None, population.document)
    child = world.find(population.child_ids[family.key])
    assert child is not None
    answer = person_document(
        world,
        child,
        [
            "foreldreansvar",
            "familierelasjon",
            "deltBosted",
            "adressebeskyttelse",
            "brukAvSamiskSpraak",
        ],
    )
    holders = {e["ansvarlig"]: e["ansvar"] for e in answer["foreldreansvar"]}
    by_name = {f"{p.given} {p.family}": p for p in world.people.values()}
    mother, father, other = (by_name[p.name] for p in family.parents)
    assert holders == {mother.id: "FELLES", father.id: "FELLES"}
    assert {r["relatertPerson"] for r in answer["familierelasjon"]} == {
        mother.id,
        father.id,
        other.id,
    }
    assert answer["adressebeskyttelse"][0]["graderingsnivaa"] == "STRENGT_FORTROLIG"
    assert answer["deltBosted"] and answer["brukAvSamiskSpraak"][0]["spraak"] == ["NORDSAMISK"]
    assert mother.grade == "STRENGT_FORTROLIG" and father.grade == "UGRADERT"
    assert other.died == DAY - datetime.timedelta(days=40)
