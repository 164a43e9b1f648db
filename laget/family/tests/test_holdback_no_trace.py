"""Issue 13's Done-when: a report of concern leaves no trace for the family until the hold-back
ends; then the log shows it, with its real dates.

The stafettholder files a report; child welfare reads the case, writes an entry for everyone
and one for professionals only, sets up a measure and a meeting the mother is invited to; the
stafettholder writes an entry for everyone too. Then, for every family role of
laget/testing/family.py and every portal page that answers GET (taken from the URL resolver, so
a new page is checked without being listed), nothing differs from before the report: the
same pages, the same staff rows in the access log, the same readers, and no name, unit or text
of what happened; no e-mail to the family either. Child welfare ends the hold-back: the
mother's log, readers and case page show it all, with the dates it happened.
"""

import datetime
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Arena, Audience, EntryKind
from laget.cases.models import Case, Entry, Measure, Meeting
from laget.cases.services.entries import entry_create
from laget.cases.services.measures import measure_create
from laget.cases.services.meetings import meeting_create
from laget.family.models import HoldBack
from laget.family.tests.test_holdback_staff import welfare_user
from laget.notify.delivery import build_message
from laget.notify.models import Notification, RecipientRole
from laget.orgs.actors import actor_for
from laget.people.models import Guardian
from laget.portal.access import family_cases
from laget.portal.tests.conftest import client_as, family, oidc_provider, oidc_settings
from laget.testing.family import FAMILY_ROLES, Family
from laget.testing.methods import accepted_methods
from laget.testing.pdfa import pdf_text
from laget.testing.world import World

pytestmark = pytest.mark.django_db

__all__ = ["client_as", "family", "oidc_provider", "oidc_settings"]

MEMBER_ROLES = [r for r in FAMILY_ROLES if r not in ("staff", "anonymous")]

REPORT_REASON = "Gutten har fortalt om slag fra far."
WELFARE_ENTRY = "Barnevernet: samtale med barnehagen om Emils blåmerker."
WELFARE_PRIVATE = "Barnevernet: undersøkelsessak åpnet, foreldrene varsles senere."
WELFARE_MEASURE = "Undersøkelse etter barnevernloven"
WELFARE_MEETING_PLACE = "Barnevernets kontor, rom 4"
HOLDER_ENTRY = "Fikk hjelp av en voksen med å kle på seg."
CONTROL_ENTRY = "Lekte med de store barna ute."
MOTHER_MAIL = "hanne.f@example.invalid"
FATHER_MAIL = "jon.f@example.invalid"


# --- Every portal page that answers GET, from the resolver ------------------------------


def _portal_patterns() -> Iterator[URLPattern]:
    for resolver in get_resolver().url_patterns:
        if isinstance(resolver, URLResolver) and resolver.namespace == "portal":
            for p in resolver.url_patterns:
                if isinstance(p, URLPattern) and p.name and "get" in accepted_methods(p.callback):
                    yield p


@dataclass(frozen=True)
class Page:
    name: str
    kwargs: tuple[str, ...]


def portal_get_pages() -> list[Page]:
    return [Page(f"portal:{p.name}", tuple(p.pattern.converters)) for p in _portal_patterns()]


def _object_ids(case: Case) -> dict[str, int | None]:
    """The case's own objects for a URL, each as the family saw it before the report."""
    meeting = case.meetings.order_by("pk").first()
    attendee = meeting.attendees.order_by("pk").first() if meeting else None
    ids = {
        "case_id": case.pk,
        "entry_id": case.entries.filter(audience=Audience.ALL)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first(),
        "meeting_id": meeting.pk if meeting else None,
        "attendee_id": attendee.pk if attendee else None,
        "measure_id": case.measures.order_by("pk").values_list("pk", flat=True).first(),
        "consent_id": case.consents.order_by("pk").values_list("pk", flat=True).first(),
        "participant_id": case.participants.order_by("pk").values_list("pk", flat=True).first(),
    }
    return ids


def page_urls(case: Case) -> dict[str, str]:
    """Every portal GET page, for this case; one whose URL needs an object the case has not
    got is left out, and a URL part nobody knows fails: add it to _object_ids."""
    ids = _object_ids(case)
    urls = {}
    for page in portal_get_pages():
        unknown = [k for k in page.kwargs if k not in ids]
        assert not unknown, f"{page.name}: no object for {unknown}; add it to _object_ids"
        kwargs = {k: ids[k] for k in page.kwargs}
        if all(v is not None for v in kwargs.values()):
            urls[page.name] = reverse(page.name, kwargs=kwargs)
    return urls


# --- What a member is shown --------------------------------------------------------------

# Per request: the form token and the script nonce.
VOLATILE = re.compile(r'("X-CSRFToken": |name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"')


@dataclass(frozen=True)
class Shown:
    status: int
    body: str
    # The access log: the staff's and the system's groups, and the readers; the family's own
    # groups change with every look and are left out.
    staff_groups: tuple = ()
    readers: tuple = ()


