"""Every API endpoint with its method, for tests that must cover them all (anonymous access,
the schema, the role × endpoint access matrix). A new route without a row here fails
test_schema.test_every_route_has_a_row_in_the_endpoint_table."""

import re
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern

from laget.api import urls as api_urls
from laget.directory.testing import world_service
from laget.registry.testing import api_endpoint_rows
from laget.testing.world import World

PREFIX = "/api/v1/"


def routes() -> list[tuple[str, str, set[str]]]:
    """(name, OpenAPI path, methods) of every API route but the catch-all 404."""
    found = []
    for pattern in api_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        view = getattr(pattern.callback, "view_class", None)
        if view is None:
            continue
        path = PREFIX + re.sub(r"<int:(\w+)>", r"{\1}", str(pattern.pattern))
        methods = {m for m in ("get", "post", "patch", "put", "delete") if hasattr(view, m)}
        found.append((str(pattern.name), path, methods))
    return found


@dataclass(frozen=True)
class Endpoint:
    name: str  # URL name in the "api" namespace
    method: str  # lower case, as the test client's method
    kwargs: dict[str, int]
    # Which case access the endpoint needs: read, write, coordinate; None: not a case endpoint.
    need: str | None

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.name}"


def staff_membership_id(world: World) -> int:
    return world.users["same_unit"].memberships.values_list("pk", flat=True).get()


def endpoints(world: World) -> list[Endpoint]:
    case = {"case_id": world.case.pk}

    def e(name: str, method: str, need: str | None, **kwargs: Any) -> Endpoint:
        return Endpoint(name, method, {**(case if need else {}), **kwargs}, need)

    return [
        e("token", "post", None),
        e("logout", "post", None),
        e("schema", "get", None),
        e("me", "get", None),
        e("municipality", "get", None, municipality_id=world.municipality.pk),
        e("municipality", "patch", None, municipality_id=world.municipality.pk),
        e("units", "get", None),
        e("units", "post", None),
        e("statutes", "get", None),
        e("statutes", "post", None),
        e("staff", "get", None),
        e("staff", "post", None),
        # Ending access and the second person's acceptance: the kindergarten employee's
        # membership and account (laget/api/tests/test_orgs_staff_access.py tests them).
        e("memberships_pending", "get", None),
        e("membership_end", "post", None, membership_id=staff_membership_id(world)),
        e("membership_accept", "post", None, membership_id=staff_membership_id(world)),
        e("membership_decline", "post", None, membership_id=staff_membership_id(world)),
        e("user_deactivate", "post", None, user_id=world.users["same_unit"].pk),
        e("user_sign_out", "post", None, user_id=world.users["same_unit"].pk),
        e("membership_add", "post", None, user_id=world.users["same_unit"].pk),
        e("grants", "get", None),
        e("services", "get", None),
        e("services", "post", None),
        e("service", "patch", None, service_id=world_service(world).pk),
        e("guide", "get", None),
        e("indicators", "get", None),
        e("indicators_national", "get", None),
        e("cases", "get", None),
        e("cases", "post", None),
        e("case", "get", "read"),
        e("case_identify", "post", "coordinate"),
        e("case_level", "post", "coordinate"),
        e("case_report", "post", "coordinate"),
        e("case_close", "post", "coordinate"),
        e("participants", "get", "read"),
        e("participants", "post", "coordinate"),
        e("participant_leave", "post", "coordinate", participant_id=world.participant.pk),
        e("handover", "post", "coordinate"),
        e("guardians", "get", "read"),
        e("guardians", "post", "coordinate"),
        e("measures", "get", "read"),
        e("measures", "post", "write"),
        e("measure", "get", "read", measure_id=world.measure.pk),
        e("measure", "patch", "write", measure_id=world.measure.pk),
        e("measure_evaluate", "post", "write", measure_id=world.measure.pk),
        e("entries", "get", "read"),
        e("entries", "post", "write"),
        e("entry", "get", "read", entry_id=world.entry.pk),
        e("entry", "patch", "write", entry_id=world.entry.pk),
        e("meetings", "get", "read"),
        e("meetings", "post", "write"),
        e("meeting", "get", "read", meeting_id=world.meeting.pk),
        e("meeting", "patch", "write", meeting_id=world.meeting.pk),
        e(
            "attendee_respond",
            "post",
            "write",
            meeting_id=world.meeting.pk,
            attendee_id=world.attendee.pk,
        ),
        e(
            "interpreter_book",
            "post",
            "write",
            meeting_id=world.meeting.pk,
            attendee_id=world.attendee.pk,
        ),
        e("meeting_ready", "post", "write", meeting_id=world.meeting.pk),
        e("consents", "get", "read"),
        e("consents", "post", "coordinate"),
        e("consent", "get", "read", consent_id=world.consent.pk),
        e("consent_record", "get", "read", consent_id=world.consent.pk),
        e("consent_withdraw", "post", "coordinate", consent_id=world.consent.pk),
        e("consent_paper", "post", "coordinate", consent_id=world.consent.pk),
        e("consent_renew", "post", "coordinate", consent_id=world.consent.pk),
        e("transitions", "get", "read"),
        e("transitions", "post", "coordinate"),
        e("tools", "get", None),
        e("case_tools", "post", "write"),
        e("case_tool", "get", "read", filled_id=world.filled_tool.pk),  # type: ignore[union-attr]
        *[e(name, method, None, **kwargs) for name, method, kwargs in api_endpoint_rows(world)],
    ]


# Open to anonymous users; every other endpoint answers 401 to them.
PUBLIC = {("token", "post"), ("schema", "get")}
