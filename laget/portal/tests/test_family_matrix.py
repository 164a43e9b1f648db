"""The family isolation matrix (issue 13): every portal route, every API endpoint, every staff
page of a case (exports and PDFs among them), and the e-mails and calendar invitations in the
outbox × every family member of every role × open / restricted / protected address.

The households (laget/testing/family.py, build_households) write a unique marker into every
part of their cases: entries, measures, meetings and their places, the units and the staff
members' names, consents, each member's comments and activity. What a member may see is
stated here from the facts of the household (role, restriction, care order, protected
address: `Expect`), never by asking laget.family.access: a marker the member may not see is
never in any answer to them, and one they may see is on their pages, so the test can fail
both ways.

The routes are read from the resolver. A portal route without a row in PORTAL_ROWS fails
test_every_portal_route_has_a_row; an API endpoint or a staff page of a case needs no row of
its own (a family member gets none of them) but is in the matrix as soon as it is routed; a
URL argument the matrix cannot fill fails the route's test until OBJECTS names it.
"""

import email
import email.policy
import itertools
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

from laget.cases.models import Case
from laget.cases.notifications import notify_entry_created, notify_meeting_invitation
from laget.notify.delivery import build_message
from laget.notify.models import Notification, RecipientRole
from laget.notify.tests.privacy import readable_parts
from laget.orgs.models import UnitKind
from laget.testing.family import (
    BIRTH_PARENT,
    CARE_FOSTER_PARTS,
    CARE_PARENT_PARTS,
    CHILD_CONSENT,
    CHILD_UNDER,
    CHILD_VOICE,
    EXPECTING,
    FOSTER,
    GUARDIAN,
    GUARDIAN_NO_PR,
    OWN_HELP,
    PARENT_NO_PR,
    Household,
    Households,
    Member,
    build_households,
    matrix_members,
)
from laget.testing.methods import accepted_methods
from laget.testing.pdfa import pdf_text
from laget.testing.world import World

pytestmark = pytest.mark.django_db

PORTAL_BACKEND = "laget.portal.oidc.PortalOIDCBackend"
ROLE_OF = matrix_members()
MEMBERS = list(ROLE_OF)

# --- What each member may see, from the households' facts ------------------------------------

ALL_PARTS = frozenset(
    {"entries", "measures", "meetings", "participants", "places", "activity", "consents"}
)
# The units that tell where someone lives: kindergarten, school, health clinic.
LOCATING = {UnitKind.KINDERGARTEN, UnitKind.SCHOOL, UnitKind.AFTER_SCHOOL, UnitKind.HEALTH_CLINIC}
ENTRIES = ("entry", "entry_hidden", "entry_private")
MEASURES = ("measure", "measure_hidden")
MEETINGS = ("meeting_hidden", "meeting")  # the hidden one is the sooner
# Who wrote each entry and who is responsible for each measure (laget/testing/family.py).
AUTHOR_UNIT = {
    "entry": "ppt",
    "entry_hidden": "health",
    "measure": "home",
    "measure_hidden": "health",
}


