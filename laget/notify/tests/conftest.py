"""A real SMTP server on loopback (aiosmtpd), the worker run once, and a case of our own."""

import datetime
import email
import email.policy
import signal
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import LegalBasis
from laget.cases.models import Case
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_identify, case_open
from laget.cases.services.participants import participant_add
from laget.notify.models import Notification, Status
from laget.orgs.actors import actor_for
from laget.people.models import Guardian
from laget.people.national_id import check_digits
from laget.testing.world import World


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Mailbox:
    """What the server got. `refuse` answers the next that many messages with 451."""

    received: list[Received] = field(default_factory=list)
    refuse: int = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Midlertidig feil, prov igjen senere"
        content = envelope.content
        assert isinstance(content, bytes)
        message = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(
            Received(str(envelope.mail_from), [str(r) for r in envelope.rcpt_tos], message)
        )
        return "250 2.0.0 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [r.message for r in self.received if address in r.rcpt_tos]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def smtp(settings: Any) -> Iterator[Mailbox]:
    """A real SMTP server on 127.0.0.1, and Django's SMTP backend pointed at it (pytest-django
    otherwise swaps in the in-memory backend)."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def run_worker(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """run_worker(): the real worker command in its single-pass mode (every due task, then
    exit), through the real SMTP connection.

    One change: the command drops old database connections between tasks, which would drop
    the test's own connection and its open transaction (on PostgreSQL), so that is skipped.
    """
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run() -> None:
        signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
        saved = {s: signal.getsignal(s) for s in signals}
        try:
            call_command(
                "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
            )
        finally:
            # The command installs its own handlers for a long run; give pytest its own back.
            for s, handler in saved.items():
                signal.signal(s, handler)

    return run


def time_passes() -> None:
    """Everything waiting for a later try is due now (instead of sleeping until it is)."""
    now = timezone.now()
    Notification.objects.filter(status=Status.QUEUED).update(next_attempt_at=now)
    DBTaskResult.objects.filter(status="READY", run_after__gt=now).update(run_after=now)


def synthetic_id(ddmmyy: str = "028519") -> str:
    """A synthetic national id (the tax authority's test series: month + 80), never a real one."""
    for individual in range(500, 1000):
        digits = check_digits(f"{ddmmyy}{individual:03d}")
        if digits is not None:
            return f"{ddmmyy}{individual:03d}{digits}"
    raise AssertionError


@dataclass
class NotifyCase:
    case: Case
    guardian: Guardian
    other_guardian: Guardian
    secrets: list[str]


CHILD = ("Ingeborg", "Vassbotn")
LABEL = "Jente, 6 år, Vassbotn-saken"
GUARDIAN = "Ragnhild Vassbotn"
GUARDIAN_EMAIL = "ragnhild@example.invalid"
OTHER_GUARDIAN_EMAIL = "steinar@example.invalid"


@pytest.fixture
def notify_case(world: World) -> NotifyCase:
    """A case held by the stafettholder, with the health clinic's participant (statutory basis,
    so it does not depend on consents), a child with a national id and two guardians."""
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    case = case_open(
        actor=actor, user=holder, unit_id=world.units["kindergarten"].pk, label=LABEL, level=2
    )
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    national_id = synthetic_id()
    case_identify(
        actor=actor,
        access=access,
        given_name=CHILD[0],
        family_name=CHILD[1],
        birth_date=datetime.date(2019, 5, 2),
        national_id=national_id,
    )
    participant_add(
        actor=actor,
        access=access,
        unit_id=world.units["health_clinic"].pk,
        user_id=world.users["participant"].pk,
        legal_basis=LegalBasis.STATUTE,
        statute="samarbeid-helse-omsorg",
    )
    guardian = guardian_add(
        actor=actor, access=access, name=GUARDIAN, relation="mor", email=GUARDIAN_EMAIL
    )
    # Without parental responsibility: not told about entries.
    other = guardian_add(
        actor=actor,
        access=access,
        name="Steinar Vassbotn",
        relation="far",
        has_parental_responsibility=False,
        email=OTHER_GUARDIAN_EMAIL,
    )
    case.refresh_from_db()
    secrets = [
        *CHILD,
        LABEL,
        national_id,
        GUARDIAN,
        "Steinar",
        *(unit.name for unit in world.units.values()),
        "Solstrålen",
    ]
    return NotifyCase(case, guardian, other, secrets)
