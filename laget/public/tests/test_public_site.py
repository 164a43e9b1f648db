"""The public guide site: readable without login, link-shareable per step, searchable."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from laget.guide.models import GuideVersion
from laget.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_cached_pages() -> None:
    cache.clear()


def number(world: World) -> str:
    return world.municipality.number


def test_the_guide_is_public_with_every_level(world: World, published: GuideVersion) -> None:
    html = Client().get(reverse("public:guide", args=[number(world)])).content.decode()
    for level in published.levels.all():
        assert level.title in html


def test_every_step_has_its_own_link(world: World, published: GuideVersion) -> None:
    client = Client()
    for level in published.levels.all():
        for step in level.steps.all():
            url = reverse("public:step", args=[number(world), level.number, step.slug])
            response = client.get(url)
            assert response.status_code == 200, url
            assert step.title in response.content.decode()


def test_a_tool_page_shows_its_questions_and_bands(world: World, published: GuideVersion) -> None:
    step = next(s for lvl in published.levels.all() for s in lvl.steps.all() if s.tool_slugs)
    response = Client().get(reverse("public:tool", args=[number(world), step.tool_slugs[0]]))
    assert response.status_code == 200


def test_search_finds_steps_tools_and_services(world: World, published: GuideVersion) -> None:
    client = Client()
    url = reverse("public:search", args=[number(world)])
    assert "undring" in client.get(url, {"q": "undring"}).content.decode().lower()
    html = client.get(url, {"q": "ppt"}).content.decode()
    assert "Pedagogisk-psykologisk" in html
    assert "Fant ingenting" in client.get(url, {"q": "zqxwv"}).content.decode()


@pytest.mark.parametrize("path", ["public:guide", "public:search"])
def test_an_unknown_municipality_is_404(path: str, published: GuideVersion) -> None:
    assert Client().get(reverse(path, args=["0000"])).status_code == 404


def test_a_municipality_without_a_published_guide_is_404(world: World) -> None:
    from laget.orgs.models import Municipality

    other = Municipality.objects.create(name="Utenveileder", number="9990")
    assert Client().get(reverse("public:guide", args=[other.number])).status_code == 404


def test_an_unknown_step_or_tool_is_404(world: World, published: GuideVersion) -> None:
    client = Client()
    assert (
        client.get(reverse("public:step", args=[number(world), 0, "finnes-ikke"])).status_code
        == 404
    )
    assert (
        client.get(reverse("public:tool", args=[number(world), "finnes-ikke"])).status_code == 404
    )


def test_steps_at_levels_2_and_3_link_to_the_directory(
    world: World, published: GuideVersion
) -> None:
    level = next(lvl for lvl in published.levels.all() if lvl.number == 3)
    step = level.steps.all()[0]
    html = Client().get(reverse("public:step", args=[number(world), 3, step.slug])).content.decode()
    assert "Pedagogisk-psykologisk" in html
    assert reverse("directory:public_list", args=[number(world)]) in html
