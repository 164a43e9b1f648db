"""The practice area: scenarios started in the user's own unit, the real pages marked as
practice, only the owner reading a practice case, synthetic national ids only, and the reset."""

import datetime
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import IntegrityError, connection, models, transaction
from django.http import Http404
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import AuditAction, AuditEvent, Via
from laget.audit.services import audit_record
from laget.cases.access import case_for
from laget.cases.choices import ParticipantRole
from laget.cases.models import Case
from laget.cases.services.lifecycle import case_open
from laget.consent.models import ConsentState
from laget.lib.practice import PRACTICE_ID_FLOOR, practice_scope
from laget.notify.models import Kind, RecipientRole
from laget.notify.services import Recipient, queue
from laget.orgs.actors import actor_for
from laget.people.models import Guardian, Subject
from laget.people.national_id import MSG_PRACTICE_REAL_ID
from laget.practice.models import ScenarioRun
from laget.practice.scenarios import SCENARIOS, SCENARIOS_BY_KEY
from laget.practice.services import MSG_UNKNOWN_SCENARIO, OWNED, practice_reset, practice_start
from laget.practice.testing import national_id, work_the_practice_area
from laget.testing.world import World

pytestmark = pytest.mark.django_db

BANNER = 'class="practice-banner"'
MARKED = 'class="practice"'


@pytest.fixture
def owner(world: World) -> Any:
    return world.users["stafettholder"]


@pytest.fixture
def client(owner: Any) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.mark.parametrize("key", [s.key for s in SCENARIOS])
def test_a_scenario_starts_a_practice_case_in_the_users_unit(
    world: World, owner: Any, key: str
) -> None:
    case = practice_start(user=owner, scenario_key=key)
    scenario = SCENARIOS_BY_KEY[key]
    assert case.pk >= PRACTICE_ID_FLOOR
    assert case.is_practice and case.practice_owner_id == owner.pk
    assert case.unit == world.units["kindergarten"]
    assert case.level == scenario.level
    assert ScenarioRun.objects.get(case=case).scenario == key
    mine = case.participants.get(user=owner)
    expected = ParticipantRole.STAFETTHOLDER if scenario.level >= 1 else ParticipantRole.PARTICIPANT
    assert mine.role == expected
    if scenario.child is not None:
        assert case.subject is not None
        assert case.subject.national_id == ""
        assert not case.subject.guardians.exclude(national_id="").exists()
        assert not case.subject.guardians.exclude(email="").exists()
    if scenario.other_service:
        others = case.participants.filter(user=None, left_at=None).exclude(unit=case.unit)
        assert others.count() == 1
        assert case.consents.get().state == ConsentState.GIVEN
    assert not Case.objects.filter(pk=case.pk).exists()  # the default manager: real cases only


def test_the_level_2_scenario_has_two_services_with_a_measure_each(owner: Any) -> None:
    case = practice_start(user=owner, scenario_key="to-tjenester")
    assert case.level == 2
    units = {m.responsible.unit_id for m in case.measures.select_related("responsible")}
    assert len(units) == 2
    assert case.meetings.count() == 1


def test_an_unknown_scenario_is_refused(owner: Any) -> None:
    with pytest.raises(Exception) as refused:
        practice_start(user=owner, scenario_key="finnes-ikke")
    assert str(MSG_UNKNOWN_SCENARIO) in str(refused.value)


def test_practice_pages_are_marked_and_real_pages_are_not(
    world: World, owner: Any, client: Client
) -> None:
    case = practice_start(user=owner, scenario_key="to-tjenester")
    for url in (
        reverse("practice:area"),
        reverse("cases:case_detail", kwargs={"case_id": case.pk}),
        reverse("cases:entry_create", kwargs={"case_id": case.pk}),
    ):
        page = client.get(url).content.decode()
        assert BANNER in page and MARKED in page, url
    real = client.get(reverse("cases:case_detail", kwargs={"case_id": world.case.pk}))
    assert BANNER not in real.content.decode()
    assert MARKED not in client.get(reverse("cases:my_cases")).content.decode()


# The real pages a practice case is worked on, each opened by its owner (GET, with only the
# case in the URL): 200 and marked.
CASE_PAGES = (
    "cases:case_detail",
    "cases:case_change_level",
    "cases:case_close",
    "cases:participant_add",
    "cases:transition_create",
    "cases:entry_create",
    "cases:measure_create",
    "cases:meeting_create",
    "cases:guardian_add",
    "cases:baton_hand_over",
    "cases:tool_pick",
    "consent:consent_request",
)


