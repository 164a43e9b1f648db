"""Following the change feed, end to end against the counterpart: only children with open logs
and their families are looked up; a death ends access on its date; a D-number replaced keeps
the child and the log; protection at once; a move offered as a transfer; a restart resumes and
applies nothing twice; 429 and 5xx are retried and never leave an event half-applied."""

import dataclasses
import datetime
from io import StringIO

import httpx
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from laget.audit.models import AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind
from laget.cases.models import Case
from laget.cases.register_feed import apply_event, follow
from laget.cases.services.entries import entry_create
from laget.cases.services.lifecycle import case_close, case_open
from laget.cases.services.register import case_identify_from_register, register_proposal
from laget.family.access import member_view
from laget.folkeregister.client import RegisterClient, RegisterConfig
from laget.folkeregister.connect import job_client, page_client
from laget.folkeregister.counterpart.population import build_world
from laget.folkeregister.errors import RegisterUnavailable
from laget.folkeregister.models import AppliedEvent, FeedPosition, NoticeKind, RegisterNotice
from laget.folkeregister.tests.conftest import Counterpart
from laget.lib.practice import practice_scope
from laget.notify.content import content_for
from laget.notify.models import Kind, Notification
from laget.orgs.actors import actor_for
from laget.people.models import Guardian, ProtectedAddress, Subject
from laget.testing.world import World

pytestmark = pytest.mark.django_db

BEFORE = build_world(0).people
AFTER = build_world().people
DEATH_DAY = datetime.date(2026, 11, 2)


@pytest.fixture
def feed(register_settings: Counterpart) -> Counterpart:
    """The register before its scripted changes, and Laget following from the start."""
    register_settings.post("advance", steps=-7)
    FeedPosition.objects.create(last_sequence=0)
    return register_settings


def identify(world: World, child: str, *, practice: bool = False) -> Case:
    """A case for the child, identified through the register with every member proposed."""
    holder = world.users["stafettholder"]
    actor = actor_for(holder)
    with practice_scope(practice):
        case = case_open(
            actor=actor,
            user=holder,
            unit_id=world.units["kindergarten"].pk,
            label="Undring",
            level=1,
            reason="Uro",
            practice=practice,
        )
        access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    with page_client() as register:
        national_id = BEFORE[child].id
        if practice:
            from laget.cases.services.lifecycle import case_identify

            with practice_scope():
                case_identify(
                    actor=actor,
                    access=access,
                    given_name="Øve",
                    family_name="Barn",
                    national_id=national_id,
                )
            return Case.all_objects.get(pk=case.pk)
        proposal = register_proposal(
            actor=actor, access=access, national_id=national_id, register=register
        )
        case_identify_from_register(
            actor=actor,
            access=access,
            national_id=national_id,
            chosen={m.key for m in proposal.members},
            register=register,
        )
    return Case.objects.get(pk=case.pk)


def member(case: Case, key: str) -> Guardian:
    assert case.subject is not None
    return case.subject.guardians.with_national_id(BEFORE[key].id).get()


