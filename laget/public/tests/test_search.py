"""The public search: everyday words find the guide's steps, tools and services together,
ranked, with synonyms the municipality edits and typos tolerated.

The suite runs on PostgreSQL: `search` (and the page) take the full-text path there; the
SQLite path, `python_search`, ranks the same documents in Python and is called directly.
"""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laget.directory.models import Service
from laget.guide.models import GuideVersion
from laget.guide.services import guide_create, guide_publish, version_create
from laget.guide.structure import StepData
from laget.guide.synonyms import synonyms_replace, synonyms_reset
from laget.orgs.models import Membership, Municipality, Role
from laget.public.search import Hit, python_search, search
from laget.public.search_documents import Kind
from laget.public.search_python import typo_similarity
from laget.testing.world import World, make_user

pytestmark = pytest.mark.django_db

Search = Callable[[Municipality, str], list[Hit]]
BACKENDS = {"postgres": search, "python": python_search}


@pytest.fixture(params=list(BACKENDS))
def find(request: pytest.FixtureRequest) -> Search:
    return BACKENDS[request.param]


def titles(hits: list[Hit]) -> list[str]:
    return [h.title for h in hits]


def test_the_suite_takes_the_postgresql_path() -> None:
    assert connection.vendor == "postgresql"


# --- the four words from the issue, on the starter guide and directory --------------------

EXAMPLES = [
    # A parent's word the guide does not use: the default synonyms lead to "holdes utenfor".
    ("mobbing", Kind.TOOL, "Tegn og signaler"),
    ("angst", Kind.SERVICE, "Psykisk helse barn og unge"),
    # A phrase: its own words in a tool's checklist, and "søvn" at the health clinic.
    ("sover dårlig", Kind.TOOL, "Tegn og signaler"),
    ("sover dårlig", Kind.SERVICE, "Helsestasjonen"),
    # A typo.
    ("barnvern", Kind.SERVICE, "Barneverntjenesten"),
    ("barnvern", Kind.STEP, "Du blir urolig for et barn"),
]


@pytest.mark.parametrize(("query", "kind", "title"), EXAMPLES)
def test_everyday_words_find_the_right_thing(
    world: World, published: GuideVersion, find: Search, query: str, kind: Kind, title: str
) -> None:
    hits = find(world.municipality, query)
    assert (kind, title) in [(h.kind, h.title) for h in hits]


@pytest.mark.parametrize(("query", "kind", "title"), EXAMPLES)
def test_the_page_shows_each_hit_with_its_kind(
    world: World, published: GuideVersion, query: str, kind: Kind, title: str
) -> None:
    url = reverse("public:search", args=[world.municipality.number])
    response = Client().get(url, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert title in html
    assert str(kind.label) in html
    assert "<mark>" in html  # the words found are marked in the snippets


@pytest.mark.parametrize(
    ("typo", "title"),
    [("barnvern", "Barneverntjenesten"), ("helsestajon", "Helsestasjonen")],
)
def test_a_misspelt_name_ranks_like_the_name(
    world: World, published: GuideVersion, find: Search, typo: str, title: str
) -> None:
    """A typo counts in the best field it is found in: the service named so comes among the
    first hits, not after every text that mentions the word in passing."""
    right = titles(
        find(world.municipality, typo.replace("barnv", "barnev").replace("ajon", "asjon"))
    )
    wrong = titles(find(world.municipality, typo))
    assert title in right[:3]
    assert title in wrong[:3]


def test_steps_tools_and_services_come_in_one_ranked_list(
    world: World, published: GuideVersion, find: Search
) -> None:
    kinds = {h.kind for h in find(world.municipality, "barnevernet")}
    assert kinds == {Kind.STEP, Kind.TOOL, Kind.SERVICE}
    scores = [h.score for h in find(world.municipality, "barnevernet")]
    assert scores == sorted(scores, reverse=True)


def test_an_abbreviation_still_finds_its_service_first(
    world: World, published: GuideVersion, find: Search
) -> None:
    assert titles(find(world.municipality, "PPT"))[0] == "Pedagogisk-psykologisk tjeneste"


@pytest.mark.parametrize("query", ["", "   ", "og i på", "?!*:<->", "zqxwv"])
def test_nothing_found_is_an_empty_list(
    world: World, published: GuideVersion, find: Search, query: str
) -> None:
    assert find(world.municipality, query) == []


def test_the_page_says_when_nothing_is_found(world: World, published: GuideVersion) -> None:
    url = reverse("public:search", args=[world.municipality.number])
    html = Client().get(url, {"q": "zqxwv"}).content.decode()
    assert "Fant ingenting" in html


def test_the_page_reads_a_bounded_number_of_queries(world: World, published: GuideVersion) -> None:
    url = reverse("public:search", args=[world.municipality.number])
    client = Client()
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "barnevern"})
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"q": "barnevern mobbing angst sover dårlig søvn skole barnehage"})
    assert len(few) == len(many) <= 16