@pytest.mark.parametrize("name", CASE_PAGES)
def test_the_owner_works_a_practice_case_on_the_real_pages(
    owner: Any, client: Client, name: str
) -> None:
    case = practice_start(user=owner, scenario_key="to-tjenester")
    response = client.get(reverse(name, kwargs={"case_id": case.pk}))
    assert response.status_code == 200
    assert BANNER in response.content.decode()


@pytest.mark.parametrize(
    "role", ["same_unit", "unit_leader", "participant", "other_unit", "coordinator", "admin"]
)
def test_nobody_but_the_owner_opens_a_practice_case(world: World, owner: Any, role: str) -> None:
    case = practice_start(user=owner, scenario_key="samtykke-trukket")
    client = Client()
    client.force_login(world.users[role])
    for name in ("cases:case_detail", "cases:entry_create"):
        assert client.get(reverse(name, kwargs={"case_id": case.pk})).status_code == 404


def test_a_practice_case_opens_only_inside_the_practice_scope(owner: Any) -> None:
    case = practice_start(user=owner, scenario_key="undring")
    with pytest.raises(Http404):
        case_for(owner, case.pk)
    with practice_scope():
        assert case_for(owner, case.pk).case.pk == case.pk


def test_a_practice_case_is_opened_only_in_the_practice_scope(world: World, owner: Any) -> None:
    actor = actor_for(owner, Via.WEB)
    unit = world.units["kindergarten"].pk
    with pytest.raises(PermissionDenied):
        case_open(actor=actor, user=owner, unit_id=unit, label="Øvelse", practice=True)


def test_the_database_keeps_practice_cases_in_their_own_range(world: World, owner: Any) -> None:
    case = Case.objects.first()
    assert case is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.all_objects.filter(pk=case.pk).update(is_practice=True, practice_owner=owner)


@override_settings(LAGET_SYNTHETIC_IDS=False)
def test_a_practice_family_takes_synthetic_numbers_only(owner: Any, client: Client) -> None:
    """Even where synthetic numbers are refused (production), practice takes them, and never a
    number from the real series."""
    case = practice_start(user=owner, scenario_key="overgang-skole")
    url = reverse("cases:guardian_add", kwargs={"case_id": case.pk})
    born = datetime.date(1990, 2, 11)
    form = {"name": "Per Solberg", "relation": "far", "role": "guardian", "protected_address": ""}
    real = client.post(url, {**form, "national_id": national_id(born, synthetic=False)})
    assert real.status_code == 200
    assert str(MSG_PRACTICE_REAL_ID) in real.content.decode()
    synthetic = client.post(url, {**form, "national_id": national_id(born, synthetic=True)})
    assert synthetic.status_code == 302
    assert case.subject is not None
    assert [g.name for g in case.subject.guardians.all()].count("Per Solberg") == 1


def test_outside_practice_the_synthetic_setting_still_decides(world: World) -> None:
    from laget.people.national_id import MSG_SYNTHETIC, parse_national_id

    number = national_id(datetime.date(1990, 2, 11), synthetic=True)
    with override_settings(LAGET_SYNTHETIC_IDS=False), pytest.raises(Exception) as refused:
        parse_national_id(number)
    assert str(MSG_SYNTHETIC) in str(refused.value)


def test_reset_removes_the_users_practice_and_nothing_else(
    world: World, owner: Any, client: Client
) -> None:
    real = (
        set(Case.objects.values_list("pk", flat=True)),
        Guardian.objects.count(),
        Subject.objects.count(),
    )
    colleague = practice_start(user=world.users["same_unit"], scenario_key="undring")
    work_the_practice_area(owner, client)
    assert Case.all_objects.filter(practice_owner=owner).count() == len(SCENARIOS)
    response = client.post(reverse("practice:reset"))
    assert response.status_code == 302
    assert not Case.all_objects.filter(practice_owner=owner).exists()
    assert not ScenarioRun.objects.filter(owner=owner).exists()
    assert Case.all_objects.filter(pk=colleague.pk).exists()
    assert (
        set(Case.objects.values_list("pk", flat=True)),
        Guardian.objects.count(),
        Subject.objects.count(),
    ) == real
    # Started again from the beginning.
    assert client.post(reverse("practice:start"), {"scenario": "undring"}).status_code == 302


def test_reset_of_an_empty_area_does_nothing(owner: Any) -> None:
    assert practice_reset(user=owner) == 0


