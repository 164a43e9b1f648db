"""The access matrix in other worlds: what each role gets on every case route when the case
is closed (within and after the reading time), at level 0 without a stafettholder, when a
participant moved unit or was deactivated, when the admin created an account no one has
accepted yet, from a second municipality, and in the portal for a guardian added in another
case of the same child. The rows are the matrix's (laget/tests/test_access_matrix.py); the
worlds are built with the services (laget/testing/worlds.py), each change inside the test's
savepoint, so the module's world stays as build_world made it.
"""

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, reverse

from laget.accounts.models import User
from laget.cases.access import Need, case_for
from laget.testing.world import World, build_world
from laget.testing.worlds import (
    SameChild,
    accept_pending,
    api_token,
    close_case,
    days_past_read_period,
    days_within_read_period,
    deactivate,
    level0_world,
    move_unit,
    pending_leader,
    same_child_elsewhere,
)
from laget.tests.test_access_matrix import (
    FAMILY_ROUTES,
    LOGIN,
    NEEDS,
    ROUTES,
    FamilyRoute,
    Route,
    check,
    expected,
    route_url,
)
from laget.tests.test_access_matrix import (
    request as send,
)

pytestmark = pytest.mark.django_db

CASE_ROUTES = [r for r in ROUTES if r.need is not None]


