"""Words for the public search, the same on both databases: Norwegian stopwords and stems,
and the query as concepts, each with the alternatives that find it (its synonyms).

PostgreSQL's `norwegian` text search configuration and the `snowballstemmer` package run the
same Snowball algorithm, and STOPWORDS is PostgreSQL's `norwegian.stop` (from the Snowball
project), so a word is reduced to the same stem in production and in the demo.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# PostgreSQL's tsearch_data/norwegian.stop (Snowball's Norwegian stop list, bokmål and nynorsk).
_STOP_LIST = """og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men
    ett har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans
    hvor eller hva skal selv sjøl her alle vil bli ble blei blitt kunne inn når være kom noen
    noe ville dere deres kun ja etter ned skulle denne for deg si sine sitt mot å meget
    hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom
    vår hver hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden dykk
    dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar
    hennes hoss hossen ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi
    mine mykje no nokon noka nokor noko nokre sia sidan so somt somme um upp vere vore verte
    vort varte vart"""
STOPWORDS = frozenset(_STOP_LIST.split())

# The words of a query taken into account; a longer query is cut (it is a search box).
MAX_WORDS = 8
# Stems this short are matched whole; longer ones also as the start of a word ("barnevern"
# finds "barneverntjenesten"), as PostgreSQL's prefix match `'barnevern':*`.
PREFIX_MIN = 3
# Only words this long are looked for with typos allowed, and only the query's first few
# such words (the typo comparison is the search's costliest part on PostgreSQL).
TYPO_MIN = 4
TYPO_WORDS_MAX = 3

_WORD = re.compile(r"[^\W_]+")
_stemmer = snowballstemmer.stemmer("norwegian")


def words(text: str) -> list[str]:
    """The words of a text, lower case, in order (letters and digits; æøå kept)."""
    return _WORD.findall(text.casefold())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def stems(text: str) -> list[str | None]:
    """The stems of a text's words in order; a stopword keeps its place as None (a phrase
    does not match across it, as in PostgreSQL)."""
    return [None if w in STOPWORDS else stem(w) for w in words(text)]


@dataclass(frozen=True)
class Term:
    """One way to find a concept: a word, or a phrase of words in this order."""

    words: tuple[str, ...]

    @property
    def stems(self) -> tuple[str, ...]:
        return tuple(stem(w) for w in self.words if w not in STOPWORDS)

    @property
    def is_phrase(self) -> bool:
        return len(self.stems) > 1


@dataclass(frozen=True)
class Concept:
    """Something the searcher asked for: one of their words (found by the word itself, or
    with a typo when `typo_word` is set), or a synonym group that the query touched."""

    terms: tuple[Term, ...]
    typo_word: str = ""
    synonym: bool = False  # found through the municipality's synonyms: counts for less


@dataclass(frozen=True)
class Plan:
    concepts: tuple[Concept, ...]

    @property
    def empty(self) -> bool:
        return not self.concepts

    @property
    def terms(self) -> list[Term]:
        return list(dict.fromkeys(t for c in self.concepts for t in c.terms))

    def terms_of(self, *, synonym: bool) -> list[Term]:
        return list(
            dict.fromkeys(t for c in self.concepts if c.synonym == synonym for t in c.terms)
        )

    @property
    def typo_words(self) -> list[str]:
        found = dict.fromkeys(c.typo_word for c in self.concepts if c.typo_word)
        return list(found)[:TYPO_WORDS_MAX]


def _contains(haystack: list[str], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(tuple(haystack[i : i + n]) == needle for i in range(len(haystack) - n + 1))


def plan(query: str, synonyms: list[tuple[str, list[str]]]) -> Plan:
    """The query's concepts: each word that is not a stopword, and each synonym group one of
    whose entries (a word, or a phrase in order) is in the query."""
    query_words = [w for w in words(query)][:MAX_WORDS]
    query_stems = [stem(w) for w in query_words if w not in STOPWORDS]
    concepts: list[Concept] = []
    for word in dict.fromkeys(query_words):
        if word in STOPWORDS:
            continue
        concepts.append(Concept((Term((word,)),), typo_word=word if len(word) >= TYPO_MIN else ""))
    for head, others in synonyms:
        group = [Term(tuple(words(entry))) for entry in (head, *others)]
        group = [t for t in group if t.stems]
        if any(_contains(query_stems, t.stems) for t in group):
            concepts.append(Concept(tuple(dict.fromkeys(group)), synonym=True))
    return Plan(tuple(concepts))
