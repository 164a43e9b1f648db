"""Finding a service by any of its names: the name, an abbreviation or a former name.

A municipality has tens to a few hundred services, so each search ranks them all in memory;
that works the same on SQLite and PostgreSQL. Ranking, best first:

1. exact: the query is one of the service's names ("PPT", "ppt", "P.P.T.");
2. prefix: a name starts with the query ("helsestasj");
3. words: every word of the query starts a word of a name ("psykisk unge");
4. fuzzy: close enough despite typos ("pedagogsk psykolgisk", "helsestasjonn").

Names and queries are compared folded: case, punctuation and accents do not matter, and æ, ø
and å are folded the same way on both sides ("ae", "o", "a"), so "Rådgivning" is found both by
"rådgivning" and by "radgivning".
"""

import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from laget.directory.models import Service

# Fuzzy matches below this score (0–100) are not shown. Chosen from the tests' table: typos
# score 85 and more, unrelated words below 80 ("barnehage" against "barnehabiliteringen": 79).
FUZZY_THRESHOLD = 80
# Shorter queries are matched exactly or as prefixes only: fuzzy matching of two or three
# letters finds almost anything.
FUZZY_MIN_LENGTH = 4
# Names this short (abbreviations) are compared whole, never as a part of a longer query,
# so that "navnebytte" does not find NAV.
SHORT_NAME = 5

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ð": "d", "þ": "th", "ł": "l", "đ": "d"})
_NOT_WORD = re.compile(r"[\W_]+")


class Field(enum.StrEnum):
    NAME = "name"
    ABBREVIATION = "abbreviation"
    FORMER_NAME = "former_name"


class Tier(enum.IntEnum):
    EXACT = 0
    PREFIX = 1
    WORDS = 2
    FUZZY = 3


@dataclass(frozen=True)
class Match:
    """A service found, by which of its names, and how well."""

    service: Service
    matched: str  # the name as written in the directory
    field: Field
    tier: Tier
    score: float  # within a tier: higher is better

    @property
    def note(self) -> str:
        """What to say about the name that matched, if it is not the service's name."""
        if self.field == Field.ABBREVIATION:
            return _("Forkortelse: %(name)s") % {"name": self.matched}
        if self.field == Field.FORMER_NAME:
            return _("Tidligere navn: %(name)s") % {"name": self.matched}
        return ""


def normalize(text: str) -> str:
    """Lower case, æøå folded, accents and punctuation removed, single spaces."""
    text = text.casefold().translate(_FOLD)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _names(service: Service) -> Iterator[tuple[Field, str]]:
    yield Field.NAME, service.name
    for name in service.abbreviations:
        yield Field.ABBREVIATION, name
    for name in service.former_names:
        yield Field.FORMER_NAME, name


def _compare(query: str, name: str) -> tuple[Tier, float] | None:
    """How the (normalized) query matches one (normalized) name, or None."""
    compact_query, compact_name = query.replace(" ", ""), name.replace(" ", "")
    if query == name or compact_query == compact_name:
        return Tier.EXACT, 100.0
    coverage = 100.0 * len(compact_query) / max(len(compact_name), 1)
    if name.startswith(query) or compact_name.startswith(compact_query):
        return Tier.PREFIX, coverage
    words = name.split()
    # Single letters ("p p t") start too many words to mean anything on their own.
    query_words = [q for q in query.split() if len(q) > 1]
    if (
        len(compact_query) >= 3
        and query_words
        and all(any(w.startswith(q) for w in words) for q in query_words)
    ):
        return Tier.WORDS, coverage
    if len(compact_query) < FUZZY_MIN_LENGTH:
        return None
    if len(compact_name) <= SHORT_NAME:
        score = fuzz.ratio(compact_query, compact_name)
    else:
        score = max(fuzz.WRatio(query, name), _word_score(query_words, words))
    if score >= FUZZY_THRESHOLD:
        return Tier.FUZZY, float(score)
    return None


def _word_score(query_words: list[str], words: list[str]) -> float:
    """Each query word against its closest word of the name, averaged: typos in several words
    ("pedagogsk psykolgisk") cost less than when the phrase is compared whole."""
    if not query_words or not words:
        return 0.0
    return sum(max(fuzz.ratio(q, w) for w in words) for q in query_words) / len(query_words)


def best_match(service: Service, query: str) -> Match | None:
    """The service's best matching name for an already normalized query."""
    best: Match | None = None
    for field, text in _names(service):
        found = _compare(query, normalize(text))
        if found is None:
            continue
        tier, score = found
        if best is None or (tier, -score) < (best.tier, -best.score):
            best = Match(service, text, field, tier, score)
    return best


def rank(services: Iterable[Service], query: str, *, limit: int | None = None) -> list[Match]:
    """The services matching `query`, best first; nothing for an empty query."""
    normalized = normalize(query)
    if not normalized:
        return []
    matches = [m for s in services if (m := best_match(s, normalized)) is not None]
    matches.sort(key=lambda m: (m.tier, -m.score, m.service.name.casefold(), m.service.pk))
    return matches[:limit] if limit is not None else matches