@dataclass(frozen=True)
class Expect:
    """What one member may see and do, stated from their household's facts (role, restriction,
    care order, protected address) in the issue's words; never by asking the rule itself."""

    member: Member
    everyone: Households

    @property
    def h(self) -> Household:
        return self.member.household

    @property
    def reads(self) -> bool:
        return self.member.role not in (GUARDIAN_NO_PR, CHILD_UNDER) and not self.member.whole_log

    @property
    def writes(self) -> bool:
        return self.reads and self.member.role != PARENT_NO_PR

    @property
    def answers(self) -> bool:
        """Answers their own meeting invitations (every member but the child has them)."""
        return self.reads and self.member.guardian is not None

    @property
    def chooses(self) -> bool:
        """Accepts or declines proposed participants."""
        return (
            self.reads
            and self.member.role in (GUARDIAN, EXPECTING, CHILD_CONSENT)
            and "participants" not in self.hidden
        )

    @property
    def voice(self) -> bool:
        """The child, from 12, gives their view of measures and meetings."""
        return self.reads and self.member.role in (CHILD_VOICE, CHILD_CONSENT)

    @property
    def hidden(self) -> frozenset[str]:
        hidden = set(self.member.parts)
        if self.member.role == BIRTH_PARENT:
            hidden |= ALL_PARTS - set(CARE_PARENT_PARTS)
        if self.member.role == FOSTER:
            hidden |= ALL_PARTS - set(CARE_FOSTER_PARTS)
        if self.member.protected:
            hidden.add("places")
        return frozenset(hidden)

    @property
    def family_activity(self) -> bool:
        """Sees what the other family members wrote and read."""
        return (
            self.reads
            and self.member.role in (GUARDIAN, BIRTH_PARENT, EXPECTING)
            and "activity" not in self.hidden
        )

    def shows_unit(self, key: str) -> bool:
        if not self.reads or "participants" in self.hidden:
            return False
        return not (self.member.protected and self.h.unit_kinds[key] in LOCATING)

    def sees(self, thing: str) -> bool:
        """Whether the member may see the thing (a key of Household.things or markers)."""
        if not self.reads or thing in self.member.chosen:
            return False
        if thing == "entry_private":
            return False
        if thing in ("entry", "entry_hidden"):
            return "entries" not in self.hidden
        if thing.startswith("comment_"):
            author = thing.removeprefix("comment_")
            own = author == self.member.name
            return "entries" not in self.hidden and (own or self.family_activity)
        if thing in MEASURES:
            return "measures" not in self.hidden
        if thing in MEETINGS:
            invited = self.member.guardian is not None  # every guardian is invited to both
            return "meetings" not in self.hidden or invited
        if thing == "consent":
            return "consents" not in self.hidden
        if thing == "consent_own":
            return OWN_HELP.get(self.h.kind) == self.member.name and self.sees("consent")
        if thing.startswith("participant_") or thing.startswith("attendee_"):
            return self.shows_unit(thing.split("_", 1)[1])
        raise AssertionError(f"unknown thing {thing}")

    def invited(self, meeting: str) -> bool:
        """Gets the invitation to a meeting: every guardian record is invited by name (with or
        without parental responsibility), unless shut out of the log or of the meeting."""
        return (
            self.member.guardian is not None
            and not self.member.whole_log
            and meeting not in self.member.chosen
        )

    def may_see_marker(self, key: str) -> bool:
        """Whether the marker `key` of the member's own household may reach them."""
        if key.startswith(("unit_", "staff_")):
            return self.shows_unit(key.split("_", 1)[1])
        if key == f"activity_{self.member.name}":
            return True  # their own name, as the page header shows it
        if key.startswith("activity_"):
            return self.family_activity
        for meeting in MEETINGS:
            if key in (f"{meeting}_place", f"{meeting}_agenda"):
                place_ok = key.endswith("_agenda") or "places" not in self.hidden
                return self.sees(meeting) and place_ok
        return self.sees(key)

    @property
    def forbidden(self) -> list[str]:
        """Every marker of every household that must never reach this member."""
        own = self.h
        return sorted(
            text
            for h in self.everyone.all.values()
            for key, text in h.markers.items()
            if h is not own or not self.may_see_marker(key)
        )

    @property
    def present(self) -> set[str]:
        """Markers the member's case page, consents and access log must show."""
        if not self.reads:
            return set()
        m = self.h.markers
        wanted = {m[t] for t in self.h.things if t in m and self.sees(t) and "meeting" not in t}
        seen_meetings = [t for t in MEETINGS if self.sees(t)]
        if seen_meetings:  # the case page shows the next meeting
            wanted.add(m[f"{seen_meetings[0]}_agenda"])
            if "places" not in self.hidden:
                wanted.add(m[f"{seen_meetings[0]}_place"])
        if self.shows_unit("home"):  # the stafettholder
            wanted |= {m["unit_home"], m["staff_home"]}
        for thing, unit in AUTHOR_UNIT.items():
            if self.sees(thing) and self.shows_unit(unit):
                wanted |= {m[f"unit_{unit}"], m[f"staff_{unit}"]}
        if self.family_activity:  # the access log
            wanted |= {
                m[f"activity_{other.name}"]
                for other in self.h.members.values()
                if other is not self.member and Expect(other, self.everyone).reads
            }
        return wanted


