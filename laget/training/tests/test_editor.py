"""The editor of a municipality's own training: its coordinators and admins create, change and
delete items tied to the published guide's steps and tools (chosen, not typed); the slug comes
from the title, unique within the municipality; a course without its link is a field error; a
delete of an item employees have completed says how many completions go with it and asks again
when the number changed; every write is audited without a case; to anyone else the pages are
missing."""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laget.audit.models import AuditAction, AuditEvent
from laget.guide.models import GuideVersion
from laget.guide.services import guide_publish
from laget.guide.starter import install_starter_guide
from laget.orgs.models import Municipality, Role
from laget.testing.world import World, add_member, make_user
from laget.training.editor import slug_from, training_item_create, training_item_update
from laget.training.messages import (
    MSG_COMPLETIONS_CHANGED,
    MSG_NOT_IN_GUIDE,
    MSG_TITLE_WITHOUT_SLUG,
    MSG_URL_REQUIRED,
)
from laget.training.models import TrainingCompletion, TrainingItem, TrainingKind
from laget.training.selectors import items_for_step
from laget.training.services import training_complete
from laget.training.starter import install_starter_training

pytestmark = pytest.mark.django_db

Clients = Callable[[str], Client]


@pytest.fixture(scope="module")
def published(world: World, django_db_blocker: object) -> GuideVersion:
    """The starter guide (with its tools) published in the world's municipality, and the
    national starter training."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        install_starter_training(by=None)
        draft = install_starter_guide(world.municipality, world.users["admin"])
        return guide_publish(by=world.users["admin"], version=draft)


def list_url(world: World) -> str:
    return reverse("training:own_list", kwargs={"municipality_id": world.municipality.pk})


def create_url(world: World) -> str:
    return reverse("training:own_create", kwargs={"municipality_id": world.municipality.pk})


def edit_url(item: TrainingItem) -> str:
    return reverse("training:own_edit", kwargs={"item_id": item.pk})


def delete_url(item: TrainingItem) -> str:
    return reverse("training:own_delete", kwargs={"item_id": item.pk})


def own(world: World, title: str = "Egen øvelse", **fields: object) -> TrainingItem:
    return training_item_create(
        by=world.users["coordinator"],
        municipality=world.municipality,
        title=title,
        kind=fields.pop("kind", TrainingKind.TEXT),  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


def test_the_coordinator_adds_an_item_tied_to_a_step_and_a_tool(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    client = client_for("coordinator")
    page = client.get(create_url(world))
    assert page.status_code == 200
    html = page.content.decode()
    # The steps are offered by level, as checkboxes by slug; the tools the guide uses too.
    assert "<legend>Steg på nivå 0: Undring" in html and "<legend>Steg på nivå 2: " in html
    assert 'type="checkbox" name="steps_0" value="del-undringen"' in html
    assert 'name="tool_slugs" value="samtaleguide-undringssamtale"' in html
    response = client.post(
        create_url(world),
        {
            "title": "Bekymring for søsken",
            "kind": TrainingKind.EXERCISE,
            "body": "**Øv** på å spørre om søsken. <script>x()</script>",
            "minutes": "20",
            "is_core": "on",
            "steps_0": ["del-undringen"],
            "tool_slugs": ["samtaleguide-undringssamtale"],
        },
    )
    assert response.status_code == 302 and response["Location"] == list_url(world)
    item = TrainingItem.objects.get(municipality=world.municipality, title="Bekymring for søsken")
    assert item.slug == "bekymring-for-sosken"
    assert (item.kind, item.minutes, item.is_core, item.is_public) == ("exercise", 20, True, False)
    assert item.step_slugs == ["del-undringen"]
    assert item.tool_slugs == ["samtaleguide-undringssamtale"]
    assert "<strong>Øv</strong>" in item.body_html and "<script" not in item.body_html
    event = AuditEvent.objects.get(object_type="training_item", object_id=item.pk)
    assert (event.actor, event.action, event.case_id) == (
        world.users["coordinator"],
        AuditAction.CREATE,
        None,
    )
    # Offered where the guide's step is, to the municipality's staff.
    assert item in items_for_step(world.municipality.pk, "del-undringen", [])
    listing = client_for("same_unit").get(reverse("training:list")).content.decode()
    assert "Bekymring for søsken" in listing


def test_the_slug_is_made_from_the_title_and_unique_within_the_municipality(
    world: World, published: GuideVersion
) -> None:
    assert slug_from("Gjør undringen konkret – Æra") == "gjor-undringen-konkret-aera"
    first = own(world, "Samtale med foreldre")
    second = own(world, "Samtale med foreldre")
    assert (first.slug, second.slug) == ("samtale-med-foreldre", "samtale-med-foreldre-2")
    # Another municipality may use the same slug.
    elsewhere = Municipality.objects.create(name="Bortby", number="9611")
    coordinator = make_user("bortkoord", "Bo", "Koord")
    add_member(coordinator, elsewhere, None, Role.COORDINATOR)
    theirs = training_item_create(
        by=coordinator, municipality=elsewhere, title="Samtale med foreldre", kind="text"
    )
    assert theirs.slug == "samtale-med-foreldre"
    with pytest.raises(ValidationError) as e:
        own(world, "!!!")
    assert e.value.message_dict == {"title": [str(MSG_TITLE_WITHOUT_SLUG)]}


def test_a_course_without_its_link_is_a_field_error(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    response = client_for("admin").post(
        create_url(world), {"title": "Kurs uten lenke", "kind": TrainingKind.COURSE}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"url": [str(MSG_URL_REQUIRED)]}
    assert "Lenke: " in response.content.decode()  # in the error summary, linked to the field
    assert not TrainingItem.objects.filter(title="Kurs uten lenke").exists()
    # With the link it is saved; a text needs none.
    response = client_for("admin").post(
        create_url(world),
        {"title": "Kurs", "kind": TrainingKind.COURSE, "url": "https://kurs.example.no/"},
    )
    assert response.status_code == 302


def test_steps_and_tools_come_from_the_published_guide(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    response = client_for("coordinator").post(
        create_url(world),
        {"title": "Feil steg", "kind": "text", "steps_0": ["finnes-ikke"]},
    )
    assert response.status_code == 400 and "steps_0" in response.context["form"].errors
    with pytest.raises(ValidationError) as e:
        own(world, "Feil verktøy", tool_slugs=["finnes-ikke"])
    assert e.value.message_dict == {"tool_slugs": [str(MSG_NOT_IN_GUIDE)]}
    assert not TrainingItem.objects.filter(title__startswith="Feil").exists()


def test_without_a_published_guide_an_item_is_saved_untied(world: World) -> None:
    elsewhere = Municipality.objects.create(name="Utenveileder", number="9613")
    coordinator = make_user("utenkoord", "Una", "Koord")
    add_member(coordinator, elsewhere, None, Role.COORDINATOR)
    client = Client()
    client.force_login(coordinator)
    url = reverse("training:own_create", kwargs={"municipality_id": elsewhere.pk})
    html = client.get(url).content.decode()
    assert "ingen publisert veileder ennå" in html and "steps_0" not in html
    assert client.post(url, {"title": "Løs", "kind": "text"}).status_code == 302
    item = TrainingItem.objects.get(municipality=elsewhere)
    assert (item.slug, item.step_slugs, item.tool_slugs) == ("los", [], [])


def test_editing_keeps_the_slug_and_what_the_guide_no_longer_has(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    item = own(world, "Første tittel", step_slugs=["del-undringen"])
    # A step since removed from the guide (set as an older version had it).
    TrainingItem.objects.filter(pk=item.pk).update(step_slugs=["del-undringen", "gammelt-steg"])
    client = client_for("coordinator")
    html = client.get(edit_url(item)).content.decode()
    assert "Ikke i den publiserte veilederen" in html
    assert 'name="steps_4" value="gammelt-steg" id="id_steps_4_0" checked' in html
    assert "Første tittel" in html
    response = client.post(
        edit_url(item),
        {
            "title": "Ny tittel",
            "kind": "video",
            "url": "https://video.example.no/se",
            "is_public": "on",
            "steps_2": ["nettverksmote"],
            "steps_4": ["gammelt-steg"],
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.slug, item.kind, item.is_public) == (
        "Ny tittel",
        "forste-tittel",
        "video",
        True,
    )
    assert item.step_slugs == ["nettverksmote", "gammelt-steg"]
    assert AuditEvent.objects.filter(
        object_type="training_item", object_id=item.pk, action=AuditAction.UPDATE
    ).exists()
    # Once untied, the old step cannot be ticked again.
    client.post(edit_url(item), {"title": "Ny tittel", "kind": "text"})
    with pytest.raises(ValidationError):
        training_item_update(
            by=world.users["coordinator"],
            item=item,
            title="Ny tittel",
            kind="text",
            body="",
            url="",
            minutes=None,
            is_public=False,
            is_core=False,
            step_slugs=["gammelt-steg"],
            tool_slugs=[],
        )


def test_deleting_a_completed_item_says_how_many_completions_go_with_it(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    item = own(world, "Fullført av to")
    first = training_complete(by=world.users["stafettholder"], item=item)
    second = training_complete(by=world.users["same_unit"], item=item)
    client = client_for("coordinator")
    page = client.get(delete_url(item)).content.decode()
    assert "2 ansatte har registrert opplæringen som fullført" in page
    assert 'name="completions" value="2"' in page
    # Someone completed it meanwhile: the page asks again with the new number.
    training_complete(by=world.users["unit_leader"], item=item)
    response = client.post(delete_url(item), {"completions": "2"})
    assert response.status_code == 400
    assert str(MSG_COMPLETIONS_CHANGED) in response.content.decode()
    assert 'name="completions" value="3"' in response.content.decode()
    assert TrainingItem.objects.filter(pk=item.pk).exists()
    response = client.post(delete_url(item), {"completions": "3"})
    assert response.status_code == 302 and response["Location"] == list_url(world)
    assert not TrainingItem.objects.filter(pk=item.pk).exists()
    assert not TrainingCompletion.objects.filter(item_id=item.pk).exists()
    deleted = set(
        AuditEvent.objects.filter(action=AuditAction.DELETE).values_list(
            "object_type", "object_id", "case_id"
        )
    )
    assert ("training_item", item.pk, None) in deleted
    assert {("training_completion", c.pk, None) for c in (first, second)} <= deleted


def test_an_item_nobody_completed_is_deleted_after_the_plain_question(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    item = own(world, "Ingen har tatt den")
    client = client_for("admin")
    assert (
        "Ingen har registrert opplæringen som fullført"
        in client.get(delete_url(item)).content.decode()
    )
    assert client.post(delete_url(item), {"completions": "0"}).status_code == 302
    assert not TrainingItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("role", ["same_unit", "unit_leader", "stafettholder", "other_unit"])
def test_the_editor_is_missing_for_those_who_do_not_steer_the_municipality(
    role: str, client_for: Clients, world: World, published: GuideVersion
) -> None:
    item = own(world)
    client = client_for(role)
    for url in (list_url(world), create_url(world), edit_url(item), delete_url(item)):
        assert client.get(url).status_code == 404, url
    assert client.post(delete_url(item), {"completions": "0"}).status_code == 404
    assert client.post(edit_url(item), {"title": "Endret", "kind": "text"}).status_code == 404
    item.refresh_from_db()
    assert item.title == "Egen øvelse"


def test_another_municipality_and_the_national_set_are_missing_to_the_coordinator(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    elsewhere = Municipality.objects.create(name="Bortby", number="9612")
    coordinator = make_user("bortkoord2", "Bo", "Koord")
    add_member(coordinator, elsewhere, None, Role.COORDINATOR)
    theirs = training_item_create(
        by=coordinator, municipality=elsewhere, title="Deres", kind="text"
    )
    national = TrainingItem.objects.filter(municipality=None).first()
    assert national is not None
    client = client_for("coordinator")
    for url in (
        edit_url(theirs),
        delete_url(theirs),
        edit_url(national),
        delete_url(national),
        reverse("training:own_list", kwargs={"municipality_id": elsewhere.pk}),
        reverse("training:own_create", kwargs={"municipality_id": elsewhere.pk}),
    ):
        assert client.get(url).status_code == 404, url
    # The services refuse too, whatever calls them.
    with pytest.raises(PermissionDenied):
        training_item_create(
            by=world.users["coordinator"], municipality=elsewhere, title="Inn", kind="text"
        )
    with pytest.raises(PermissionDenied):
        training_item_update(
            by=world.users["coordinator"],
            item=national,
            title="Endret",
            kind="text",
            body="",
            url="",
            minutes=None,
            is_public=False,
            is_core=False,
            step_slugs=[],
            tool_slugs=[],
        )


def list_queries(client: Client, world: World) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(list_url(world)).status_code == 200
    return len(captured.captured_queries)


def test_the_list_shows_own_items_beside_the_national_set_in_the_same_queries_for_thirty(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    client = client_for("coordinator")
    done = own(world, "Tatt av én")
    training_complete(by=world.users["stafettholder"], item=done)
    response = client.get(list_url(world))
    html = response.content.decode()
    own_part, national_part = html.split("<h2>Lagets nasjonale opplæring")
    assert "Tatt av én" in own_part and "1 har fullført" in own_part
    assert edit_url(done) in own_part
    assert "Snakke med barn om bekymring" in national_part
    assert "/egne/" not in national_part  # read-only here
    few = list_queries(client, world)
    for i in range(30):
        own(world, f"Opplæring {i}")
    assert list_queries(client, world) == few


def test_the_training_list_links_to_the_editor_for_those_who_steer(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    assert (
        list_url(world) in client_for("coordinator").get(reverse("training:list")).content.decode()
    )
    assert list_url(world) in client_for("admin").get(reverse("training:list")).content.decode()
    assert (
        list_url(world)
        not in client_for("unit_leader").get(reverse("training:list")).content.decode()
    )
