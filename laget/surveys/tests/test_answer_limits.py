"""A whole staff meeting answers through one link; only abuse is limited, and a limited answer
is kept and can be sent again."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from laget.surveys import limits
from laget.surveys.forms import answer_field
from laget.surveys.models import Answer, Response, RoundUnit
from laget.surveys.testing import open_round
from laget.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(world: World) -> RoundUnit:
    cache.clear()
    round_ = open_round(world.municipality)
    link = round_.round_units.get(unit=world.units["kindergarten"])
    yield link
    cache.clear()


def answers(link: RoundUnit, pick: int) -> dict[str, str]:
    questions = link.round.questionnaire.questions.prefetch_related("options")
    out = {}
    for q in questions:
        options = list(q.options.all())
        out[answer_field(q)] = str(options[pick % len(options)].pk)
    return out


@pytest.mark.parametrize("people", [61, 200])
def test_a_staff_meeting_on_one_network_answers_through_one_link(
    link: RoundUnit, people: int
) -> None:
    url = reverse("surveys:answer", args=[link.token])
    for person in range(people):
        # Every phone on the office network has the same address.
        page = Client(REMOTE_ADDR="10.0.0.1").post(url, answers(link, person))
        assert page.status_code == 302, person
    assert Response.objects.filter(round_unit=link).count() == people
    assert Answer.objects.filter(response__round_unit=link).count() == people * 6


def test_a_link_past_the_abuse_limit_keeps_the_answers_to_send_again(link: RoundUnit) -> None:
    url = reverse("surveys:answer", args=[link.token])
    cache.set(limits.link_key(link.token), limits.link_limit(link.invited), limits.WINDOW)
    sent = answers(link, 2)
    page = Client().post(url, sent)
    assert page.status_code == 429
    assert not Response.objects.exists()
    html = page.content.decode()
    assert "Send svarene på nytt" in html
    for name, value in sent.items():
        assert f'name="{name}" value="{value}"' in html
    # A minute later the window has passed: the same answers, sent again, are saved.
    cache.delete(limits.link_key(link.token))
    cache.delete(limits.client_key("127.0.0.1"))
    assert Client().post(url, sent).status_code == 302
    assert Response.objects.count() == 1


def test_one_client_sending_hundreds_is_held_back_but_others_are_not(link: RoundUnit) -> None:
    url = reverse("surveys:answer", args=[link.token])
    cache.set(limits.client_key("10.9.9.9"), limits.CLIENT_LIMIT, limits.WINDOW)
    assert Client(REMOTE_ADDR="10.9.9.9").post(url, answers(link, 0)).status_code == 429
    assert Client(REMOTE_ADDR="10.0.0.2").post(url, answers(link, 0)).status_code == 302
    assert Response.objects.count() == 1


def test_the_limits_are_far_above_a_meeting() -> None:
    assert limits.link_limit(invited=10) >= 500
    assert limits.link_limit(invited=1000) >= 3000
    assert limits.CLIENT_LIMIT >= 200


def test_the_client_address_is_only_a_keyed_hash_in_the_cache() -> None:
    key = limits.client_key("192.0.2.7")
    assert "192.0.2.7" not in key
    assert key == limits.client_key("192.0.2.7") != limits.client_key("192.0.2.8")
