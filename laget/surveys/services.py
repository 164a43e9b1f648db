"""Writes for the employee surveys: building questionnaires, rounds and saving responses.

A questionnaire is edited only while unpublished. Once published it is frozen, because rounds
and responses refer to its questions and options; to change it, copy it (questionnaire_copy).
"""

import datetime
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from laget.orgs.models import Municipality, Unit
from laget.surveys.models import (
    Answer,
    Option,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    Round,
    RoundUnit,
)

MSG_PUBLISHED = _("Skjemaet er publisert og kan ikke endres. Lag en kopi for å endre det.")
MSG_NOT_PUBLISHED = _("Skjemaet må publiseres før det kan brukes i en runde.")
MSG_NO_QUESTIONS = _("Skjemaet må ha minst ett spørsmål før det publiseres.")
MSG_TOO_FEW_OPTIONS = _("Hvert spørsmål må ha minst to svaralternativer.")
MSG_DUPLICATE_OPTION = _("To svaralternativer har samme tekst.")
MSG_SLUG_TAKEN = _("Et annet spørsmål i skjemaet har allerede denne nøkkelen.")
MSG_USE_KIND = _(
    "Bare et spørsmål med ett valg eller en skala kan måle hvor ofte veilederen brukes."
)
MSG_USE_TAKEN = _(
    "Et annet spørsmål i skjemaet er allerede merket som spørsmålet om hvor ofte veilederen "
    "brukes. Fjern merket der først."
)
MSG_NO_UNITS = _("Inviter minst én enhet (antall inviterte større enn 0).")
MSG_UNIT_ELSEWHERE = _("Enheten hører ikke til kommunen.")
MSG_DATES = _("Runden kan ikke stenge før den åpner.")
MSG_PREVIOUS = _("Runden du sammenligner med, må være en annen runde i kommunen.")
MSG_ROUND_CLOSED = _("Undersøkelsen er stengt.")
MSG_ANSWER_MISSING = _("Velg et svar.")
MSG_ANSWER_INVALID = _("Svaret hører ikke til spørsmålet.")

YES_NO = (("yes", _("Ja")), ("no", _("Nei")))


def _editable(questionnaire: Questionnaire) -> None:
    if questionnaire.is_published:
        raise ValidationError(MSG_PUBLISHED, code="published")


def questionnaire_create(*, municipality: Municipality, name: str) -> Questionnaire:
    questionnaire = Questionnaire(municipality=municipality, name=name.strip())
    questionnaire.full_clean()
    questionnaire.save()
    return questionnaire


