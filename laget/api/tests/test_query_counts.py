"""The API's case page, list endpoints and "my cases" cost the same number of queries whatever
the number of entries, measures, meetings or cases."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laget.api.tests.conftest import OwnCase
from laget.api.tests.helpers import ClientFor, url
from laget.cases.choices import Arena, Audience, EntryKind, LegalBasis, ParticipantRole
from laget.cases.models import Case, Entry, Measure, Meeting, MeetingAttendee, Participant
from laget.testing.queries import statements
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def grow(own_case: OwnCase, n: int) -> None:
    """n more entries, measures and meetings (with attendees), straight into the tables."""
    case, holder = own_case.case, own_case.holder
    user = holder.user
    assert user is not None
    today = timezone.localdate()
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
    Measure.objects.bulk_create(
        Measure(
            case=case,
            title=f"Tiltak {i}",
            goal="Mål",
            arena=Arena.HOME,
            responsible=own_case.member if i % 2 else holder,
            start_date=today,
            evaluation_date=today + datetime.timedelta(days=i),
            created_by=user,
        )
        for i in range(n)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            case=case,
            starts_at=timezone.now() + datetime.timedelta(days=i),
            place="Rom 1",
            created_by=user,
        )
        for i in range(n)
    )
    MeetingAttendee.objects.bulk_create(
        MeetingAttendee(meeting=m, participant=p)
        for m in meetings
        for p in (holder, own_case.member)
    )


def queries(client_for: ClientFor, path: str) -> int:
    client = client_for("stafettholder")
    client.get(path)  # warm up the session and the user
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return statements(captured)


@pytest.mark.parametrize(
    "name", ["case", "measures", "entries", "meetings", "participants", "transitions"]
)
def test_case_reads_do_not_grow_with_the_case(
    own_case: OwnCase, client_for: ClientFor, name: str
) -> None:
    path = url(name, case_id=own_case.case.pk)
    grow(own_case, 3)
    small = queries(client_for, path)
    grow(own_case, 40)
    assert queries(client_for, path) == small


def test_my_cases_does_not_grow_with_the_number_of_cases(
    world: World, client_for: ClientFor
) -> None:
    holder = world.users["stafettholder"]
    unit = world.units["kindergarten"]

    def open_cases(n: int) -> None:
        cases = Case.objects.bulk_create(
            Case(
                municipality=world.municipality,
                unit=unit,
                label=f"Sak {i}",
                level=1,
                opened_by=holder,
            )
            for i in range(n)
        )
        Participant.objects.bulk_create(
            Participant(
                case=c,
                unit=unit,
                user=holder,
                role=ParticipantRole.STAFETTHOLDER,
                legal_basis=LegalBasis.STATUTE,
                basis_ref="Egen tjeneste",
                statute_key="egen-tjeneste",
                added_by=holder,
            )
            for c in cases
        )

    open_cases(3)
    small = queries(client_for, url("cases"))
    open_cases(40)
    assert queries(client_for, url("cases")) == small
