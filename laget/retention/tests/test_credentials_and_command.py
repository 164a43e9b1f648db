"""The installation's sessions and API tokens, and the command that runs it all."""

import datetime
import io

import pytest
from django.contrib.sessions.backends.base import SessionBase
from django.core.management import call_command
from django.core.management.base import CommandError
from knox.models import AuthToken

from laget.accounts.models import UserSession
from laget.audit.periods import months_before
from laget.retention.models import DeletionRecord, RetentionRun, RunStatus
from laget.retention.run import credentials_run
from laget.retention.tasks import retention_nightly
from laget.retention.tests.conftest import Town

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _session(key: str, expires: datetime.datetime) -> UserSession:
    return UserSession.objects.create(
        session_key=key, session_data=SessionBase().encode({}), expire_date=expires
    )


def test_ended_sessions_and_tokens_go_after_their_days(
    town: Town, frozen: datetime.datetime
) -> None:
    user = town.world.users["admin"]
    old = _session("gammel" * 5, frozen - 30 * DAY)
    fresh = _session("fersk" * 6, frozen + DAY)
    old_token, _ = AuthToken.objects.create(user=user, expiry=datetime.timedelta(days=-30))
    new_token, _ = AuthToken.objects.create(user=user)
    dry = credentials_run(dry_run=True, now=frozen)
    assert {i["kind"]: i["count"] for i in dry.items} == {"session": 1, "api_token": 1}
    assert dry.items[0]["ids"] == []  # credentials are counted, never listed
    assert UserSession.objects.filter(pk=old.pk).exists()
    run = credentials_run(dry_run=False, now=frozen)
    assert run.municipality is None and run.status == RunStatus.DONE
    assert not UserSession.objects.filter(pk=old.pk).exists()
    assert UserSession.objects.filter(pk=fresh.pk).exists()
    assert not AuthToken.objects.filter(pk=old_token.pk).exists()
    assert AuthToken.objects.filter(pk=new_token.pk).exists()
    assert sorted(DeletionRecord.objects.filter(run=run).values_list("kind", "count")) == [
        ("api_token", 1),
        ("session", 1),
    ]


def test_the_command_dry_runs_every_municipality(town: Town, frozen: datetime.datetime) -> None:
    out = io.StringIO()
    call_command("retention_run", "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    number = town.world.municipality.number
    assert any(line.startswith(f"{number}: dry run done: ") and "case 2" in line for line in lines)
    assert lines[-1].startswith("installation: dry run done")
    assert "Ola" not in out.getvalue()
    assert not DeletionRecord.objects.exists()


def test_the_command_waits_for_approval_and_names_the_municipality(
    town: Town, frozen: datetime.datetime
) -> None:
    out = io.StringIO()
    call_command("retention_run", "--municipality", town.world.municipality.number, stdout=out)
    assert out.getvalue().startswith(f"{town.world.municipality.number}: run waiting")
    run = RetentionRun.objects.get()
    assert run.status == RunStatus.WAITING and not run.dry_run
    with pytest.raises(CommandError):
        call_command("retention_run", "--municipality", "0000", stdout=out)


def test_the_nightly_task_runs_every_municipality_then_the_installation(
    town: Town, frozen: datetime.datetime
) -> None:
    result = retention_nightly.call()
    # No dry run approved yet: the municipality waits; sessions and tokens need no approval.
    assert result.split(", ") == [f"{town.world.municipality.pk}:waiting", "-:done"]


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 3, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2026, 1, 15), 13, datetime.date(2024, 12, 15)),
        (datetime.date(2026, 5, 5), 0, datetime.date(2026, 5, 5)),
    ],
)
def test_periods_are_calendar_months(
    moment: datetime.date, months: int, expected: datetime.date
) -> None:
    assert months_before(moment, months) == expected