def test_the_access_log_and_the_outbox_refuse_a_practice_id(world: World, owner: Any) -> None:
    """The two doors that hold only an id decide by it (laget/lib/practice.py)."""
    practice_id = PRACTICE_ID_FLOOR + 123
    before = AuditEvent.objects.count()
    event = audit_record(
        actor=actor_for(owner, Via.WEB),
        action=AuditAction.READ,
        object_type="case",
        object_id=practice_id,
        case_id=practice_id,
    )
    assert event.pk is None
    assert AuditEvent.objects.count() == before
    queued = queue(
        event="practice:1",
        kind=Kind.CASE_NOTICE,
        case_id=practice_id,
        recipients=[Recipient("kari@example.org", RecipientRole.STAFF)],
    )
    assert queued == []


def test_the_practice_area_lists_the_users_cases_with_their_scenario(
    world: World, owner: Any, client: Client
) -> None:
    case = practice_start(user=owner, scenario_key="overgang-skole")
    other = practice_start(user=world.users["same_unit"], scenario_key="samtykke-trukket")
    page = client.get(reverse("practice:area")).content.decode()
    assert reverse("cases:case_detail", kwargs={"case_id": case.pk}) in page
    assert str(SCENARIOS_BY_KEY["overgang-skole"].practise[0]) in page
    assert str(other.pk) not in page


def test_reset_knows_every_kind_of_row_a_case_owns() -> None:
    """A new table that points at a case must be named in OWNED, or a reset of a practice
    case that has such a row would stop on it."""
    owned = {model for model, _path in OWNED}
    pointing = {
        model
        for model in apps.get_models()
        for f in model._meta.fields
        if isinstance(f, models.ForeignKey)
        and f.related_model is Case
        and f.remote_field.on_delete is not models.SET_NULL
    }
    assert pointing - owned == set()


def test_the_practice_area_reads_the_same_number_of_queries_for_one_case_or_four(
    owner: Any, client: Client
) -> None:
    url = reverse("practice:area")
    practice_start(user=owner, scenario_key="undring")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for key in ("to-tjenester", "overgang-skole", "samtykke-trukket"):
        practice_start(user=owner, scenario_key=key)
    with CaptureQueriesContext(connection) as four:
        assert client.get(url).status_code == 200
    assert len(four) == len(one)


def test_the_nightly_clean_up_removes_old_practice_and_that_of_users_who_left(
    world: World, owner: Any, client: Client, settings: Any
) -> None:
    settings.LAGET_PRACTICE_KEEP_DAYS = 90
    colleague = world.users["same_unit"]
    old = practice_start(user=owner, scenario_key="undring")
    fresh = practice_start(user=owner, scenario_key="to-tjenester")
    left = practice_start(user=colleague, scenario_key="undring")
    Case.all_objects.filter(pk=old.pk).update(
        opened_at=timezone.now() - datetime.timedelta(days=91)
    )
    type(colleague).objects.filter(pk=colleague.pk).update(is_active=False)
    real = set(Case.objects.values_list("pk", flat=True))

    out = StringIO()
    call_command("practice_clean", stdout=out)

    assert out.getvalue().strip() == "2 practice case(s) removed."
    assert set(Case.all_objects.filter(is_practice=True).values_list("pk", flat=True)) == {fresh.pk}
    assert not Case.all_objects.filter(pk__in=[old.pk, left.pk]).exists()
    assert set(Case.objects.values_list("pk", flat=True)) == real
    # The area says when practice goes.
    assert (
        "90 dager etter at du startet dem" in client.get(reverse("practice:area")).content.decode()
    )


def test_the_nightly_consent_jobs_leave_practice_consents_alone(world: World, owner: Any) -> None:
    """A practice case's consents are worked by their owner in the practice scope; the jobs
    that expire consents and remind of their end pass them by."""
    from laget.consent.models import Consent
    from laget.consent.selectors import consents_expiring_on
    from laget.consent.services import consents_expire

    case = practice_start(user=owner, scenario_key="samtykke-trukket")
    given = Consent.objects.filter(case=case, state=ConsentState.GIVEN)
    assert given.exists()
    day = timezone.localdate() + datetime.timedelta(days=30)
    given.update(expires_on=day)
    assert not consents_expiring_on(day).filter(case=case).exists()
    consents_expire(actor=actor_for(owner, Via.SYSTEM), today=day + datetime.timedelta(days=1))
    assert not Consent.objects.filter(case=case, state=ConsentState.EXPIRED).exists()
    assert given.exists()
