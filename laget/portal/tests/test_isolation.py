"""Every portal page × every member of the family and beyond: a case that is not theirs, and
any professionals-only entry, look missing (404) by any URL. A portal route without a row in
ROUTES fails test_every_portal_route_has_a_row.

Targets: world.case (Emil, 4: his mother's) and family.teen_case (Sofie, 16: her own).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from laget.cases.choices import Arena, Audience, LegalBasis
from laget.cases.models import Entry, Measure, MeetingAttendee, Participant
from laget.testing.family import FAMILY_ROLES, PRIVATE_TEXT, TEEN_PRIVATE_TEXT, Family
from laget.testing.pdfa import pdf_text

pytestmark = pytest.mark.django_db

OK = "ok"  # a page, or a redirect after the action (not to the login)
LOGIN = "login"

# Whose case each target is.
OWNERS = {"case": {"own_guardian"}, "teen": {"child_over"}}
# Attributes of Family per target, for the URL's object ids.
OBJECTS = {
    "case": {
        "entry_id": "case_entry",
        "meeting_id": "meeting",
        "consent_id": "consent",
        "participant_id": "case_proposed",
        "attendee_id": "case_invited",
        "measure_id": "case_measure",
    },
    "teen": {
        "entry_id": "teen_entry",
        "meeting_id": "teen_meeting",
        "consent_id": "teen_consent",
        "participant_id": "teen_proposed",
        "attendee_id": "teen_invited",
        "measure_id": "teen_measure",
    },
}


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    objects: tuple[str, ...] = ()
    # Only a guardian answers meeting invitations (the child has none of their own).
    guardians_only: bool = False
    # Only the child, from the voice age, writes their own view (laget.family.voice).
    child_only: bool = False

    @property
    def id(self) -> str:
        return f"{self.method.upper()}:{self.name}"


CASE_ROUTES = [
    Route("portal:case", "get"),
    Route("portal:entry", "get", ("entry_id",)),
    Route("portal:entry_create", "get"),
    Route("portal:entry_create", "post"),
    Route("portal:meeting_respond", "post", ("meeting_id",), guardians_only=True),
    Route("portal:access_log", "get"),
    # The member's copy (laget/portal/views/copy.py).
    Route("portal:copy_pdf", "get"),
    Route("portal:copy_json", "get"),
    Route("portal:closing_request", "get"),
    Route("portal:closing_request", "post"),
    Route("portal:consents", "get"),
    Route("portal:consent", "get", ("consent_id",)),
    Route("portal:consent_give", "post", ("consent_id",)),
    Route("portal:consent_refuse", "post", ("consent_id",)),
    Route("portal:consent_withdraw_confirm", "get", ("consent_id",)),
    Route("portal:consent_withdraw", "post", ("consent_id",)),
    # The family chooses who takes part (laget.family.proposals).
    Route("portal:participants", "get"),
    Route("portal:participant_answer", "post", ("participant_id",)),
    Route("portal:leave_out", "post", ("meeting_id", "attendee_id")),
    Route("portal:child_view_measure", "get", ("measure_id",), child_only=True),
    Route("portal:child_view_measure", "post", ("measure_id",), child_only=True),
    Route("portal:child_view_meeting", "get", ("meeting_id",), child_only=True),
    Route("portal:child_view_meeting", "post", ("meeting_id",), child_only=True),
]
# Outside a case: who gets what.
OTHER_ROUTES = {
    Route("portal:home", "get"): {r: (LOGIN if r == "anonymous" else OK) for r in FAMILY_ROLES},
    Route("portal:login", "get"): dict.fromkeys(FAMILY_ROLES, OK),
    Route("portal:logout", "post"): dict.fromkeys(FAMILY_ROLES, OK),
    # The language switch is for anyone (the login page has it).
    Route("portal:language", "post"): dict.fromkeys(FAMILY_ROLES, OK),
    # Without code and state the callback sends everyone back to the login page.
    Route("portal:oidc_callback", "get"): dict.fromkeys(FAMILY_ROLES, OK),
    Route("portal:oidc_start", "get"): dict.fromkeys(FAMILY_ROLES, OK),
}


def expected(route: Route, target: str, role: str) -> str | int:
    if role == "anonymous":
        return LOGIN
    if route.child_only and role != "child_over":
        return 404
    if role in OWNERS[target] and not (route.guardians_only and role == "child_over"):
        return OK
    return 404


def outcome(response: object) -> str | int:
    status = response.status_code  # type: ignore[attr-defined]
    if status in (403, 404, 405):
        return int(status)
    location = response.get("Location", "")  # type: ignore[attr-defined]
    if status == 302 and location.startswith(reverse("portal:login")) and "next=" in location:
        return LOGIN
    return OK


def _attr(family: Family, attr: str) -> object:
    if attr == "case_entry":
        return family.case.entries.filter(audience=Audience.ALL).order_by("pk").first()
    if attr == "consent":
        return family.case.consents.order_by("pk").first()
    if attr in PROPOSALS:
        return PROPOSALS[attr](family)
    return getattr(family, attr)


def _teen_proposed(family: Family) -> Participant:
    """A unit proposed on the teenager's consent (asked for, not yet given), made on first use
    inside the test's savepoint."""
    consent = family.teen_consent
    unit = consent.units.get()
    found = family.teen_case.participants.filter(consent=consent, left_at__isnull=True).first()
    return found or Participant.objects.create(
        case=family.teen_case,
        unit=unit,
        legal_basis=LegalBasis.CONSENT,
        consent=consent,
        basis_ref=consent.reference,
        added_by=family.teen_meeting.created_by,
    )


