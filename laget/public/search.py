"""One search over a municipality's public guide: its steps, tools and services together.

`search(municipality, query)` returns hits ranked best first, each with its kind, a link and a
snippet with the words found marked. The query's words are stemmed the Norwegian way, the
municipality's synonyms widen it ("mobbing" also finds "holdes utenfor"), and a word of four
letters or more may be misspelt ("barnvern"). PostgreSQL ranks with its full-text search and
pg_trgm (search_postgres.py); SQLite, the demo's database, with the same rules in Python
(search_python.py). docs/SEARCH.md says how, and how to tune it.

Nothing here logs or stores the query.
"""

import re
from dataclasses import dataclass

from django.db import connection
from rapidfuzz import fuzz

from laget.guide.synonyms import synonyms_of
from laget.orgs.models import Municipality
from laget.public import search_postgres, search_python
from laget.public.search_documents import (
    Document,
    Kind,
    documents,
    published_version_id,
    tools_of,
)
from laget.public.search_python import TYPO_RATIO, stem_matches, typo_candidate
from laget.public.search_text import Plan, plan, stem, words

# Hits shown at most, and the words of context a snippet shows around the first word found.
HITS_MAX = 30
SNIPPET_BEFORE = 8
SNIPPET_WORDS = 28
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Hit:
    kind: Kind
    title: str
    url: str
    meta: str
    snippet: list[tuple[str, bool]]  # text pieces, True where a word was found
    score: float

    @property
    def kind_label(self) -> str:
        return self.kind.label


class _Marker:
    """Whether a word of a text is one the plan found (to mark it in a snippet)."""

    def __init__(self, plan: Plan) -> None:
        self.stems = sorted({s for t in plan.terms for s in t.stems})
        self.typo_words = plan.typo_words
        self.seen: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        word = word.casefold()
        if word not in self.seen:
            word_stem = stem(word)
            self.seen[word] = any(stem_matches(s, word_stem) for s in self.stems) or (
                len(word) >= 3
                and any(
                    typo_candidate(t, word) and fuzz.ratio(word, t) >= TYPO_RATIO
                    for t in self.typo_words
                )
            )
        return self.seen[word]


def snippet(document: Document, found: _Marker) -> list[tuple[str, bool]]:
    """A few lines of the document's longer text around the first word found, found words
    marked; the start of the text when the hit was in the title only."""
    texts = [t for t in document.snippet_texts if t.strip()]
    if not texts:
        return []
    for text in texts:
        tokens = list(_WORD.finditer(text))
        marks = [found(m.group()) for m in tokens]
        if any(marks):
            break
    else:
        text = max(texts, key=len)
        tokens = list(_WORD.finditer(text))
        marks = [False] * len(tokens)
    if not tokens:
        return []
    first = marks.index(True) if any(marks) else 0
    start = max(0, first - SNIPPET_BEFORE)
    end = min(len(tokens), start + SNIPPET_WORDS)
    pieces: list[tuple[str, bool]] = []
    if start > 0:
        pieces.append(("… ", False))
    pos = tokens[start].start()
    for i in range(start, end):
        m = tokens[i]
        if m.start() > pos:
            pieces.append((text[pos : m.start()], False))
        pieces.append((m.group(), marks[i]))
        pos = m.end()
    tail = text[pos : tokens[end].start()] if end < len(tokens) else text[pos:]
    if tail:
        pieces.append((tail if end == len(tokens) else tail.rstrip() + " …", False))
    return pieces


def _hit(document: Document, found: _Marker, score: float) -> Hit:
    return Hit(
        document.kind, document.title, document.url, document.meta, snippet(document, found), score
    )


def python_search(municipality: Municipality, query: str) -> list[Hit]:
    """The search as the demo's SQLite runs it (on any database): documents read, ranked in
    Python."""
    the_plan = plan(query, synonyms_of(municipality))
    if the_plan.empty:
        return []
    docs = documents(
        municipality,
        version_id=published_version_id(municipality),
        tools=tools_of(municipality),
    )
    ranked = search_python.rank(docs, the_plan)[:HITS_MAX]
    found = _Marker(the_plan)
    return [_hit(r.document, found, r.score) for r in ranked]


def postgres_search(municipality: Municipality, query: str) -> list[Hit]:
    the_plan = plan(query, synonyms_of(municipality))
    if the_plan.empty:
        return []
    version_id = published_version_id(municipality)
    tools = tools_of(municipality)
    found = search_postgres.rank(
        municipality,
        version_id=version_id,
        tool_version_ids=[t.version.pk for t in tools],
        plan=the_plan,
    )
    order = {Kind.STEP: 0, Kind.TOOL: 1, Kind.SERVICE: 2}
    only: dict[Kind, list[int]] = {k: [] for k in Kind}
    for kind, pk, _score in found:
        only[kind].append(pk)
    docs = documents(municipality, version_id=version_id, tools=tools, only=only)
    ranks = {(kind, pk): score for kind, pk, score in found}
    scores = {
        (d.kind, d.pk): ranks[(d.kind, d.pk)] + search_python.typo_score(d, the_plan) for d in docs
    }
    # ts_rank gives a document that does not match a tiny positive rank, not 0.
    docs = [d for d in docs if round(scores[(d.kind, d.pk)], 6) > 0]
    docs.sort(key=lambda d: (-round(scores[(d.kind, d.pk)], 6), order[d.kind], d.title))
    marker = _Marker(the_plan)
    return [_hit(d, marker, scores[(d.kind, d.pk)]) for d in docs[:HITS_MAX]]


def search(municipality: Municipality, query: str) -> list[Hit]:
    """The municipality's steps, tools and services matching `query`, best first."""
    if not words(query):
        return []
    if connection.vendor == "postgresql":
        return postgres_search(municipality, query)
    return python_search(municipality, query)
