"""A municipality with logs in every state retention cares about, built once per module on the
test world, and a frozen clock: every run takes `town.now` as the moment it runs, and
timezone.now() answers the same while it runs.

The logs (all names invented):
- `gone`: world.case (family, restrictions, care order, tools, a transition, entries by the
  family), closed 400 days ago, archived and confirmed: anonymised.
- `ancient`: closed four years ago, archived: anonymised, its counting keys dropped too.
- `held`: the teenager's log, closed 400 days ago, archived, on legal hold: kept.
- `unarchived`: closed 400 days ago, no confirmed package: kept.
- `recent`: closed 30 days ago, archived: kept (its time has not come).
- `live`: open, with a consent withdrawn 400 days ago (deleted), one expired 120 days ago with
  a scanned copy (the copy goes, the consent stays) and notifications (old sent ones go).
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from laget.accounts.models import User
from laget.archive.models import ArchivePackage, PackageState
from laget.audit.models import Via
from laget.audit.services import Actor
from laget.cases.access import Need, case_for
from laget.cases.choices import EntryKind, LegalBasis, ParticipantRole
from laget.cases.models import Case, Participant
from laget.cases.services.entries import entry_create_by_family
from laget.cases.services.lifecycle import case_close
from laget.cases.services.transitions import transition_create
from laget.consent.models import Consent, ConsentParty
from laget.consent.services import consent_withdraw
from laget.notify.models import Kind, Notification, RecipientRole, Status
from laget.orgs.actors import actor_for
from laget.retention.models import LegalHold
from laget.testing.consents import given_consent
from laget.testing.family import build_family, synthetic_national_id
from laget.testing.world import World, open_case_with_people

DAY = datetime.timedelta(days=1)


@dataclass
class Town:
    world: World
    now: datetime.datetime
    gone: Case
    ancient: Case
    held: Case
    unarchived: Case
    recent: Case
    live: Case
    withdrawn: Consent
    expired: Consent
    scan: ConsentParty
    old_sent: Notification
    new_sent: Notification
    old_queued: Notification
    gone_notification: Notification


def _close(world: World, case: Case, ago: datetime.timedelta, now: datetime.datetime) -> Case:
    row = Participant.objects.filter(
        case=case, role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True
    ).first()
    # A level-0 log has no stafettholder yet: the one who opened it closes it.
    holder = row.user if row else world.users["stafettholder"]
    assert holder is not None
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    case_close(
        actor=actor_for(holder, Via.SYSTEM), access=access, reason="Ferdig, barnet har det bra."
    )
    closed_at = now - ago
    rows = Case.objects.filter(pk=case.pk)
    if rows.get().opened_at >= closed_at:
        rows.update(opened_at=closed_at - 200 * DAY)
    rows.update(closed_at=closed_at)
    return rows.get()


def _archive(case: Case, by: User, state: str = PackageState.CONFIRMED) -> None:
    """The archive's package for the log, pushed (and confirmed by `by`)."""
    confirmed = state == PackageState.CONFIRMED
    ArchivePackage.objects.update_or_create(
        case_id=case.pk,
        defaults={
            "municipality": case.municipality,
            "reference": f"2025/{case.pk}",
            "case_closed_at": case.closed_at,
            "state": state,
            "pushed_at": case.closed_at,
            "confirmed_at": case.closed_at if confirmed else None,
            "confirmed_by": by if confirmed else None,
            "content": "",
            "size": 0,
            "sha256": "0" * 64,
        },
    )


def _notification(
    case: Case, event: str, status: str, ago: datetime.timedelta, now: datetime.datetime
) -> Notification:
    return Notification.objects.create(
        event=event,
        kind=Kind.ENTRY,
        recipient=f"{event.replace(':', '-')}@example.invalid",
        recipient_role=RecipientRole.STAFF,
        case_id=case.pk,
        status=status,
        created_at=now - ago,
    )


