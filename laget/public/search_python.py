"""The public search ranked in Python: the demo's SQLite has no Norwegian text search.

It mirrors search_postgres.py: a concept counts with the weight of the best field it is found
in (A 1.0, B 0.4, C 0.2, as PostgreSQL's ts_rank weighs them; a synonym group 0.3 of that), words are compared by their
Snowball stems (a stem of three letters or more also matches as the start of a word, like
`'stem':*`), a phrase must stand in order, and a query word of four letters or more may be
misspelt (rapidfuzz against the document's words, as pg_trgm's word similarity there). Each
function here is pure: it takes documents and a plan, and reads nothing.
"""

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from laget.public.search_documents import WEIGHTS, Document
from laget.public.search_text import PREFIX_MIN, STOPWORDS, Plan, Term, stems, words

FIELD_WEIGHT = {"A": 1.0, "B": 0.4, "C": 0.2}
# A misspelt word counts this share of the same word spelt right, in the best field it is found
# in: "barnvern" finds the service named "Barneverntjenesten" before a text that mentions
# "barnevernet" in passing.
TYPO_WEIGHT = 0.5
# A synonym's hit counts for this share of a hit on the searcher's own word: "angst" finds
# the text that says "angst" before the titles that say "bekymring".
SYNONYM_FACTOR = 0.3
# rapidfuzz ratio (0–100) from which two words count as the same word misspelt
# ("barnvern" against "barnevern" scores 94, "barnevernet" 84; "angst" against "langs" 60).
TYPO_RATIO = 80


def stem_matches(query_stem: str, doc_stem: str) -> bool:
    if len(query_stem) >= PREFIX_MIN:
        return doc_stem.startswith(query_stem)
    return doc_stem == query_stem


def term_in(term: Term, doc_stems: list[str | None]) -> bool:
    needle = term.stems
    if not needle:
        return False
    if len(needle) == 1:
        return any(d is not None and stem_matches(needle[0], d) for d in doc_stems)
    n = len(needle)
    return any(tuple(doc_stems[i : i + n]) == needle for i in range(len(doc_stems) - n + 1))


@dataclass(frozen=True)
class Scored:
    document: Document
    score: float


def typo_candidate(word: str, doc_word: str) -> bool:
    """Whether `doc_word` may be `word` misspelt: not a stopword ("sover" is not "over"), and
    with the same first letter, which people seldom get wrong."""
    return doc_word[:1] == word[:1] and doc_word not in STOPWORDS


def typo_similarity(word: str, doc_words: list[str]) -> float:
    """0–1: how close the document's closest word, or the start of a longer word, is to
    `word`; 0 below TYPO_RATIO. ("barnvern" is close to the start of "barneverntjenesten", as
    pg_trgm's word similarity finds it within the longer word.)"""
    whole = {w for w in doc_words if typo_candidate(word, w)}
    candidates = whole | {w[: len(word) + 1] for w in whole if len(w) > len(word) + 1}
    if not candidates:
        return 0.0
    found = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=TYPO_RATIO)
    return float(found[1]) / 100 if found else 0.0


def score(document: Document, plan: Plan) -> float:
    field_stems = {w: stems(document.texts.get(w, "")) for w in WEIGHTS}
    total = 0.0
    for concept in plan.concepts:
        found = [
            FIELD_WEIGHT[w]
            for w in WEIGHTS
            if any(term_in(t, field_stems[w]) for t in concept.terms)
        ]
        if found:
            total += max(found) * (SYNONYM_FACTOR if concept.synonym else 1.0)
    return total + typo_score(document, plan)


def typo_score(document: Document, plan: Plan) -> float:
    """What the plan's misspelt words add: each counts in the field it comes closest in, times
    that field's weight. Both databases score typos with this function (PostgreSQL's trigram
    similarity only chooses the candidates: it cannot tell "barnvern" in "barn" from
    "barnvern" in "barneverntjenesten")."""
    if not plan.typo_words:
        return 0.0
    field_words = {
        w: sorted({word for word in words(document.texts.get(w, "")) if len(word) >= 3})
        for w in WEIGHTS
    }
    return sum(
        TYPO_WEIGHT
        * max(FIELD_WEIGHT[w] * typo_similarity(typo_word, field_words[w]) for w in WEIGHTS)
        for typo_word in plan.typo_words
    )


def rank(documents: list[Document], plan: Plan) -> list[Scored]:
    """The documents the plan finds, best first (ties: steps, tools, services; then title)."""
    if plan.empty:
        return []
    scored = [Scored(d, s) for d in documents if (s := score(d, plan)) > 0]
    order = {"step": 0, "tool": 1, "service": 2}
    scored.sort(key=lambda h: (-round(h.score, 6), order[h.document.kind], h.document.title))
    return scored
