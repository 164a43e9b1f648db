"""A refused (403) or missing (404) page is a Laget page: the layout the person knows, a
heading, plain words and a way back (staff: "Mine saker", a family member: the family's home,
anyone else: the front page). The same with DEBUG on, as in the demo. A 403 is logged as one
line, without a traceback."""

import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django.fixtures import Settings

from laget.accounts.models import User
from laget.api import handlers
from laget.lib.logfilters import NoTracebackBelow500
from laget.testing.family import Family, build_family
from laget.testing.world import World

pytestmark = pytest.mark.django_db

PORTAL_BACKEND = "laget.portal.oidc.PortalOIDCBackend"
# What tells the three layouts apart (base.html, portal/base.html, public/base.html).
STAFF_LAYOUT = 'aria-label="Hovedmeny"'
PORTAL_LAYOUT = '<body class="portal">'
PUBLIC_LAYOUT = '<body class="public">'
NOT_FOUND = "<h1>Finner ikke siden</h1>"
REFUSED = "<h1>Ingen tilgang</h1>"
TECHNICAL = "Using the URLconf defined in"


@pytest.fixture(scope="module")
def family(world: World, django_db_blocker: object) -> Family:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return build_family(world)


def _client(user: User | None, *, portal: bool = False) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend=PORTAL_BACKEND if portal else None)
    return client


def _who(world: World, family: Family, who: str) -> tuple[Client, str, str]:
    """A client, the layout's mark and the way back's link for each kind of person."""
    if who == "staff":
        client = _client(world.users["stafettholder"])
        return client, STAFF_LAYOUT, reverse("cases:my_cases")
    if who == "family":
        client = _client(family.users["own_guardian"], portal=True)
        return client, PORTAL_LAYOUT, reverse("portal:home")
    return _client(None), PUBLIC_LAYOUT, "/"


def _missing_url(who: str) -> str:
    """A page that is not there for that person: a case that does not exist in their part of
    Laget, or a path that names nothing for an anonymous visitor."""
    if who == "staff":
        return reverse("cases:case_detail", kwargs={"case_id": 999_999})
    if who == "family":
        return reverse("portal:case", kwargs={"case_id": 999_999})
    return "/finnes-ikke/"


def _assert_page(body: str, heading: str, layout: str, back: str) -> None:
    assert heading in body
    assert layout in body
    assert f'href="{back}"' in body
    assert TECHNICAL not in body


@pytest.mark.parametrize("debug", [False, True], ids=["production", "demo"])
@pytest.mark.parametrize("who", ["staff", "family", "anonymous"])
def test_missing_page_is_a_laget_page_with_a_way_back(
    world: World, family: Family, settings: Settings, who: str, debug: bool
) -> None:
    settings.DEBUG = debug
    client, layout, back = _who(world, family, who)

    response = client.get(_missing_url(who))

    assert response.status_code == 404
    _assert_page(response.content.decode(), NOT_FOUND, layout, back)


@pytest.mark.parametrize("debug", [False, True], ids=["production", "demo"])
@pytest.mark.parametrize("who", ["staff", "family", "anonymous"])
def test_path_that_names_nothing_is_a_laget_page(
    world: World, family: Family, settings: Settings, who: str, debug: bool
) -> None:
    settings.DEBUG = debug
    client, layout, back = _who(world, family, who)

    response = client.get("/finnes-ikke/")

    assert response.status_code == 404
    _assert_page(response.content.decode(), NOT_FOUND, layout, back)


def test_missing_family_page_for_anonymous_leads_to_the_familys_login(
    settings: Settings,
) -> None:
    settings.DEBUG = True

    response = Client().get("/familie/finnes-ikke/")

    assert response.status_code == 404
    _assert_page(response.content.decode(), NOT_FOUND, PORTAL_LAYOUT, reverse("portal:home"))


@pytest.mark.parametrize("debug", [False, True], ids=["production", "demo"])
@pytest.mark.parametrize(
    ("who", "layout", "back"),
    [
        ("coordinator", STAFF_LAYOUT, "cases:my_cases"),
        ("own_guardian", PORTAL_LAYOUT, "portal:home"),
    ],
)
def test_refused_page_is_a_laget_page_with_a_way_back(
    world: World,
    family: Family,
    settings: Settings,
    who: str,
    layout: str,
    back: str,
    debug: bool,
) -> None:
    """Opening a new case is for staff with a unit: a coordinator and a parent are refused."""
    settings.DEBUG = debug
    if who == "coordinator":
        client = _client(world.users["coordinator"])
    else:
        client = _client(family.users["own_guardian"], portal=True)

    response = client.get(reverse("cases:case_open"))

    assert response.status_code == 403
    _assert_page(response.content.decode(), REFUSED, layout, reverse(back))


def test_refused_page_for_anonymous_leads_to_the_front_page() -> None:
    request = RequestFactory().get("/saker/ny/")
    request.user = AnonymousUser()

    response = handlers.permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    _assert_page(response.content.decode(), REFUSED, PUBLIC_LAYOUT, "/")


def test_refused_request_is_logged_without_a_traceback(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    client = _client(world.users["coordinator"])

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("cases:case_open"))

    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in records] == ["Forbidden (Permission denied): /saker/ny/"]
    assert [r.exc_info for r in records] == [None]


def test_a_server_error_keeps_its_traceback() -> None:
    try:
        raise RuntimeError("broken")
    except RuntimeError as error:
        exc_info = (RuntimeError, error, error.__traceback__)
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), exc_info)
    record.status_code = 500

    assert NoTracebackBelow500().filter(record)
    assert record.exc_info == exc_info
