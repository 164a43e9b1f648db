"""Test helpers: survey objects for the access matrix (laget/tests/test_access_matrix.py) and
for building rounds with responses written in a test."""

import datetime

from django.utils import timezone

from laget.orgs.models import Municipality
from laget.surveys.models import Option, Question, QuestionKind, Questionnaire, Round, RoundUnit
from laget.surveys.starter import install_starter_questionnaire
from laget.testing.world import ROLES, World

STEERING = {"coordinator", "admin"}
EVERYONE = set(ROLES)

# (url name, method, roles allowed): every route of the app needs a row.
ACCESS_ROWS: list[tuple[str, str, set[str]]] = [
    ("surveys:survey_list", "get", STEERING),
    ("surveys:starter_install", "post", STEERING),
    ("surveys:questionnaire_create", "get", STEERING),
    ("surveys:questionnaire_create", "post", STEERING),
    ("surveys:questionnaire_detail", "get", STEERING),
    ("surveys:questionnaire_publish", "post", STEERING),
    ("surveys:questionnaire_copy", "post", STEERING),
    ("surveys:question_add", "get", STEERING),
    ("surveys:question_add", "post", STEERING),
    ("surveys:question_edit", "get", STEERING),
    ("surveys:question_edit", "post", STEERING),
    ("surveys:question_move", "post", STEERING),
    ("surveys:question_remove", "post", STEERING),
    ("surveys:round_create", "get", STEERING),
    ("surveys:round_create", "post", STEERING),
    ("surveys:round_detail", "get", STEERING),
    ("surveys:round_close", "post", STEERING),
    ("surveys:round_results", "get", STEERING),
    ("surveys:round_results_csv", "get", STEERING),
    ("surveys:round_results_xlsx", "get", STEERING),
    ("surveys:past_round_create", "get", STEERING),
    ("surveys:past_round_create", "post", STEERING),
    # The anonymous link: open to everyone, logged in or not.
    ("surveys:answer", "get", EVERYONE),
    ("surveys:answer", "post", EVERYONE),
    ("surveys:answer_thanks", "get", EVERYONE),
]

DRAFT_NAME = "Utkast til tilgangstesten"
ROUND_NAME = "Runde i tilgangstesten"


def draft_questionnaire(municipality: Municipality) -> tuple[Questionnaire, Question]:
    """An unpublished questionnaire with one yes/no question (made once, then found)."""
    draft, _ = Questionnaire.objects.get_or_create(municipality=municipality, name=DRAFT_NAME)
    question, made = Question.objects.get_or_create(
        questionnaire=draft,
        slug="tested",
        defaults={"order": 1, "text": "Er dette et testspørsmål?", "kind": QuestionKind.YES_NO},
    )
    if made:
        Option.objects.create(question=question, order=1, value="yes", label="Ja")
        Option.objects.create(question=question, order=2, value="no", label="Nei")
    return draft, question


def open_round(municipality: Municipality, today: datetime.date | None = None) -> Round:
    """An open round of the starter questionnaire with a link for every unit of the
    municipality (made once, then found)."""
    today = today or timezone.localdate()
    questionnaire = install_starter_questionnaire(municipality)
    round_, _ = Round.objects.get_or_create(
        questionnaire=questionnaire,
        name=ROUND_NAME,
        defaults={
            "kind": "baseline",
            "opens_on": today - datetime.timedelta(days=1),
            "closes_on": today + datetime.timedelta(days=30),
        },
    )
    for unit in municipality.units.all():
        RoundUnit.objects.get_or_create(round=round_, unit=unit, defaults={"invited": 10})
    return round_


def route_kwargs(name: str, world: World) -> dict[str, object]:
    """URL kwargs for the route named in the access matrix's world."""
    route = name.split(":", 1)[1]
    municipality = world.municipality
    if route in ("answer", "answer_thanks"):
        link = open_round(municipality).round_units.order_by("pk").first()
        assert link is not None
        return {"token": link.token}
    if route.startswith("round_") and route != "round_create":
        return {"round_id": open_round(municipality).pk}
    if route in ("round_create", "past_round_create", "questionnaire_copy"):
        return {"questionnaire_id": install_starter_questionnaire(municipality).pk}
    if route.startswith(("questionnaire_", "question_")) and route != "questionnaire_create":
        draft, question = draft_questionnaire(municipality)
        kwargs: dict[str, object] = {"questionnaire_id": draft.pk}
        if route in ("question_edit", "question_move", "question_remove"):
            kwargs["question_id"] = question.pk
        return kwargs
    return {}


def submit(
    round_unit: RoundUnit, values: dict[str, str], today: datetime.date | None = None
) -> None:
    """One response through the service: values maps question slug → option value; questions
    not named get their first option."""
    from laget.surveys.services import response_submit

    questions = round_unit.round.questionnaire.questions.prefetch_related("options")
    answers = {}
    for q in questions:
        options = list(q.options.all())
        wanted = values.get(q.slug)
        chosen = next((o for o in options if o.value == wanted), options[0])
        if wanted is not None and chosen.value != wanted:
            raise ValueError(f"{q.slug} has no option {wanted}")
        answers[q.pk] = chosen.pk
    response_submit(round_unit=round_unit, answers=answers, today=today or timezone.localdate())
