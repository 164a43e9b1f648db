"""`manage.py seed_demo`: one fictional municipality, written through the services."""

from collections.abc import Iterator
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, override_settings

from laget.accounts.models import User
from laget.audit.models import AuditEvent
from laget.audit.services import audit_chain_broken_at
from laget.cases.access import visible_cases
from laget.cases.choices import Audience, Decision, EntryKind, MeetingKind, Outcome
from laget.cases.models import (
    BatonHandover,
    Case,
    Entry,
    LevelChange,
    Measure,
    MeasureEvaluation,
    Meeting,
    Participant,
    Transition,
)
from laget.cases.selectors import my_cases
from laget.demo import data
from laget.demo.stories import ALL_STORIES
from laget.orgs.models import Membership, Municipality, Role, Unit, UnitKind
from laget.people.models import Guardian, Subject

COUNTED = (
    Municipality,
    Unit,
    User,
    Membership,
    Subject,
    Guardian,
    Case,
    LevelChange,
    Participant,
    BatonHandover,
    Measure,
    Meeting,
    Entry,
    Transition,
    AuditEvent,
)


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: object) -> Iterator[str]:
    """Seed once per module, in a transaction rolled back at the end; yields the output."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            # The neighbours are load-only municipalities; test_monitoring_demo.py covers them.
            with override_settings(LAGET_DEMO=True):
                call_command("seed_demo", "--without-neighbours", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in COUNTED}


def test_one_fictional_municipality(seeded: str, db: None) -> None:
    municipality = Municipality.objects.get()
    assert municipality.name == data.MUNICIPALITY_NAME
    assert municipality.number.startswith("99")


def test_units_of_every_kind(seeded: str, db: None) -> None:
    kinds = set(Unit.objects.values_list("kind", flat=True))
    assert kinds == set(UnitKind.values)
    assert Unit.objects.filter(kind=UnitKind.KINDERGARTEN).count() >= 2
    assert Unit.objects.filter(kind=UnitKind.SCHOOL).count() == 2


def test_staff_of_every_role_and_every_unit_has_people(seeded: str, db: None) -> None:
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for unit in Unit.objects.all():
        roles = set(unit.memberships.values_list("role", flat=True))
        assert roles == {Role.EMPLOYEE, Role.UNIT_LEADER}, unit.name


def test_every_demo_user_logs_in_with_the_shared_password(seeded: str, db: None) -> None:
    for spec in data.ALL_STAFF:
        request = RequestFactory().post("/")  # the lockout (django-axes) needs the request
        assert authenticate(request, username=spec.username, password=data.PASSWORD) is not None


def test_about_thirty_cases_over_all_levels(seeded: str, db: None) -> None:
    # The stories, and the families identified through the population register (demo/register.py).
    assert 25 <= Case.objects.count() <= 45
    assert set(Case.objects.values_list("level", flat=True)) == {0, 1, 2, 3}


def test_level0_worries_deidentified_and_one_past_its_deadline(seeded: str, db: None) -> None:
    assert Case.objects.filter(subject__isnull=True).exclude(label="").exists()
    overdue = [c for c in Case.objects.filter(level=0) if c.level0_overdue]
    assert len(overdue) == 1


def test_one_kindergarten_to_school_transition_with_a_handover_meeting(
    seeded: str, db: None
) -> None:
    transition = Transition.objects.select_related("from_unit", "to_unit", "meeting").get()
    assert transition.from_unit.kind == UnitKind.KINDERGARTEN
    assert transition.to_unit.kind == UnitKind.SCHOOL
    assert transition.meeting.kind == MeetingKind.HANDOVER
    assert transition.meeting.minutes
    assert transition.case.unit_id == transition.to_unit_id
    assert BatonHandover.objects.filter(case=transition.case).exists()


def test_closed_cases_and_a_report_to_child_welfare(seeded: str, db: None) -> None:
    assert 1 <= Case.objects.filter(closed_at__isnull=False).count() <= 2
    reports = LevelChange.objects.filter(decision=Decision.REPORT).select_related("case")
    assert reports.count() >= 2
    for report in reports:
        assert report.case.participants.filter(unit__kind=UnitKind.CHILD_WELFARE).exists()


def test_glimmers_measures_and_meetings(seeded: str, db: None) -> None:
    glimmers = Entry.objects.filter(kind=EntryKind.GLIMMER)
    assert glimmers.count() >= 10
    assert not glimmers.exclude(audience=Audience.ALL).exists()
    outcomes = set(MeasureEvaluation.objects.values_list("outcome", flat=True))
    assert outcomes == set(Outcome.values)
    assert any(m.is_overdue() for m in Measure.objects.all())
    assert Meeting.objects.exclude(minutes="").exists()
    assert Meeting.objects.filter(decided_measures__isnull=False).exists()


def test_the_stafettholder_to_try_first_sees_cases_at_every_level(seeded: str, db: None) -> None:
    ingrid = User.objects.get(username=data.TRY_FIRST[0][0])
    assert {c.level for c in my_cases(ingrid)} == {0, 1, 2, 3}
    admin = User.objects.get(username=data.ADMIN.username)
    assert not visible_cases(admin).exists()


def test_audit_chain_verifies(seeded: str, db: None) -> None:
    assert AuditEvent.objects.exists()
    assert audit_chain_broken_at() is None


def test_output_names_who_to_try_first_and_the_password(seeded: str, db: None) -> None:
    logins = [line for line in seeded.splitlines() if " s  " not in line[:12]]
    first_lines = "\n".join(logins[:7])
    assert data.PASSWORD in first_lines
    assert data.LOGIN_URL in first_lines
    for username, _why in data.TRY_FIRST:
        assert username in first_lines


def test_output_names_a_guardian_for_the_family_portal(seeded: str, db: None) -> None:
    name = data.PORTAL_GUARDIAN[0]
    assert name in seeded and data.PORTAL_DEMO_URL in seeded
    (guardian,) = [
        g for g in Guardian.objects.filter(has_parental_responsibility=True) if g.name == name
    ]
    assert Entry.objects.filter(case__subject=guardian.subject, audience=Audience.ALL).exists()


def test_a_second_run_changes_nothing(seeded: str, db: None) -> None:
    before = counts()
    out = StringIO()
    with override_settings(LAGET_DEMO=True):
        call_command("seed_demo", stdout=out)
    assert counts() == before
    assert out.getvalue().startswith("Demo data already present")
    assert data.PASSWORD in out.getvalue()


def test_the_guide_is_published_with_its_tools_and_the_directory_filled(
    seeded: str, db: None
) -> None:
    from laget.directory.models import Service
    from laget.guide.selectors import published_guide
    from laget.tools.selectors import published_tools

    municipality = Municipality.objects.get()
    version = published_guide(municipality)
    assert version is not None
    assert sorted(lvl.number for lvl in version.levels.all()) == [0, 1, 2, 3]
    slugs = {t.definition.slug for t in published_tools({municipality.pk})}
    assert {
        s for lvl in version.levels.all() for step in lvl.steps.all() for s in step.tool_slugs
    } <= slugs
    assert Service.objects.filter(municipality=municipality, is_active=True).count() >= 10


def test_the_dashboard_shows_the_plan_and_both_survey_rounds(seeded: str, db: None) -> None:
    from laget.monitoring.dashboard import municipal_dashboard

    board = municipal_dashboard(Municipality.objects.get(number=data.MUNICIPALITY_NUMBER))
    slugs = {f.slug for f in board.figures}
    assert {"levels", "survey-rates", "survey-use"} <= slugs
    assert any(slug.startswith("stages-") for slug in slugs)
    assert any("Oppfølging" in s.title for s in board.sections)


def test_each_setup_step_prints_a_progress_line(seeded: str, db: None) -> None:
    steps = [line.split(" s  ", 1)[1] for line in seeded.splitlines() if " s  " in line[:12]]
    assert steps == [
        "the municipality, its units and staff",
        "the action guide, its tools and the service directory",
        f"the case stories ({len(ALL_STORIES)})",
        "families from the population register (its stand-in)",
        "the implementation plan, surveys and indicators",
        "the program registry (TIBIR in the region)",
    ]