@pytest.fixture(scope="module")
def households(world: World, django_db_blocker: Any) -> Households:
    """The households, built once per module inside the world's transaction."""
    with django_db_blocker.unblock():
        return build_households(world)


def client_for(member: Member) -> Client:
    client = Client()
    client.force_login(member.user, backend=PORTAL_BACKEND)
    return client


def leaked(body: bytes | str, expect: Expect) -> list[str]:
    if isinstance(body, bytes) and body.startswith(b"%PDF-"):
        text = pdf_text(body)
    else:
        text = body.decode() if isinstance(body, bytes) else body
    return [marker for marker in expect.forbidden if marker in text]


# --- The routes, from the resolver ------------------------------------------------------------


@dataclass(frozen=True)
class Served:
    name: str
    methods: frozenset[str]
    # URL kwarg -> its converter.
    kwargs: tuple[tuple[str, object], ...]

    @property
    def kwarg_names(self) -> set[str]:
        return {k for k, _c in self.kwargs}


def _converters(pattern: Any) -> dict[str, object]:
    converters = getattr(pattern, "converters", None)
    if converters is not None:
        return dict(converters)
    regex = getattr(pattern, "regex", None)
    return dict.fromkeys(regex.groupindex, None) if regex is not None else {}


def served(
    patterns: list[URLPattern | URLResolver] | None = None,
    ns: str = "",
    kwargs: dict[str, object] | None = None,
) -> Iterator[Served]:
    kwargs = kwargs or {}
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        here = {**kwargs, **_converters(p.pattern)}
        if isinstance(p, URLResolver):
            inner = f"{ns}{p.namespace}:" if p.namespace else ns
            yield from served(p.url_patterns, inner, here)
        elif p.name:
            methods = accepted_methods(p.callback) - {"head"}
            yield Served(ns + p.name, methods, tuple(sorted(here.items())))


SERVED = list(served())
PORTAL = [s for s in SERVED if s.name.startswith("portal:")]
API = [s for s in SERVED if s.name.startswith("api:")]
# The staff's pages of a case, its exports and PDFs: every other route with a case in its URL.
STAFF = [s for s in SERVED if "case_id" in s.kwarg_names and s not in PORTAL + API]


# --- The portal's rows ------------------------------------------------------------------------


def reads(e: Expect) -> bool:
    return e.reads


@dataclass(frozen=True)
class Row:
    """Who gets the page, or whose action goes through; the other members get 404 (so does
    anyone for an object they may not see). `outside`: not in a case."""

    who: Callable[[Expect], bool] = reads
    outside: bool = False


PORTAL_ROWS: dict[str, Row] = {
    # Outside a case: test_home_lists_only_what_the_member_may_see and the login's own tests.
    "portal:home": Row(outside=True),
    "portal:login": Row(outside=True),
    "portal:logout": Row(outside=True),
    # The language switch: test_family_language_choice.py.
    "portal:language": Row(outside=True),
    "portal:oidc_start": Row(outside=True),
    "portal:oidc_callback": Row(outside=True),
    # A case.
    "portal:case": Row(),
    "portal:entry": Row(),
    "portal:entry_create": Row(lambda e: e.writes),
    "portal:meeting_respond": Row(lambda e: e.answers),
    "portal:access_log": Row(),
    "portal:copy_pdf": Row(),
    "portal:copy_json": Row(),
    "portal:closing_request": Row(),
    "portal:consents": Row(),
    "portal:consent": Row(),
    "portal:consent_give": Row(),
    "portal:consent_refuse": Row(),
    "portal:consent_withdraw": Row(),
    "portal:consent_withdraw_confirm": Row(),
    "portal:participants": Row(lambda e: e.chooses),
    "portal:participant_answer": Row(lambda e: e.chooses),
    "portal:leave_out": Row(lambda e: e.chooses),
    "portal:child_view_measure": Row(lambda e: e.voice),
    "portal:child_view_meeting": Row(lambda e: e.voice),
}

