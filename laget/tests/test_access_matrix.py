"""Every web page and API endpoint × every role: allowed, or refused the way the rules say.

A case the user may not see answers 404, exactly like a missing one; a case they may see but
not change in that way answers 403; anonymous users are sent to the login page (web) or get
401 (API). A route without a row in ROUTES fails test_every_route_has_a_row.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from laget.directory.testing import route_kwargs as directory_route_kwargs
from laget.guide.testing import route_kwargs as guide_route_kwargs
from laget.implementation import testing as implementation_testing
from laget.monitoring import testing as monitoring_testing
from laget.registry.testing import route_kwargs as registry_route_kwargs
from laget.surveys import testing as surveys_testing
from laget.testing.world import ROLES, World

pytestmark = pytest.mark.django_db

OK = "ok"  # anything but a refusal: 200, 201, 204, a redirect after success, or 400 for the empty body
LOGIN = "login"

# Who may do what in world.case (see laget/cases/access.py).
NEEDS: dict[str, set[str]] = {
    "read": {"stafettholder", "participant", "unit_leader"},
    "write": {"stafettholder", "participant"},
    "coordinate": {"stafettholder", "unit_leader"},
    # Only the author corrects an entry; world.entry was written by the stafettholder.
    "author": {"stafettholder"},
    # A scanned copy that does not exist: missing for everyone.
    "scan": set(),
}
SEES_CASE = NEEDS["read"]
STAFF_WITH_UNIT = {r for r in ROLES if r not in ("coordinator", "admin", "anonymous")}
AUTHENTICATED = {r for r in ROLES if r != "anonymous"}


@dataclass(frozen=True)
class Route:
    door: str  # "web" or "api"
    name: str  # URL name in the cases / orgs / api namespace
    method: str
    # Case routes: the need; other routes: the roles allowed (others get `denied`).
    need: str | None = None
    allowed: frozenset[str] = frozenset()
    denied: int = 403
    # URL kwargs as world attribute names, e.g. {"measure_id": "measure"}.
    objects: tuple[tuple[str, str], ...] = ()
    body: tuple[tuple[str, object], ...] = ()

    @property
    def id(self) -> str:
        return f"{self.door}:{self.method.upper()}:{self.name}"


def case_route(door: str, name: str, method: str, need: str, **objects: str) -> Route:
    body = (("version", 1),) if method == "patch" else ()
    return Route(door, name, method, need=need, objects=tuple(objects.items()), body=body)


def web_case(name: str, need: str, **objects: str) -> list[Route]:
    return [case_route("web", name, m, need, **objects) for m in ("get", "post")]


def other(
    door: str, name: str, method: str, allowed: set[str], denied: int = 403, **objects: str
) -> Route:
    return Route(
        door,
        name,
        method,
        allowed=frozenset(allowed),
        denied=denied,
        objects=tuple(objects.items()),
    )


# Who manages the municipality's tools.
TOOL_MANAGERS = {"coordinator", "admin"}
TOOL = {"definition_id": "tool"}
# Who edits the municipality's action guide.
GUIDE_EDITORS = {"coordinator", "admin"}
# The program registry (laget/registry/testing.py: world_registry): the world's admin is a
# program admin, its coordinator the municipal registrar; nobody else has a registry role.
REGISTRY = {"coordinator", "admin"}


# Apps that keep their access rows and URL kwargs in their own testing module.
APPS_WITH_OWN_ROWS = {
    "implementation": implementation_testing,
    "surveys": surveys_testing,
    "monitoring": monitoring_testing,
}

ROUTES: list[Route] = [
    # Web: the stafettlogg
    other("web", "cases:my_cases", "get", AUTHENTICATED),
    other("web", "cases:case_open", "get", STAFF_WITH_UNIT),
    other("web", "cases:case_open", "post", STAFF_WITH_UNIT),
    case_route("web", "cases:case_detail", "get", "read"),
    *web_case("cases:case_identify", "coordinate"),
    *web_case("cases:guardian_add", "coordinate"),
    *web_case("cases:case_change_level", "coordinate"),
    case_route("web", "cases:case_step", "post", "coordinate"),
    *web_case("cases:case_report_concern", "coordinate"),
    *web_case("cases:case_close", "coordinate"),
    *web_case("cases:participant_add", "coordinate"),
    case_route("web", "cases:participant_people", "get", "coordinate"),
    *web_case("cases:participant_leave", "coordinate", participant_id="participant"),
    *web_case("cases:baton_hand_over", "coordinate"),
    *web_case("cases:transition_create", "coordinate"),
    *web_case("cases:measure_create", "write"),
    *web_case("cases:measure_update", "write", measure_id="measure"),
    *web_case("cases:measure_evaluate", "write", measure_id="measure"),
    *web_case("cases:entry_create", "write"),
    *web_case("cases:entry_update", "author", entry_id="entry"),
    *web_case("cases:meeting_create", "write"),
    *web_case("cases:meeting_update", "write", meeting_id="meeting"),
    case_route(
        "web",
        "cases:attendee_respond",
        "post",
        "write",
        meeting_id="meeting",
        attendee_id="attendee",
    ),
    # Web: consents
    *web_case("consent:consent_request", "coordinate"),
    case_route("web", "consent:consent_detail", "get", "read", consent_id="consent"),
    *web_case("consent:consent_paper", "coordinate", consent_id="consent"),
    *web_case("consent:consent_withdraw", "coordinate", consent_id="consent"),
    *web_case("consent:consent_renew", "coordinate", consent_id="consent"),
    case_route("web", "consent:consent_export", "get", "read", consent_id="consent"),
    # The world's consent was given digitally: no scan, so the readers get 404 too (below).
    Route("web", "consent:consent_scan", "get", need="scan", objects=(("consent_id", "consent"),)),
    # Web: the organisation
    other("web", "orgs:unit_list", "get", {"admin"}),
    other("web", "orgs:unit_create", "get", {"admin"}),
    other("web", "orgs:unit_create", "post", {"admin"}),
    other("web", "orgs:staff_list", "get", {"admin", "unit_leader"}),
    other("web", "orgs:staff_create", "get", {"admin", "unit_leader"}),
    other("web", "orgs:staff_create", "post", {"admin", "unit_leader"}),
    other("web", "orgs:municipality_settings", "get", {"admin"}),
    other("web", "orgs:municipality_settings", "post", {"admin"}),
    # Web: tools in a case
    case_route("web", "tools:tool_pick", "get", "write"),
    *web_case("tools:tool_fill", "write", version_id="tool_version"),
    case_route("web", "tools:filled_detail", "get", "read", filled_id="filled_tool"),
    case_route("web", "tools:filled_pdf", "get", "read", filled_id="filled_tool"),
    # Web: managing tools
    other("web", "tools:tool_list", "get", TOOL_MANAGERS),
    other("web", "tools:tool_create", "get", TOOL_MANAGERS),
    other("web", "tools:tool_create", "post", TOOL_MANAGERS),
    other("web", "tools:tool_detail", "get", TOOL_MANAGERS, **TOOL),
    other("web", "tools:tool_draft", "get", TOOL_MANAGERS, **TOOL),
    other("web", "tools:tool_draft", "post", TOOL_MANAGERS, **TOOL),
    other("web", "tools:tool_publish", "post", TOOL_MANAGERS, **TOOL),
    other("web", "tools:version_detail", "get", TOOL_MANAGERS, **TOOL),
    # Web: the service directory (public information; the coordinator or admin edits it)
    other("web", "directory:search", "get", AUTHENTICATED),
    other("web", "directory:service_list", "get", {"coordinator", "admin"}),
    other("web", "directory:service_create", "get", {"coordinator", "admin"}),
    other("web", "directory:service_create", "post", {"coordinator", "admin"}),
    other("web", "directory:service_update", "get", {"coordinator", "admin"}),
    other("web", "directory:service_update", "post", {"coordinator", "admin"}),
    other("web", "directory:service_deactivate", "get", {"coordinator", "admin"}),
    other("web", "directory:service_deactivate", "post", {"coordinator", "admin"}),
    other("web", "directory:public_list", "get", set(ROLES)),
    other("web", "directory:public_detail", "get", set(ROLES)),
    # Web: the guide editor
    other("web", "guide:overview", "get", GUIDE_EDITORS),
    other("web", "guide:starter_install", "post", GUIDE_EDITORS),
    other("web", "guide:draft_create", "post", GUIDE_EDITORS),
    other("web", "guide:export", "get", GUIDE_EDITORS),
    other("web", "guide:import", "get", GUIDE_EDITORS),
    other("web", "guide:import", "post", GUIDE_EDITORS),
    other("web", "guide:version_detail", "get", GUIDE_EDITORS),
    other("web", "guide:version_diff", "get", GUIDE_EDITORS),
    other("web", "guide:publish", "get", GUIDE_EDITORS),
    other("web", "guide:publish", "post", GUIDE_EDITORS),
    other("web", "guide:level_edit", "get", GUIDE_EDITORS),
    other("web", "guide:level_edit", "post", GUIDE_EDITORS),
    other("web", "guide:step_add", "get", GUIDE_EDITORS),
    other("web", "guide:step_add", "post", GUIDE_EDITORS),
    other("web", "guide:step_edit", "get", GUIDE_EDITORS),
    other("web", "guide:step_edit", "post", GUIDE_EDITORS),
    other("web", "guide:step_remove", "get", GUIDE_EDITORS),
    other("web", "guide:step_remove", "post", GUIDE_EDITORS),
    other("web", "guide:step_move", "post", GUIDE_EDITORS),
    # Web: the program registry
    other("web", "registry:practitioner_list", "get", REGISTRY),
    other("web", "registry:practitioner_detail", "get", REGISTRY),
    other("web", "registry:course_list", "get", REGISTRY),
    other("web", "registry:course_complete", "get", REGISTRY),
    other("web", "registry:course_complete", "post", REGISTRY),
    other("web", "registry:families_list", "get", REGISTRY),
    # Web: editing the registry (courses, participants, practitioners, years, falling short)
    other("web", "registry:course_create", "get", REGISTRY),
    other("web", "registry:course_create", "post", REGISTRY),
    other("web", "registry:course_edit", "get", REGISTRY),
    other("web", "registry:course_edit", "post", REGISTRY),
    other("web", "registry:course_participants", "get", REGISTRY),
    other("web", "registry:course_participants", "post", REGISTRY),
    other("web", "registry:practitioner_create", "get", REGISTRY),
    other("web", "registry:practitioner_create", "post", REGISTRY),
    other("web", "registry:practitioner_edit", "get", REGISTRY),
    other("web", "registry:practitioner_edit", "post", REGISTRY),
    other("web", "registry:practitioner_activity", "get", REGISTRY),
    other("web", "registry:practitioner_activity", "post", REGISTRY),
    other("web", "registry:falling_short", "get", REGISTRY),
    other("web", "registry:import", "get", REGISTRY),
    other("web", "registry:import", "post", REGISTRY),
    other("web", "registry:report", "get", REGISTRY),
    other("web", "registry:report_csv", "get", REGISTRY),
    other("web", "registry:report_xlsx", "get", REGISTRY),
    other("web", "registry:report_pdf", "get", REGISTRY),
    # Web: programs as data (program admins only) and municipal agreements and phases
    other("web", "registry:program_list", "get", {"admin"}),
    *[
        other("web", f"registry:{name}", method, {"admin"})
        for name in (
            "program_create",
            "program_detail",
            "program_intervention_add",
            "program_intervention_edit",
            "program_qualification_add",
            "program_qualification_edit",
        )
        for method in ("get", "post")
    ],
    other("web", "registry:agreement_list", "get", REGISTRY),
    other("web", "registry:agreement_create", "get", REGISTRY),
    other("web", "registry:agreement_create", "post", REGISTRY),
    other("web", "registry:agreement_edit", "get", REGISTRY),
    other("web", "registry:agreement_edit", "post", REGISTRY),
    # API: outside a case
    other("api", "api:token", "post", set(ROLES)),
    other("api", "api:logout", "post", AUTHENTICATED),
    other("api", "api:schema", "get", set(ROLES)),
    other("api", "api:me", "get", AUTHENTICATED),
    # Every member of the municipality reads its settings; only the admin changes them.
    other("api", "api:municipality", "get", AUTHENTICATED),
    other("api", "api:municipality", "patch", {"admin"}),
    other("api", "api:units", "get", AUTHENTICATED),
    other("api", "api:units", "post", {"admin"}),
    other("api", "api:staff", "get", {"admin", "unit_leader"}),
    other("api", "api:staff", "post", {"admin", "unit_leader"}),
    other("api", "api:services", "get", AUTHENTICATED),
    other("api", "api:services", "post", {"coordinator", "admin"}),
    other("api", "api:service", "patch", {"coordinator", "admin"}),
    # Every member of the municipality reads its published guide.
    other("api", "api:guide", "get", AUTHENTICATED),
    # The municipality's indicators and the national figures (laget/monitoring/api.py).
    other("api", "api:indicators", "get", {"coordinator", "admin"}),
    other("api", "api:indicators_national", "get", {"coordinator", "admin"}),
    other("api", "api:cases", "get", AUTHENTICATED),
    # Opening needs a unit of one's own; the empty body is refused with 400 before that.
    other("api", "api:cases", "post", AUTHENTICATED),
    # API: the case
    case_route("api", "api:case", "get", "read"),
    case_route("api", "api:case_identify", "post", "coordinate"),
    case_route("api", "api:case_level", "post", "coordinate"),
    case_route("api", "api:case_report", "post", "coordinate"),
    case_route("api", "api:case_close", "post", "coordinate"),
    case_route("api", "api:participants", "get", "read"),
    case_route("api", "api:participants", "post", "coordinate"),
    case_route("api", "api:participant_leave", "post", "coordinate", participant_id="participant"),
    case_route("api", "api:handover", "post", "coordinate"),
    case_route("api", "api:guardians", "get", "read"),
    case_route("api", "api:guardians", "post", "coordinate"),
    case_route("api", "api:measures", "get", "read"),
    case_route("api", "api:measures", "post", "write"),
    case_route("api", "api:measure", "get", "read", measure_id="measure"),
    case_route("api", "api:measure", "patch", "write", measure_id="measure"),
    case_route("api", "api:measure_evaluate", "post", "write", measure_id="measure"),
    case_route("api", "api:entries", "get", "read"),
    case_route("api", "api:entries", "post", "write"),
    case_route("api", "api:entry", "get", "read", entry_id="entry"),
    case_route("api", "api:entry", "patch", "author", entry_id="entry"),
    case_route("api", "api:meetings", "get", "read"),
    case_route("api", "api:meetings", "post", "write"),
    case_route("api", "api:meeting", "get", "read", meeting_id="meeting"),
    case_route("api", "api:meeting", "patch", "write", meeting_id="meeting"),
    case_route(
        "api", "api:attendee_respond", "post", "write", meeting_id="meeting", attendee_id="attendee"
    ),
    case_route("api", "api:consents", "get", "read"),
    case_route("api", "api:consents", "post", "coordinate"),
    case_route("api", "api:consent", "get", "read", consent_id="consent"),
    case_route("api", "api:consent_record", "get", "read", consent_id="consent"),
    case_route("api", "api:consent_withdraw", "post", "coordinate", consent_id="consent"),
    case_route("api", "api:consent_paper", "post", "coordinate", consent_id="consent"),
    case_route("api", "api:consent_renew", "post", "coordinate", consent_id="consent"),
    case_route("api", "api:transitions", "get", "read"),
    case_route("api", "api:transitions", "post", "coordinate"),
    other("api", "api:tools", "get", AUTHENTICATED),
    case_route("api", "api:case_tools", "post", "write"),
    case_route("api", "api:case_tool", "get", "read", filled_id="filled_tool"),
    # Implementation plans, employee surveys and monitoring: each app lists its own rows.
    *[
        other("web", name, method, allowed)
        for app in APPS_WITH_OWN_ROWS.values()
        for name, method, allowed in app.ACCESS_ROWS
    ],
]


def expected(route: Route, role: str) -> object:
    if route.need is None:
        if role in route.allowed:
            return OK
        if role == "anonymous":
            return LOGIN if route.door == "web" else 401
        return route.denied
    if role == "anonymous":
        return LOGIN if route.door == "web" else 401
    if role in NEEDS[route.need]:
        return OK
    return 403 if role in SEES_CASE and route.need != "scan" else 404


def outcome(route: Route, status: int, location: str) -> object:
    if status in (401, 403, 404):
        return status
    if status == 302 and "/logg-inn/" in location:
        return LOGIN
    return OK


def route_url(route: Route, world: World) -> str:
    """The route's URL for the world's case and its objects."""
    kwargs: dict[str, object] = {}
    if route.need is not None:
        kwargs["case_id"] = world.case.pk
    kwargs.update({key: getattr(world, attr).pk for key, attr in route.objects})
    if route.name == "tools:version_detail":
        kwargs["number"] = 1
    if route.name == "consent:consent_scan":
        kwargs["party_id"] = world.consent.parties.first().pk
    if route.name.endswith("municipality") or route.name.endswith("municipality_settings"):
        kwargs["municipality_id"] = world.municipality.pk
    if route.name.startswith("directory:") or route.name == "api:service":
        kwargs.update(directory_route_kwargs(route.name, world))
    if route.name.startswith("guide:") or route.name == "api:guide":
        kwargs.update(guide_route_kwargs(route.name, world))
    if route.name.startswith("registry:"):
        kwargs.update(registry_route_kwargs(route.name, world))
    app = APPS_WITH_OWN_ROWS.get(route.name.split(":")[0])
    if app is not None:
        kwargs.update(app.route_kwargs(route.name, world))
    return reverse(route.name, kwargs=kwargs)


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_access(route: Route, role: str, world: World, client_for: Callable[[str], Client]) -> None:
    url = route_url(route, world)
    client = client_for(role)
    if route.door == "api":
        response = getattr(client, route.method)(
            url, dict(route.body), content_type="application/json"
        )
    else:
        response = getattr(client, route.method)(url)
    got = outcome(route, response.status_code, response.get("Location", ""))
    assert got == expected(route, role), f"{route.id} as {role}: {response.status_code}"
    if got == 404 and route.door == "api":
        assert response.json() == {"detail": "Ikke funnet."}


def _names(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else ""
            yield from _names(p.url_patterns, prefix + ns)
        elif p.name:
            yield prefix + p.name


def test_every_route_has_a_row() -> None:
    served = {
        n
        for n in _names(get_resolver().url_patterns)
        if n.split(":")[0]
        in (
            "cases",
            "consent",
            "orgs",
            "api",
            "tools",
            "directory",
            "guide",
            "registry",
            *APPS_WITH_OWN_ROWS,
        )
    }
    served.discard("api:not_found")
    assert served - {r.name for r in ROUTES} == set()


@pytest.mark.parametrize("role", sorted(SEES_CASE))
def test_a_case_one_takes_no_part_in_is_404(
    role: str, world: World, client_for: Callable[[str], Client]
) -> None:
    """A case in the same municipality that one takes no part in is 404 on both doors."""
    client = client_for(role)
    other_case = world.other_case
    assert client.get(reverse("cases:case_detail", args=[other_case.pk])).status_code == 404
    assert client.get(reverse("api:case", args=[other_case.pk])).status_code == 404
