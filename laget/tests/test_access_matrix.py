"""Every web page and API endpoint × every role × every HTTP method: the exact answer.

An allowed user gets the route's own success status: a page 200, a form posted empty 200 (or
400) with its errors, an action a 302 to the page it names, an API body refused 400, a done
action 200/201/204. A case the user may not see answers 404, exactly like a missing one; a case
they may see but not change in that way answers 403; anonymous users are sent to the login page
(web) or get 401 (API). A route or an HTTP method its view accepts without a row fails
test_every_route_and_method_has_a_row, whatever its namespace. The portal and the public site
have a table of their own (FAMILY_ROUTES), with the family's roles. The other worlds (a closed
case, moved and deactivated people, two municipalities, …) are in test_access_worlds.py.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import get_resolver, resolve, reverse
from django.utils import timezone

from laget.archive.testing import route_kwargs as archive_route_kwargs
from laget.audit.models import AuditEvent
from laget.directory.testing import route_kwargs as directory_route_kwargs
from laget.family.choices import Part, RestrictionReason
from laget.family.models import AccessRequest, Restriction
from laget.folkeregister.models import NoticeKind, RegisterNotice
from laget.guide.testing import route_kwargs as guide_route_kwargs
from laget.implementation import testing as implementation_testing
from laget.monitoring import testing as monitoring_testing
from laget.orgs.testing import route_kwargs as orgs_route_kwargs
from laget.portal.tests.conftest import oidc_provider, oidc_settings
from laget.registry.testing import ACCESS_ROWS as REGISTRY_API_ROWS
from laget.registry.testing import route_kwargs as registry_route_kwargs
from laget.surveys import testing as surveys_testing
from laget.testing.family import Family, build_family
from laget.testing.methods import served_routes
from laget.testing.world import ROLES, World
from laget.training import testing as training_testing
from laget.transfer.testing import route_kwargs as transfer_route_kwargs

pytestmark = pytest.mark.django_db

__all__ = ["oidc_provider", "oidc_settings"]  # the portal's login provider, for FAMILY_ROUTES

LOGIN = "login"
# A redirect that leaves the site (the login provider): `to` of such a row.
EXTERNAL = "external"

# Who may do what in world.case (see laget/cases/access.py).
NEEDS: dict[str, set[str]] = {
    "read": {"stafettholder", "participant", "unit_leader"},
    "write": {"stafettholder", "participant"},
    "coordinate": {"stafettholder", "unit_leader"},
    # Only the author corrects an entry; world.entry was written by the stafettholder.
    "author": {"stafettholder"},
    # A scanned copy that does not exist, and child welfare's pages (no child welfare in
    # world.case): missing for everyone.
    "scan": set(),
}
# The family's members (laget/family/services.py): the stafettholder proposes a restriction, a
# leader of the responsible unit (not the proposer: world's restriction is the stafettholder's)
# decides it, either of them ends it; child welfare taking part records a care order (world.case
# has no child welfare: readers 403).
NEEDS["holder"] = {"stafettholder"}
NEEDS["restriction_decide"] = {"unit_leader"}
NEEDS["restriction_end"] = {"stafettholder", "unit_leader"}
NEEDS["child_welfare"] = set()
# A restriction is the coordinators' business: to a reader who does not coordinate the case it
# is missing (404), not forbidden.
# The individual plan's package: those who coordinate the case and its named coordinator (none
# in world.case); missing (404) to everyone else, the case's other readers too.
NEEDS["plan_package"] = {"stafettholder", "unit_leader"}
COORDINATORS_ONLY = {"restriction_decide", "restriction_end", "plan_package"}
SEES_CASE = NEEDS["read"]
STAFF_WITH_UNIT = {r for r in ROLES if r not in ("coordinator", "admin", "anonymous")}
AUTHENTICATED = {r for r in ROLES if r != "anonymous"}

# What an allowed user gets when the row says nothing. A method without an entry here (a web
# POST, an API write) must say it in its row: its success is never "anything but a refusal".
DEFAULT_STATUS: dict[tuple[str, str], int] = {
    ("web", "get"): 200,
    ("api", "get"): 200,
    # DRF's OPTIONS describes the endpoint, never an object: see OPTIONS_ROUTES.
    ("api", "options"): 200,
}


@dataclass(frozen=True)
class Route:
    door: str  # "web" or "api"
    name: str  # URL name, with its namespace
    method: str
    # Case routes: the need; other routes: the roles allowed (others get `denied`).
    need: str | None = None
    allowed: frozenset[str] = frozenset()
    denied: int = 403
    # URL kwargs as world attribute names, e.g. {"measure_id": "measure"}.
    objects: tuple[tuple[str, str], ...] = ()
    body: tuple[tuple[str, object], ...] = ()
    # What an allowed user gets; None: DEFAULT_STATUS for the door and method.
    status: int | None = None
    # For a 302: the URL name it sends to (or EXTERNAL).
    to: str | None = None
    # The API endpoint takes a multipart upload: the empty body is sent as a form.
    multipart: bool = False
    # An OPTIONS row of a case endpoint: the URL names world.case.
    in_case: bool = False

    @property
    def id(self) -> str:
        return f"{self.door}:{self.method.upper()}:{self.name}"

    @property
    def success(self) -> int:
        status = self.status or DEFAULT_STATUS.get((self.door, self.method))
        if status is None:
            raise LookupError(f"{self.id}: the row must say what an allowed user gets")
        if status == 302 and self.to is None:
            raise LookupError(f"{self.id}: the row must say where the redirect goes")
        return status


def case_route(
    door: str,
    name: str,
    method: str,
    need: str,
    status: int | None = None,
    to: str | None = None,
    **objects: str,
) -> Route:
    body = (("version", 1),) if method == "patch" else ()
    return Route(
        door,
        name,
        method,
        need=need,
        objects=tuple(objects.items()),
        body=body,
        status=status,
        to=to,
    )


def web_case(name: str, need: str, post: int, to: str | None = None, **objects: str) -> list[Route]:
    """The form page (200) and its POST: `post` is what the empty POST gets (200 with the
    form's errors, or a 302 to `to`)."""
    return [
        case_route("web", name, "get", need, **objects),
        case_route("web", name, "post", need, status=post, to=to, **objects),
    ]


def other(
    door: str,
    name: str,
    method: str,
    allowed: set[str],
    denied: int = 403,
    status: int | None = None,
    to: str | None = None,
    **objects: str,
) -> Route:
    return Route(
        door,
        name,
        method,
        allowed=frozenset(allowed),
        denied=denied,
        objects=tuple(objects.items()),
        status=status,
        to=to,
    )


# Who manages the municipality's tools.
TOOL_MANAGERS = {"coordinator", "admin"}
TOOL = {"definition_id": "tool"}
# Who edits the municipality's action guide.
GUIDE_EDITORS = {"coordinator", "admin"}
# The program registry (laget/registry/testing.py: world_registry): the world's admin is a
# program admin, its coordinator the municipal registrar; nobody else has a registry role.
REGISTRY = {"coordinator", "admin"}
# Case pages: the empty POST re-renders the form with its errors.
FORM = 200


# Apps that keep their access rows and URL kwargs in their own testing module.
APPS_WITH_OWN_ROWS = {
    "implementation": implementation_testing,
    "surveys": surveys_testing,
    "monitoring": monitoring_testing,
    "training": training_testing,
}

# What an allowed user gets from the rows the apps list themselves (their ACCESS_ROWS carry
# who, not what): (status, where a 302 goes). A GET not listed is a page (200); a write not
# listed fails the row, so a new row there needs its line here.
APP_ROW_STATUS: dict[tuple[str, str], tuple[int, str | None]] = {
    # The registry API: the empty body is refused; a PATCH of nothing changes nothing.
    **{
        (name, "post"): (400, None)
        for name in (
            "api:registry_practitioners",
            "api:registry_qualifications",
            "api:registry_activity_years",
            "api:registry_courses",
            "api:registry_families_reached_list",
        )
    },
    ("api:registry_course_complete", "post"): (200, None),
    ("surveys:past_round_create", "post"): (FORM, None),
    **{
        (name, "patch"): (200, None)
        for name in (
            "api:registry_practitioner",
            "api:registry_qualification",
            "api:registry_activity_year",
            "api:registry_course",
            "api:registry_families_reached",
        )
    },
    # Implementation plans: the empty form comes back with 400 and its errors.
    **{
        (f"implementation:{name}", "post"): (400, None)
        for name in (
            "plan_create",
            "phase_model_create",
            "plan_edit",
            "phase_advance",
            "sic_mark",
            "milestone_create",
            "milestone_edit",
            "activity_create",
            "activity_edit",
            "agent_create",
            "agent_edit",
            "meeting_create",
            "meeting_edit",
            "decision_create",
            "decision_edit",
        )
    },
    # Employee surveys: forms re-render (200); actions go back to the questionnaire or round.
    ("surveys:starter_install", "post"): (302, "surveys:questionnaire_detail"),
    ("surveys:questionnaire_create", "post"): (FORM, None),
    ("surveys:questionnaire_publish", "post"): (302, "surveys:questionnaire_detail"),
    ("surveys:questionnaire_copy", "post"): (302, "surveys:questionnaire_detail"),
    ("surveys:question_add", "post"): (FORM, None),
    ("surveys:question_edit", "post"): (FORM, None),
    ("surveys:question_move", "post"): (302, "surveys:questionnaire_detail"),
    ("surveys:question_remove", "post"): (302, "surveys:questionnaire_detail"),
    ("surveys:round_create", "post"): (FORM, None),
    ("surveys:round_close", "post"): (302, "surveys:round_detail"),
    # The anonymous answer form, posted empty, shows its errors.
    ("surveys:answer", "post"): (FORM, None),
    # Monitoring: sharing the figures beyond the municipality goes back to its page.
    ("monitoring:sharing", "post"): (302, "monitoring:sharing"),
    # Training: marking an item done goes back to the item.
    ("training:complete", "post"): (302, "training:item"),
    # The editor of the municipality's own training: the empty form comes back with 400 and
    # its errors; deleting an item no one has completed needs no more than the POST.
    ("training:own_create", "post"): (400, None),
    ("training:own_edit", "post"): (400, None),
    ("training:own_delete", "post"): (302, "training:own_list"),
}


def app_row(door: str, name: str, method: str, allowed: set[str], denied: int = 403) -> Route:
    status, to = APP_ROW_STATUS.get((name, method), (None, None))
    return other(door, name, method, allowed, denied=denied, status=status, to=to)


CASE_DETAIL = "cases:case_detail"

ROUTES: list[Route] = [
    # Web: the stafettlogg
    # A coordinator or admin (no unit, no cases) starts on the municipality's dashboard.
    other(
        "web",
        "cases:my_cases",
        "get",
        AUTHENTICATED - {"coordinator", "admin"},
        denied=302,
        to="monitoring:dashboard",
    ),
    other("web", "cases:case_open", "get", STAFF_WITH_UNIT),
    other("web", "cases:case_open", "post", STAFF_WITH_UNIT, status=FORM),
    # The practice area (laget/practice): everyone who works in a unit. Starting nothing (the
    # empty POST) and resetting an empty area both go back to the area.
    other("web", "practice:area", "get", STAFF_WITH_UNIT),
    other("web", "practice:start", "post", STAFF_WITH_UNIT, status=302, to="practice:area"),
    other("web", "practice:reset", "post", STAFF_WITH_UNIT, status=302, to="practice:area"),
    case_route("web", "cases:case_detail", "get", "read"),
    *web_case("cases:case_identify", "coordinate", FORM),
    # Without a register configured the page says so (200); the empty POST looks nothing up.
    *web_case("cases:case_identify_register", "coordinate", FORM),
    *web_case("cases:guardian_add", "coordinate", FORM),
    *web_case("cases:case_register_birth", "coordinate", FORM),
    *web_case("cases:case_change_level", "coordinate", FORM),
    case_route("web", "cases:case_step", "post", "coordinate", status=302, to=CASE_DETAIL),
    # Without ?step= the confirmation has nothing to ask: back to the case.
    case_route("web", "cases:case_step", "get", "coordinate", status=302, to=CASE_DETAIL),
    case_route("web", "cases:case_step_undo", "post", "coordinate", status=302, to=CASE_DETAIL),
    *web_case("cases:case_report_concern", "coordinate", FORM),
    *web_case("cases:case_close", "coordinate", FORM),
    *web_case("cases:participant_add", "coordinate", FORM),
    case_route("web", "cases:participant_people", "get", "coordinate"),
    # Leaving needs no form: the POST is the confirmation, back to the case.
    *web_case(
        "cases:participant_leave", "coordinate", 302, to=CASE_DETAIL, participant_id="participant"
    ),
    *web_case("cases:baton_hand_over", "coordinate", FORM),
    case_route(
        "web",
        "cases:same_child_notice_handle",
        "post",
        "coordinate",
        status=302,
        to=CASE_DETAIL,
        notice_id="same_child_notice",
    ),
    case_route(
        "web",
        "cases:register_notice_handle",
        "post",
        "coordinate",
        status=302,
        to=CASE_DETAIL,
        notice_id="register_notice",
    ),
    *web_case("cases:transition_create", "coordinate", FORM),
    *web_case("cases:measure_create", "write", FORM),
    *web_case("cases:measure_update", "write", FORM, measure_id="measure"),
    *web_case("cases:measure_evaluate", "write", FORM, measure_id="measure"),
    *web_case("cases:entry_create", "write", FORM),
    *web_case("cases:entry_update", "author", FORM, entry_id="entry"),
    *web_case("cases:meeting_create", "write", FORM),
    *web_case("cases:meeting_update", "write", FORM, meeting_id="meeting"),
    case_route(
        "web",
        "cases:attendee_respond",
        "post",
        "write",
        status=302,
        to=CASE_DETAIL,
        meeting_id="meeting",
        attendee_id="attendee",
    ),
    # Interpreters and readiness (laget/cases/interpreters.py): the world's attendee needs no
    # interpreter, so the action is refused with a message, back on the case page.
    case_route(
        "web",
        "cases:interpreter_book",
        "post",
        "write",
        status=302,
        to=CASE_DETAIL,
        meeting_id="meeting",
        attendee_id="attendee",
    ),
    case_route(
        "web",
        "cases:meeting_ready",
        "post",
        "write",
        status=302,
        to=CASE_DETAIL,
        meeting_id="meeting",
    ),
    # Web: the family's access log held back after a report of concern. Child welfare's page
    # (laget/family/holdbacks.py): world.case has no child welfare in it, so the page is
    # missing for everyone here, like the scan; laget/family/tests/test_holdback_staff.py has
    # the cells where it answers.
    *web_case("family:hold_backs", "scan", FORM),
    # Web: the family's members, restrictions and care order (laget/family/views/). Ending a
    # restriction needs no form: the POST is the confirmation, back to the case.
    *web_case("family:restriction_propose", "holder", FORM),
    *web_case(
        "family:restriction_decide", "restriction_decide", FORM, restriction_id="restriction"
    ),
    *web_case(
        "family:restriction_end",
        "restriction_end",
        302,
        to=CASE_DETAIL,
        restriction_id="restriction",
    ),
    *web_case("family:care_order_record", "child_welfare", FORM),
    *web_case("family:care_order_grants", "child_welfare", FORM),
    *web_case("family:care_order_end", "child_welfare", FORM),
    *web_case("family:member_edit", "coordinate", FORM, guardian_id="guardian"),
    *web_case("family:child_edit", "coordinate", FORM),
    # The family's copy for an access request (laget/family/access_requests.py): those who may
    # end a restriction, i.e. the stafettholder and a leader of the responsible unit.
    *web_case("family:access_requests", "restriction_end", FORM),
    case_route(
        "web",
        "family:access_request_copy",
        "post",
        "restriction_end",
        status=302,
        to="family:access_requests",
        request_id="access_request",
    ),
    # The individual plan (laget/plans): the decision, the coordinator and the handover.
    case_route("web", "plans:plan_detail", "get", "read"),
    *web_case("plans:decision_record", "coordinate", FORM),
    *web_case("plans:decision_withdraw", "coordinate", FORM),
    *web_case("plans:coordinator_name", "coordinate", FORM),
    *web_case("plans:hand_over", "coordinate", FORM),
    case_route("web", "plans:package_pdf", "get", "plan_package"),
    case_route("web", "plans:package_json", "get", "plan_package"),
    # Web: consents
    *web_case("consent:consent_request", "coordinate", FORM),
    case_route("web", "consent:consent_detail", "get", "read", consent_id="consent"),
    # The world's consent was given digitally: there is no paper to register, back to it.
    *[
        case_route(
            "web",
            "consent:consent_paper",
            method,
            "coordinate",
            status=302,
            to="consent:consent_detail",
            consent_id="consent",
        )
        for method in ("get", "post")
    ],
    *web_case("consent:consent_withdraw", "coordinate", FORM, consent_id="consent"),
    *web_case("consent:consent_renew", "coordinate", FORM, consent_id="consent"),
    # Child welfare answers a consent for the care it holds (no care order in world.case).
    *web_case("consent:consent_care", "child_welfare", FORM, consent_id="consent"),
    # The world's consent left no notice: nothing to mark, back to the case.
    case_route(
        "web",
        "consent:withdrawal_notice_handle",
        "post",
        "coordinate",
        status=302,
        to=CASE_DETAIL,
        consent_id="consent",
    ),
    case_route("web", "consent:consent_export", "get", "read", consent_id="consent"),
    # The world's consent was given digitally: no scan, so the readers get 404 too (below).
    Route("web", "consent:consent_scan", "get", need="scan", objects=(("consent_id", "consent"),)),
    # Web: the organisation
    other("web", "orgs:unit_list", "get", {"admin"}),
    other("web", "orgs:unit_create", "get", {"admin"}),
    other("web", "orgs:unit_create", "post", {"admin"}, status=FORM),
    other("web", "orgs:staff_list", "get", {"admin", "unit_leader"}),
    other("web", "orgs:staff_create", "get", {"admin", "unit_leader"}),
    other("web", "orgs:staff_create", "post", {"admin", "unit_leader"}, status=FORM),
    other("web", "orgs:municipality_settings", "get", {"admin"}),
    other("web", "orgs:municipality_settings", "post", {"admin"}, status=FORM),
    # The account's authenticator (laget/signin): nobody in the world has one yet, so the page
    # sets one up, the empty code comes back with its error, and removing goes to the setup.
    other("web", "second_factor", "get", AUTHENTICATED),
    other("web", "second_factor", "post", AUTHENTICATED, status=FORM),
    other("web", "second_factor_remove", "post", AUTHENTICATED, status=302, to="second_factor"),
    # The list of statutory bases; the municipality's admin extends it.
    other("web", "cases:statute_list", "get", {"admin"}),
    other("web", "cases:statute_list", "post", {"admin"}, status=FORM),
    # Ending access and the second person's acceptance (laget/orgs/testing.py: the targets).
    # A membership or user one may not act on is missing (404).
    other("web", "orgs:membership_pending", "get", {"admin", "unit_leader"}),
    other("web", "orgs:membership_end", "get", {"admin", "unit_leader"}, denied=404),
    other(
        "web",
        "orgs:membership_end",
        "post",
        {"admin", "unit_leader"},
        denied=404,
        status=302,
        to="orgs:staff_list",
    ),
    other("web", "orgs:user_deactivate", "get", {"admin", "unit_leader"}, denied=404),
    other(
        "web",
        "orgs:user_deactivate",
        "post",
        {"admin", "unit_leader"},
        denied=404,
        status=302,
        to="orgs:staff_list",
    ),
    # Signing a user out everywhere: the same people as deactivating them.
    other("web", "orgs:user_sign_out", "get", {"admin", "unit_leader"}, denied=404),
    other(
        "web",
        "orgs:user_sign_out",
        "post",
        {"admin", "unit_leader"},
        denied=404,
        status=302,
        to="orgs:staff_list",
    ),
    # The user's own account (laget/accounts): sessions, tokens and password. The empty POST
    # ends nothing and goes back; the empty password form comes back with its errors.
    other("web", "account_sessions", "get", AUTHENTICATED),
    other("web", "account_sessions_end", "post", AUTHENTICATED, status=302, to="account_sessions"),
    other("web", "password_change", "get", AUTHENTICATED),
    other("web", "password_change", "post", AUTHENTICATED, status=FORM),
    # The admin created the pending membership: only the unit's leader decides it.
    *[
        other(
            "web",
            f"orgs:{name}",
            "post",
            {"unit_leader"},
            denied=404,
            status=302,
            to="orgs:membership_pending",
        )
        for name in ("membership_accept", "membership_decline")
    ],
    # The review of grants (the privacy officer, not among the world's roles, reads it too).
    other("web", "orgs:grant_list", "get", {"admin"}),
    # The log review (laget/logreview): the municipality's privacy officer only, who is not
    # among the world's roles; to everyone else it is missing (laget/logreview/tests).
    other("web", "logreview:review", "get", set(), denied=404),
    other("web", "logreview:review", "post", set(), denied=404, status=FORM),
    # Moving a log (laget/transfer): the stafettholder proposes and withdraws (world.case has no
    # proposal: the withdrawal goes back to the page); the inbox is unit leaders' and admins';
    # the decision pages are the receiving unit's leaders' and the world has one municipality,
    # so they are missing for all (laget/transfer/tests/test_web.py covers the leader).
    *web_case("transfer:propose", "holder", FORM),
    case_route("web", "transfer:withdraw", "post", "holder", status=302, to="transfer:propose"),
    other("web", "transfer:inbox", "get", {"unit_leader", "admin"}, denied=404),
    other("web", "transfer:decide", "get", set(), denied=404),
    other("web", "transfer:decide", "post", set(), denied=404, status=FORM),
    other("web", "transfer:decline", "get", set(), denied=404),
    other("web", "transfer:decline", "post", set(), denied=404, status=FORM),
    # Retention (laget/retention): the municipality's admin alone; to everyone else it is
    # missing. Posted empty, the policy form answers 400 with its errors.
    other("web", "retention:page", "get", {"admin"}, denied=404),
    other("web", "retention:page", "post", {"admin"}, denied=404, status=400),
    # Archive packages (laget/archive): the municipality's archivist only, who is not among the
    # world's roles; to everyone else they are missing (laget/archive/tests/test_access.py).
    other("web", "archive:packages", "get", set(), denied=404),
    other("web", "archive:package_download", "get", set(), denied=404),
    other(
        "web",
        "archive:package_confirm",
        "post",
        set(),
        denied=404,
        status=302,
        to="archive:packages",
    ),
    # Web: tools in a case
    case_route("web", "cases:tool_pick", "get", "write"),
    *web_case("cases:tool_fill", "write", FORM, version_id="tool_version"),
    case_route("web", "cases:filled_detail", "get", "read", filled_id="filled_tool"),
    case_route("web", "cases:filled_pdf", "get", "read", filled_id="filled_tool"),
    # The report step an alarming tool result leads to: who writes in or coordinates the case
    # (in the world's case exactly those who read it: the unit leader coordinates).
    *web_case("cases:filled_report", "read", FORM, filled_id="filled_tool"),
    # Web: managing tools
    other("web", "tools:tool_list", "get", TOOL_MANAGERS),
    other("web", "tools:tool_create", "get", TOOL_MANAGERS),
    other("web", "tools:tool_create", "post", TOOL_MANAGERS, status=FORM),
    other("web", "tools:tool_detail", "get", TOOL_MANAGERS, **TOOL),
    other("web", "tools:tool_draft", "get", TOOL_MANAGERS, **TOOL),
    other("web", "tools:tool_draft", "post", TOOL_MANAGERS, status=FORM, **TOOL),
    other(
        "web",
        "tools:tool_publish",
        "post",
        TOOL_MANAGERS,
        status=302,
        to="tools:tool_detail",
        **TOOL,
    ),
    other("web", "tools:version_detail", "get", TOOL_MANAGERS, **TOOL),
    # Web: the service directory (public information; the coordinator or admin edits it)
    other("web", "directory:search", "get", AUTHENTICATED),
    other("web", "directory:service_list", "get", {"coordinator", "admin"}),
    other("web", "directory:service_create", "get", {"coordinator", "admin"}),
    other("web", "directory:service_create", "post", {"coordinator", "admin"}, status=FORM),
    other("web", "directory:service_update", "get", {"coordinator", "admin"}),
    other("web", "directory:service_update", "post", {"coordinator", "admin"}, status=FORM),
    other("web", "directory:service_deactivate", "get", {"coordinator", "admin"}),
    other(
        "web",
        "directory:service_deactivate",
        "post",
        {"coordinator", "admin"},
        status=302,
        to="directory:service_list",
    ),
    other("web", "directory:public_list", "get", set(ROLES)),
    other("web", "directory:public_detail", "get", set(ROLES)),
    # Web: the guide editor
    other("web", "guide:overview", "get", GUIDE_EDITORS),
    other("web", "guide:synonyms", "get", GUIDE_EDITORS),
    other("web", "guide:synonyms", "post", GUIDE_EDITORS, status=FORM),
    other("web", "guide:synonyms_reset", "post", GUIDE_EDITORS, status=302, to="guide:synonyms"),
    other("web", "guide:concern", "get", GUIDE_EDITORS),
    other("web", "guide:concern", "post", GUIDE_EDITORS, status=FORM),
    other(
        "web", "guide:starter_install", "post", GUIDE_EDITORS, status=302, to="guide:version_detail"
    ),
    other("web", "guide:draft_create", "post", GUIDE_EDITORS, status=302, to="guide:overview"),
    other("web", "guide:export", "get", GUIDE_EDITORS),
    other("web", "guide:import", "get", GUIDE_EDITORS),
    other("web", "guide:import", "post", GUIDE_EDITORS, status=FORM),
    other("web", "guide:version_detail", "get", GUIDE_EDITORS),
    other("web", "guide:version_diff", "get", GUIDE_EDITORS),
    other("web", "guide:publish", "get", GUIDE_EDITORS),
    other("web", "guide:publish", "post", GUIDE_EDITORS, status=FORM),
    other("web", "guide:level_edit", "get", GUIDE_EDITORS),
    other("web", "guide:level_edit", "post", GUIDE_EDITORS, status=FORM),
    other("web", "guide:step_add", "get", GUIDE_EDITORS),
    other("web", "guide:step_add", "post", GUIDE_EDITORS, status=FORM),
    other("web", "guide:step_edit", "get", GUIDE_EDITORS),
    other("web", "guide:step_edit", "post", GUIDE_EDITORS, status=FORM),
    other("web", "guide:step_remove", "get", GUIDE_EDITORS),
    other("web", "guide:step_remove", "post", GUIDE_EDITORS, status=302, to="guide:version_detail"),
    other("web", "guide:step_move", "post", GUIDE_EDITORS, status=302, to="guide:version_detail"),
    # Web: the program registry. Its forms posted empty come back with 400 and their errors.
    other("web", "registry:practitioner_list", "get", REGISTRY),
    other("web", "registry:practitioner_detail", "get", REGISTRY),
    other("web", "registry:course_list", "get", REGISTRY),
    other("web", "registry:course_complete", "get", REGISTRY),
    other(
        "web", "registry:course_complete", "post", REGISTRY, status=302, to="registry:course_list"
    ),
    other("web", "registry:families_list", "get", REGISTRY),
    # Web: editing the registry (courses, participants, practitioners, years, falling short)
    other("web", "registry:course_create", "get", REGISTRY),
    other("web", "registry:course_create", "post", REGISTRY, status=400),
    other("web", "registry:course_edit", "get", REGISTRY),
    other("web", "registry:course_edit", "post", REGISTRY, status=400),
    other("web", "registry:course_participants", "get", REGISTRY),
    other("web", "registry:course_participant_options", "get", REGISTRY),
    other("web", "registry:course_participants", "post", REGISTRY, status=400),
    other("web", "registry:practitioner_create", "get", REGISTRY),
    other("web", "registry:practitioner_create", "post", REGISTRY, status=400),
    other("web", "registry:practitioner_edit", "get", REGISTRY),
    other("web", "registry:practitioner_edit", "post", REGISTRY, status=400),
    other("web", "registry:practitioner_activity", "get", REGISTRY),
    other("web", "registry:practitioner_activity", "post", REGISTRY, status=400),
    other("web", "registry:falling_short", "get", REGISTRY),
    # Links to Laget users (laget/registry/user_links.py). A registry user in scope removes a
    # link (the world's practitioner has none: the message, back to the page); the employee's
    # own link and unlink from "Min opplæring": the practitioner with the stafettholder's
    # e-mail is hers alone, missing to everyone else.
    other(
        "web",
        "registry:practitioner_unlink",
        "post",
        REGISTRY,
        status=302,
        to="registry:practitioner_detail",
    ),
    *[
        other(
            "web",
            f"registry:{name}",
            "post",
            {"stafettholder"},
            denied=404,
            status=302,
            to="training:mine",
        )
        for name in ("self_link", "self_unlink")
    ],
    other("web", "registry:import", "get", REGISTRY),
    other("web", "registry:import", "post", REGISTRY, status=400),
    other("web", "registry:report", "get", REGISTRY),
    other("web", "registry:report_csv", "get", REGISTRY),
    other("web", "registry:report_xlsx", "get", REGISTRY),
    other("web", "registry:report_pdf", "get", REGISTRY),
    # Web: programs as data (program admins only) and municipal agreements and phases
    other("web", "registry:program_list", "get", {"admin"}),
    *[
        other(
            "web", f"registry:{name}", method, {"admin"}, status=400 if method == "post" else None
        )
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
    other("web", "registry:agreement_create", "post", REGISTRY, status=400),
    other("web", "registry:agreement_edit", "get", REGISTRY),
    other("web", "registry:agreement_edit", "post", REGISTRY, status=400),
    # API: outside a case. An empty body is refused with 400 by those who may send one.
    other("api", "api:token", "post", set(ROLES), status=400),
    other("api", "api:logout", "post", AUTHENTICATED, status=204),
    other("api", "api:schema", "get", set(ROLES)),
    other("api", "api:me", "get", AUTHENTICATED),
    # Every member of the municipality reads its settings; only the admin changes them.
    other("api", "api:municipality", "get", AUTHENTICATED),
    other("api", "api:municipality", "patch", {"admin"}, status=400),
    other("api", "api:units", "get", AUTHENTICATED),
    other("api", "api:units", "post", {"admin"}, status=400),
    other("api", "api:staff", "get", {"admin", "unit_leader"}),
    other("api", "api:staff", "post", {"admin", "unit_leader"}, status=400),
    other("api", "api:statutes", "get", AUTHENTICATED),
    other("api", "api:statutes", "post", {"admin"}, status=400),
    other("api", "api:memberships_pending", "get", {"admin", "unit_leader"}),
    other("api", "api:membership_end", "post", {"admin", "unit_leader"}, denied=404, status=200),
    other("api", "api:membership_accept", "post", {"unit_leader"}, denied=404, status=200),
    other("api", "api:membership_decline", "post", {"unit_leader"}, denied=404, status=200),
    other("api", "api:user_deactivate", "post", {"admin", "unit_leader"}, denied=404, status=200),
    other("api", "api:user_sign_out", "post", {"admin", "unit_leader"}, denied=404, status=204),
    other("api", "api:membership_add", "post", {"admin", "unit_leader"}, status=400),
    other("api", "api:grants", "get", {"admin"}),
    other("api", "api:services", "get", AUTHENTICATED),
    other("api", "api:services", "post", {"coordinator", "admin"}, status=400),
    other("api", "api:service", "patch", {"coordinator", "admin"}, status=200),
    # Every member of the municipality reads its published guide.
    other("api", "api:guide", "get", AUTHENTICATED),
    # The municipality's indicators and the national figures (laget/api/views/indicators.py).
    other("api", "api:indicators", "get", {"coordinator", "admin"}),
    other("api", "api:indicators_national", "get", {"coordinator", "admin"}),
    other("api", "api:cases", "get", AUTHENTICATED),
    # Opening needs a unit of one's own; the empty body is refused with 400 before that.
    other("api", "api:cases", "post", AUTHENTICATED, status=400),
    # API: the case. The empty body is refused with 400; the PATCH with only the version is a
    # change of nothing (200); actions without a body are done (200).
    case_route("api", "api:case", "get", "read"),
    case_route("api", "api:case_identify", "post", "coordinate", status=400),
    case_route("api", "api:case_level", "post", "coordinate", status=400),
    case_route("api", "api:case_report", "post", "coordinate", status=400),
    case_route("api", "api:case_close", "post", "coordinate", status=400),
    case_route("api", "api:participants", "get", "read"),
    case_route("api", "api:participants", "post", "coordinate", status=400),
    case_route(
        "api",
        "api:participant_leave",
        "post",
        "coordinate",
        status=200,
        participant_id="participant",
    ),
    case_route("api", "api:handover", "post", "coordinate", status=400),
    case_route("api", "api:guardians", "get", "read"),
    case_route("api", "api:guardians", "post", "coordinate", status=400),
    case_route("api", "api:measures", "get", "read"),
    case_route("api", "api:measures", "post", "write", status=400),
    case_route("api", "api:measure", "get", "read", measure_id="measure"),
    case_route("api", "api:measure", "patch", "write", status=200, measure_id="measure"),
    case_route("api", "api:measure_evaluate", "post", "write", status=400, measure_id="measure"),
    case_route("api", "api:entries", "get", "read"),
    case_route("api", "api:entries", "post", "write", status=400),
    case_route("api", "api:entry", "get", "read", entry_id="entry"),
    case_route("api", "api:entry", "patch", "author", status=200, entry_id="entry"),
    case_route("api", "api:meetings", "get", "read"),
    case_route("api", "api:meetings", "post", "write", status=400),
    case_route("api", "api:meeting", "get", "read", meeting_id="meeting"),
    case_route("api", "api:meeting", "patch", "write", status=200, meeting_id="meeting"),
    case_route(
        "api",
        "api:attendee_respond",
        "post",
        "write",
        status=400,
        meeting_id="meeting",
        attendee_id="attendee",
    ),
    # Interpreters and readiness through the API: the empty body lacks `booked` (400); the
    # world's meeting is planned and its attendee needs no interpreter, so it is marked ready.
    case_route(
        "api",
        "api:interpreter_book",
        "post",
        "write",
        status=400,
        meeting_id="meeting",
        attendee_id="attendee",
    ),
    case_route("api", "api:meeting_ready", "post", "write", status=200, meeting_id="meeting"),
    case_route("api", "api:consents", "get", "read"),
    case_route("api", "api:consents", "post", "coordinate", status=400),
    case_route("api", "api:consent", "get", "read", consent_id="consent"),
    case_route("api", "api:consent_record", "get", "read", consent_id="consent"),
    case_route(
        "api", "api:consent_withdraw", "post", "coordinate", status=400, consent_id="consent"
    ),
    # The paper consent is a multipart upload: the empty form is refused with 400.
    Route(
        "api",
        "api:consent_paper",
        "post",
        need="coordinate",
        objects=(("consent_id", "consent"),),
        status=400,
        multipart=True,
    ),
    case_route("api", "api:consent_renew", "post", "coordinate", status=400, consent_id="consent"),
    case_route("api", "api:transitions", "get", "read"),
    case_route("api", "api:transitions", "post", "coordinate", status=400),
    other("api", "api:tools", "get", AUTHENTICATED),
    case_route("api", "api:case_tools", "post", "write", status=400),
    case_route("api", "api:case_tool", "get", "read", filled_id="filled_tool"),
    # API: the program registry (laget/registry/testing.py: ACCESS_ROWS)
    *[app_row(door, name, method, allowed) for door, name, method, allowed in REGISTRY_API_ROWS],
    # Implementation plans, employee surveys and monitoring: each app lists its own rows.
    *[
        app_row("web", name, method, allowed, getattr(app, "DENIED", {}).get(name, 403))
        for app in APPS_WITH_OWN_ROWS.values()
        for name, method, allowed in app.ACCESS_ROWS
    ],
]


# OPTIONS: DRF describes the endpoint (its name and what it parses) to whoever passes the
# endpoint's permission classes; it never looks at the case or object in the URL, so a case
# one may not see answers exactly like a missing one (test_options_is_the_same_for_a_missing_case).
OPTIONS_ALLOWED: dict[str, set[str]] = {
    "api:token": set(ROLES),
    "api:schema": set(ROLES),
    "api:staff": {"admin", "unit_leader"},
    "api:memberships_pending": {"admin", "unit_leader"},
    "api:membership_add": {"admin", "unit_leader"},
    **{name: REGISTRY for _, name, _, _ in REGISTRY_API_ROWS},
}


def _options_rows() -> list[Route]:
    first: dict[str, Route] = {}
    for r in ROUTES:
        if r.door == "api":
            first.setdefault(r.name, r)
    return [
        Route(
            "api",
            name,
            "options",
            allowed=frozenset(OPTIONS_ALLOWED.get(name, AUTHENTICATED)),
            objects=r.objects,
            in_case=r.need is not None,
        )
        for name, r in first.items()
    ]


OPTIONS_ROUTES = _options_rows()


def expected(route: Route, role: str) -> object:
    if route.need is None:
        if role in route.allowed:
            return route.success
        if role == "anonymous":
            return LOGIN if route.door == "web" else 401
        return route.denied
    if role == "anonymous":
        return LOGIN if route.door == "web" else 401
    if role in NEEDS[route.need]:
        return route.success
    if route.need in COORDINATORS_ONLY and role not in NEEDS["coordinate"]:
        return 404
    return 403 if role in SEES_CASE and route.need != "scan" else 404


def answer(status: int, location: str) -> object:
    """The status, or LOGIN for a redirect to a login page that comes back after."""
    if status == 302 and "/logg-inn/" in location and "next=" in location:
        return LOGIN
    return status


def redirect_target(location: str) -> str:
    """The URL name a redirect goes to, or EXTERNAL for another site."""
    parts = urlsplit(location)
    if parts.netloc not in ("", "testserver"):
        return EXTERNAL
    return resolve(parts.path).view_name


# Pages a proxy may keep: public information about services, no person in them.
PUBLICLY_CACHED = {"directory:public_list", "directory:public_detail"}


def check(route_id: str, who: str, want: object, to: str | None, response: object) -> None:
    """The response is `want`; a 302 goes where `to` says."""
    status: int = response.status_code  # type: ignore[attr-defined]
    location: str = response.get("Location", "")  # type: ignore[attr-defined]
    got = answer(status, location)
    assert got == want, f"{route_id} as {who}: {status} {location}, want {want}"
    # Nothing is kept in a browser's or proxy's cache, whatever the answer (issue 12), but the
    # directory's public pages, which hold no person and say so.
    cache_control = response.get("Cache-Control", "")  # type: ignore[attr-defined]
    if route_id.split(":", 2)[-1] in PUBLICLY_CACHED and got == 200:
        assert "public" in cache_control, f"{route_id} as {who}: Cache-Control {cache_control!r}"
        return
    assert "no-store" in cache_control, f"{route_id} as {who}: Cache-Control {cache_control!r}"
    assert response.get("Pragma") == "no-cache", f"{route_id} as {who}: no Pragma"  # type: ignore[attr-defined]
    if got == 302:
        assert redirect_target(location) == to, f"{route_id} as {who}: to {location}, want {to}"


def world_object(world: World, attr: str) -> Any:
    """An object of world.case by its attribute name; the family pages' objects, which the
    world does not hold, are found or made here (in the test's savepoint)."""
    if attr == "guardian":
        assert world.case.subject is not None
        return world.case.subject.guardians.order_by("pk")[0]
    if attr == "restriction":
        return matrix_restriction(world)
    if attr == "register_notice":
        return RegisterNotice.objects.get_or_create(
            case=world.case, sequence=1, kind=NoticeKind.DEATH
        )[0]
    if attr == "access_request":
        return AccessRequest.objects.create(
            case=world.case,
            guardian=world_object(world, "guardian"),
            received_on=timezone.localdate(),
            format="pdf",
            delivery="post",
            recorded_by=world.users["stafettholder"],
        )
    return getattr(world, attr)


def matrix_restriction(world: World) -> Restriction:
    """A restriction of world.case's first guardian, proposed by the stafettholder."""
    return Restriction.objects.create(
        case=world.case,
        guardian=world_object(world, "guardian"),
        parts=[Part.MEETINGS],
        reason=RestrictionReason.VIOLENCE,
        proposed_by=world.users["stafettholder"],
    )


def route_url(route: Route, world: World) -> str:
    """The route's URL for the world's case and its objects."""
    kwargs: dict[str, object] = {}
    if route.need is not None or route.in_case:
        kwargs["case_id"] = world.case.pk
    kwargs.update({key: world_object(world, attr).pk for key, attr in route.objects})
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
    if route.name.startswith(("registry:", "api:registry_")):
        kwargs.update(registry_route_kwargs(route.name, world))
    kwargs.update(orgs_route_kwargs(route.name, world))
    kwargs.update(transfer_route_kwargs(route.name, world))
    if route.name.startswith("archive:"):
        kwargs.update(archive_route_kwargs(route.name, world))
    app = APPS_WITH_OWN_ROWS.get(route.name.split(":")[0])
    if app is not None:
        kwargs.update(app.route_kwargs(route.name, world))
    return reverse(route.name, kwargs=kwargs)


def request(client: Client, route: Route, url: str) -> object:
    """The route's request with its (empty) body."""
    send = getattr(client, route.method)
    if route.door == "api" and route.multipart:
        return send(url, {})
    if route.door == "api" and route.method != "options":
        return send(url, dict(route.body), content_type="application/json")
    return send(url)


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES + OPTIONS_ROUTES, ids=lambda r: r.id)
def test_access(route: Route, role: str, world: World, client_for: Callable[[str], Client]) -> None:
    response = request(client_for(role), route, route_url(route, world))
    check(route.id, role, expected(route, role), route.to, response)
    if response.status_code == 404 and route.door == "api":  # type: ignore[attr-defined]
        assert response.json() == {"detail": "Ikke funnet."}  # type: ignore[attr-defined]


def test_options_is_the_same_for_a_missing_case(client_for: Callable[[str], Client]) -> None:
    """OPTIONS says nothing about the case: a case one does not see and a missing one alike."""
    client = client_for("other_unit")
    for route in (r for r in OPTIONS_ROUTES if r.in_case and not r.objects):
        seen = client.options(reverse(route.name, kwargs={"case_id": 1}))
        missing = client.options(reverse(route.name, kwargs={"case_id": 10**9}))
        assert seen.status_code == missing.status_code == 200, route.id
        assert seen.content == missing.content, route.id


# Case pages and endpoints read with GET; HEAD must answer and audit exactly as GET does.
HEAD_ROUTES = [r for r in ROUTES if r.need is not None and r.method == "get"]


@pytest.mark.parametrize("role", ["stafettholder", "participant", "other_unit"])
@pytest.mark.parametrize("route", HEAD_ROUTES, ids=lambda r: r.id)
def test_head_answers_and_audits_like_get(
    route: Route, role: str, world: World, client_for: Callable[[str], Client]
) -> None:
    assert "head" in dict(served_routes_list())[route.name], f"{route.id} refuses HEAD"
    url = route_url(route, world)
    client = client_for(role)

    def audited(method: str) -> tuple[int, list[tuple[object, ...]]]:
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        status = getattr(client, method)(url).status_code
        rows = AuditEvent.objects.filter(id__gt=last).order_by("id")
        return status, list(rows.values_list("action", "object_type", "object_id", "case_id"))

    assert audited("head") == audited("get"), f"{route.id} as {role}"


# The portal (/familie/), the public site and the pages outside any app, with the family's
# roles: the mother of world.case's child (laget/testing/family.py), the guardian of another
# family's case, a staff member of world.case, and anonymous.
FAMILY_TABLE_ROLES = ("guardian", "other_guardian", "staff", "anonymous")
EVERYONE = frozenset(FAMILY_TABLE_ROLES)
GUARDIAN = frozenset({"guardian"})
STAFF = frozenset({"staff"})
ANONYMOUS = frozenset({"anonymous"})
HOME = "cases:my_cases"


@dataclass(frozen=True)
class FamilyRoute:
    name: str
    method: str
    # Who gets `status`; the others get `denied` (anonymous: the login, where `login`).
    allowed: frozenset[str]
    status: int
    to: str | None = None
    denied: int = 404
    # For a denied 302: where it goes.
    denied_to: str | None = None
    login: bool = False
    # URL kwargs, as keys of family_kwargs().
    objects: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"family:{self.method.upper()}:{self.name}"


def portal(
    name: str,
    method: str,
    status: int,
    to: str | None = None,
    allowed: frozenset[str] = GUARDIAN,
    *objects: str,
) -> FamilyRoute:
    return FamilyRoute(name, method, allowed, status, to, login=True, objects=("case_id", *objects))


FAMILY_ROUTES: list[FamilyRoute] = [
    FamilyRoute("health", "get", EVERYONE, 200),
    # The staff login (Django's LoginView answers PUT as POST); whoever is logged in already
    # is sent home.
    *[
        FamilyRoute("login", m, ANONYMOUS, 200, denied=302, denied_to=HOME)
        for m in ("get", "post", "put", "options")
    ],
    # The sign-in's code step: only a session that gave its password and owes a code stays;
    # nobody else owes one, so the signed-in go home and the others to the login.
    *[
        FamilyRoute("login_code", m, ANONYMOUS, 302, to="login", denied=302, denied_to=HOME)
        for m in ("get", "post")
    ],
    # Staff sign-in at the identity provider: missing unless LAGET_STAFF_OIDC_* are set
    # (laget/signin/tests/test_staff_oidc.py runs it against the loopback provider).
    FamilyRoute("login_oidc", "get", frozenset(), 404),
    FamilyRoute("login_oidc_callback", "get", frozenset(), 404),
    FamilyRoute("logout", "post", EVERYONE, 302, to="login"),
    FamilyRoute("logout", "options", EVERYONE, 200),
    # The staff's own account pages: missing for the family, the login for the anonymous.
    FamilyRoute("account_sessions", "get", STAFF, 200, login=True),
    FamilyRoute("account_sessions_end", "post", STAFF, 302, to="account_sessions", login=True),
    FamilyRoute("password_change", "get", STAFF, 200, login=True),
    FamilyRoute("password_change", "post", STAFF, 200, login=True),
    # The forgotten password: the same page for everyone; a link that is not valid (here made
    # up) says so on a page of its own.
    *[
        FamilyRoute(name, m, EVERYONE, 200, objects=objects)
        for name, objects in (
            ("password_reset", ()),
            ("password_reset_confirm", ("uidb64", "token")),
        )
        for m in ("get", "post")
    ],
    # Django's language switch takes any method; without `next` it goes home.
    *[
        FamilyRoute("set_language", m, EVERYONE, 302, to="cases:my_cases")
        for m in ("get", "post", "put", "patch", "delete", "options")
    ],
    # Any other path under /api/v1/: the JSON 404, for every method.
    *[
        FamilyRoute("api:not_found", m, frozenset(), 404)
        for m in ("get", "post", "put", "patch", "delete", "options")
    ],
    # The municipality's public guide.
    FamilyRoute("public:guide", "get", EVERYONE, 200, objects=("municipality_number",)),
    FamilyRoute("public:search", "get", EVERYONE, 200, objects=("municipality_number",)),
    FamilyRoute(
        "public:step", "get", EVERYONE, 200, objects=("municipality_number", "level", "slug")
    ),
    FamilyRoute("public:tool", "get", EVERYONE, 200, objects=("municipality_number", "tool_slug")),
    # The demo's shortcut is not routed without LAGET_DEMO (laget/demo/tests).
    # The portal outside a case.
    FamilyRoute(
        "portal:home", "get", frozenset({"guardian", "other_guardian", "staff"}), 200, login=True
    ),
    # The family's login; a guardian logged in already goes to their cases.
    FamilyRoute(
        "portal:login",
        "get",
        frozenset({"staff", "anonymous"}),
        200,
        denied=302,
        denied_to="portal:home",
    ),
    FamilyRoute("portal:logout", "post", EVERYONE, 302, to="portal:login"),
    # The family side's language switch: open to all (the login page has it); without `next`
    # it goes to the portal's front page.
    FamilyRoute("portal:language", "post", EVERYONE, 302, to="portal:home"),
    FamilyRoute("portal:oidc_start", "get", EVERYONE, 302, to=EXTERNAL),
    # Without code and state the callback sends everyone back to the login page.
    FamilyRoute("portal:oidc_callback", "get", EVERYONE, 302, to="portal:login"),
    # The portal in world.case: the guardian only; everyone else, staff included, 404.
    portal("portal:case", "get", 200),
    portal("portal:entry", "get", 200, None, GUARDIAN, "entry_id"),
    portal("portal:entry_create", "get", 200),
    portal("portal:entry_create", "post", 200),
    portal("portal:meeting_respond", "post", 302, "portal:case", GUARDIAN, "meeting_id"),
    portal("portal:access_log", "get", 200),
    portal("portal:copy_pdf", "get", 200),
    portal("portal:copy_json", "get", 200),
    portal("portal:closing_request", "get", 200),
    portal("portal:closing_request", "post", 200),
    portal("portal:consents", "get", 200),
    portal("portal:consent", "get", 200, None, GUARDIAN, "consent_id"),
    portal("portal:consent_give", "post", 302, "portal:consent", GUARDIAN, "consent_id"),
    portal("portal:consent_refuse", "post", 302, "portal:consent", GUARDIAN, "consent_id"),
    portal("portal:consent_withdraw", "post", 200, None, GUARDIAN, "consent_id"),
    # The confirmation before a withdrawal (issue 15): what will happen, then the button.
    portal("portal:consent_withdraw_confirm", "get", 200, None, GUARDIAN, "consent_id"),
    # The family chooses who takes part: world.participant joined on the family's consent.
    portal("portal:participants", "get", 200),
    portal(
        "portal:participant_answer",
        "post",
        302,
        "portal:participants",
        GUARDIAN,
        "participant_id",
    ),
    portal(
        "portal:leave_out",
        "post",
        302,
        "portal:participants",
        GUARDIAN,
        "meeting_id",
        "attendee_id",
    ),
    # The child's own view: Emil is 4, so nobody in this table writes it (the teenager does,
    # in laget/portal/tests/test_isolation.py).
    *[
        portal(name, m, 200, None, frozenset(), key)
        for name, key in (
            ("portal:child_view_measure", "measure_id"),
            ("portal:child_view_meeting", "meeting_id"),
        )
        for m in ("get", "post")
    ],
]


def family_expected(route: FamilyRoute, role: str) -> tuple[object, str | None]:
    if role in route.allowed:
        return route.status, route.to
    if role == "anonymous" and route.login:
        return LOGIN, None
    return route.denied, route.denied_to


@pytest.fixture(scope="module")
def family(world: World, django_db_blocker: object) -> Family:
    """The families, built once per module inside the world's transaction."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return build_family(world)


def family_kwargs(world: World, family: Family) -> dict[str, object]:
    from laget.cases.choices import Audience
    from laget.guide.testing import world_guide_draft

    world_guide_draft(world)  # publishes the guide's version 1 (level 0, step se-barnet)
    assert world.tool is not None
    return {
        "case_id": family.case.pk,
        "entry_id": family.case.entries.filter(audience=Audience.ALL).order_by("pk")[0].pk,
        "meeting_id": family.meeting.pk,
        "consent_id": family.case.consents.order_by("pk")[0].pk,
        "participant_id": world.participant.pk,
        "attendee_id": world.attendee.pk,
        "measure_id": world.measure.pk,
        "municipality_number": world.municipality.number,
        "level": 0,
        "slug": "se-barnet",
        "tool_slug": world.tool.slug,
        "uidb64": "MQ",
        "token": "ikke-en-gyldig-lenke",
    }


def family_url(route: FamilyRoute, world: World, family: Family) -> str:
    if route.name == "api:not_found":
        return "/api/v1/finnes-ikke/"
    found = family_kwargs(world, family)
    kwargs = {("slug" if k == "tool_slug" else k): found[k] for k in route.objects}
    return reverse(route.name, kwargs=kwargs)


@pytest.mark.parametrize("role", FAMILY_TABLE_ROLES)
@pytest.mark.parametrize("route", FAMILY_ROUTES, ids=lambda r: r.id)
def test_family_and_public_access(
    route: FamilyRoute, role: str, world: World, family: Family, oidc_settings: str
) -> None:
    client = Client()
    if role in ("guardian", "other_guardian"):
        user = family.users["own_guardian" if role == "guardian" else "other_guardian"]
        client.force_login(user, backend="laget.portal.oidc.PortalOIDCBackend")
    elif role == "staff":
        client.force_login(world.users["stafettholder"])
    response = getattr(client, route.method)(family_url(route, world, family))
    check(route.id, role, *family_expected(route, role), response)


def served_routes_list() -> list[tuple[str, frozenset[str]]]:
    return list(served_routes(get_resolver().url_patterns))


def test_every_route_and_method_has_a_row() -> None:
    """Every URL name of every namespace, and every method its view answers (HEAD goes with
    GET: test_head_answers_and_audits_like_get), has a row in ROUTES, OPTIONS_ROUTES or
    FAMILY_ROUTES."""
    rows = {(r.name, r.method) for r in ROUTES + OPTIONS_ROUTES}
    rows |= {(r.name, r.method) for r in FAMILY_ROUTES}
    missing = sorted(
        (name, method)
        for name, methods in served_routes_list()
        for method in methods
        if (name, "get" if method == "head" else method) not in rows
    )
    assert missing == []


def test_every_row_is_served() -> None:
    """No row for a route or method that no longer exists."""
    served = {(name, m) for name, methods in served_routes_list() for m in methods}
    rows = {(r.name, r.method) for r in ROUTES + OPTIONS_ROUTES}
    rows |= {(r.name, r.method) for r in FAMILY_ROUTES}
    assert rows - served == set()


def test_every_row_says_what_success_is() -> None:
    assert [r.id for r in ROUTES + OPTIONS_ROUTES if _no_success(r)] == []


def _no_success(route: Route) -> bool:
    try:
        route.success
    except LookupError:
        return True
    return False


@pytest.mark.parametrize("role", sorted(SEES_CASE))
def test_a_case_one_takes_no_part_in_is_404(
    role: str, world: World, client_for: Callable[[str], Client]
) -> None:
    """A case in the same municipality that one takes no part in is 404 on both doors."""
    client = client_for(role)
    other_case = world.other_case
    assert client.get(reverse("cases:case_detail", args=[other_case.pk])).status_code == 404
    assert client.get(reverse("api:case", args=[other_case.pk])).status_code == 404
