"""The case page and "my cases" cost the same number of queries at 10 and at 500 rows."""

import datetime
import functools
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import (
    Arena,
    Audience,
    EntryKind,
    LegalBasis,
    MeasureStatus,
    Outcome,
    ParticipantRole,
)
from laget.cases.models import (
    Case,
    Entry,
    Measure,
    MeasureEvaluation,
    Meeting,
    MeetingAttendee,
    Participant,
)
from laget.cases.selectors import LOG_PAGE, case_page, my_cases
from laget.cases.services.lifecycle import case_identify, case_open
from laget.orgs.actors import actor_for
from laget.testing.consents import given_consent
from laget.testing.queries import statements
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def _grow_case(case: Case, holder: Participant, n: int) -> None:
    """Add n entries, n measures and n/10 meetings with attendees straight into the tables."""
    today = timezone.localdate()
    user = holder.user
    assert user is not None
    Entry.objects.bulk_create(
        Entry(
            case=case,
            kind=EntryKind.NOTE,
            text=f"Notat {i}",
            audience=Audience.ALL,
            author=user,
            author_unit=holder.unit,
        )
        for i in range(n)
    )
    measures = Measure.objects.bulk_create(
        Measure(
            case=case,
            title=f"Tiltak {i}",
            goal="Mål",
            arena=Arena.HOME,
            responsible=holder,
            start_date=today - datetime.timedelta(days=30),
            evaluation_date=today + datetime.timedelta(days=i % 40 - 20),
            created_by=user,
        )
        for i in range(n)
    )
    # Two evaluations of each measure: the page shows the whole history.
    MeasureEvaluation.objects.bulk_create(
        MeasureEvaluation(
            measure=m,
            evaluated_on=today - datetime.timedelta(days=days),
            due_on=today - datetime.timedelta(days=days),
            outcome=Outcome.PARTLY,
            text="Evaluert",
            status=MeasureStatus.ACTIVE,
            next_evaluation_on=m.evaluation_date,
            author=user,
            author_unit=holder.unit,
        )
        for m in measures
        for days in (25, 21)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            case=case,
            starts_at=timezone.now() + datetime.timedelta(days=i),
            place="Rom 1",
            created_by=user,
        )
        for i in range(max(1, n // 10))
    )
    MeetingAttendee.objects.bulk_create(
        MeetingAttendee(meeting=m, participant=holder) for m in meetings
    )


def _open_cases(world: World, user: User, n: int) -> None:
    """n level-1 cases held by `user`, each with a few measures and a meeting, in bulk."""
    unit = world.units["kindergarten"]
    cases = Case.objects.bulk_create(
        Case(municipality=world.municipality, unit=unit, label=f"Sak {i}", level=1, opened_by=user)
        for i in range(n)
    )
    holders = Participant.objects.bulk_create(
        Participant(
            case=c,
            unit=unit,
            user=user,
            role=ParticipantRole.STAFETTHOLDER,
            legal_basis=LegalBasis.STATUTE,
            basis_ref="Egen tjeneste",
            statute_key="egen-tjeneste",
            added_by=user,
        )
        for c in cases
    )
    for case, holder in zip(cases, holders, strict=True):
        _grow_case(case, holder, 3)


def _count(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_case_page_selector_queries_do_not_grow(world: World) -> None:
    holder_user = world.users["stafettholder"]
    counts = []
    for size in (10, 500):
        case = case_open(
            actor=actor_for(holder_user, Via.SYSTEM),
            user=holder_user,
            unit_id=world.units["kindergarten"].pk,
            label=f"Stor sak {size}",
            level=1,
        )
        holder = case.participants.get(role=ParticipantRole.STAFETTHOLDER)
        _grow_case(case, holder, size)
        access = case_for(holder_user, case.pk, audit=False)
        counts.append(_count(functools.partial(case_page, access)))
    # which kinds of rows the case has none of (cases.empty_relations), measures + their
    # evaluations, meetings + attendees, entries, level changes; no handovers or transitions
    # here, so no query for them (the participants come with the access, read by case_for)
    assert counts == [7, 7]


def test_the_case_page_shows_the_newest_entries_and_links_to_the_whole_log(
    world: World, client_for: Callable[[str], Client]
) -> None:
    holder_user = world.users["stafettholder"]
    case = case_open(
        actor=actor_for(holder_user, Via.SYSTEM),
        user=holder_user,
        unit_id=world.units["kindergarten"].pk,
        label="Lang logg",
        level=1,
    )
    holder = case.participants.get(role=ParticipantRole.STAFETTHOLDER)
    _grow_case(case, holder, LOG_PAGE + 10)
    total = case.entries.count()
    client = client_for("stafettholder")
    url = reverse("cases:case_detail", args=[case.pk])
    page = client.get(url).context["page"]
    assert len(page.entries) == LOG_PAGE
    assert page.entry_total == total
    assert page.entries[0].created_at >= page.entries[-1].created_at
    assert f"Vis hele loggen ({total} loggføringer)" in client.get(url).content.decode()
    assert len(client.get(url, {"logg": "alle"}).context["page"].entries) == total
    api = client.get(reverse("api:case", args=[case.pk])).json()
    assert (len(api["entries"]), api["entries_total"]) == (LOG_PAGE, total)


def _page_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return statements(ctx)


def test_case_page_view_queries_same_at_10_and_500(
    world: World, client_for: Callable[[str], Client]
) -> None:
    holder_user = world.users["stafettholder"]
    counts = []
    for size in (10, 500):
        case = case_open(
            actor=actor_for(holder_user, Via.SYSTEM),
            user=holder_user,
            unit_id=world.units["kindergarten"].pk,
            label=f"Sak {size}",
            level=1,
        )
        holder = case.participants.get(role=ParticipantRole.STAFETTHOLDER)
        actor = actor_for(holder_user, Via.SYSTEM)
        access = case_for(holder_user, case.pk, need=Need.COORDINATE, audit=False)
        case_identify(actor=actor, access=access, given_name="Ola", family_name="Vik")
        consent = given_consent(case, [world.units["health_clinic"]], by=holder_user)
        Participant.objects.create(
            case=case,
            unit=world.units["health_clinic"],
            user=world.users["participant"],
            legal_basis=LegalBasis.CONSENT,
            basis_ref=consent.reference,
            consent=consent,
            added_by=holder_user,
        )
        _grow_case(case, holder, size)
        client = client_for("stafettholder")
        counts.append(_page_queries(client, reverse("cases:case_detail", args=[case.pk])))
    assert counts[0] == counts[1]


def test_my_cases_queries_same_at_10_and_500_cases(
    world: World, client_for: Callable[[str], Client]
) -> None:
    user = world.users["same_unit"]  # takes part in no case of the world yet
    counts = []
    for n in (10, 490):
        _open_cases(world, user, n)
        assert my_cases(user).count() >= n
        counts.append(_page_queries(client_for("same_unit"), reverse("cases:my_cases")))
    assert counts[0] == counts[1]