# --- ranking --------------------------------------------------------------------------------


@pytest.fixture
def own_guide(world: World) -> Municipality:
    """A municipality whose guide says "mobbing" in a title, a summary and a body."""
    municipality = Municipality.objects.create(name="Ordvik", number="9972")
    guide = guide_create(by=None, municipality=municipality, title="Veileder", slug="v")
    steps: list[StepData] = [
        {"slug": "kropp", "title": "Når barnet er lei seg", "body": "Mobbing kan ligge bak."},
        {"slug": "mobbing", "title": "Mobbing i barnehagen", "body": "Snakk med barnet."},
        {
            "slug": "venner",
            "title": "Få venner",
            "actor": "Den som ser mobbing",
            "body": "Se etter hvem barnet leker med.",
        },
    ]
    version = version_create(
        by=None,
        guide=guide,
        levels=[{"number": 0, "title": "Undring", "summary": "", "steps": steps}],
    )
    guide_publish(by=None, version=version)
    Service.objects.create(
        municipality=municipality, name="Skolehelsetjenesten", description="Samtaler om søvn."
    )
    Service.objects.create(
        municipality=municipality, name="Familiesenteret", description="Hjelp ved erting."
    )
    return municipality


def test_a_title_hit_ranks_before_a_summary_hit_before_a_body_hit(
    own_guide: Municipality, find: Search
) -> None:
    hits = find(own_guide, "mobbing")
    assert titles(hits)[:3] == ["Mobbing i barnehagen", "Få venner", "Når barnet er lei seg"]
    assert hits[0].score > hits[1].score > hits[2].score


def test_a_word_is_found_in_its_other_forms(own_guide: Municipality, find: Search) -> None:
    # "mobbingen" and "mobbing" share their stem.
    assert "Mobbing i barnehagen" in titles(find(own_guide, "mobbingen"))


def test_editing_the_synonyms_changes_what_is_found(world: World, own_guide: Municipality) -> None:
    admin = make_user("ola", "Ola", "Ordvik")
    Membership.objects.create(user=admin, municipality=own_guide, role=Role.ADMIN)
    for find in BACKENDS.values():
        assert "Skolehelsetjenesten" in titles(find(own_guide, "sover dårlig"))  # the defaults
        assert find(own_guide, "nattevåk") == []
    synonyms_replace(by=admin, municipality=own_guide, rows=[("nattevåk", ["søvn"])])
    for find in BACKENDS.values():
        assert titles(find(own_guide, "nattevåk")) == ["Skolehelsetjenesten"]
        # The municipality's own list replaced the defaults.
        assert "Skolehelsetjenesten" not in titles(find(own_guide, "sover dårlig"))
    synonyms_reset(by=admin, municipality=own_guide)
    for find in BACKENDS.values():
        assert "Skolehelsetjenesten" in titles(find(own_guide, "sover dårlig"))


def test_a_synonym_finds_its_word_both_ways(own_guide: Municipality, find: Search) -> None:
    # Default group: mobbing ~ erting …; "erting" finds the step about mobbing.
    assert "Mobbing i barnehagen" in titles(find(own_guide, "erting"))


def test_the_searchers_own_word_ranks_above_its_synonyms(
    own_guide: Municipality, find: Search
) -> None:
    # "erting" in a service's description, before "Mobbing" (its synonym) in a step's title.
    assert titles(find(own_guide, "erting"))[:2] == ["Familiesenteret", "Mobbing i barnehagen"]


def test_a_snippet_marks_the_words_found(own_guide: Municipality, find: Search) -> None:
    hit = next(h for h in find(own_guide, "mobbing") if h.title == "Når barnet er lei seg")
    assert ("Mobbing", True) in hit.snippet
    assert "".join(text for text, _found in hit.snippet) == "Mobbing kan ligge bak."


def test_only_the_published_guide_and_active_services_are_searched(
    own_guide: Municipality, find: Search
) -> None:
    Service.objects.filter(municipality=own_guide).update(is_active=False)
    assert find(own_guide, "søvn") == []
    other = Municipality.objects.create(name="Annet", number="9973")
    assert find(other, "mobbing") == []


# --- anything typed ---------------------------------------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=100))
def test_any_query_string_is_answered(own_guide: Municipality, query: str) -> None:
    for find in BACKENDS.values():
        hits = find(own_guide, query)
        assert all(h.score > 0 for h in hits)


@pytest.mark.parametrize(
    ("word", "doc_word", "found"),
    [
        ("barnvern", "barnevern", True),
        ("barnvern", "barneverntjenesten", True),  # the start of a longer word
        ("helsestajon", "helsestasjonen", True),
        ("sover", "over", False),  # a stopword is no one's typo
        ("sover", "dover", False),  # nor is a word with another first letter
        ("angst", "langs", False),
    ],
)
def test_what_counts_as_a_misspelling(word: str, doc_word: str, found: bool) -> None:
    assert (typo_similarity(word, [doc_word]) > 0) is found