def _option_rows(
    kind: str, labels: Sequence[str], existing: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(value, label) per option. Yes/no has fixed options; a scale is valued 1..n; a choice
    keeps the value of an option whose label is unchanged, so results stay comparable."""
    if kind == QuestionKind.YES_NO:
        return [(value, str(label)) for value, label in YES_NO]
    labels = [label.strip() for label in labels if label.strip()]
    if len({label.casefold() for label in labels}) != len(labels):
        raise ValidationError({"options": MSG_DUPLICATE_OPTION})
    if len(labels) < 2:
        raise ValidationError({"options": MSG_TOO_FEW_OPTIONS})
    if kind == QuestionKind.SCALE:
        return [(str(i), label) for i, label in enumerate(labels, start=1)]
    rows: list[tuple[str, str]] = []
    used: set[str] = set()
    for i, label in enumerate(labels, start=1):
        value = existing.get(label) or slugify(label)[:36] or f"alt{i}"
        while value in used:
            value = f"{value[:34]}-{i}"
        used.add(value)
        rows.append((value, label))
    return rows


@transaction.atomic
def question_save(
    *,
    questionnaire: Questionnaire,
    question: Question | None = None,
    text: str,
    kind: str,
    slug: str | None = None,
    option_labels: Sequence[str] = (),
    is_use_frequency: bool | None = None,
) -> Question:
    """Add a question (question=None) or replace an unpublished one's text and options.
    slug=None keeps the question's slug, is_use_frequency=None its mark."""
    _editable(questionnaire)
    if question is None:
        last = questionnaire.questions.aggregate(m=Max("order"))["m"]
        question = Question(questionnaire=questionnaire, order=(last or 0) + 1)
    elif question.questionnaire_id != questionnaire.pk:
        raise ValueError("question of another questionnaire")
    slug = question.slug if slug is None else slug.strip()
    if slug and questionnaire.questions.filter(slug=slug).exclude(pk=question.pk).exists():
        raise ValidationError({"slug": MSG_SLUG_TAKEN})
    if is_use_frequency is None:
        is_use_frequency = question.is_use_frequency
    if is_use_frequency:
        if kind not in (QuestionKind.CHOICE, QuestionKind.SCALE):
            raise ValidationError({"is_use_frequency": MSG_USE_KIND})
        others = questionnaire.questions.filter(is_use_frequency=True).exclude(pk=question.pk)
        if others.exists():
            raise ValidationError({"is_use_frequency": MSG_USE_TAKEN})
    question.text, question.kind, question.slug = text.strip(), kind, slug
    question.is_use_frequency = is_use_frequency
    question.full_clean()
    existing = {o.label: o.value for o in question.options.all()} if question.pk else {}
    rows = _option_rows(kind, option_labels, existing)
    question.save()
    question.options.all().delete()
    Option.objects.bulk_create(
        Option(question=question, order=i, value=value, label=label)
        for i, (value, label) in enumerate(rows, start=1)
    )
    return question


@transaction.atomic
def question_move(*, question: Question, up: bool) -> None:
    """Swap the question with its neighbour above (up) or below."""
    questionnaire = question.questionnaire
    _editable(questionnaire)
    ids = list(questionnaire.questions.values_list("pk", flat=True))
    i = ids.index(question.pk)
    j = i - 1 if up else i + 1
    if not 0 <= j < len(ids):
        return
    ids[i], ids[j] = ids[j], ids[i]
    for order, pk in enumerate(ids, start=1):
        Question.objects.filter(pk=pk).update(order=order)


@transaction.atomic
def question_remove(*, question: Question) -> None:
    _editable(question.questionnaire)
    question.delete()


@transaction.atomic
def questionnaire_publish(*, questionnaire: Questionnaire) -> Questionnaire:
    _editable(questionnaire)
    questions = list(questionnaire.questions.prefetch_related("options"))
    if not questions:
        raise ValidationError(MSG_NO_QUESTIONS, code="empty")
    if any(len(q.options.all()) < 2 for q in questions):
        raise ValidationError(MSG_TOO_FEW_OPTIONS, code="options")
    questionnaire.is_published = True
    questionnaire.save(update_fields=["is_published"])
    return questionnaire


@transaction.atomic
def questionnaire_copy(*, questionnaire: Questionnaire, name: str = "") -> Questionnaire:
    """An unpublished copy with the same questions, slugs and option values."""
    copy = Questionnaire.objects.create(
        municipality=questionnaire.municipality,
        name=name.strip() or str(_("Kopi av %(name)s") % {"name": questionnaire.name})[:150],
        copied_from=questionnaire,
    )
    for q in questionnaire.questions.prefetch_related("options"):
        new = Question.objects.create(
            questionnaire=copy,
            order=q.order,
            slug=q.slug,
            text=q.text,
            kind=q.kind,
            is_use_frequency=q.is_use_frequency,
        )
        Option.objects.bulk_create(
            Option(question=new, order=o.order, value=o.value, label=o.label)
            for o in q.options.all()
        )
    return copy


@transaction.atomic
def round_create(
    *,
    questionnaire: Questionnaire,
    name: str,
    kind: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    invited: Mapping[Unit, int],
    previous: Round | None = None,
) -> Round:
    """A round with one anonymous link per unit invited (units with 0 invited are left out)."""
    if not questionnaire.is_published:
        raise ValidationError(MSG_NOT_PUBLISHED, code="unpublished")
    if closes_on < opens_on:
        raise ValidationError({"closes_on": MSG_DATES})
    municipality_id = questionnaire.municipality_id
    if previous is not None and previous.questionnaire.municipality_id != municipality_id:
        raise ValidationError({"previous": MSG_PREVIOUS})
    chosen = {unit: count for unit, count in invited.items() if count > 0}
    if not chosen:
        raise ValidationError(MSG_NO_UNITS, code="no_units")
    if any(unit.municipality_id != municipality_id for unit in chosen):
        raise ValidationError(MSG_UNIT_ELSEWHERE, code="unit")
    round_ = Round(
        questionnaire=questionnaire,
        name=name.strip(),
        kind=kind,
        opens_on=opens_on,
        closes_on=closes_on,
        previous=previous,
    )
    round_.full_clean()
    round_.save()
    RoundUnit.objects.bulk_create(
        RoundUnit(round=round_, unit=unit, invited=count) for unit, count in chosen.items()
    )
    return round_


def round_is_open(round_: Round, today: datetime.date) -> bool:
    return round_.closed_on is None and round_.opens_on <= today <= round_.closes_on


@transaction.atomic
def round_close(*, round_: Round, today: datetime.date) -> Round:
    if round_.closed_on is None:
        round_.closed_on = today
        round_.save(update_fields=["closed_on"])
    return round_


@transaction.atomic
def response_submit(
    *, round_unit: RoundUnit, answers: Mapping[int, int], today: datetime.date
) -> Response:
    """Save one response: answers maps question id → option id, one for every question.

    Stores no user, address or time (see models.py)."""
    round_ = round_unit.round
    if not round_is_open(round_, today):
        raise ValidationError(MSG_ROUND_CLOSED, code="closed")
    questions = list(round_.questionnaire.questions.prefetch_related("options"))
    errors: dict[str, object] = {}
    rows: list[tuple[Question, Option]] = []
    for q in questions:
        option_id = answers.get(q.pk)
        options = {o.pk: o for o in q.options.all()}
        if option_id is None:
            errors[f"q{q.pk}"] = MSG_ANSWER_MISSING
        elif option_id not in options:
            errors[f"q{q.pk}"] = MSG_ANSWER_INVALID
        else:
            rows.append((q, options[option_id]))
    if errors:
        raise ValidationError(errors)
    response = Response.objects.create(round_unit=round_unit)
    Answer.objects.bulk_create(Answer(response=response, question=q, option=o) for q, o in rows)
    return response
