"""Reads for the employee surveys: lists for the builder and the results of a round.

round_results() and latest_round_summary() take a constant number of queries however many
units, responses and questions there are: counts are grouped in the database.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from laget.orgs.models import Municipality, UnitKind
from laget.surveys.models import (
    Answer,
    Option,
    PastCount,
    PastGroup,
    Question,
    Questionnaire,
    Round,
    RoundSource,
    RoundUnit,
)
from laget.surveys.results import MIN_GROUP, percent, points, suppressed

# The heading of the column of every response, whatever the service.
ALL_LABEL = _("Alle som svarte")


@dataclass(frozen=True)
class Rate:
    """Responses of invited, for a unit, a service kind or the whole round."""

    key: str
    label: str
    responses: int
    invited: int
    percent: Decimal | None  # None when nobody was invited


@dataclass(frozen=True)
class Share:
    value: str
    label: str
    count: int
    percent: Decimal | None


@dataclass(frozen=True)
class Distribution:
    """The answers to one question in a group; shares is empty when the group is hidden."""

    group: str  # "total" or a UnitKind value
    label: str
    responses: int
    answered: int
    hidden: bool
    shares: list[Share]


@dataclass(frozen=True)
class QuestionResult:
    key: str  # the question's slug, else its text
    text: str
    options: list[tuple[str, str]]  # (value, label) in order
    total: Distribution
    by_kind: list[Distribution]  # the cross-tab: one column per service kind in the round
    is_use_frequency: bool = False

    @property
    def columns(self) -> list[Distribution]:
        return [self.total, *self.by_kind]

    def rows(self) -> list[tuple[str, list[Share | None]]]:
        """Per option: its label and its share in each column (None where hidden)."""
        return [
            (label, [None if c.hidden else c.shares[i] for c in self.columns])
            for i, (_value, label) in enumerate(self.options)
        ]


@dataclass(frozen=True)
class OptionChange:
    value: str
    label: str
    now: Decimal | None
    before: Decimal | None
    points: Decimal | None


@dataclass(frozen=True)
class QuestionChange:
    key: str
    text: str
    hidden: bool  # either round's total below MIN_GROUP
    options: list[OptionChange]


@dataclass(frozen=True)
class RoundResults:
    round: Round
    min_group: int
    total: Rate
    total_hidden: bool
    unit_rates: list[Rate]
    kind_rates: list[Rate]
    questions: list[QuestionResult]
    previous: Round | None = None
    changes: list[QuestionChange] = field(default_factory=list)

    def question(self, key: str) -> QuestionResult | None:
        return next((q for q in self.questions if q.key == key), None)

    @property
    def cross_tab(self) -> QuestionResult | None:
        """The question the builder marked as the frequency of use: the dashboard's usage chart."""
        return next((q for q in self.questions if q.is_use_frequency), None)


def questionnaires_for(municipality: Municipality) -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(municipality=municipality).annotate(
        question_count=Count("questions")
    )


def rounds_for(municipality: Municipality) -> QuerySet[Round]:
    return Round.objects.filter(questionnaire__municipality=municipality).select_related(
        "questionnaire"
    )


def _questions(questionnaire_id: int) -> list[Question]:
    options = Prefetch("options", queryset=Option.objects.order_by("order", "pk"))
    return list(
        Question.objects.filter(questionnaire_id=questionnaire_id).prefetch_related(options)
    )


def _distribution(
    group: str,
    label: str,
    responses: int,
    hidden: bool,
    question: Question,
    counts: dict[int, int],
) -> Distribution:
    answered = sum(counts.values())
    shares = (
        []
        if hidden
        else [
            Share(o.value, o.label, counts.get(o.pk, 0), percent(counts.get(o.pk, 0), answered))
            for o in question.options.all()
        ]
    )
    return Distribution(group, label, responses, answered, hidden, shares)