class Lookups:
    """Counts the client's person lookups (the feed's own calls are not lookups)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, response: httpx.Response) -> None:
        if "/v1/personer" in response.request.url.path:
            self.count += 1


def counting_client(lookups: Lookups, **changes: object) -> RegisterClient:
    config = dataclasses.replace(RegisterConfig.from_settings(), **changes)  # type: ignore[arg-type]
    return RegisterClient(config, event_hooks={"response": [lookups]})


def test_a_guardians_death_ends_their_access_on_the_date(world: World, feed: Counterpart) -> None:
    case = identify(world, "mathilde")
    feed.post("advance", steps=7)
    with job_client() as register:
        result = follow(register)
    assert result.last_sequence == 7
    kari, jon = member(case, "saether-mor"), member(case, "vestli-far")
    assert kari.access_ends_on == DEATH_DAY
    assert jon.access_ends_on is None
    assert member_view(case, guardian=kari, today=DEATH_DAY - datetime.timedelta(days=1)).reads
    assert not member_view(case, guardian=kari, today=DEATH_DAY).reads
    assert member_view(case, guardian=jon, today=DEATH_DAY).reads
    # The stafettholder is told: a notice on the case page, an e-mail naming nothing.
    kinds = set(RegisterNotice.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == {NoticeKind.DEATH, NoticeKind.RESPONSIBILITY}
    client = Client()
    client.force_login(world.users["stafettholder"])
    page = client.get(reverse("cases:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert "er død ifølge Folkeregisteret" in page
    mails = Notification.objects.filter(case_id=case.pk, kind=Kind.CASE_NOTICE)
    assert mails.exists()
    for notification in mails:
        content = content_for(notification)
        text = f"{content.subject} {content.body}"
        for secret in ("Kari", "Sæther", "Mathilde", BEFORE["saether-mor"].id, "død"):
            assert secret not in text
    # In the access log, by the system: the lookups and the changes.
    rows = AuditEvent.objects.filter(case_id=case.pk, via=Via.SYSTEM, actor__isnull=True)
    assert rows.filter(object_type="register_lookup").count() == 2  # death, responsibility
    assert rows.filter(object_type="register_change").count() == 2
    assert rows.filter(object_type="guardian").exists()


def test_a_replaced_d_number_keeps_the_child_and_the_log(world: World, feed: Counterpart) -> None:
    case = identify(world, "amir")
    subject_id = case.subject_id
    holder = world.users["stafettholder"]
    entry_create(
        actor=actor_for(holder),
        access=case_for(holder, case.pk, need=Need.WRITE, audit=False),
        kind=EntryKind.NOTE,
        text="Samtale med mor.",
        audience=Audience.ALL,
    )
    feed.post("advance", steps=1)
    with job_client() as register:
        follow(register)
    case.refresh_from_db()
    assert case.subject_id == subject_id
    assert case.subject is not None
    assert case.subject.national_id == AFTER["amir"].id != BEFORE["amir"].id
    assert list(Subject.objects.with_national_id(AFTER["amir"].id)) == [case.subject]
    assert case.entries.count() >= 1
    assert RegisterNotice.objects.get(case=case).kind == NoticeKind.NEW_ID


def test_a_new_protection_takes_effect_at_once(world: World, feed: Counterpart) -> None:
    case = identify(world, "sindre")
    feed.post("advance", steps=3)
    with job_client() as register:
        follow(register)
    case.refresh_from_db()
    assert case.subject is not None
    assert case.subject.protected_address == ProtectedAddress.CONFIDENTIAL
    assert member(case, "aune-mor").protected_address == ProtectedAddress.CONFIDENTIAL
    petter = member(case, "lyng-far")
    assert petter.protected_address == ""
    assert member_view(case, guardian=petter).protected


def test_a_move_to_another_municipality_offers_the_transfer(
    world: World, feed: Counterpart
) -> None:
    case = identify(world, "niillas")
    feed.post("advance", steps=7)
    with job_client() as register:
        follow(register)
    notice = RegisterNotice.objects.get(case=case)
    assert notice.kind == NoticeKind.MOVED
    client = Client()
    client.force_login(world.users["stafettholder"])
    page = client.get(reverse("cases:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert reverse("transfer:propose", kwargs={"case_id": case.pk}) in page
    # Seen: the notice goes.
    url = reverse(
        "cases:register_notice_handle", kwargs={"case_id": case.pk, "notice_id": notice.pk}
    )
    assert client.post(url).status_code == 302
    notice.refresh_from_db()
    assert notice.handled_at is not None


def test_the_job_resumes_after_a_restart_and_applies_nothing_twice(
    world: World, feed: Counterpart
) -> None:
    case = identify(world, "mathilde")
    feed.post("advance", steps=7)
    with job_client() as register:
        events = register.feed(1)
        for event in events[:4]:  # then the job stops (a restart)
            apply_event(register, event)
    assert FeedPosition.objects.get().last_sequence == 4
    assert list(AppliedEvent.objects.values_list("sequence", flat=True)) == [4]
    lookups = Lookups()
    with counting_client(lookups) as register:
        result = follow(register)
        assert (result.read, result.last_sequence) == (3, 7)
        assert lookups.count == 1  # Mathilde's responsibility; the rest is not followed
        # The same events again: nothing read twice is applied twice.
        for event in events:
            assert apply_event(register, event) is False
        assert follow(register).read == 0
    assert list(AppliedEvent.objects.values_list("sequence", flat=True)) == [4, 5]
    assert RegisterNotice.objects.filter(case=case).count() == 2
    assert member(case, "saether-mor").access_ends_on == DEATH_DAY


@pytest.mark.parametrize("status", [429, 503])
def test_429_and_5xx_are_retried_and_never_half_applied(
    world: World, feed: Counterpart, status: int
) -> None:
    case = identify(world, "mathilde")
    feed.post("advance", steps=7)
    armed: list[bool] = []

    def fail_after_the_feed(response: httpx.Response) -> None:
        if response.request.url.path.endswith("/hendelser/feed") and not armed:
            armed.append(True)
            feed.fail(status, 10)  # every lookup after the first page fails

    config = dataclasses.replace(RegisterConfig.from_settings(), max_attempts=3)
    hooks = {"response": [fail_after_the_feed]}
    with RegisterClient(config, event_hooks=hooks) as register, pytest.raises(RegisterUnavailable):
        follow(register)
    # Events 1–3 are not Mathilde's family: passed by; the death (4) is not half-applied.
    assert FeedPosition.objects.get().last_sequence == 3
    assert not AppliedEvent.objects.exists()
    assert member(case, "saether-mor").access_ends_on is None
    assert not RegisterNotice.objects.filter(case=case).exists()
    # The register answers again after two refusals: the client retries, the job goes on.
    feed.post("reset")  # back to the start: every change made, no failures left
    feed.fail(status, 2)
    before = feed.stats()["api_requests"]
    with job_client() as register:
        result = follow(register)
    assert result.last_sequence == 7
    assert feed.stats()["api_requests"] - before >= 2 + 3  # two refused, then feed + lookups
    assert member(case, "saether-mor").access_ends_on == DEATH_DAY
    assert list(AppliedEvent.objects.values_list("sequence", flat=True)) == [4, 5]


def test_only_children_with_open_logs_and_their_families_are_looked_up(
    world: World, feed: Counterpart
) -> None:
    closed = identify(world, "mathilde")
    holder = world.users["stafettholder"]
    case_close(
        actor=actor_for(holder),
        access=case_for(holder, closed.pk, need=Need.COORDINATE, audit=False),
        reason="Ferdig",
    )
    practice = identify(world, "amir", practice=True)
    identify(world, "ylva")  # open, but the feed has nothing about her family
    feed.post("advance", steps=7)
    lookups = Lookups()
    with counting_client(lookups) as register:
        result = follow(register)
    assert (result.read, result.applied, lookups.count) == (7, 0, 0)
    assert not AppliedEvent.objects.exists()
    assert member(Case.all_objects.get(pk=closed.pk), "saether-mor").access_ends_on is None
    practice_subject = Case.all_objects.get(pk=practice.pk).subject
    assert practice_subject is not None
    assert practice_subject.national_id == BEFORE["amir"].id
    assert not RegisterNotice.objects.exists()


def test_the_first_run_starts_at_the_registers_newest(
    world: World, register_settings: Counterpart
) -> None:
    with job_client() as register:
        result = follow(register)
    assert (result.read, result.last_sequence) == (0, 7)
    assert FeedPosition.objects.get().last_sequence == 7


def test_an_event_nobody_follows_costs_four_queries_and_no_lookup(
    world: World, feed: Counterpart, django_assert_num_queries: object
) -> None:
    identify(world, "ylva")
    feed.post("advance", steps=7)
    lookups = Lookups()
    with counting_client(lookups) as register:
        death = next(e for e in register.feed(1) if e.kind == "PERSON_ER_DOED")
        # The children, the members (both by the keyed hash), then the position read and moved
        # in the job's transaction (a savepoint and its release inside the test's).
        with django_assert_num_queries(6):  # type: ignore[operator]
            assert apply_event(register, death) is False
    assert lookups.count == 0


def test_the_command_applies_the_feed_and_stops_cleanly_when_the_register_is_away(
    world: World, feed: Counterpart
) -> None:
    case = identify(world, "mathilde")
    feed.post("advance", steps=7)
    feed.fail(503, 4)  # the job's client tries four times (LAGET_FOLKEREGISTER_MAX_ATTEMPTS)
    with pytest.raises(CommandError, match="unavailable"):
        call_command("folkeregister_follow", stdout=StringIO())
    assert FeedPosition.objects.get().last_sequence == 0
    out = StringIO()
    call_command("folkeregister_follow", stdout=out)
    assert "at sequence 7" in out.getvalue()
    assert member(case, "saether-mor").access_ends_on == DEATH_DAY