# URL kwarg -> the household's objects it takes: (thing, pk), the thing naming what it is.
OBJECTS: dict[str, Callable[[Household], list[tuple[str, int]]]] = {
    "entry_id": lambda h: [(t, pk) for t, pk in h.things.items() if t in ENTRIES or "comment" in t],
    "meeting_id": lambda h: [(t, h.things[t]) for t in MEETINGS],
    "measure_id": lambda h: [(t, h.things[t]) for t in MEASURES],
    "consent_id": lambda h: [(t, pk) for t, pk in h.things.items() if t.startswith("consent")],
    "participant_id": lambda h: [(f"participant_{u}", pk) for pk, u in h.participants.items()],
}


def url_variants(route: Served, h: Household) -> list[tuple[tuple[str, ...], str]]:
    """Every URL of the route in the household's case: (the things in it, the URL)."""
    names = route.kwarg_names - {"case_id"}
    options: list[list[tuple[tuple[str, ...], dict[str, int]]]] = []
    if {"meeting_id", "attendee_id"} <= names:
        # The stafettholder's invitation to each meeting.
        options.append(
            [
                ((m, "attendee_home"), {"meeting_id": h.things[m], "attendee_id": a})
                for m, a in h.holder_attendees.items()
            ]
        )
        names -= {"meeting_id", "attendee_id"}
    for name in sorted(names):
        if name not in OBJECTS:
            pytest.fail(f"{route.name}: no objects for the URL argument {name} (OBJECTS)")
        options.append([((thing,), {name: pk}) for thing, pk in OBJECTS[name](h)])
    urls = []
    for combo in itertools.product(*options):
        things = tuple(t for part, _k in combo for t in part)
        kwargs = {"case_id": h.case.pk}
        for _t, k in combo:
            kwargs.update(k)
        urls.append((things, reverse(route.name, kwargs=kwargs)))
    return urls


def _portal_cases() -> list[tuple[str, str, str]]:
    return [
        (key, route.name, method)
        for route in PORTAL
        if not PORTAL_ROWS.get(route.name, Row()).outside
        for method in sorted(route.methods)
        for key in MEMBERS
    ]


@pytest.mark.parametrize(("key", "name", "method"), _portal_cases())
def test_portal_route(households: Households, key: str, name: str, method: str) -> None:
    """Each URL of the route in the member's own case: the page for who may have it, 404 for
    an object they may not see; no forbidden marker in any answer."""
    member = households.member(key)
    expect = Expect(member, households)
    route = next(r for r in PORTAL if r.name == name)
    row = PORTAL_ROWS[name]
    client = client_for(member)
    for things, url in url_variants(route, member.household):
        response = getattr(client, method)(url)
        allowed = row.who(expect) and all(expect.sees(t) for t in things)
        where = f"{method.upper()} {name} {things} as {key}"
        if not allowed:
            assert response.status_code == 404, where
        elif method == "get":
            assert response.status_code == 200, where
        else:
            assert response.status_code < 500, where
        assert leaked(response.content, expect) == [], where


@pytest.mark.parametrize("key", MEMBERS)
def test_member_sees_what_they_may(households: Households, key: str) -> None:
    """The other side: what the member may see is on their case page, consents and access
    log, so a page that showed nothing would fail too."""
    member = households.member(key)
    expect = Expect(member, households)
    client = client_for(member)
    kwargs = {"case_id": member.case.pk}
    bodies = []
    for name in ("portal:case", "portal:consents", "portal:access_log"):
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == (200 if expect.reads else 404), f"{name} as {key}"
        bodies.append(response.content.decode())
    text = "\n".join(bodies)
    assert sorted(m for m in expect.present if m not in text) == []


