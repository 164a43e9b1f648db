"""Answering through a unit's anonymous link: no login, one form, nothing about the person."""

import datetime
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.surveys.forms import answer_field
from laget.surveys.models import Answer, Question, Response, RoundUnit
from laget.surveys.services import MSG_ANSWER_MISSING, round_close
from laget.surveys.testing import open_round
from laget.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(world: World) -> RoundUnit:
    round_ = open_round(world.municipality)
    return round_.round_units.get(unit=world.units["kindergarten"])


def url(link: RoundUnit) -> str:
    return reverse("surveys:answer", args=[link.token])


def full_answers(link: RoundUnit) -> dict[str, str]:
    questions = link.round.questionnaire.questions.prefetch_related("options")
    return {answer_field(q): str(list(q.options.all())[-1].pk) for q in questions}


def test_the_link_shows_the_questionnaire_without_login(link: RoundUnit) -> None:
    page = Client().get(url(link))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hvor ofte slår du opp i handlingsveilederen" in html
    assert "Et par ganger i halvåret" in html
    assert 'type="radio"' in html


def test_answering_saves_one_response_and_thanks(link: RoundUnit) -> None:
    client = Client()
    page = client.post(url(link), full_answers(link))
    assert page.status_code == 302
    assert page["Location"] == reverse("surveys:answer_thanks", args=[link.token])
    response = Response.objects.get(round_unit=link)
    assert Answer.objects.filter(response=response).count() == 6
    assert {a.option.value for a in response.answers.select_related("option")} >= {"weekly", "no"}
    thanks = client.get(page["Location"])
    assert "Svarene dine er lagret" in thanks.content.decode()


def test_a_second_answer_from_the_same_browser_is_warned_not_blocked(link: RoundUnit) -> None:
    client = Client()
    client.post(url(link), full_answers(link))
    again = client.get(url(link))
    assert "allerede har svart fra denne nettleseren" in again.content.decode()
    assert "allerede har svart" not in Client().get(url(link)).content.decode()
    client.post(url(link), full_answers(link))
    assert Response.objects.filter(round_unit=link).count() == 2


def test_a_logged_in_user_is_not_recorded(
    link: RoundUnit, client_for: Callable[[str], Client]
) -> None:
    client_for("stafettholder").post(url(link), full_answers(link))
    response = Response.objects.get(round_unit=link)
    assert {f.name for f in response._meta.concrete_fields} == {"id", "round_unit"}


def test_a_missing_answer_shows_a_field_error_and_keeps_the_others(link: RoundUnit) -> None:
    data = full_answers(link)
    missing = Question.objects.get(questionnaire=link.round.questionnaire, slug="used_log")
    kept = Question.objects.get(questionnaire=link.round.questionnaire, slug="use_frequency")
    del data[answer_field(missing)]
    page = Client().post(url(link), data)
    assert page.status_code == 200
    form = page.context["form"]
    assert form.errors[answer_field(missing)] == [str(MSG_ANSWER_MISSING)]
    html = page.content.decode()
    kept_input = rf'name="{answer_field(kept)}" value="{data[answer_field(kept)]}"[^>]*checked'
    assert re.search(kept_input, html)
    assert "Noe må rettes" in html
    assert not Response.objects.exists()


def test_an_option_of_another_question_is_refused(link: RoundUnit) -> None:
    data = full_answers(link)
    questions = list(link.round.questionnaire.questions.all())
    data[answer_field(questions[0])] = data[answer_field(questions[1])]
    page = Client().post(url(link), data)
    assert page.status_code == 200
    assert answer_field(questions[0]) in page.context["form"].errors
    assert not Response.objects.exists()


def test_a_closed_round_says_so_and_takes_no_answers(link: RoundUnit) -> None:
    round_close(round_=link.round, today=timezone.localdate())
    page = Client().get(url(link))
    assert "Undersøkelsen er stengt" in page.content.decode()
    Client().post(url(link), full_answers(link))
    assert not Response.objects.exists()


def test_a_round_past_its_closing_date_is_closed(link: RoundUnit) -> None:
    round_ = link.round
    round_.opens_on = timezone.localdate() - datetime.timedelta(days=30)
    round_.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    round_.save()
    assert "Undersøkelsen er stengt" in Client().get(url(link)).content.decode()


def test_an_unknown_token_is_404(link: RoundUnit) -> None:
    assert Client().get(reverse("surveys:answer", args=["finnes-ikke"])).status_code == 404
    assert Client().get(reverse("surveys:answer_thanks", args=["finnes-ikke"])).status_code == 404


def test_tokens_are_long_random_secrets(world: World) -> None:
    round_ = open_round(world.municipality)
    tokens = list(round_.round_units.values_list("token", flat=True))
    assert len(set(tokens)) == len(tokens) == len(world.units)
    assert all(len(t) >= 43 for t in tokens)