# The family's copy (laget/family/copy.py): when it was made, and (in the PDF) the access log,
# which the JSON's staff groups stand for, as the access log page's do.
COPY_INTRO = re.compile(r"Dette er det .*?artikkel 15 og 20\.", re.S)
COPY_LOG_HEADING = "Hvem har lest og skrevet"


def copy_shown(response: Any) -> Shown:
    if response["Content-Type"] == "application/pdf":
        text = COPY_INTRO.sub("", pdf_text(response.content))
        return Shown(response.status_code, text.rsplit(COPY_LOG_HEADING, 1)[0])
    data = json.loads(response.content)
    del data["produced_at"]
    data["access_log"] = [g for g in data["access_log"] if not g["by_family"]]
    return Shown(response.status_code, json.dumps(data, ensure_ascii=False, sort_keys=True))


def shown(client: Client, url: str) -> Shown:
    response = client.get(url)
    if response.status_code == 200 and "attachment" in response.get("Content-Disposition", ""):
        return copy_shown(response)
    body = response.content.decode()
    context = response.context or {}
    if "groups" in context:
        groups = tuple(
            (g.who, g.where, g.day, g.doings) for g in context["groups"] if not g.by_family
        )
        readers = tuple(context["readers"])
        return Shown(response.status_code, "", groups, readers)
    return Shown(response.status_code, VOLATILE.sub("", body))


def cases_of(family: Family, role: str) -> list[Case]:
    user = family.user(role)
    assert user is not None
    return [family.case, *[c for c in family_cases(user) if c.pk != family.case.pk]]


def everything_shown(family: Family, client_as: Callable[[str], Client]) -> dict:
    seen: dict = {}
    for role in MEMBER_ROLES:
        client = client_as(role)
        for case in cases_of(family, role):
            for name, url in page_urls(case).items():
                seen[(role, case.pk, name)] = (url, shown(client, url))
    return seen


def family_notifications(since: int) -> list[Notification]:
    return list(Notification.objects.filter(pk__gt=since, recipient_role=RecipientRole.FAMILY))


# --- The story ----------------------------------------------------------------------------


@dataclass
class Story:
    welfare: User
    hold_back: HoldBack
    welfare_entry: Entry
    holder_entry: Entry
    measure: Measure
    meeting: Meeting


def _emails(family: Family) -> None:
    """The parents read their e-mail: news for them is queued (and would tip them off)."""
    for guardian, address in ((family.mother, MOTHER_MAIL), (family.father, FATHER_MAIL)):
        row = Guardian.objects.get(pk=guardian.pk)
        row.email = address
        row.save(update_fields=["email"])


def report_and_work(world: World, family: Family, welfare: User) -> Story:
    holder = world.users["stafettholder"]
    staff = Client()
    staff.force_login(holder)
    response = staff.post(
        reverse("cases:case_report_concern", args=[family.case.pk]),
        {"child_welfare_unit": world.units["child_welfare"].pk, "reason": REPORT_REASON},
    )
    assert response.status_code == 302
    hold_back = HoldBack.objects.get(case=family.case)

    reader = Client()
    reader.force_login(welfare)
    for _ in range(3):
        assert reader.get(reverse("cases:case_detail", args=[family.case.pk])).status_code == 200
    access = case_for(welfare, family.case.pk, need=Need.WRITE, audit=False)
    assert access.participant is not None
    actor = actor_for(welfare)
    welfare_entry = entry_create(
        actor=actor,
        access=access,
        kind=EntryKind.CONVERSATION,
        text=WELFARE_ENTRY,
        audience=Audience.ALL,
    )
    entry_create(
        actor=actor,
        access=access,
        kind=EntryKind.NOTE,
        text=WELFARE_PRIVATE,
        audience=Audience.PROFESSIONALS,
    )
    today = timezone.localdate()
    measure = measure_create(
        actor=actor,
        access=access,
        title=WELFARE_MEASURE,
        goal="Avklare om barnet er trygt hjemme.",
        arena=Arena.HOME,
        responsible_id=access.participant.pk,
        start_date=today,
        evaluation_date=today + datetime.timedelta(days=28),
    )
    meeting = meeting_create(
        actor=actor,
        access=access,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        place=WELFARE_MEETING_PLACE,
        participant_ids=[access.participant.pk],
        guardian_ids=[family.mother.pk],
    )
    holder_access = case_for(holder, family.case.pk, need=Need.WRITE, audit=False)
    holder_entry = entry_create(
        actor=actor_for(holder),
        access=holder_access,
        kind=EntryKind.GLIMMER,
        text=HOLDER_ENTRY,
        audience=Audience.ALL,
    )
    return Story(welfare, hold_back, welfare_entry, holder_entry, measure, meeting)