@pytest.mark.parametrize("key", MEMBERS)
def test_home_lists_only_what_the_member_may_see(households: Households, key: str) -> None:
    member = households.member(key)
    expect = Expect(member, households)
    response = client_for(member).get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert leaked(body, expect) == []
    case_url = reverse("portal:case", kwargs={"case_id": member.case.pk})
    assert (case_url in body) == expect.reads
    markers = member.household.markers
    assert (markers["unit_home"] in body) == expect.shows_unit("home")
    assert (markers["staff_home"] in body) == expect.shows_unit("home")


# --- The API and the staff's pages: nothing for a family member --------------------------------

# A family member's session on the API gets nothing of a case. These few answer everyone who
# is logged in, or anyone: they hold no case (checked for markers all the same).
API_OPEN: dict[tuple[str, str], set[int]] = {
    # The login: no credentials, no token (or too many tries from one address).
    ("api:token", "post"): {400, 401, 429},
    ("api:logout", "post"): {204, 401, 403},
    ("api:schema", "get"): {200},
}
DENIED = {401, 403, 404, 405}


def fill(route: Served, h: Household) -> dict[str, object]:
    """URL kwargs for a route a family member must not get: the household's own objects where
    the argument names one (the worst case: the hidden ones), else any valid value."""
    worst = {
        "case_id": h.case.pk,
        "entry_id": h.things["entry_hidden"],
        "meeting_id": h.things["meeting_hidden"],
        "measure_id": h.things["measure_hidden"],
        "consent_id": h.things.get("consent_own", h.things["consent"]),
        "participant_id": next(iter(h.participants)),
        "attendee_id": h.holder_attendees["meeting_hidden"],
        # The member's own family record, the worst case for the staff's family pages.
        "guardian_id": next(m.guardian.pk for m in h.members.values() if m.guardian),
    }
    kwargs: dict[str, object] = {}
    for name, converter in route.kwargs:
        if name in worst:
            kwargs[name] = worst[name]
        elif isinstance(converter, IntConverter):
            kwargs[name] = 1
        elif isinstance(converter, UUIDConverter):
            kwargs[name] = uuid.uuid4()
        else:  # str, slug, path, a regex group
            kwargs[name] = "x"
    return kwargs


def _url(route: Served, h: Household) -> str:
    if route.name == "api:not_found":
        return "/api/v1/finnes-ikke/"
    return reverse(route.name, kwargs=fill(route, h))


LOGIN_PATHS = re.compile(r"/(logg-inn|login)/")


@pytest.mark.parametrize("key", MEMBERS)
def test_api_gives_a_family_member_nothing(households: Households, key: str) -> None:
    member = households.member(key)
    expect = Expect(member, households)
    client = client_for(member)
    for route in API:
        url = _url(route, member.household)
        for method in sorted(route.methods - {"options"}):
            response = getattr(client, method)(url, data={}, content_type="application/json")
            where = f"{method.upper()} {route.name} as {key}"
            assert response.status_code in API_OPEN.get((route.name, method), DENIED), where
            assert leaked(response.content, expect) == [], where


def _one_per_role() -> list[str]:
    """A member of each role, restricted where the matrix restricts the role: the staff's
    pages decide by the staff's own access rule (laget.cases.access), which no family role or
    restriction enters, so one session of each role stands for the others."""
    chosen: dict[str, str] = {}
    for key in sorted(MEMBERS, key=lambda k: "rpo".index(k[1])):
        chosen.setdefault(ROLE_OF[key], key)
    return sorted(chosen.values())


