"""Training items and completions: the starter set is tied to the starter guide's steps and
tools and installs again without harm; a completion is recorded once, audited as a write that
is not case content; a step gets the items tied to it or its tools, the public guide only the
public ones; a link needs its URL; the text is sanitised."""

import pytest
from django.core.exceptions import ValidationError

from laget.audit.models import AuditAction, AuditEvent
from laget.guide.starter import LEVELS
from laget.guide.starter_tools import GUIDE_STARTER_TOOLS
from laget.orgs.models import Municipality
from laget.testing.world import make_user
from laget.tools.starter import STARTER_TOOLS
from laget.training.messages import MSG_ALREADY_DONE
from laget.training.models import EXTERNAL_KINDS, TrainingCompletion, TrainingItem, TrainingKind
from laget.training.selectors import items_for_step
from laget.training.services import training_complete
from laget.training.starter import CONVERSATION, LEVEL_0, install_starter_training

pytestmark = pytest.mark.django_db


def test_the_starter_set_is_tied_to_the_starter_guide() -> None:
    items = install_starter_training(by=None)
    steps = {level["number"]: {s["slug"] for s in level["steps"]} for level in LEVELS}
    all_steps = {slug for slugs in steps.values() for slug in slugs}
    tools = {t["slug"] for t in [*STARTER_TOOLS, *GUIDE_STARTER_TOOLS]}
    for item in items:
        assert item.municipality_id is None
        assert set(item.step_slugs) <= all_steps, item.slug
        assert set(item.tool_slugs) <= tools, item.slug
    # One item per level of the guide, tied to a step of that level.
    for number, slugs in steps.items():
        assert any(set(i.step_slugs) & slugs for i in items), number
    assert any(i.tool_slugs and not i.step_slugs for i in items)
    exercise = next(i for i in items if i.slug == CONVERSATION)
    assert exercise.kind == TrainingKind.EXERCISE and exercise.is_core and exercise.is_public
    assert "«Fortell meg mer om det.»" in exercise.body
    # External links are links only to public Norwegian sources, and of an external kind.
    for item in items:
        if item.url:
            assert item.kind in EXTERNAL_KINDS
            assert item.url.startswith("https://www.") and ".no/" in item.url


def test_installing_again_updates_and_adds_nothing() -> None:
    first = install_starter_training(by=None)
    TrainingItem.objects.filter(slug=LEVEL_0).update(title="Endret")
    second = install_starter_training(by=None)
    assert [i.pk for i in first] == [i.pk for i in second]
    assert TrainingItem.objects.get(slug=LEVEL_0).title != "Endret"
    assert TrainingItem.objects.count() == len(first)


def test_a_completion_is_recorded_once_and_audited_without_a_case() -> None:
    item = install_starter_training(by=None)[0]
    user = make_user("ola", "Ola", "Nordvik")
    completion = training_complete(by=user, item=item)
    event = AuditEvent.objects.get(object_type="training_completion")
    assert (event.actor, event.action, event.object_id, event.case_id) == (
        user,
        AuditAction.CREATE,
        completion.pk,
        None,
    )
    with pytest.raises(ValidationError) as e:
        training_complete(by=user, item=item)
    assert e.value.messages == [str(MSG_ALREADY_DONE)]
    assert TrainingCompletion.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="training_completion").count() == 1


def test_a_step_gets_the_items_of_its_step_and_tools_national_and_its_own() -> None:
    install_starter_training(by=None)
    home = Municipality.objects.create(name="Heimby", number="9501")
    away = Municipality.objects.create(name="Bortby", number="9502")
    own = TrainingItem.objects.create(
        municipality=home, slug="egen", title="Egen", kind=TrainingKind.TEXT,
        step_slugs=["del-undringen"],
    )  # fmt: skip
    TrainingItem.objects.create(
        municipality=away, slug="annen", title="Annen", kind=TrainingKind.TEXT,
        step_slugs=["del-undringen"],
    )  # fmt: skip
    slugs = {i.slug for i in items_for_step(home.pk, "del-undringen", [])}
    assert slugs == {CONVERSATION, "bufdir-snakke-med-barn", own.slug}
    # Through a tool the step uses.
    by_tool = {i.slug for i in items_for_step(home.pk, "ingen", ["bekymringsskala-barnet"])}
    assert by_tool == {"bekymringsskalaen-i-praksis"}
    public = {i.slug for i in items_for_step(home.pk, "del-undringen", [], public=True)}
    assert public == {CONVERSATION, "bufdir-snakke-med-barn"}


def test_a_link_needs_its_url_and_the_text_is_sanitised() -> None:
    item = TrainingItem(slug="kurs", title="Kurs", kind=TrainingKind.COURSE)
    with pytest.raises(ValidationError):
        item.full_clean()
    item = TrainingItem(
        slug="tekst", title="Tekst", kind=TrainingKind.TEXT, body="**Ja** <script>x()</script>"
    )
    item.full_clean()
    assert "<strong>Ja</strong>" in item.body_html and "<script" not in item.body_html