def _teen_measure(family: Family) -> Measure:
    found = family.teen_case.measures.order_by("pk").first()
    if found is not None:
        return found
    today = timezone.localdate()
    responsible = family.teen_case.participants.filter(user__isnull=False).first()
    assert responsible is not None
    return Measure.objects.create(
        case=family.teen_case,
        title="Fast plass i klasserommet",
        goal="Roligere skoledager",
        arena=Arena.SCHOOL,
        responsible=responsible,
        start_date=today,
        evaluation_date=today,
        created_by=family.teen_meeting.created_by,
    )


PROPOSALS: dict[str, Callable[[Family], object]] = {
    "case_proposed": lambda f: f.case.participants.filter(
        legal_basis=LegalBasis.CONSENT, left_at__isnull=True
    ).first(),
    "case_invited": lambda f: f.meeting.attendees.filter(participant__isnull=False).first(),
    "case_measure": lambda f: f.case.measures.order_by("pk").first(),
    "teen_proposed": _teen_proposed,
    "teen_invited": lambda f: f.teen_meeting.attendees.filter(participant__isnull=False).first(),
    "teen_measure": _teen_measure,
}


def url_for(route: Route, family: Family, target: str) -> str:
    case = family.case if target == "case" else family.teen_case
    kwargs = {"case_id": case.pk}
    for key in route.objects:
        kwargs[key] = _attr(family, OBJECTS[target][key]).pk  # type: ignore[attr-defined]
    return reverse(route.name, kwargs=kwargs)


@pytest.mark.parametrize("role", FAMILY_ROLES)
@pytest.mark.parametrize("target", ["case", "teen"])
@pytest.mark.parametrize("route", CASE_ROUTES, ids=lambda r: r.id)
def test_case_pages(
    route: Route,
    target: str,
    role: str,
    family: Family,
    client_as: Callable[[str], Client],
    oidc_settings: str,
) -> None:
    response = getattr(client_as(role), route.method)(url_for(route, family, target))
    got = outcome(response)
    assert got == expected(route, target, role), f"{route.id} on {target} as {role}"
    if got == OK and route.method == "get":
        # The copy's PDF is read for its text (laget/portal/views/copy.py).
        pdf = response.get("Content-Type") == "application/pdf"
        body = pdf_text(response.content) if pdf else response.content.decode()
        assert PRIVATE_TEXT not in body and TEEN_PRIVATE_TEXT not in body


@pytest.mark.parametrize("role", FAMILY_ROLES)
@pytest.mark.parametrize("route", list(OTHER_ROUTES), ids=lambda r: r.id)
def test_other_pages(
    route: Route, role: str, client_as: Callable[[str], Client], oidc_settings: str
) -> None:
    response = getattr(client_as(role), route.method)(reverse(route.name))
    assert outcome(response) == OTHER_ROUTES[route][role], f"{route.id} as {role}"


def _id_routes() -> list[tuple[Route, str]]:
    return [(r, key) for r in CASE_ROUTES for key in r.objects]


@pytest.mark.parametrize(("route", "key"), _id_routes(), ids=lambda v: getattr(v, "id", v))
def test_no_id_of_anything_else_opens_a_page(
    route: Route, key: str, family: Family, client_as: Callable[[str], Client]
) -> None:
    """In the own case, every id the URL takes, swapped for the id of a professionals-only
    entry or of another case's object, is 404."""
    client = client_as("own_guardian")
    foreign = {
        family.private_entry.pk,
        family.teen_private_entry.pk,
        family.teen_entry.pk,
        family.teen_meeting.pk,
        family.teen_consent.pk,
    }
    own = {
        "entry_id": family.case.entries.values_list("pk", flat=True),
        "meeting_id": family.case.meetings.values_list("pk", flat=True),
        "consent_id": family.case.consents.values_list("pk", flat=True),
        "participant_id": family.case.participants.values_list("pk", flat=True),
        "attendee_id": MeetingAttendee.objects.filter(meeting__case=family.case).values_list(
            "pk", flat=True
        ),
        "measure_id": family.case.measures.values_list("pk", flat=True),
    }[key]
    # The route's other ids stay the own case's.
    others = {k: _attr(family, OBJECTS["case"][k]).pk for k in route.objects if k != key}  # type: ignore[attr-defined]
    for object_id in sorted(foreign - set(own)):
        kwargs = {"case_id": family.case.pk, **others, key: object_id}
        response = getattr(client, route.method)(reverse(route.name, kwargs=kwargs))
        assert response.status_code == 404, f"{route.id} with {key}={object_id}"


def test_the_private_entry_id_is_404_on_the_entry_page(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    assert Entry.objects.get(pk=family.private_entry.pk).audience == Audience.PROFESSIONALS
    url = reverse(
        "portal:entry", kwargs={"case_id": family.case.pk, "entry_id": family.private_entry.pk}
    )
    assert client_as("own_guardian").get(url).status_code == 404


def test_ids_of_other_cases_as_the_case_are_404(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    for case_id in (family.other_case.pk, family.teen_case.pk, family.private_entry.pk, 0):
        response = client.get(reverse("portal:case", kwargs={"case_id": case_id}))
        assert response.status_code == 404


def _names(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else ""
            yield from _names(p.url_patterns, prefix + ns)
        elif p.name:
            yield prefix + p.name


def test_every_portal_route_has_a_row() -> None:
    served = {n for n in _names(get_resolver().url_patterns) if n.startswith("portal:")}
    rows = {r.name for r in CASE_ROUTES} | {r.name for r in OTHER_ROUTES}
    assert served - rows == set()