def _ids(route: Route) -> str:
    return route.id


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def client_of(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def refused(route: Route) -> int | str:
    return LOGIN if route.door == "web" else 401


# --- A closed case ------------------------------------------------------------------------
# Every participation but the stafettholder's ends at closing. The last stafettholder and the
# responsible unit's leader read on for LAGET_CLOSED_CASE_READ_DAYS; nobody writes: a write
# they could do in an open case is refused by the closed-case guard (400 in the API; the web
# shows the message on the case page), one they could not is refused as before (403).
CLOSED_READERS = {"stafettholder", "unit_leader"}
# What the closed-case guard answers where the open case would have let them through.
# The web re-renders the page with the closed-case message (the open case's status).
CLOSED_API_WRITE = 400
# The roles whose answers closing changes, and one it does not (the admin: 404 throughout).
CLOSED_ROLES = ["stafettholder", "participant", "unit_leader", "admin", "anonymous"]


def closed_expected(route: Route, role: str, *, within: bool) -> tuple[object, str | None]:
    if role == "anonymous":
        return refused(route), None
    if not within or role not in CLOSED_READERS or route.need == "scan":
        return 404, None
    if route.need == "read":
        return route.success, route.to
    if role not in NEEDS[route.need]:
        return 403, None
    if route.objects == (("participant_id", "participant"),) and route.door == "web":
        return 404, None  # world.participant's participation ended at closing
    if route.door == "web":
        return route.success, route.to
    return CLOSED_API_WRITE, None


# After the read period nobody reads: the two who read until then are the ones to check.
CLOSED_CELLS = [
    *[pytest.param(role, True, id=f"{role}-within_read_days") for role in CLOSED_ROLES],
    *[pytest.param(role, False, id=f"{role}-after_read_days") for role in sorted(CLOSED_READERS)],
]


@pytest.mark.parametrize(("role", "within"), CLOSED_CELLS)
@pytest.mark.parametrize("route", CASE_ROUTES, ids=_ids)
def test_closed_case(route: Route, role: str, within: bool, world: World) -> None:
    close_case(world, days_ago=days_within_read_period() if within else days_past_read_period())
    response = send(client_of(world.user(role)), route, route_url(route, world))
    want, to = closed_expected(route, role, within=within)
    check(route.id, role, want, to, response)


# --- Level 0 without a stafettholder --------------------------------------------------------
# Kari opened it, Per joined on the family's consent, Oda came and left. Every person in the
# case coordinates; the responsible unit's leader reads and coordinates, and writes nothing.
LEVEL0_NEEDS: dict[str, set[str]] = {
    "read": {"stafettholder", "participant", "unit_leader"},
    "write": {"stafettholder", "participant"},
    "coordinate": {"stafettholder", "participant", "unit_leader"},
    "author": {"stafettholder"},
    "scan": set(),
    # The family pages (laget/family/services.py): no stafettholder to propose a restriction;
    # the responsible unit's leader decides and ends one; no child welfare in the case.
    "holder": set(),
    "restriction_decide": {"unit_leader"},
    "restriction_end": {"unit_leader"},
    "child_welfare": set(),
    # The individual plan's package: whoever coordinates the case (no coordinator is named).
    "plan_package": {"stafettholder", "participant", "unit_leader"},
}


@pytest.fixture(scope="module")
def level0(world: World, django_db_blocker: object) -> World:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return level0_world(world)


# The roles whose rights the missing stafettholder changes, and one outsider of the same unit;
# the others answer as in the plain matrix.
LEVEL0_ROLES = ["stafettholder", "participant", "former_participant", "same_unit", "unit_leader"]


@pytest.mark.parametrize("role", [*LEVEL0_ROLES, "anonymous"])
@pytest.mark.parametrize("route", CASE_ROUTES, ids=_ids)
def test_level0_without_stafettholder(route: Route, role: str, level0: World) -> None:
    response = send(client_of(level0.user(role)), route, route_url(route, level0))
    if role == "anonymous":
        want: object = refused(route)
    elif role in LEVEL0_NEEDS[route.need or "read"]:
        want = route.success
    elif role in LEVEL0_NEEDS["read"] and route.need != "scan":
        want = 403
    else:
        want = 404
    check(route.id, role, want, route.to if want == route.success else None, response)


# --- A participant who moved unit, and a deactivated user ---------------------------------
# Per took part from the health clinic; the admin ended that membership and gave him one in
# the school. His sessions ended with it (a login again); logged in anew, world.case is 404.
@pytest.mark.parametrize("route", CASE_ROUTES, ids=_ids)
def test_participant_who_moved_unit(route: Route, world: World) -> None:
    user = world.users["participant"]
    old_session = client_of(user)
    move_unit(world, "participant")
    url = route_url(route, world)
    check(route.id, "moved (old session)", refused(route), None, send(old_session, route, url))
    check(route.id, "moved (new session)", 404, None, send(client_of(user), route, url))


@pytest.mark.parametrize("route", CASE_ROUTES, ids=_ids)
def test_deactivated_user(route: Route, world: World) -> None:
    user = world.users["participant"]
    old_session = client_of(user)
    token = api_token(user)
    deactivate(world, "participant")
    url = route_url(route, world)
    check(
        route.id,
        "deactivated (old session)",
        refused(route),
        None,
        send(old_session, route, url),
    )
    check(route.id, "deactivated (login)", refused(route), None, send(client_of(user), route, url))
    if route.door == "api":
        with_token = Client(HTTP_AUTHORIZATION=f"Token {token}")
        check(route.id, "deactivated (token)", 401, None, send(with_token, route, url))


def test_a_deactivated_stafettholder_leaves_no_one_reading_through_them(world: World) -> None:
    """The case has no stafettholder afterwards; its leader still reads it."""
    deactivate(world, "stafettholder")
    response = client_of(world.users["stafettholder"]).get(
        reverse("api:case", args=[world.case.pk])
    )
    assert response.status_code == 401
    access = case_for(world.users["unit_leader"], world.case.pk, need=Need.COORDINATE, audit=False)
    assert access.may_coordinate


# --- An account the admin created, not yet accepted ---------------------------------------
# The admin made a leader for the kindergarten (world.case's responsible unit): until the
# kindergarten's leader accepts, the account reads nothing; accepted, it reads like a leader.
@pytest.mark.parametrize("accepted", [False, True], ids=["pending", "accepted"])
@pytest.mark.parametrize("route", CASE_ROUTES, ids=_ids)
def test_account_created_by_the_admin(route: Route, accepted: bool, world: World) -> None:
    user = pending_leader(world)
    if accepted:
        accept_pending(world, user)
    response = send(client_of(user), route, route_url(route, world))
    if not accepted or route.need == "scan":
        want: object = 404
    elif "unit_leader" in NEEDS[route.need or "read"]:
        # Accepted, a leader of the responsible unit like the world's own.
        want = route.success
    else:
        want = 403
    check(route.id, "accepted" if accepted else "pending", want, route.to, response)


# --- Two municipalities ---------------------------------------------------------------------
# Everyone of the second municipality, on every route with world A's objects in its URL:
# nothing of A is there for them. A route they may use at home answers 404 for A's object;
# one they may not use at all answers as it does at home; the public ones (the anonymous
# survey link, the public directory) answer as they do for anyone. Routes without an object
# in the URL show one's own municipality: the plain matrix covers them.
# One role of each kind of right: a case role, the coordinator (guide, tools, directory,
# monitoring), the admin (the organisation; she also manages staff like a unit leader).
B_ROLES = ["stafettholder", "coordinator", "admin"]
# Rights that come from a registry role, not the municipality: B's people have none.
REGISTRY_PREFIXES = ("registry:", "api:registry_")


@pytest.fixture(scope="module")
def world_b(world: World, django_db_blocker: object) -> World:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return build_world("-b")


def _names_an_object(route: Route) -> bool:
    """Whether the route's URL names something (a case, a tool, a plan, …): the others show
    one's own municipality and are the plain matrix's."""
    try:
        reverse(route.name)
    except NoReverseMatch:
        return True
    return False


OBJECT_ROUTES = [r for r in ROUTES if _names_an_object(r)]
# These find the object in one's own municipality before the role check: 404 for everyone.
LOOKS_UP_FIRST = {
    "directory:service_update",
    "directory:service_deactivate",
    "api:service",
    "api:municipality",
}
# The empty body is refused (400) before the user in the URL is looked up, the same for a
# missing user: nothing of A shows.
BODY_FIRST = {"api:membership_add"}
# Cells where the code answers otherwise than the rules: fix the code, not these.
B_XFAIL: dict[tuple[str, str], str] = {}


def other_municipality_expected(route: Route, role: str, url: str) -> tuple[object, str | None]:
    home = expected(route, role)
    if "anonymous" in route.allowed:
        return home, route.to
    if route.need is not None:
        return 404, None
    if route.name.startswith(REGISTRY_PREFIXES):
        return route.denied, None
    if route.name in BODY_FIRST:
        return home, route.to
    if role in route.allowed or route.name in LOOKS_UP_FIRST:
        return 404, None
    return home, route.to if home == route.success else None


@pytest.mark.parametrize("role", B_ROLES)
@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=_ids)
def test_second_municipality_sees_nothing_of_the_first(
    route: Route, role: str, world: World, world_b: World, request: pytest.FixtureRequest
) -> None:
    reason = B_XFAIL.get((route.name, role))
    if reason is not None:
        request.node.add_marker(pytest.mark.xfail(strict=True, reason=reason))
    url = route_url(route, world)
    response = send(client_of(world_b.user(role)), route, url)
    want, to = other_municipality_expected(route, role, url)
    check(route.id, f"{role} of B", want, to, response)