@pytest.mark.parametrize("key", _one_per_role())
def test_staff_pages_give_a_family_member_nothing(households: Households, key: str) -> None:
    """Every staff page of the member's own case (the log, its exports and PDFs, the family
    pages): missing, or the staff login."""
    member = households.member(key)
    expect = Expect(member, households)
    client = client_for(member)
    for route in STAFF:
        url = _url(route, member.household)
        for method in sorted(route.methods - {"options"}):
            response = getattr(client, method)(url)
            where = f"{method.upper()} {route.name} as {key}"
            if response.status_code == 302:
                assert LOGIN_PATHS.search(response["Location"]), where
            else:
                assert response.status_code in DENIED, where
            assert leaked(response.content, expect) == [], where


# --- E-mails and calendar invitations ---------------------------------------------------------


def _outbox_for(h: Household) -> list[Notification]:
    """What the case's entries and meetings send the family under today's rules: the outbox
    emptied of the family's rows, and every entry and meeting notified again."""
    Notification.objects.filter(case_id=h.case.pk, recipient_role=RecipientRole.FAMILY).delete()
    case = Case.objects.select_related("subject").get(pk=h.case.pk)
    for entry in case.entries.select_related("case__subject").order_by("pk"):
        notify_entry_created(entry)
    for meeting in case.meetings.select_related("case__subject").order_by("pk"):
        notify_meeting_invitation(meeting)
    return list(Notification.objects.filter(case_id=h.case.pk, recipient_role=RecipientRole.FAMILY))


@pytest.mark.parametrize("household", sorted({k.split(":")[0] for k in MEMBERS}))
def test_outbox(households: Households, household: str) -> None:
    """Each member is told of an entry or invited to a meeting only if they may see it;
    nothing of any case is in any e-mail or calendar invitation."""
    h = households.all[household]
    outbox = _outbox_for(h)
    every = sorted(households.markers)
    for member in h.members.values():
        expect = Expect(member, households)
        mine = [n for n in outbox if member.email and n.recipient == member.email]
        wanted = set()
        for thing, pk in h.things.items() if member.email else ():
            if thing in ENTRIES or thing.startswith("comment_"):
                if thing != f"comment_{member.name}" and expect.sees(thing):
                    wanted.add(f"entry:{pk}")
            elif thing in MEETINGS and expect.invited(thing):
                wanted.add(f"meeting:{pk}")
        assert {n.event for n in mine} == wanted, member.key
        for notification in mine:
            raw = build_message(notification).message().as_bytes()
            message = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(message, EmailMessage)
            texts = readable_parts(message)
            where = f"{notification.event} to {member.key}"
            assert [m for m in every if any(m in t for t in texts)] == [], where
            assert not any("LOCATION" in t for t in texts), where


# --- The matrix's own rules -------------------------------------------------------------------


def test_every_portal_route_has_a_row() -> None:
    names = {r.name for r in PORTAL}
    assert names - set(PORTAL_ROWS) == set()
    assert set(PORTAL_ROWS) - names == set()


def test_the_matrix_covers_the_api_and_the_staff_pages() -> None:
    assert {"api:entries", "api:entry", "api:meetings", "api:case"} <= {r.name for r in API}
    assert {"cases:case_detail", "cases:filled_pdf", "consent:consent_export"} <= {
        r.name for r in STAFF
    }


def test_no_marker_is_part_of_another(households: Households) -> None:
    markers = sorted(households.markers)
    assert [(a, b) for a in markers for b in markers if a != b and a in b] == []


def test_every_role_and_variant_is_in_the_matrix(households: Households) -> None:
    roles = {(m.role, m.household.variant) for m in households.members}
    for role in (GUARDIAN, GUARDIAN_NO_PR, PARENT_NO_PR, FOSTER, BIRTH_PARENT):
        for variant in ("open", "restricted"):
            assert (role, variant) in roles
    for role in (CHILD_VOICE, CHILD_CONSENT, CHILD_UNDER, EXPECTING, "partner"):
        assert (role, "open") in roles and (role, "restricted") in roles
    assert {(GUARDIAN, "protected"), (BIRTH_PARENT, "protected")} <= roles
    assert any(m.whole_log for m in households.members)
