"""Demo employee surveys: a baseline a year ago and a follow-up this autumn, answered through
the same service the anonymous link uses, and an earlier paper survey two years ago brought in
as counts per service (as a municipality brings in its old surveys), so the trend has three
points in date order. Later answers lean towards more use and confidence."""

import datetime
import random
from collections.abc import Iterable

from laget.orgs.models import Municipality, Unit, UnitKind
from laget.surveys.models import Option, Question, QuestionKind, Questionnaire, Round, RoundKind
from laget.surveys.past_rounds import Cell, past_round_from_counts
from laget.surveys.services import questionnaire_publish, response_submit, round_close, round_create
from laget.surveys.starter import install_starter_questionnaire

# Invited employees per kind of unit; the rest of the units are not asked.
INVITED = {UnitKind.KINDERGARTEN: 14, UnitKind.HEALTH_CLINIC: 9, UnitKind.SCHOOL: 16}


def seed_demo_surveys(
    municipality: Municipality, units: Iterable[Unit], today: datetime.date, rng: random.Random
) -> None:
    questionnaire = install_starter_questionnaire(municipality)
    if not questionnaire.is_published:
        questionnaire_publish(questionnaire=questionnaire)
    units = [u for u in units if u.kind in INVITED]
    questions = list(questionnaire.questions.prefetch_related("options"))
    year_ago = today - datetime.timedelta(days=365)
    baseline = _round(questionnaire, "Førmåling", RoundKind.BASELINE, year_ago, units, None)
    _answer(baseline, questions, rng, lean=0, share=0.7)
    round_close(round_=baseline, today=year_ago + datetime.timedelta(days=21))
    _past_counts(questionnaire, questions, units, year_ago - datetime.timedelta(days=365), rng)
    recent = today - datetime.timedelta(days=20)
    follow_up = _round(questionnaire, "Oppfølging", RoundKind.FOLLOW_UP, recent, units, baseline)
    _answer(follow_up, questions, rng, lean=1, share=0.8)


def _round(
    questionnaire: Questionnaire,
    name: str,
    kind: str,
    opens_on: datetime.date,
    units: list[Unit],
    previous: Round | None,
) -> Round:
    return round_create(
        questionnaire=questionnaire,
        name=f"{name} {opens_on.year}",
        kind=kind,
        opens_on=opens_on,
        closes_on=opens_on + datetime.timedelta(days=30),
        invited={u: INVITED[UnitKind(u.kind)] for u in units},
        previous=previous,
    )


def _answer(
    round_: Round, questions: list[Question], rng: random.Random, *, lean: int, share: float
) -> None:
    for round_unit in round_.round_units.all():
        for _ in range(round(round_unit.invited * share)):
            answers = {q.pk: _pick(q, rng, lean).pk for q in questions}
            response_submit(round_unit=round_unit, answers=answers, today=round_.opens_on)


def _past_counts(
    questionnaire: Questionnaire,
    questions: list[Question],
    units: list[Unit],
    opens_on: datetime.date,
    rng: random.Random,
) -> Round:
    """An earlier survey entered as counts per service, question and option, through the same
    import the coordinators use (a table as it would come from a spreadsheet)."""
    rows: list[list[Cell]] = [["Tjeneste", "Spørsmål", "Svar", "Antall"]]
    invited: dict[str, int] = {}
    for kind in sorted({UnitKind(u.kind) for u in units}):
        invited[kind.value] = INVITED[kind] * sum(1 for u in units if u.kind == kind)
        people = round(invited[kind.value] * 0.6)
        for q in questions:
            picks = [_pick(q, rng, lean=-1).value for _ in range(people)]
            for option in q.options.all():
                rows.append(
                    [str(kind.label), q.slug or q.text, option.value, picks.count(option.value)]
                )
    return past_round_from_counts(
        questionnaire=questionnaire,
        name=f"Papirundersøkelse {opens_on.year}",
        kind=RoundKind.OTHER,
        opens_on=opens_on,
        closes_on=opens_on + datetime.timedelta(days=30),
        previous=None,
        invited=invited,
        rows=rows,
        today=opens_on + datetime.timedelta(days=31),
    )


def _pick(question: Question, rng: random.Random, lean: int) -> Option:
    """An answer spread over the options. On scales and the frequency question later options
    mean more; elsewhere (yes / partly / no) the first does. `lean` moves the mode that way."""
    options = list(question.options.all())
    n = len(options)
    mode = max(0, min(n, n / 2 + lean))
    index = min(n - 1, int(rng.triangular(0, n, mode)))
    more_is_later = question.kind == QuestionKind.SCALE or question.is_use_frequency
    return options[index] if more_is_later else options[n - 1 - index]