@dataclass
class _Counts:
    """A round's counts, read in three queries."""

    questions: list[Question]
    round_units: list[tuple[RoundUnit, int]]  # with its number of responses
    # (question id, option id, unit kind) → answers
    answers: dict[tuple[int, int, str], int]
    # unit kind → [responses, invited]; for a round entered as counts, the only figures per group
    kinds: dict[str, list[int]] = field(default_factory=dict)

    @property
    def responses(self) -> int:
        return sum(n for n, _invited in self.kinds.values())


def _counts(round_: Round) -> _Counts:
    questions = _questions(round_.questionnaire_id)
    if round_.source == RoundSource.COUNTS:
        # Entered as counts per service (a past round): no units, no single responses.
        kinds = {
            g.unit_kind: [g.responses, g.invited]
            for g in PastGroup.objects.filter(round=round_).order_by("unit_kind")
        }
        counted = PastCount.objects.filter(round=round_).values_list(
            "question_id", "option_id", "unit_kind", "count"
        )
        return _Counts(questions, [], {(q, o, k): n for q, o, k, n in counted}, kinds)
    round_units: list[tuple[RoundUnit, int]] = [
        (ru, ru.response_count)
        for ru in RoundUnit.objects.filter(round=round_)
        .select_related("unit")
        .annotate(response_count=Count("responses"))
        .order_by("unit__name")
    ]
    rows = (
        Answer.objects.filter(response__round_unit__round=round_)
        .values_list("question_id", "option_id", "response__round_unit__unit__kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answers = {(q, o, k): n for q, o, k, n in rows}
    by_kind: dict[str, list[int]] = {}
    for ru, n in round_units:
        sums = by_kind.setdefault(ru.unit.kind, [0, 0])
        sums[0] += n
        sums[1] += ru.invited
    return _Counts(questions, round_units, answers, by_kind)


def _totals(c: _Counts, question: Question) -> dict[int, int]:
    totals: dict[int, int] = defaultdict(int)
    for (q, o, _kind), n in c.answers.items():
        if q == question.pk:
            totals[o] += n
    return totals


def round_results(round_: Round) -> RoundResults:
    """Response rates, distributions, the cross-tab by service kind and the change from the
    previous round. Figures for groups below MIN_GROUP responses are hidden (results.py)."""
    c = _counts(round_)
    kind_labels = dict(UnitKind.choices)
    responses = c.responses
    invited = sum(i for _n, i in c.kinds.values())
    total = Rate("total", "", responses, invited, percent(responses, invited))
    unit_rates = [
        Rate(str(ru.unit_id), ru.unit.name, n, ru.invited, percent(n, ru.invited))
        for ru, n in c.round_units
    ]
    by_kind = c.kinds
    kinds = [k for k in UnitKind.values if k in by_kind]
    kind_rates = [
        Rate(k, str(kind_labels[k]), by_kind[k][0], by_kind[k][1], percent(*by_kind[k]))
        for k in kinds
    ]
    total_hidden = responses < MIN_GROUP
    hidden_kinds = suppressed({k: by_kind[k][0] for k in kinds}, total_shown=not total_hidden)
    questions = []
    for q in c.questions:
        columns = [
            _distribution(
                k,
                str(kind_labels[k]),
                by_kind[k][0],
                k in hidden_kinds,
                q,
                {o: n for (qq, o, kk), n in c.answers.items() if qq == q.pk and kk == k},
            )
            for k in kinds
        ]
        questions.append(
            QuestionResult(
                q.key,
                q.text,
                [(o.value, o.label) for o in q.options.all()],
                _distribution("total", str(ALL_LABEL), responses, total_hidden, q, _totals(c, q)),
                columns,
                q.is_use_frequency,
            )
        )
    previous = round_.previous
    changes = _changes(c, previous) if previous is not None else []
    return RoundResults(
        round_,
        MIN_GROUP,
        total,
        total_hidden,
        unit_rates,
        kind_rates,
        questions,
        previous,
        changes,
    )


def _changes(now: _Counts, previous: Round) -> list[QuestionChange]:
    """Percentage points per option between the previous round and this one, for the
    questions both have (matched by slug, else text; options by value)."""
    before = _counts(previous)
    hidden = now.responses < MIN_GROUP or before.responses < MIN_GROUP
    earlier = {q.key: q for q in before.questions}
    changes = []
    for q in now.questions:
        old = earlier.get(q.key)
        if old is None:
            continue
        counts, old_counts = _totals(now, q), _totals(before, old)
        answered, old_answered = sum(counts.values()), sum(old_counts.values())
        old_by_value = {o.value: old_counts.get(o.pk, 0) for o in old.options.all()}
        options = []
        for o in q.options.all():
            n = counts.get(o.pk, 0)
            b = old_by_value.get(o.value)
            options.append(
                OptionChange(
                    o.value,
                    o.label,
                    None if hidden else percent(n, answered),
                    None if hidden or b is None else percent(b, old_answered),
                    None if hidden or b is None else points(n, answered, b, old_answered),
                )
            )
        changes.append(QuestionChange(q.key, q.text, hidden, options))
    return changes


@dataclass(frozen=True)
class TrendPoint:
    round: Round
    answered: int
    hidden: bool  # fewer than MIN_GROUP answers
    shares: list[Decimal | None]  # per option of the trend, None where the round lacks it


@dataclass(frozen=True)
class UseTrend:
    """The frequency-of-use question over the municipality's rounds, oldest first."""

    options: list[tuple[str, str]]  # (value, label) of the round asked about
    points: list[TrendPoint]


def use_trend(round_: Round) -> UseTrend | None:
    """The marked frequency-of-use question in every round of the municipality that has answers
    to one (through the links, from a file or as counts), in the order the rounds opened: past
    rounds entered later fall into place by their real dates. Options match by value. Three
    queries, however many rounds."""
    municipality_id = round_.questionnaire.municipality_id
    question = (
        Question.objects.filter(questionnaire_id=round_.questionnaire_id, is_use_frequency=True)
        .prefetch_related(Prefetch("options", queryset=Option.objects.order_by("order", "pk")))
        .first()
    )
    if question is None:
        return None
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    answered = Answer.objects.filter(
        question__is_use_frequency=True,
        response__round_unit__round__questionnaire__municipality_id=municipality_id,
    )
    for round_id, value, n in (
        answered.values_list("response__round_unit__round_id", "option__value")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[round_id][value] += n
    counted = PastCount.objects.filter(
        question__is_use_frequency=True,
        round__questionnaire__municipality_id=municipality_id,
        round__source=RoundSource.COUNTS,
    ).values_list("round_id", "option__value", "count")
    for round_id, value, n in counted:
        counts[round_id][value] += n
    rounds = Round.objects.filter(pk__in=counts).order_by("opens_on", "pk")
    options = [(o.value, o.label) for o in question.options.all()]
    points = []
    for r in rounds:
        by_value = counts[r.pk]
        total = sum(by_value.values())
        hidden = total < MIN_GROUP
        shares = [
            None if hidden else percent(by_value.get(value, 0), total) for value, _l in options
        ]
        points.append(TrendPoint(r, total, hidden, shares))
    return UseTrend(options, points)


def latest_round_summary(municipality: Municipality) -> RoundResults | None:
    """The results of the municipality's latest round (by opening date) that has responses."""
    has_responses = RoundUnit.objects.filter(round=OuterRef("pk"), responses__isnull=False)
    counted = PastGroup.objects.filter(round=OuterRef("pk"), responses__gt=0)
    latest = (
        Round.objects.filter(questionnaire__municipality=municipality)
        .filter(Exists(has_responses) | Exists(counted))
        .select_related("questionnaire", "previous")
        .order_by("-opens_on", "-pk")
        .first()
    )
    return None if latest is None else round_results(latest)
