"""Building questionnaires and rounds: edit while a draft, frozen once published, copy to edit."""

import datetime
from collections.abc import Callable
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from laget.orgs.models import Municipality
from laget.surveys import services
from laget.surveys.models import Question, Questionnaire, Round
from laget.surveys.starter import STARTER_NAME, USE_FREQUENCY, install_starter_questionnaire
from laget.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client_for: Callable[[str], Client]) -> Client:
    return client_for("coordinator")


def add_question(client: Client, q: Questionnaire, text: str, kind: str, options: str) -> None:
    page = client.post(
        reverse("surveys:question_add", args=[q.pk]),
        {"text": text, "kind": kind, "options": options, "slug": ""},
    )
    assert page.status_code == 302, page.context["form"].errors


def test_a_coordinator_builds_reorders_and_publishes_a_questionnaire(
    world: World, coordinator: Client
) -> None:
    page = coordinator.post(reverse("surveys:questionnaire_create"), {"name": "Høst 2026"})
    q = Questionnaire.objects.get(municipality=world.municipality, name="Høst 2026")
    assert page["Location"] == reverse("surveys:questionnaire_detail", args=[q.pk])
    add_question(coordinator, q, "Hvor godt kjenner du loggen?", "scale", "Lite\nNoe\nGodt")
    add_question(coordinator, q, "Har du hatt opplæring?", "yes_no", "")
    add_question(coordinator, q, "Hvilken tjeneste?", "choice", "Barnehage\nSkole")
    first, second, third = q.questions.all()
    assert [(o.value, o.label) for o in first.options.all()] == [
        ("1", "Lite"),
        ("2", "Noe"),
        ("3", "Godt"),
    ]
    assert [o.value for o in second.options.all()] == ["yes", "no"]
    assert [o.value for o in third.options.all()] == ["barnehage", "skole"]

    coordinator.post(reverse("surveys:question_move", args=[q.pk, third.pk]), {"direction": "up"})
    assert list(q.questions.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    coordinator.post(reverse("surveys:question_remove", args=[q.pk, first.pk]))
    assert list(q.questions.values_list("pk", flat=True)) == [third.pk, second.pk]
    coordinator.post(
        reverse("surveys:question_edit", args=[q.pk, third.pk]),
        {"text": "Hvilken tjeneste?", "kind": "choice", "options": "Skole\nBarnehage\nSFO"},
    )
    assert [o.value for o in third.options.all()] == ["skole", "barnehage", "sfo"]

    coordinator.post(reverse("surveys:questionnaire_publish", args=[q.pk]))
    q.refresh_from_db()
    assert q.is_published


def test_a_choice_needs_two_options_shown_on_the_field(world: World, coordinator: Client) -> None:
    q = services.questionnaire_create(municipality=world.municipality, name="Utkast")
    page = coordinator.post(
        reverse("surveys:question_add", args=[q.pk]),
        {"text": "Bare ett valg?", "kind": "choice", "options": "Ja"},
    )
    assert page.status_code == 200
    assert page.context["form"].errors["options"] == [str(services.MSG_TOO_FEW_OPTIONS)]


def test_an_empty_questionnaire_cannot_be_published(world: World) -> None:
    q = services.questionnaire_create(municipality=world.municipality, name="Tomt")
    with pytest.raises(ValidationError) as exc:
        services.questionnaire_publish(questionnaire=q)
    assert exc.value.messages == [str(services.MSG_NO_QUESTIONS)]


def test_a_published_questionnaire_cannot_be_changed_only_copied(
    world: World, coordinator: Client
) -> None:
    starter = install_starter_questionnaire(world.municipality)
    question = starter.questions.get(slug=USE_FREQUENCY)
    with pytest.raises(ValidationError) as exc:
        services.question_save(
            questionnaire=starter, question=question, text="Endret", kind="yes_no"
        )
    assert exc.value.messages == [str(services.MSG_PUBLISHED)]
    with pytest.raises(ValidationError):
        services.question_remove(question=question)
    with pytest.raises(ValidationError):
        services.question_move(question=question, up=True)
    # The web refuses too, and says why.
    for name, args in [
        ("question_edit", [starter.pk, question.pk]),
        ("question_remove", [starter.pk, question.pk]),
        ("question_add", [starter.pk]),
    ]:
        page = coordinator.post(
            reverse(f"surveys:{name}", args=args), {"text": "Endret", "kind": "yes_no"}, follow=True
        )
        assert str(services.MSG_PUBLISHED) in page.content.decode()
    question.refresh_from_db()
    assert question.text.startswith("Hvor ofte") and starter.questions.count() == 6

    coordinator.post(reverse("surveys:questionnaire_copy", args=[starter.pk]))
    copy = Questionnaire.objects.get(copied_from=starter)
    assert not copy.is_published
    assert list(copy.questions.values_list("slug", flat=True)) == list(
        starter.questions.values_list("slug", flat=True)
    )
    services.question_save(
        questionnaire=copy,
        question=copy.questions.get(slug=USE_FREQUENCY),
        text="Hvor ofte bruker du veilederen?",
        kind="choice",
        option_labels=["Aldri", "Hver måned", "Hver uke"],
    )
    # Unchanged labels keep their values, so the rounds stay comparable.
    values = copy.questions.get(slug=USE_FREQUENCY).options.values_list("value", flat=True)
    assert list(values) == ["never", "monthly", "weekly"]


def test_a_round_invites_units_and_shows_their_links(world: World, coordinator: Client) -> None:
    starter = install_starter_questionnaire(world.municipality)
    form = coordinator.get(reverse("surveys:round_create", args=[starter.pk]))
    assert form.status_code == 200
    units = world.units
    data = {
        "name": "Førmåling høsten 2026",
        "kind": "baseline",
        "opens_on": "2026-09-01",
        "closes_on": "2026-09-21",
        f"invited_{units['kindergarten'].pk}": "20",
        f"invited_{units['school'].pk}": "0",
        f"invited_{units['health_clinic'].pk}": "",
        f"invited_{units['ppt'].pk}": "4",
    }
    page = coordinator.post(reverse("surveys:round_create", args=[starter.pk]), data)
    round_ = Round.objects.get(name="Førmåling høsten 2026")
    assert page["Location"] == reverse("surveys:round_detail", args=[round_.pk])
    invited = {ru.unit.name: ru.invited for ru in round_.round_units.select_related("unit")}
    assert invited == {units["kindergarten"].name: 20, units["ppt"].name: 4}
    detail = coordinator.get(page["Location"]).content.decode()
    for ru in round_.round_units.all():
        assert f"http://127.0.0.1:8000/undersokelser/svar/{ru.token}/" in detail

    coordinator.post(reverse("surveys:round_close", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.closed_on is not None


def test_a_round_needs_a_unit_and_dates_in_order(world: World, coordinator: Client) -> None:
    starter = install_starter_questionnaire(world.municipality)
    page = coordinator.post(
        reverse("surveys:round_create", args=[starter.pk]),
        {"name": "Ingen", "kind": "other", "opens_on": "2026-09-21", "closes_on": "2026-09-01"},
    )
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert errors["closes_on"] == [str(services.MSG_DATES)]
    with pytest.raises(ValidationError) as exc:
        services.round_create(
            questionnaire=starter,
            name="Ingen",
            kind="other",
            opens_on=datetime.date(2026, 9, 1),
            closes_on=datetime.date(2026, 9, 2),
            invited={world.units["school"]: 0},
        )
    assert exc.value.messages == [str(services.MSG_NO_UNITS)]


def test_another_municipalitys_questionnaire_is_404(world: World, coordinator: Client) -> None:
    elsewhere = Municipality.objects.create(name="Havøy", number="8899")
    theirs = install_starter_questionnaire(elsewhere)
    assert (
        coordinator.get(reverse("surveys:questionnaire_detail", args=[theirs.pk])).status_code
        == 404
    )
    question = theirs.questions.first()
    assert question is not None
    url = reverse("surveys:question_remove", args=[theirs.pk, question.pk])
    assert coordinator.post(url).status_code == 404
    assert Question.objects.filter(pk=question.pk).exists()


def test_the_starter_questionnaire_is_installed_once_by_command(world: World) -> None:
    out = StringIO()
    call_command("surveys_install_starter", world.municipality.number, stdout=out)
    call_command("surveys_install_starter", world.municipality.number, stdout=out)
    starter = Questionnaire.objects.get(municipality=world.municipality, name=STARTER_NAME)
    assert starter.is_published
    assert list(starter.questions.values_list("slug", "kind")) == [
        ("knows_guide", "choice"),
        ("use_frequency", "choice"),
        ("detect_confidence", "scale"),
        ("raise_confidence", "scale"),
        ("knows_directory", "choice"),
        ("used_log", "yes_no"),
    ]
    use = starter.questions.get(slug=USE_FREQUENCY)
    assert list(use.options.values_list("value", flat=True)) == [
        "never",
        "few_per_year",
        "few_per_half_year",
        "monthly",
        "weekly",
    ]
