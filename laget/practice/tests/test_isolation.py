"""Practice-mode isolation as a matrix: every list, statistic, export and notification door ×
a practice area worked through (every scenario started, its cases worked on the real pages and
services) → the practice cases are never present; and the access log of real cases, its rows
and chain heads, is the same before and after the practice.

Doors that show cases are read as text and must name no practice case (its id, its fictional
people, its consent references). Doors that count are computed before the practice and after,
and must be equal. Doors that open one case answer 404 for a practice case, to its owner too.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.archive.models import ArchivePackage
from laget.archive.services import archive_package_produce
from laget.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from laget.cases.choices import Audience
from laget.cases.models import Case, Entry, Measure, Transition
from laget.cases.selectors import my_cases
from laget.cases.withdrawal_notices import withdrawal_notices_for
from laget.consent.models import Consent
from laget.lib.practice import PRACTICE_ID_FLOOR
from laget.logreview.review import Month, month_reads
from laget.monitoring.aggregates import national_aggregate
from laget.monitoring.dashboard import municipal_dashboard
from laget.monitoring.models import FigureSharing
from laget.monitoring.rollups import compute_case_figures, encode, read_rollup, refresh_rollups
from laget.notify.models import Notification
from laget.portal.access import family_cases
from laget.portal.services import portal_user_for_pid
from laget.practice.scenarios import SCENARIOS
from laget.practice.testing import Practised, national_id, work_the_practice_area
from laget.retention.plan import plan_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db

# Who looks at the lists: the practice cases' owner, a colleague in the same unit, the unit's
# leader, the school the practice handed a case to, and the municipality's coordinator.
VIEWERS = ("stafettholder", "same_unit", "unit_leader", "other_unit", "participant")


def _statistics(world: World) -> dict[str, Any]:
    """Every figure the municipality and the country are shown, as plain values."""
    cache.clear()  # the national tables are cached for a while: count them now
    m = world.municipality
    today = timezone.localdate()
    figures = encode(compute_case_figures(m, today.year, today))
    refresh_rollups(m, today)
    rollup = read_rollup(m, today.year)
    dashboard = municipal_dashboard(m, today.year, today, per_unit=True)
    national = national_aggregate(lambda _m: True, today, own=[m.pk])
    return {
        "figures": figures,
        "rollup": rollup.figures if rollup else None,
        "dashboard_key_figures": [(str(k.label), k.value, k.detail) for k in dashboard.key_figures],
        "dashboard_figures": [(f.slug, f.rows, f.total) for f in dashboard.figures],
        "national": [(t.slug, t.rows, t.total, t.clear, t.hidden) for t in national.tables],
    }


def _audit() -> dict[str, list[tuple[Any, ...]]]:
    return {
        "rows": list(AuditEvent.objects.order_by("id").values_list("id", "chain", "hash")),
        "heads": list(AuditChainHead.objects.order_by("chain").values_list("chain", "hash")),
        "checkpoints": list(AuditCheckpoint.objects.order_by("id").values_list("id", "hash")),
    }


@dataclass
class Setting:
    world: World
    practice: Practised
    clients: dict[str, Client]
    statistics_before: dict[str, Any]
    audit_before: dict[str, list[tuple[Any, ...]]]
    notifications_before: list[int]
    same_child_notices_before: int


@pytest.fixture(scope="module")
def setting(world: World, django_db_blocker: Any) -> Iterator[Setting]:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            FigureSharing.objects.update_or_create(
                municipality=world.municipality, defaults={"shares": True}
            )
            clients = {}
            for role in (*VIEWERS, "coordinator"):
                clients[role] = Client()
                clients[role].force_login(world.users[role])  # logins are in the log: first
            # The real child has a (synthetic) national id; the practice ties a worry to the
            # same number.
            child = world.case.subject
            assert child is not None and child.birth_date is not None
            child.national_id = national_id(child.birth_date, synthetic=True)
            child.save()
            statistics = _statistics(world)
            audit = _audit()
            notifications = list(Notification.objects.order_by("id").values_list("id", flat=True))
            notices = world.case.same_child_notices.count()
            practice = work_the_practice_area(
                world.users["stafettholder"], clients["stafettholder"], same_child=child.national_id
            )
            yield Setting(world, practice, clients, statistics, audit, notifications, notices)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _page(client: Client, name: str, **kwargs: Any) -> str:
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


# --- Lists of real cases: nothing of practice in them ---------------------------------------

TextDoor = Callable[[Setting, str], str]


def _my_cases_page(s: Setting, role: str) -> str:
    return s.clients[role].get(reverse("cases:my_cases") + "?vis=alle").content.decode()


def _my_cases_selector(s: Setting, role: str) -> str:
    return repr(list(my_cases(s.world.users[role], include_closed=True).values_list("pk", "label")))


def _withdrawal_notices(s: Setting, role: str) -> str:
    return repr(
        [(n.case.pk, n.case.display_name) for n in withdrawal_notices_for(s.world.users[role])]
    )


def _api_cases(s: Setting, role: str) -> str:
    response = s.clients[role].get(reverse("api:cases"), {"include_closed": "true"})
    assert response.status_code == 200
    return json.dumps(response.json(), ensure_ascii=False)


def _log_review(s: Setting, role: str) -> str:
    today = timezone.localdate()
    reads = month_reads(s.world.municipality, Month(today.year, today.month))
    return repr(sorted(set(reads.values_list("case_id", flat=True))))


LIST_DOORS: dict[str, TextDoor] = {
    "my cases page": _my_cases_page,
    "my cases selector": _my_cases_selector,
    "withdrawal notices on my cases": _withdrawal_notices,
    "api case list": _api_cases,
    "log review": _log_review,
}


@pytest.mark.parametrize("role", VIEWERS)
@pytest.mark.parametrize("door", LIST_DOORS, ids=str)
def test_no_list_shows_a_practice_case(setting: Setting, door: str, role: str) -> None:
    text = LIST_DOORS[door](setting, role)
    assert [m for m in setting.practice.markers if m in text] == []


# --- Statistics: the same with the practice as without ---------------------------------------


@pytest.mark.parametrize(
    "figure", ["figures", "rollup", "dashboard_key_figures", "dashboard_figures", "national"]
)
def test_no_statistic_counts_a_practice_case(setting: Setting, figure: str) -> None:
    assert _statistics(setting.world)[figure] == setting.statistics_before[figure]


def test_the_practice_did_give_the_figures_something_to_count(setting: Setting) -> None:
    """Had the practice cases been real, the figures would have moved: they are in the
    municipality's units, at several levels, with measures, meetings, a handover and entries
    from everyone (so the test above means something)."""
    cases = Case.all_objects.filter(pk__in=setting.practice.ids)
    assert set(cases.values_list("municipality_id", flat=True)) == {setting.world.municipality.pk}
    assert set(cases.values_list("level", flat=True)) >= {1, 3}
    assert Measure.objects.filter(case__in=cases).exists()
    assert Transition.objects.filter(case__in=cases).exists()
    assert Entry.objects.filter(case__in=cases, audience=Audience.ALL).count() >= len(SCENARIOS)


# --- Exports ----------------------------------------------------------------------------------


def test_archive_packages_none_for_practice(setting: Setting) -> None:
    closed = setting.practice.cases["undring"]
    assert archive_package_produce(case_id=closed.pk) is None
    call_command("archive_produce", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not ArchivePackage.objects.filter(case_id__gte=PRACTICE_ID_FLOOR).exists()


def test_retention_plan_names_no_practice_case(setting: Setting) -> None:
    report = json.dumps(plan_for(setting.world.municipality).report(), ensure_ascii=False)
    assert [m for m in setting.practice.markers if m in report] == []


def _consent(s: Setting) -> dict[str, int]:
    case = s.practice.cases["samtykke-trukket"]
    consent = Consent.objects.filter(case=case).order_by("pk").first()
    assert consent is not None
    return {"case_id": case.pk, "consent_id": consent.pk}


# Doors that open one case and take it out of the case's pages (as a document, a package, an
# API answer, the family's side): a practice case is missing there, to its owner too.
ONE_CASE_DOORS: dict[str, Callable[[Setting], tuple[str, dict[str, int]]]] = {
    "consent export": lambda s: ("consent:consent_export", _consent(s)),
    "transfer to another municipality": lambda s: (
        "transfer:propose",
        {"case_id": s.practice.cases["to-tjenester"].pk},
    ),
    "individual plan": lambda s: (
        "plans:plan_detail",
        {"case_id": s.practice.cases["to-tjenester"].pk},
    ),
    "family copy (access requests)": lambda s: (
        "family:access_requests",
        {"case_id": s.practice.cases["to-tjenester"].pk},
    ),
    "api case": lambda s: ("api:case", {"case_id": s.practice.cases["to-tjenester"].pk}),
    "api measures": lambda s: ("api:measures", {"case_id": s.practice.cases["to-tjenester"].pk}),
    "portal case": lambda s: (
        "portal:case",
        {"case_id": s.practice.cases["to-tjenester"].pk},
    ),
}


@pytest.mark.parametrize("door", ONE_CASE_DOORS, ids=str)
def test_no_export_or_other_door_opens_a_practice_case(setting: Setting, door: str) -> None:
    name, kwargs = ONE_CASE_DOORS[door](setting)
    response = setting.clients["stafettholder"].get(reverse(name, kwargs=kwargs))
    assert response.status_code == 404


def test_no_portal_login_reaches_a_practice_family(setting: Setting) -> None:
    """The family member added with a synthetic number through the practice page is no one's:
    a login with that number links to nothing."""
    assert portal_user_for_pid(setting.practice.member_id) is None


def test_no_real_case_hears_of_a_practice_child(setting: Setting) -> None:
    """The practice worry was tied to the real child's number: the real log is told nothing."""
    notices = setting.world.case.same_child_notices.count()
    assert notices == setting.same_child_notices_before


# --- Notifications ----------------------------------------------------------------------------


def test_no_notification_about_a_practice_case(setting: Setting) -> None:
    """Entries for everyone, meeting invitations with the family, a handover, a withdrawn
    consent, the baton handed on: none of it queued an e-mail."""
    now = list(Notification.objects.order_by("id").values_list("id", flat=True))
    assert now == setting.notifications_before
    assert not Notification.objects.filter(case_id__gte=PRACTICE_ID_FLOOR).exists()


def test_practice_families_are_never_portal_users(setting: Setting) -> None:
    for case in setting.practice.cases.values():
        if case.subject is not None:
            assert not case.subject.guardians.exclude(user=None).exists()
            assert case.subject.user_id is None
    for role in VIEWERS:
        assert family_cases(setting.world.users[role]) == []


# --- The access log ---------------------------------------------------------------------------


def test_the_access_log_of_real_cases_is_unchanged_by_practice(setting: Setting) -> None:
    assert _audit() == setting.audit_before
    assert not AuditEvent.objects.filter(case_id__gte=PRACTICE_ID_FLOOR).exists()
