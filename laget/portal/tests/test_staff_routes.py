"""A portal user has no staff membership: every staff page and API endpoint of a case is 404
for them, like for any outsider, and the few pages open to every logged-in user show them
nothing. The routes are the staff access matrix's own table."""

from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from laget.testing.family import Family
from laget.testing.world import World
from laget.tests.test_access_matrix import ROUTES, Route, route_url

pytestmark = pytest.mark.django_db

# Open to every logged-in user, with nothing of a case in them (checked below).
OPEN_TO_ANY_USER = {
    "web:GET:cases:my_cases",
    "api:POST:api:token",
    "api:POST:api:logout",
    "api:GET:api:schema",
    "api:GET:api:me",
    "api:GET:api:cases",
    "api:GET:api:units",
    # The service directory: public pages, and the API's list (empty without a municipality).
    "web:GET:directory:public_list",
    "web:GET:directory:public_detail",
    "api:GET:api:services",
    # The published tools of one's municipality: none without one.
    "api:GET:api:tools",
    # Refused with 400 for the empty body, before the unit of one's own is looked for.
    "api:POST:api:cases",
    # An employee survey's anonymous link: the questionnaire, never a case.
    "web:GET:surveys:answer",
    "web:POST:surveys:answer",
    "web:GET:surveys:answer_thanks",
}


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_portal_user_on_staff_routes(
    route: Route, world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    url = route_url(route, world)
    if route.door == "api":
        response = getattr(client, route.method)(
            url, dict(route.body), content_type="application/json"
        )
    else:
        response = getattr(client, route.method)(url)
    status = response.status_code
    if route.need is not None:
        assert status == 404, route.id
    elif route.id in OPEN_TO_ANY_USER:
        assert status in (200, 201, 204, 400), route.id
    else:
        assert status in (403, 404), route.id


def test_what_every_user_may_open_shows_a_portal_user_no_case(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    assert "Emil" not in client.get(reverse("cases:my_cases")).content.decode()
    assert client.get(reverse("api:cases")).json() == []
    assert client.get(reverse("api:units")).json() == []
    assert client.get(reverse("api:services")).json() == []
    assert client.get(reverse("api:tools")).json() == []
