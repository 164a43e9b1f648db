"""The usage chart follows the question the builder marks as "how often the guide is used", not
a hidden key: one per questionnaire, a choice or scale question, kept in copies; surveys made
before the mark get it from their old key (data migration)."""

import importlib
from collections.abc import Callable

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from laget.surveys import services
from laget.surveys.models import Question, QuestionKind, Questionnaire
from laget.surveys.selectors import round_results
from laget.surveys.starter import USE_FREQUENCY, install_starter_questionnaire
from laget.surveys.tests.test_results import follow_up
from laget.testing.world import World

pytestmark = pytest.mark.django_db

OFTEN = "Aldri\nNoen ganger\nOfte"


def draft(world: World) -> Questionnaire:
    return services.questionnaire_create(municipality=world.municipality, name="Vår 2027")


def test_the_builder_marks_the_frequency_question_and_shows_it(
    world: World, client_for: Callable[[str], Client]
) -> None:
    q = draft(world)
    client = client_for("coordinator")
    page = client.post(
        reverse("surveys:question_add", args=[q.pk]),
        {
            "text": "Hvor ofte bruker du veilederen?",
            "kind": "scale",
            "options": OFTEN,
            "slug": "",
            "is_use_frequency": "on",
        },
    )
    assert page.status_code == 302
    question = q.questions.get()
    assert question.is_use_frequency
    detail = client.get(reverse("surveys:questionnaire_detail", args=[q.pk]))
    assert "måler hvor ofte veilederen brukes" in detail.content.decode()
    edit = client.get(reverse("surveys:question_edit", args=[q.pk, question.pk]))
    assert edit.context["form"].initial["is_use_frequency"] is True


def test_only_one_question_per_questionnaire_is_the_frequency_question(
    world: World, client_for: Callable[[str], Client]
) -> None:
    q = draft(world)
    services.question_save(
        questionnaire=q,
        text="Bruk?",
        kind="choice",
        option_labels=["Ja", "Nei"],
        is_use_frequency=True,
    )
    page = client_for("admin").post(
        reverse("surveys:question_add", args=[q.pk]),
        {"text": "Bruk igjen?", "kind": "scale", "options": OFTEN, "is_use_frequency": "on"},
    )
    assert page.status_code == 200
    assert page.context["form"].errors["is_use_frequency"] == [str(services.MSG_USE_TAKEN)]
    assert q.questions.count() == 1
    # The database holds the rule as well.
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(
            questionnaire=q, text="Tredje", kind=QuestionKind.SCALE, is_use_frequency=True
        )


def test_a_yes_no_question_cannot_be_the_frequency_question(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.question_save(
            questionnaire=draft(world), text="Bruker du den?", kind="yes_no", is_use_frequency=True
        )
    assert caught.value.message_dict["is_use_frequency"] == [str(services.MSG_USE_KIND)]


def test_the_usage_chart_follows_the_mark_not_the_key(world: World) -> None:
    round_ = follow_up(world)
    starter = install_starter_questionnaire(world.municipality)
    assert starter.questions.get(slug=USE_FREQUENCY).is_use_frequency
    assert round_results(round_).cross_tab is not None
    # Move the mark to another question: the chart follows, whatever the keys say.
    Question.objects.filter(questionnaire=starter).update(is_use_frequency=False)
    Question.objects.filter(questionnaire=starter, slug="detect_confidence").update(
        is_use_frequency=True
    )
    marked = round_results(round_).cross_tab
    assert marked is not None and marked.key == "detect_confidence"
    Question.objects.filter(questionnaire=starter).update(is_use_frequency=False)
    assert round_results(round_).cross_tab is None


def test_a_copy_keeps_the_mark(world: World) -> None:
    copy = services.questionnaire_copy(
        questionnaire=install_starter_questionnaire(world.municipality)
    )
    assert list(copy.questions.filter(is_use_frequency=True).values_list("slug", flat=True)) == [
        USE_FREQUENCY
    ]


def test_the_data_migration_marks_questions_that_had_the_hidden_key(world: World) -> None:
    q = draft(world)
    old = Question.objects.create(
        questionnaire=q, text="Hvor ofte?", kind=QuestionKind.CHOICE, slug=USE_FREQUENCY
    )
    yes_no = services.questionnaire_create(municipality=world.municipality, name="Ja/nei")
    odd = Question.objects.create(
        questionnaire=yes_no, text="Bruker du?", kind=QuestionKind.YES_NO, slug=USE_FREQUENCY
    )
    migration = importlib.import_module(
        "laget.surveys.migrations.0003_mark_use_frequency_questions"
    )
    migration.mark(apps, None)
    old.refresh_from_db()
    odd.refresh_from_db()
    assert old.is_use_frequency
    assert not odd.is_use_frequency  # a yes/no question cannot carry the mark
