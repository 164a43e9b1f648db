"""Search finds a service by any of its names, tolerates typos, and finds nothing unrelated.

The ranking runs in memory, so most of these tests need no database: the services are the
starter directory's, unsaved.
"""

import pytest

from laget.directory.models import Service
from laget.directory.search import Field, Tier, normalize, rank
from laget.directory.selectors import search
from laget.directory.starter import STARTER, install_starter_services
from laget.testing.world import World

SERVICES = [
    Service(
        pk=i + 1,
        name=s.name,
        abbreviations=list(s.abbreviations),
        former_names=list(s.former_names),
        kind=s.kind,
    )
    for i, s in enumerate(STARTER)
]

PPT = "Pedagogisk-psykologisk tjeneste"
HABU = "Habiliteringstjenesten for barn og unge"
SCHOOL_TEAM = "Tverrfaglig team på skolen"

# query → the service expected first.
TOP = [
    ("PPT", PPT),
    ("ppt", PPT),
    ("P.P.T.", PPT),
    ("pp-tjenesten", PPT),
    ("Pedagogisk-psykologisk tjeneste", PPT),
    ("pedagogisk psykologisk tjeneste", PPT),
    ("pedagogisk", PPT),
    ("pedagogsk psykolgisk", PPT),
    ("HABU", HABU),
    ("habu", HABU),
    ("habilitering", HABU),
    ("ressursteam", SCHOOL_TEAM),
    ("Ressursteamet", SCHOOL_TEAM),
    ("helsestasjonn", "Helsestasjonen"),
    ("helsestasjon", "Helsestasjonen"),
    ("barnevernet", "Barneverntjenesten"),
    ("barneverntjenesten", "Barneverntjenesten"),
    ("barnevernkontoret", "Barneverntjenesten"),
    ("BUP", "Barne- og ungdomspsykiatrisk poliklinikk"),
    ("barne- og ungdomspsykiatrisk", "Barne- og ungdomspsykiatrisk poliklinikk"),
    ("nav", "NAV"),
    ("sosialkontoret", "NAV"),
    ("tibir", "Foreldreveiledning – TIBIR og PMTO"),
    ("PMTO", "Foreldreveiledning – TIBIR og PMTO"),
    ("familieteam", "Familiesenteret"),
    ("familiesentret", "Familiesenteret"),
    ("psykisk helse", "Psykisk helse barn og unge"),
    ("skolehelse", "Skolehelsetjenesten"),
    ("helsesøster", "Skolehelsetjenesten"),
    ("helsesoster", "Skolehelsetjenesten"),
    ("utekontakt", "Utekontakten"),
]

UNRELATED = [
    "fotball",
    "skatteetaten",
    "bibliotek",
    "snømåking",
    "xyz",
    "hund",
    "tannlege",
    "byggesak",
    "kino",
    "navnebytte",
    "",
    "   ",
    "!!!",
]


@pytest.mark.parametrize(("query", "expected"), TOP)
def test_top_result(query: str, expected: str) -> None:
    found = rank(SERVICES, query)
    assert found, query
    assert found[0].service.name == expected


@pytest.mark.parametrize("query", UNRELATED)
def test_unrelated_queries_find_nothing(query: str) -> None:
    assert rank(SERVICES, query) == []


def test_abbreviation_is_an_exact_match_and_says_so() -> None:
    (match,) = rank(SERVICES, "ppt")
    assert (match.tier, match.field, match.matched) == (Tier.EXACT, Field.ABBREVIATION, "PPT")
    assert match.note == "Forkortelse: PPT"


def test_former_name_says_which_name_matched() -> None:
    (match,) = rank(SERVICES, "ressursteam")
    assert match.field == Field.FORMER_NAME
    assert match.note == "Tidligere navn: Ressursteam"


def test_the_service_name_needs_no_note() -> None:
    match = rank(SERVICES, "utekontakten")[0]
    assert (match.field, match.note) == (Field.NAME, "")


def test_exact_before_prefix_before_fuzzy() -> None:
    services = [
        Service(pk=1, name="Helsestasjon for ungdom"),
        Service(pk=2, name="Helsestasjonen"),
        Service(pk=3, name="Helsestasjon"),
    ]
    assert [m.service.pk for m in rank(services, "helsestasjon")] == [3, 2, 1]
    assert [m.tier for m in rank(services, "helsestasjon")] == [
        Tier.EXACT,
        Tier.PREFIX,
        Tier.PREFIX,
    ]


def test_typos_are_ranked_after_real_matches() -> None:
    services = [Service(pk=1, name="Helsestasjonen"), Service(pk=2, name="Helsestasjonn")]
    found = rank(services, "helsestasjonn")
    assert [m.service.pk for m in found] == [2, 1]
    assert found[1].tier == Tier.FUZZY


def test_limit() -> None:
    assert len(rank(SERVICES, "helse", limit=2)) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pedagogisk-psykologisk  tjeneste", "pedagogisk psykologisk tjeneste"),
        ("P.P.T.", "p p t"),
        ("Rådgivning for Ærlige Øyne", "radgivning for aerlige oyne"),
        ("Café Étoile", "cafe etoile"),
        ("  ", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_aeoeaa_match_written_either_way() -> None:
    services = [Service(pk=1, name="Rådgivning for økonomi")]
    for query in ("rådgivning", "radgivning", "RÅDGIVNING", "økonomi", "okonomi"):
        assert rank(services, query), query


# The "done when": an abbreviation, a former name and a misspelling each find the service.
@pytest.mark.django_db
@pytest.mark.parametrize("query", ["HABU", "Barnehabiliteringen", "habilteringstjenesten"])
def test_done_when_directory_search_finds_the_service(query: str, world: World) -> None:
    install_starter_services(world.municipality)
    found = search(world.municipality, query)
    assert found[0].service.name == HABU


@pytest.mark.django_db
def test_search_leaves_out_inactive_services(world: World) -> None:
    install_starter_services(world.municipality)
    Service.objects.filter(municipality=world.municipality, name=HABU).update(is_active=False)
    assert search(world.municipality, "habu") == []
