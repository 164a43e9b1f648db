import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.audit.services import Actor, audit_record
from laget.orgs.models import Role
from laget.testing.world import World, add_member, build_world, make_user

OSLO = ZoneInfo("Europe/Oslo")

Read = Callable[..., AuditEvent]


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime.datetime:
    """A moment in March 2025, Oslo time (1 March 2025 was a Saturday)."""
    return datetime.datetime(2025, month, day, hour, minute, tzinfo=OSLO)


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def officer(world: World) -> User:
    user = make_user("pia", "Pia", "Vernes")
    add_member(user, world.municipality, None, Role.PRIVACY_OFFICER)
    return user


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> Read:
    """Writes an access-log row through the service, at a chosen moment."""

    def _read(
        user: User | None,
        case_id: int,
        when: datetime.datetime,
        action: str = AuditAction.READ,
        via: str = Via.WEB,
    ) -> AuditEvent:
        with monkeypatch.context() as m:
            # timezone.now() answers in UTC; the chain's HMAC is made of what it answers.
            m.setattr(timezone, "now", lambda: when.astimezone(datetime.UTC))
            return audit_record(
                actor=Actor(user, via=via, unit_name="Enhet"),
                action=action,
                object_type="case",
                object_id=case_id,
                case_id=case_id,
            )

    return _read
