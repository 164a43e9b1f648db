"""Dates outside what a case could hold are refused on their field, and nothing is saved
(issue 12, reproduction 8: a birth date in 1800, a measure in year 1 and a meeting in 9999 were
accepted)."""

import datetime

import pytest
from django.utils import timezone

from laget.api.tests.conftest import OwnCase
from laget.api.tests.helpers import ClientFor, counts, errors_of, patch, post, url
from laget.cases.models import Measure, Meeting, Transition
from laget.consent.models import Consent
from laget.people.models import Subject
from laget.people.national_id import check_digits
from laget.testing.world import World

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SOON = TODAY + datetime.timedelta(days=14)


def _synthetic_id(date_part: str, individuals: range) -> str:
    nine = next(f"{date_part}{n:03d}" for n in individuals if check_digits(f"{date_part}{n:03d}"))
    return nine + (check_digits(nine) or "")


def _identify(world: World, client_for: ClientFor, body: dict[str, str]) -> tuple[int, object]:
    client = client_for("same_unit")
    created = post(client, url("cases"), {"unit": world.units["kindergarten"].pk, "label": "Barn"})
    before = counts(Subject)
    response = post(client, url("case_identify", case_id=created.json()["id"]), body)
    assert counts(Subject) == before
    return response.status_code, errors_of(response)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"birth_date": "1800-05-17"}, "birth_date"),
        ({"birth_date": (TODAY + datetime.timedelta(days=1)).isoformat()}, "birth_date"),
        ({"kind": "pregnant", "due_date": "2099-01-01"}, "due_date"),
        (
            {"kind": "pregnant", "birth_date": TODAY.replace(year=TODAY.year - 5).isoformat()},
            "birth_date",
        ),
        # A valid synthetic number for 3 August 1990: the birth date it holds is too old.
        ({"national_id": _synthetic_id("038890", range(100, 500))}, "national_id"),
    ],
)
def test_an_implausible_birth_or_due_date_is_named(
    body: dict[str, str], field: str, world: World, client_for: ClientFor
) -> None:
    _, errors = _identify(world, client_for, {"given_name": "Ola", "family_name": "Ny", **body})
    assert set(errors) == {field}, errors
    assert "må ligge mellom" in errors[field][0]


@pytest.mark.parametrize(
    ("kind", "years"), [("child", 25), ("pregnant", 40)], ids=["a child", "expecting"]
)
def test_a_plausible_birth_date_is_accepted(
    kind: str, years: int, world: World, client_for: ClientFor
) -> None:
    client = client_for("same_unit")
    created = post(client, url("cases"), {"unit": world.units["kindergarten"].pk, "label": "Ung"})
    birth = TODAY.replace(year=TODAY.year - years) + datetime.timedelta(days=1)
    body = {"kind": kind, "given_name": "Ola", "family_name": "Ny", "birth_date": birth.isoformat()}
    response = post(client, url("case_identify", case_id=created.json()["id"]), body)
    assert response.status_code == 200, response.content


def _measure(own_case: OwnCase, **dates: str) -> dict[str, object]:
    return {
        "title": "Ny rutine",
        "goal": "Roligere morgener",
        "arena": "home",
        "responsible": own_case.holder.pk,
        "start_date": TODAY.isoformat(),
        "evaluation_date": SOON.isoformat(),
        **dates,
    }


@pytest.mark.parametrize(
    ("dates", "fields"),
    [
        ({"start_date": "0001-01-01"}, {"start_date"}),
        ({"evaluation_date": "9999-12-31"}, {"evaluation_date"}),
        (
            {"start_date": "1900-01-01", "evaluation_date": "2999-01-01"},
            {"start_date", "evaluation_date"},
        ),
    ],
)
def test_a_measure_far_from_today_is_refused(
    dates: dict[str, str], fields: set[str], own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(Measure)
    response = post(
        client_for("stafettholder"),
        url("measures", case_id=own_case.case.pk),
        _measure(own_case, **dates),
    )
    assert set(errors_of(response)) == fields
    assert counts(Measure) == before


def test_moving_a_measure_far_from_today_is_refused_and_leaves_it(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    measure = own_case.measure
    response = patch(
        client_for("stafettholder"),
        url("measure", case_id=own_case.case.pk, measure_id=measure.pk),
        {"version": measure.version, "evaluation_date": "3026-01-01"},
    )
    assert set(errors_of(response)) == {"evaluation_date"}
    measure.refresh_from_db()
    assert measure.evaluation_date == TODAY + datetime.timedelta(days=21)


@pytest.mark.parametrize("starts_at", ["9999-12-31T10:00:00+01:00", "1000-01-01T10:00:00+01:00"])
def test_a_meeting_far_from_today_is_refused(
    starts_at: str, own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(Meeting)
    response = post(
        client_for("stafettholder"),
        url("meetings", case_id=own_case.case.pk),
        {"starts_at": starts_at, "place": "Møterom 2"},
    )
    assert set(errors_of(response)) == {"starts_at"}
    assert counts(Meeting) == before


def test_a_transition_far_from_today_is_refused(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(Transition, Meeting)
    response = post(
        client_for("stafettholder"),
        url("transitions", case_id=own_case.case.pk),
        {
            "to_unit": world.units["school"].pk,
            "date": "2999-08-15",
            "meeting_at": "1999-06-01T10:00:00+02:00",
            "place": "Skolen",
            "legal_basis": "consent",
            "consent": own_case.consent.pk,
        },
    )
    assert set(errors_of(response)) == {"date", "meeting_at"}
    assert counts(Transition, Meeting) == before


@pytest.mark.parametrize(
    ("expires_on", "accepted"),
    [
        (TODAY + datetime.timedelta(days=3 * 365), True),
        (TODAY + datetime.timedelta(days=3 * 365 + 1), False),
        (datetime.date(9999, 1, 1), False),
    ],
)
def test_a_consent_runs_at_most_the_longest_allowed(
    expires_on: datetime.date,
    accepted: bool,
    world: World,
    own_case: OwnCase,
    client_for: ClientFor,
) -> None:
    before = counts(Consent)
    response = post(
        client_for("stafettholder"),
        url("consents", case_id=own_case.case.pk),
        {
            "units": [world.units["school"].pk],
            "purpose": "Samarbeid med skolen",
            "expires_on": expires_on.isoformat(),
        },
    )
    if accepted:
        assert response.status_code == 201, response.content
    else:
        assert set(errors_of(response)) == {"expires_on"}
        assert counts(Consent) == before