# --- A guardian added in another case of the same child -------------------------------------
# The school opened a case about Emil too, and added his father there only. The portal gives
# each guardian exactly the cases they were added to.
PORTAL_CASE_ROUTES = [r for r in FAMILY_ROUTES if "case_id" in r.objects]


@pytest.fixture(scope="module")
def same_child(world: World, django_db_blocker: object) -> SameChild:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return same_child_elsewhere(world)


# Meeting invitations go to the guardians invited; this guardian was added after the meeting.
SAME_CHILD_ROUTES = [r for r in PORTAL_CASE_ROUTES if "meeting_id" not in r.objects]


def portal_url(route: FamilyRoute, world: World) -> str:
    found = {
        "case_id": world.case.pk,
        "entry_id": world.entry.pk,
        "consent_id": world.consent.pk,
        "participant_id": world.participant.pk,
        "measure_id": world.measure.pk,
    }
    return reverse(route.name, kwargs={k: found[k] for k in route.objects})


CONSENT_ACTIONS = {"portal:consent_give", "portal:consent_refuse", "portal:consent_withdraw"}


@pytest.mark.parametrize("guardian", ["here", "elsewhere"])
@pytest.mark.parametrize("route", SAME_CHILD_ROUTES, ids=lambda r: r.id)
def test_guardian_of_the_same_child_in_another_case(
    route: FamilyRoute, guardian: str, world: World, same_child: SameChild
) -> None:
    user = same_child.guardian_here if guardian == "here" else same_child.guardian_elsewhere
    client = Client()
    client.force_login(user, backend="laget.portal.oidc.PortalOIDCBackend")
    response = getattr(client, route.method)(portal_url(route, world))
    # A route no guardian of world.case opens (the child's own view) is missing for her too.
    want = route.status if guardian == "here" and "guardian" in route.allowed else 404
    if route.name in CONSENT_ACTIONS and guardian == "here":
        # Not a party to the world's consent (added after it): its actions are missing for her.
        want = 404
    check(
        route.id, f"guardian {guardian}", want, route.to if want == route.status else None, response
    )


def test_the_other_case_is_the_elsewhere_guardians(same_child: SameChild) -> None:
    client = Client()
    client.force_login(same_child.guardian_elsewhere, backend="laget.portal.oidc.PortalOIDCBackend")
    assert client.get(reverse("portal:case", args=[same_child.case.pk])).status_code == 200
    here = Client()
    here.force_login(same_child.guardian_here, backend="laget.portal.oidc.PortalOIDCBackend")
    assert here.get(reverse("portal:case", args=[same_child.case.pk])).status_code == 404


# --- Contact data on need ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "sees"),
    [("stafettholder", True), ("unit_leader", True), ("participant", False)],
)
def test_guardians_contact_data_only_for_those_who_coordinate(
    role: str, sees: bool, world: World, same_child: SameChild
) -> None:
    response = client_of(world.users[role]).get(reverse("api:guardians", args=[world.case.pk]))
    assert response.status_code == 200
    rows = response.json()
    rows = rows.get("results", rows) if isinstance(rows, dict) else rows
    with_id = [g for g in rows if g.get("national_id")]
    assert bool(with_id) is sees, rows