def build_town(world: World) -> Town:
    now = timezone.now()
    family = build_family(world)
    units, users = world.units, world.users
    holder = users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)

    # What the family wrote in the log that goes: counted by the figures, so kept without text.
    entry_create_by_family(
        actor=Actor(family.users["own_guardian"], via=Via.PORTAL),
        case=world.case,
        kind=EntryKind.GLIMMER,
        text="Hun sang hele veien hjem.",
        guardian=family.mother,
    )
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    transition_create(
        actor=actor,
        access=access,
        to_unit_id=units["health_clinic"].pk,
        date=timezone.localdate(),
        meeting_at=now + DAY,
        place="Helsestasjonen",
        legal_basis=LegalBasis.CONSENT,
        consent_id=world.consent.pk,
        note="Overgang til helsestasjonen.",
    )

    def another(label: str, child: tuple[str, str, datetime.date]) -> Case:
        case = open_case_with_people(units, users, label=label, observation="Uro.", child=child)[0]
        return Case.objects.get(pk=case.pk)

    ancient = another("Gutt, 7 år", ("Ola", "Nordli", datetime.date(2018, 2, 2)))
    recent = another("Jente, 6 år", ("Kaja", "Sandvik", datetime.date(2019, 6, 6)))
    live = another("Gutt, 5 år", ("Even", "Lia", datetime.date(2020, 1, 9)))
    unarchived = another("Jente, 8 år", ("Sara", "Moen", datetime.date(2017, 4, 4)))

    # The old log's child and a guardian are known by national id: their keys are counted.
    subject = ancient.subject
    assert subject is not None
    subject.national_id = synthetic_national_id(datetime.date(2018, 2, 2))
    subject.save(update_fields=["national_id"])
    guardian_row = subject.guardians.order_by("pk").first()
    assert guardian_row is not None
    guardian_row.national_id = synthetic_national_id(datetime.date(1985, 3, 3))
    guardian_row.save(update_fields=["national_id"])

    gone = _close(world, world.case, 400 * DAY, now)
    ancient = _close(world, ancient, 4 * 365 * DAY, now)
    held = _close(world, family.teen_case, 400 * DAY, now)
    unarchived = _close(world, unarchived, 400 * DAY, now)
    recent = _close(world, recent, 30 * DAY, now)
    for case in (gone, ancient, held, recent):
        _archive(case, holder)
    _archive(unarchived, holder, PackageState.PUSHED)
    LegalHold.objects.create(
        case=held, reason="Klagesak hos statsforvalteren", set_by=users["admin"], set_at=now - DAY
    )

    withdrawn = Consent.objects.get(case=live)
    guardian = withdrawn.parties.filter(guardian__isnull=False).first()
    assert guardian is not None
    consent_withdraw(actor=actor, consent=withdrawn, guardian=guardian.guardian)
    Consent.objects.filter(pk=withdrawn.pk).update(withdrawn_at=now - 400 * DAY)
    expired = given_consent(
        live, [units["school"]], by=holder, expires_on=timezone.localdate() + 30 * DAY
    )
    Consent.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate(now) - 120 * DAY)
    scan = expired.parties.order_by("pk").first()
    assert scan is not None
    scan.scanned_copy.save("samtykke.pdf", ContentFile(b"%PDF-1.4 skannet"), save=True)

    return Town(
        world=world,
        now=now,
        gone=gone,
        ancient=ancient,
        held=held,
        unarchived=unarchived,
        recent=recent,
        live=live,
        withdrawn=withdrawn,
        expired=expired,
        scan=scan,
        old_sent=_notification(live, "entry:900001", Status.SENT, 200 * DAY, now),
        new_sent=_notification(live, "entry:900002", Status.SENT, 10 * DAY, now),
        old_queued=_notification(live, "entry:900003", Status.QUEUED, 200 * DAY, now),
        gone_notification=_notification(gone, "entry:900004", Status.SENT, 10 * DAY, now),
    )


@pytest.fixture(scope="module")
def town(world: World, django_db_blocker: object) -> Iterator[Town]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_town(world)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def frozen(town: Town, monkeypatch: pytest.MonkeyPatch) -> datetime.datetime:
    """timezone.now() answers town.now for the rest of the test."""
    monkeypatch.setattr(timezone, "now", lambda: town.now)
    return town.now


@pytest.fixture
def admin(town: Town) -> User:
    user = town.world.users["admin"]
    assert user is not None
    return user