def traces(world: World, story: Story) -> list[str]:
    return [
        story.welfare.display_name,
        world.units["child_welfare"].name,
        REPORT_REASON,
        WELFARE_ENTRY,
        WELFARE_PRIVATE,
        WELFARE_MEASURE,
        WELFARE_MEETING_PLACE,
        HOLDER_ENTRY,
    ]


def test_a_report_of_concern_leaves_no_trace_until_child_welfare_ends_the_hold_back(
    world: World, family: Family, client_as: Callable[[str], Client], oidc_settings: str
) -> None:
    _emails(family)
    # The e-mail check is a real one: before the report, news for everyone reaches the family.
    holder = world.users["stafettholder"]
    start = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    entry_create(
        actor=actor_for(holder),
        access=case_for(holder, family.case.pk, need=Need.WRITE, audit=False),
        kind=EntryKind.GLIMMER,
        text=CONTROL_ENTRY,
        audience=Audience.ALL,
    )
    assert family_notifications(start)

    # Child welfare has a new employee (who reads in the teenager's case already).
    welfare = welfare_user(world)
    before = everything_shown(family, client_as)
    mothers = {
        name
        for (role, case_id, name), (_u, s) in before.items()
        if s.status == 200 and role == "own_guardian" and case_id == family.case.pk
    }
    assert mothers >= {
        "portal:home",
        "portal:case",
        "portal:entry",
        "portal:access_log",
        "portal:consents",
    }
    last_mail = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    story = report_and_work(world, family, welfare)
    after = everything_shown(family, client_as)

    # Nothing differs, page by page, for every member: not a name, not a row, not a count.
    assert after.keys() == before.keys()
    for key, (url, now) in after.items():
        was = before[key][1]
        assert now == was, f"{key} ({url}) changed after the report"
        if key[1] != family.case.pk:
            continue  # another family's case: child welfare may well take part there
        for trace in traces(world, story):
            assert trace not in now.body, f"{key} ({url}) shows {trace!r}"
            assert all(trace not in str(g) for g in now.staff_groups + now.readers), (key, trace)
    # Asked for by their ids, what child welfare and the stafettholder wrote looks missing.
    mother = client_as("own_guardian")
    for entry in (story.welfare_entry, story.holder_entry):
        url = reverse("portal:entry", args=[family.case.pk, entry.pk])
        assert mother.get(url).status_code == 404
    # No e-mail to the family: not the entries, not the meeting's invitation.
    assert family_notifications(last_mail) == []
    staff_news = Notification.objects.filter(pk__gt=last_mail)
    assert staff_news.exists(), "the staff were told: the family's silence is the hold-back's"
    for note in Notification.objects.filter(pk__gt=last_mail):
        message = build_message(note)
        assert note.recipient not in (MOTHER_MAIL, FATHER_MAIL)
        assert WELFARE_ENTRY not in message.body

    # Child welfare ends it: the mother now sees it all, with the real dates.
    reader = Client()
    reader.force_login(story.welfare)
    ended = reader.post(
        reverse("family:hold_backs", args=[family.case.pk]),
        {"hold_back": story.hold_back.pk, "action": "end"},
    )
    assert ended.status_code == 302
    url = reverse("portal:entry", args=[family.case.pk, story.welfare_entry.pk])
    assert WELFARE_ENTRY in mother.get(url).content.decode()
    log = mother.get(reverse("portal:access_log", args=[family.case.pk]))
    welfare_groups = [g for g in log.context["groups"] if g.who == story.welfare.display_name]
    (group,) = welfare_groups
    assert group.where == world.units["child_welfare"].name
    welfare_rows = AuditEvent.objects.filter(case_id=family.case.pk, actor=story.welfare)
    assert group.at == max(r.at for r in welfare_rows)
    assert group.day == timezone.localtime(group.at).date()
    assert "leste saken 3 ganger" in group.sentence
    assert "la til en loggføring" in group.sentence and "la til et tiltak" in group.sentence
    assert any(r.unit == world.units["child_welfare"].name for r in log.context["readers"])
    page = mother.get(reverse("portal:case", args=[family.case.pk])).content.decode()
    assert WELFARE_ENTRY in page and HOLDER_ENTRY in page and WELFARE_MEASURE in page
    assert WELFARE_PRIVATE not in page
    # The entries keep the time they were written.
    assert Entry.objects.get(pk=story.welfare_entry.pk).created_at == story.welfare_entry.created_at
    assert story.welfare_entry.created_at < HoldBack.objects.get(pk=story.hold_back.pk).ended_at  # type: ignore[operator]
    # The staff rows of the report show too, at the time they were written.
    report_rows = AuditEvent.objects.filter(
        case_id=family.case.pk, object_type="levelchange", at__gte=story.hold_back.starts_at
    ).exclude(via=Via.PORTAL)
    assert report_rows.exists()
    holder_groups = [g for g in log.context["groups"] if g.who == holder.display_name]
    assert any("la til en nivåendring" in g.sentence for g in holder_groups)
