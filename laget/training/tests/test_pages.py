"""The training pages: the list, an item marked done, my training, a unit's overview for its
leader and the municipality's steering roles only; the training beside «Hva nå?» on the case
page, and only the public items in the public guide."""

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laget.guide.models import GuideVersion
from laget.guide.services import guide_publish
from laget.guide.starter import install_starter_guide
from laget.orgs.models import Municipality, Role, Unit, UnitKind
from laget.testing.world import World, add_member, make_user
from laget.training.models import TrainingCompletion, TrainingItem, TrainingKind
from laget.training.services import training_complete
from laget.training.starter import CONVERSATION, LEVEL_0, install_starter_training

pytestmark = pytest.mark.django_db

Clients = Callable[[str], Client]


@pytest.fixture(scope="module")
def published(world: World, django_db_blocker: object) -> GuideVersion:
    """The starter guide published in the world's municipality, and the starter training."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        install_starter_training(by=None)
        draft = install_starter_guide(world.municipality, world.users["admin"])
        return guide_publish(by=world.users["admin"], version=draft)


def item(slug: str) -> TrainingItem:
    return TrainingItem.objects.get(municipality=None, slug=slug)


def test_an_employee_marks_an_item_done_and_sees_it_in_my_training(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    client = client_for("same_unit")
    exercise = item(CONVERSATION)
    listing = client.get(reverse("training:list")).content.decode()
    assert exercise.title in listing
    page = client.get(reverse("training:item", kwargs={"item_id": exercise.pk})).content.decode()
    assert "Marker som fullført" in page and "«Fortell meg mer om det.»" in page
    response = client.post(reverse("training:complete", kwargs={"item_id": exercise.pk}))
    assert response.status_code == 302
    assert TrainingCompletion.objects.filter(user=world.users["same_unit"], item=exercise).exists()
    # Again: nothing new, the page says it is done already.
    client.post(reverse("training:complete", kwargs={"item_id": exercise.pk}))
    assert TrainingCompletion.objects.filter(item=exercise).count() == 1
    mine = client.get(reverse("training:mine")).content.decode()
    done, remaining = mine.split("Gjenstår")
    assert exercise.title in done and item(LEVEL_0).title in remaining


def test_an_item_of_another_municipality_is_missing(
    client_for: Clients, published: GuideVersion
) -> None:
    other = Municipality.objects.create(name="Bortby", number="9601")
    theirs = TrainingItem.objects.create(
        municipality=other, slug="deres", title="Deres", kind=TrainingKind.TEXT
    )
    client = client_for("stafettholder")
    assert client.get(reverse("training:item", kwargs={"item_id": theirs.pk})).status_code == 404
    post = client.post(reverse("training:complete", kwargs={"item_id": theirs.pk}))
    assert post.status_code == 404
    assert not TrainingCompletion.objects.filter(item=theirs).exists()


def unit_url(unit: Unit) -> str:
    return reverse("training:unit", kwargs={"unit_id": unit.pk})


def test_the_unit_leader_sees_who_has_done_what(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    training_complete(by=world.users["stafettholder"], item=item(CONVERSATION))
    response = client_for("unit_leader").get(unit_url(world.units["kindergarten"]))
    assert response.status_code == 200
    rows = {r.user.username: r.done for r in response.context["overview"].rows}
    # The kindergarten's staff: two employees and the leader; nobody from other units.
    assert set(rows) == {"kari", "lise", "siri"}
    assert rows["kari"] == {item(CONVERSATION).pk} and rows["lise"] == frozenset()
    counts = dict(response.context["counts"])
    assert counts[item(CONVERSATION)] == 1 and counts[item(LEVEL_0)] == 0
    assert "Kari Lundberg" in response.content.decode()


def test_another_units_leader_and_another_municipalitys_coordinator_get_404(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    school = world.units["school"]
    assert client_for("unit_leader").get(unit_url(school)).status_code == 404
    assert client_for("coordinator").get(unit_url(school)).status_code == 200
    elsewhere = Municipality.objects.create(name="Bortby", number="9602")
    their_unit = Unit.objects.create(municipality=elsewhere, name="Bort", kind=UnitKind.SCHOOL)
    for role in ("coordinator", "admin", "unit_leader"):
        assert client_for(role).get(unit_url(their_unit)).status_code == 404, role
    # A leader of a unit there sees it; a leader whose membership has ended does not.
    leader = make_user("bortleder", "Bo", "Bort")
    add_member(leader, elsewhere, their_unit, Role.UNIT_LEADER)
    client = Client()
    client.force_login(leader)
    assert client.get(unit_url(their_unit)).status_code == 200
    leader.memberships.update(is_active=False)
    client = Client()
    client.force_login(leader)
    assert client.get(unit_url(their_unit)).status_code == 404


def overview_queries(client: Client, unit: Unit) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(unit_url(unit)).status_code == 200
    return len(captured.captured_queries)


def test_the_unit_page_takes_as_many_queries_for_thirty_employees_as_for_two(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    client = client_for("coordinator")
    small = Unit.objects.create(municipality=world.municipality, name="Liten", kind=UnitKind.PPT)
    large = Unit.objects.create(municipality=world.municipality, name="Stor", kind=UnitKind.PPT)
    for i in range(30):
        user = make_user(f"ansatt{i}", "Ansatt", f"Nummer {i}")
        add_member(user, world.municipality, large if i >= 2 else small, Role.EMPLOYEE)
        if i % 3 == 0:
            training_complete(by=user, item=item(LEVEL_0))
    assert overview_queries(client, small) == overview_queries(client, large)


def test_the_case_page_shows_the_training_of_the_current_step(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    # world.case is at level 2, at its first step: the network meeting.
    response = client_for("stafettholder").get(
        reverse("cases:case_detail", kwargs={"case_id": world.case.pk})
    )
    now = response.context["what_now"]
    assert now.step.slug == "nettverksmote"
    assert [i.slug for i in now.training] == ["niva-2-nettverksmotet"]
    html = response.content.decode()
    section = html[html.index('id="hva-na"') :]
    url = reverse("training:item", kwargs={"item_id": item("niva-2-nettverksmotet").pk})
    assert "Opplæring for dette trinnet" in section and url in section


def test_the_public_guide_shows_only_public_items(world: World, published: GuideVersion) -> None:
    cache.clear()
    TrainingItem.objects.create(
        municipality=world.municipality, slug="intern", title="Bare for ansatte",
        kind=TrainingKind.TEXT, step_slugs=["del-undringen"], is_public=False,
    )  # fmt: skip
    url = reverse(
        "public:step",
        kwargs={
            "municipality_number": world.municipality.number,
            "level": 0,
            "slug": "del-undringen",
        },
    )
    html = Client().get(url).content.decode()
    cache.clear()
    assert item(CONVERSATION).title in html and "Snakke med barn (Bufdir)" in html
    assert "Bare for ansatte" not in html
    assert "ekstern lenke" in html
    # Not the non-public national item tied to a level-0 step either.
    concrete = reverse(
        "public:step",
        kwargs={
            "municipality_number": world.municipality.number,
            "level": 0,
            "slug": "gjor-undringen-konkret",
        },
    )
    html = Client().get(concrete).content.decode()
    cache.clear()
    assert item(LEVEL_0).title in html and "Helsedirektoratets retningslinjer" not in html


def test_someone_who_works_in_no_municipality_is_refused(published: GuideVersion) -> None:
    client = Client()
    client.force_login(make_user("familie", "Fia", "Mor"))
    assert client.get(reverse("training:list")).status_code == 403
    assert client.get(reverse("training:mine")).status_code == 403
    exercise = item(CONVERSATION)
    assert client.get(reverse("training:item", kwargs={"item_id": exercise.pk})).status_code == 403


def test_the_list_offers_the_unit_pages_the_user_may_open(
    client_for: Clients, world: World, published: GuideVersion
) -> None:
    leader = client_for("unit_leader").get(reverse("training:list")).context["units"]
    assert leader == [world.units["kindergarten"]]
    assert client_for("same_unit").get(reverse("training:list")).context["units"] == []
    coordinator = client_for("coordinator").get(reverse("training:list")).context["units"]
    assert set(coordinator) == set(world.units.values())
