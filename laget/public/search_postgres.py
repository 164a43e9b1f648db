"""The public search ranked by PostgreSQL: full-text search with the `norwegian`
configuration, weighted A (title) > B (summary) > C (body), and pg_trgm's word similarity
for misspelt words (the extension is created by laget/guide/migrations/0002).

The vectors are computed per query: a municipality has a few hundred documents, and the three
queries take a few milliseconds together (docs/SEARCH.md has the measurement), so no stored
vector column or index is kept in step with the texts.
"""

from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorCombinable,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db.models import F, FloatField, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast, Concat

from laget.directory.models import Service
from laget.guide.models import Step
from laget.orgs.models import Municipality
from laget.public.search_documents import Kind
from laget.public.search_python import FIELD_WEIGHT, SYNONYM_FACTOR
from laget.public.search_text import PREFIX_MIN, Plan, Term
from laget.tools.models import ToolVersion

CONFIG = "norwegian"
# pg_trgm word similarity (0–1) from which a query word counts as found misspelt:
# "barnvern" in a text with "barnevern" scores 0.78, in one with only "barneverntjenesten" 0.5.
TYPO_SIMILARITY = 0.5
# ts_rank's weights for D, C, B, A: the same as search_python.FIELD_WEIGHT.
RANK_WEIGHTS = [0.0, FIELD_WEIGHT["C"], FIELD_WEIGHT["B"], FIELD_WEIGHT["A"]]
RAW: dict[str, Any] = {"search_type": "raw", "config": CONFIG}


class JsonStringsVector(SearchVectorCombinable, Func):
    """Every string of a JSON column as a weighted vector (a tool's questions and answers, a
    service's other names)."""

    output_field = SearchVectorField()

    def __init__(self, field: str, *, weight: str) -> None:
        assert weight in ("A", "B", "C", "D")
        self.config = None
        super().__init__(F(field))
        self.template = (
            f"setweight(jsonb_to_tsvector('{CONFIG}'::regconfig, %(expressions)s, "
            f"'[\"string\"]'::jsonb), '{weight}')"
        )


def _vector(*parts: tuple[str, str]) -> Any:
    """The fields (name, weight) as one weighted vector; a name ending in [] is JSON."""
    vectors: list[Any] = [
        JsonStringsVector(name[:-2], weight=weight)
        if name.endswith("[]")
        else SearchVector(name, config=CONFIG, weight=weight)
        for name, weight in parts
    ]
    combined = vectors[0]
    for v in vectors[1:]:
        combined = combined + v
    return combined


def _text(*names: str) -> Concat:
    """The fields as one text, for the trigram comparison."""
    exprs: list[Any] = []
    for name in names:
        exprs.append(Cast(name[:-2], TextField()) if name.endswith("[]") else F(name))
        exprs.append(Value(" "))
    return Concat(*exprs, output_field=TextField())


def _term(term: Term) -> str:
    # Words are letters and digits only (search_text.words), so quoting them is safe.
    if term.is_phrase:
        return "(" + " <-> ".join(f"'{w}'" for w in term.words) + ")"
    word = term.words[0]
    return f"'{word}':*" if len(term.stems[0]) >= PREFIX_MIN else f"'{word}'"


def tsquery(terms: list[Term]) -> str:
    return " | ".join(_term(t) for t in terms if t.stems)


# What each kind searches: (field, weight) for the vector; the same texts as
# search_documents.py builds for Python.
STEP_FIELDS = (("title", "A"), ("actor", "B"), ("body", "C"))
TOOL_FIELDS = (("definition__name", "A"), ("definition__description", "B"), ("schema[]", "C"))
SERVICE_FIELDS = (
    ("name", "A"),
    ("abbreviations[]", "A"),
    ("former_names[]", "A"),
    ("description", "B"),
    ("target_group", "C"),
    ("how_to_refer", "C"),
)


def _rank(query: str) -> Any:
    if not query:
        return Value(0.0, output_field=FloatField())
    return SearchRank(F("document"), SearchQuery(query, **RAW), RANK_WEIGHTS)


def _ranked(qs: QuerySet[Any], fields: tuple[tuple[str, str], ...], plan: Plan) -> list[Any]:
    own = tsquery(plan.terms_of(synonym=False))
    synonyms = tsquery(plan.terms_of(synonym=True))
    either = SearchQuery(" | ".join(q for q in (own, synonyms) if q), **RAW)
    text = _text(*(name for name, _w in fields))
    # pg_trgm finds the candidates for a misspelt word; search_python.typo_score scores them.
    typo: dict[str, Any] = {
        f"typo_{i}": TrigramWordSimilarity(word, text) for i, word in enumerate(plan.typo_words)
    }
    qs = qs.annotate(document=_vector(*fields), rank_own=_rank(own), rank_synonyms=_rank(synonyms))
    qs = qs.annotate(**typo)
    found = Q(document=either)
    for name in typo:
        found |= Q(**{f"{name}__gte": TYPO_SIMILARITY})
    rows = qs.filter(found).values_list("pk", "rank_own", "rank_synonyms")
    return [
        (pk, float(own_rank + SYNONYM_FACTOR * synonym_rank)) for pk, own_rank, synonym_rank in rows
    ]


def rank(
    municipality: Municipality, *, version_id: int | None, tool_version_ids: list[int], plan: Plan
) -> list[tuple[Kind, int, float]]:
    """(kind, id, full-text score) of every document the plan may find, unordered: those with
    a typo candidate only have 0 until search_python.typo_score has looked at them."""
    if plan.empty or not tsquery(plan.terms):
        return []
    hits: list[tuple[Kind, int, float]] = []
    if version_id is not None:
        steps = Step.objects.filter(level__version_id=version_id)
        hits += [(Kind.STEP, pk, s) for pk, s in _ranked(steps, STEP_FIELDS, plan)]
    if tool_version_ids:
        tools = ToolVersion.objects.filter(pk__in=tool_version_ids)
        hits += [(Kind.TOOL, pk, s) for pk, s in _ranked(tools, TOOL_FIELDS, plan)]
    services = Service.objects.filter(municipality=municipality, is_active=True)
    hits += [(Kind.SERVICE, pk, s) for pk, s in _ranked(services, SERVICE_FIELDS, plan)]
    return hits
