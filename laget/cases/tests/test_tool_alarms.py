"""A tool result that says child welfare or the police must be told is an alarm in the case: it
stands out in the log, on the tool's own page and PDF, on the case page and in "my cases", and
leads to the report-of-concern step, until a report is recorded. Only staff see it."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, Decision
from laget.cases.models import Entry, LevelChange
from laget.cases.selectors import LOG_PAGE, case_page, my_cases
from laget.cases.services.lifecycle import case_report_concern
from laget.cases.tests.test_query_counts import _grow_case
from laget.cases.tools.pdf import filled_tool_pdf
from laget.cases.tools.services import tool_fill, tool_report_record
from laget.directory.models import Service
from laget.family.access import member_view
from laget.family.choices import Part, RestrictionReason, RestrictionState
from laget.family.models import Restriction
from laget.guide.concern import concern_channel_update
from laget.orgs.actors import actor_for
from laget.testing.family import Family, build_family
from laget.testing.pdfa import pdfa_problems
from laget.testing.world import ROLES, World
from laget.tools.models import FilledTool

pytestmark = pytest.mark.django_db

ALARM_TEXT = "Barnevernet og politiet skal varsles"


def _answers(world: World, *, alarming: bool) -> dict[str, Any]:
    assert world.tool_version is not None
    fields = world.tool_version.schema["fields"]
    answers: dict[str, Any] = {f["key"]: "nei" for f in fields if f.get("required")}
    if alarming:
        answers["fare"] = "ja"
    return answers


def fill(world: World, role: str = "stafettholder", *, alarming: bool = True) -> FilledTool:
    user = world.users[role]
    access = case_for(user, world.case.pk, need=Need.WRITE, audit=False)
    assert world.tool_version is not None
    return tool_fill(
        actor=actor_for(user, Via.SYSTEM),
        access=access,
        version=world.tool_version,
        answers=_answers(world, alarming=alarming),
    )


def record(world: World, filled: FilledTool, role: str = "stafettholder") -> LevelChange:
    user = world.users[role]
    access = case_for(user, world.case.pk, audit=False)
    return tool_report_record(
        actor=actor_for(user, Via.WEB),
        access=access,
        filled=filled,
        child_welfare_unit_id=world.units["child_welfare"].pk,
        reason="Meldt på telefon og skjema.",
        police_notified=True,
    )


def report_url(world: World, filled: FilledTool) -> str:
    return reverse("cases:filled_report", args=[world.case.pk, filled.pk])


# --- The filled tool --------------------------------------------------------------------


def test_a_result_in_a_reporting_band_is_an_alarm_entry_for_professionals(world: World) -> None:
    filled = fill(world)
    assert (filled.requires_report, filled.report_to) == (True, ["child_welfare", "police"])
    assert filled.band_label == "Barnevern/politi skal varsles"
    entry = Entry.objects.get(pk=filled.entry_id)
    assert entry.audience == Audience.PROFESSIONALS
    assert ALARM_TEXT in entry.text


def test_a_mild_result_is_no_alarm(world: World) -> None:
    filled = fill(world, alarming=False)
    assert (filled.requires_report, filled.report_to) == (False, [])
    assert "varsles" not in Entry.objects.get(pk=filled.entry_id).text


# --- Until the report is recorded -------------------------------------------------------


def _case_page(client: Client, world: World) -> str:
    response = client.get(reverse("cases:case_detail", args=[world.case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _my_cases(client: Client, world: World) -> Any:
    response = client.get(reverse("cases:my_cases"))
    assert response.status_code == 200
    return next(c for c in response.context["cases"] if c.pk == world.case.pk)


def test_the_alarm_shows_on_the_case_page_and_my_cases_until_the_report_is_recorded(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("participant")
    assert 'role="alert"' not in _case_page(client, world)
    assert not _my_cases(client, world).open_alarm

    filled = fill(world, "participant")

    html = _case_page(client, world)
    assert 'role="alert"' in html and "Bekymringsmelding må sendes" in html
    assert "entry--alarm" in html and "Ikke registrert som meldt ennå." in html
    assert report_url(world, filled) in html
    assert _my_cases(client, world).open_alarm
    my_html = client.get(reverse("cases:my_cases")).content.decode()
    assert "flag--alarm" in my_html

    response = client.post(
        report_url(world, filled),
        {
            "child_welfare_unit": world.units["child_welfare"].pk,
            "reason": "Ringte barneverntjenesten kl. 10 og sendte skjema.",
            "police_notified": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case_detail", args=[world.case.pk])

    html = _case_page(client, world)
    assert 'role="alert"' not in html and "Bekymringsmelding må sendes" not in html
    # The entry keeps its alarm styling, now as reported.
    assert "entry--alarm" in html and "registrert sendt etter dette" in html
    assert not _my_cases(client, world).open_alarm
    change = LevelChange.objects.get(case=world.case, decision=Decision.REPORT)
    assert change.reason.endswith("Politiet er også varslet.")
    assert change.decided_by == world.users["participant"]


def _open_in_my_cases(user: User, world: World) -> bool:
    # An annotation of my_cases, which the type checker does not know.
    return bool(vars(my_cases(user).get(pk=world.case.pk))["open_alarm"])


def test_a_report_recorded_through_the_case_menu_also_closes_the_alarm(world: World) -> None:
    filled = fill(world)
    holder = world.users["stafettholder"]
    case_report_concern(
        actor=actor_for(holder, Via.WEB),
        access=case_for(holder, world.case.pk, audit=False),
        reason="Meldt.",
        child_welfare_unit_id=world.units["child_welfare"].pk,
    )
    access = case_for(holder, world.case.pk, audit=False)
    assert case_page(access).open_alarms == []
    assert not _open_in_my_cases(holder, world)
    assert filled.requires_report


def test_an_alarm_after_an_earlier_report_is_open_again(world: World) -> None:
    first = fill(world)
    record(world, first)
    second = fill(world)
    holder = world.users["stafettholder"]
    page = case_page(case_for(holder, world.case.pk, audit=False))
    assert [f.pk for f in page.open_alarms] == [second.pk]
    assert _open_in_my_cases(holder, world)


def test_recording_the_report_is_audited_and_holds_the_family_log_back(world: World) -> None:
    filled = fill(world)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    change = record(world, filled, "participant")
    created = list(AuditEvent.objects.filter(id__gt=last))
    rows = {(e.action, e.object_type, e.object_id, e.case_id) for e in created}
    assert (AuditAction.CREATE, "levelchange", change.pk, world.case.pk) in rows
    assert any(e.object_type == "holdback" for e in created)
    assert all(e.actor_id == world.users["participant"].pk for e in created)


def test_the_report_form_needs_a_child_welfare_unit_and_a_reason(
    world: World, client_for: Callable[[str], Client]
) -> None:
    filled = fill(world)
    response = client_for("stafettholder").post(report_url(world, filled), {"reason": " "})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"child_welfare_unit", "reason"}
    assert not LevelChange.objects.filter(case=world.case, decision=Decision.REPORT).exists()


# --- The report step --------------------------------------------------------------------


def test_the_report_step_says_whom_to_call_with_phone_links(
    world: World, client_for: Callable[[str], Client]
) -> None:
    Service.objects.create(
        municipality=world.municipality,
        name="Barneverntjenesten",
        phone="400 00 105",
        web="https://example.invalid/meld",
        unit=world.units["child_welfare"],
    )
    filled = fill(world)
    response = client_for("stafettholder").get(report_url(world, filled))
    html = response.content.decode()
    assert 'href="tel:40000105"' in html
    assert 'href="https://example.invalid/meld"' in html
    assert 'href="tel:112"' in html and 'href="tel:02800"' in html
    assert ALARM_TEXT in html
    # The police box is offered because the result named the police.
    assert "police_notified" in response.context["form"].fields
    assert response.context["form"]["reason"].initial.startswith("Etter «Bekymringsskala")


def test_the_report_step_leads_to_the_municipalitys_own_channel(
    world: World, client_for: Callable[[str], Client]
) -> None:
    """The channel the municipality set for the public guide is the first place to report."""
    client = client_for("stafettholder")
    filled = fill(world)
    assert (
        "Kommunens kanal for bekymringsmeldinger"
        not in client.get(report_url(world, filled)).content.decode()
    )
    concern_channel_update(
        by=world.users["admin"],
        municipality=world.municipality,
        concern_url="https://example.invalid/bekymring",
        concern_phone="+47 400 00 106",
    )
    html = client.get(report_url(world, filled)).content.decode()
    assert "Kommunens kanal for bekymringsmeldinger" in html
    assert 'href="https://example.invalid/bekymring"' in html
    assert 'href="tel:+4740000106"' in html


def test_the_filled_tool_page_and_pdf_say_alarm_in_words(
    world: World, client_for: Callable[[str], Client]
) -> None:
    filled = fill(world)
    client = client_for("stafettholder")
    url = reverse("cases:filled_detail", args=[world.case.pk, filled.pk])
    html = client.get(url).content.decode()
    assert 'role="alert"' in html and ALARM_TEXT in html and report_url(world, filled) in html
    pdf = client.get(reverse("cases:filled_pdf", args=[world.case.pk, filled.pk])).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f"ALARM: {ALARM_TEXT}" in text and "Ikke registrert som meldt." in text
    assert pdfa_problems(filled_tool_pdf(filled, archival=True)) == []

    record(world, filled)
    html = client.get(url).content.decode()
    assert 'role="alert"' not in html and "registrert sendt" in html


# Who may open the report step: whoever writes in the case or coordinates it. In world.case
# that is the stafettholder, the participant and the responsible unit's leader.
REPORTERS = {"stafettholder", "participant", "unit_leader"}


def _expected(role: str) -> int:
    if role == "anonymous":
        return 302
    return 200 if role in REPORTERS else 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_report_step_access_per_role(
    role: str, method: str, world: World, client_for: Callable[[str], Client]
) -> None:
    filled = fill(world)
    response = getattr(client_for(role), method)(report_url(world, filled))
    assert response.status_code == _expected(role)
    if role == "anonymous":
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_a_filled_tool_of_another_case_is_missing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    filled = fill(world)
    url = reverse("cases:filled_report", args=[world.other_case.pk, filled.pk])
    assert client_for("stafettholder").get(url).status_code == 404


# --- The family -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def family(world: World, django_db_blocker: object) -> Family:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return build_family(world)


def test_no_family_member_sees_the_alarm_or_the_report(world: World, family: Family) -> None:
    """The family rule decides (laget.family.access): a tool result is for professionals, and
    the report is held back; a guardian restricted for violence sees neither, of course."""
    Restriction.objects.create(
        case=family.case,
        guardian=family.father,
        parts=[Part.ENTRIES],
        reason=RestrictionReason.VIOLENCE,
        state=RestrictionState.IN_FORCE,
        proposed_by=world.users["stafettholder"],
        decided_by=world.users["unit_leader"],
    )
    filled = fill(world)
    change = record(world, filled)
    views = [
        member_view(family.case, guardian=family.mother),
        member_view(family.case, guardian=family.father),
        member_view(family.case, child=True),
    ]
    assert views[1].hides(Part.ENTRIES)
    for view in views:
        assert not view.entries(family.case.entries.all()).filter(pk=filled.entry_id).exists()
        assert not view.level_changes(family.case.level_changes.all()).filter(pk=change.pk).exists()


# --- Query counts -----------------------------------------------------------------------


def _count(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_an_alarm_beyond_the_shown_log_is_counted_without_more_queries(world: World) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, audit=False)
    before = _count(lambda: case_page(access, all_entries=False))
    fill(world)
    holder_row = world.case.participants.get(user=holder)
    _grow_case(world.case, holder_row, LOG_PAGE + 5)
    access = case_for(holder, world.case.pk, audit=False)
    page = case_page(access, all_entries=False)
    assert (page.open_alarms, page.older_open_alarms) == ([], 1)
    assert _count(lambda: case_page(access, all_entries=False)) == before
    full = case_page(access)
    assert (len(full.open_alarms), full.older_open_alarms) == (1, 0)
    # The summary reads the alarm's entry text without a query per alarm.
    assert _count(lambda: [f.entry.text for f in full.open_alarms]) == 0
