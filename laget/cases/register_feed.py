"""Following the population register's change feed (issue 18, parts 4 and 5).

The job reads the feed from the sequence number after the last one applied. An event counts
only when its identifier belongs to a child with an open log, or to a member of such a child's
family, found by the keyed hash of the national id; every other event is passed by without a
lookup. For one that counts, Laget asks the register for the parts that kind of change needs,
then applies what changed in one transaction together with the new sequence number and a row
that makes the event applied once (folkeregister.AppliedEvent, unique by sequence):

- a death, or parental responsibility that ended: the member reads nothing from that day
  (Guardian.access_ends_on, which laget.family.access.member_view honours everywhere);
- a new address protection (fortrolig, strengt fortrolig): set at once on the child or the
  member (a protection lifted in the register is left for the stafettholder to lift);
- the child moved to another municipality: the stafettholder is told, and the case page offers
  the transfer (laget/transfer; the stafettholder proposes it);
- a D-number replaced by a national id: the record gets the new number; the child and the log
  stay the same.

The stafettholder is told by a notice on the case page and an e-mail that names nothing. The
register is asked before the transaction: when it fails (after the client's retries) nothing of
the event is applied, the position stays, and the next run tries the same event again. Every
lookup and every change is in the access log (objects "register_lookup", "register_change"),
by the system. Practice cases are never looked up: Case.objects leaves them out.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from laget.audit.models import AuditAction, Via
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess
from laget.cases.models import Case
from laget.cases.notifications import notify_case_notice
from laget.cases.services.common import audit_write, ensure_open
from laget.cases.services.register import LOOKUP, protected_address
from laget.folkeregister.client import RegisterClient
from laget.folkeregister.facts import FeedEvent, RegisterPerson
from laget.folkeregister.models import AppliedEvent, FeedPosition, NoticeKind, RegisterNotice
from laget.people.models import FamilyRole, Guardian, ProtectedAddress, Subject
from laget.people.national_id import validate_national_id

logger = logging.getLogger(__name__)

SYSTEM = Actor(None, via=Via.SYSTEM)
CHANGE = "register_change"

DEATH = "PERSON_ER_DOED"
RESPONSIBILITY = "ENDRING_I_FORELDREANSVAR"
PROTECTION = "ENDRING_I_ADRESSEBESKYTTELSE"
MOVE = "ENDRING_I_BOSTEDSADRESSE"
NEW_ID = "ENDRING_I_IDENTIFIKASJONSNUMMER"

# For each kind of event Laget follows: the parts the lookup asks for, and whether it concerns
# the child's record only (a parent's move or a parent's own responsibility entries do not).
PARTS: dict[str, tuple[str, ...]] = {
    DEATH: ("doedsfall", "status"),
    RESPONSIBILITY: ("foreldreansvar", "historikk"),
    PROTECTION: ("adressebeskyttelse",),
    MOVE: ("bostedsadresse", "adressebeskyttelse"),
    NEW_ID: ("identifikasjonsnummer", "historikk"),
}
CHILD_ONLY = frozenset({RESPONSIBILITY, MOVE})
_RANK = {
    ProtectedAddress.NONE: 0,
    ProtectedAddress.CONFIDENTIAL: 1,
    ProtectedAddress.STRICTLY_CONFIDENTIAL: 2,
}


@dataclass
class Followed:
    """The records an identifier belongs to, in open logs."""

    subjects: list[Subject] = field(default_factory=list)
    guardians: list[Guardian] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.subjects or self.guardians)

    def all(self) -> list[Subject | Guardian]:
        return [*self.subjects, *self.guardians]

    def cases(self) -> list[Case]:
        seen: dict[int, Case] = {}
        for subject in [*self.subjects, *(g.subject for g in self.guardians)]:
            for case in subject.cases.all():
                seen.setdefault(case.pk, case)
        return list(seen.values())


def followed(person_id: str, kind: str) -> Followed:
    """The children with open logs, and their family members, with this identifier."""
    open_cases = Case.objects.filter(closed_at__isnull=True)  # practice cases left out
    subjects = list(
        Subject.objects.with_national_id(person_id)
        .filter(cases__in=open_cases)
        .distinct()
        .prefetch_related("cases__municipality")
    )
    guardians: list[Guardian] = []
    if kind not in CHILD_ONLY:
        guardians = list(
            Guardian.objects.with_national_id(person_id)
            .filter(subject__cases__in=open_cases)
            .distinct()
            .select_related("subject")
            .prefetch_related("subject__cases__municipality")
        )
    return Followed(subjects, guardians)


@dataclass
class FollowResult:
    read: int = 0
    applied: int = 0
    last_sequence: int = 0


def follow(register: RegisterClient, *, max_pages: int | None = None) -> FollowResult:
    """Read and apply the feed until it has nothing newer (or `max_pages` pages). Raises
    RegisterUnavailable when the register gives up; what was applied before stays."""
    result = FollowResult(last_sequence=_start(register))
    pages = 0
    while max_pages is None or pages < max_pages:
        events = register.feed(result.last_sequence + 1)
        pages += 1
        if not events:
            break
        for event in events:
            result.read += 1
            result.applied += apply_event(register, event)
            result.last_sequence = event.sequence
    return result


def _start(register: RegisterClient) -> int:
    """The last sequence applied. The first run starts at the register's newest: what a child
    identified earlier needs was read when identifying."""
    position = FeedPosition.objects.filter(pk=FeedPosition.ONE).first()
    if position is None:
        position, _ = FeedPosition.objects.get_or_create(
            pk=FeedPosition.ONE, defaults={"last_sequence": register.latest_sequence()}
        )
    return position.last_sequence


def apply_event(register: RegisterClient, event: FeedEvent) -> bool:
    """Apply one event (True when it changed a log). Looked up first, then written in one
    transaction with the position, so that a restart resumes and nothing is applied twice."""
    records = followed(event.person_id, event.kind) if event.kind in PARTS else Followed()
    person: RegisterPerson | None = None
    if records:
        person = register.person(event.person_id, parts=PARTS[event.kind])
        for case in records.cases():
            audit_record(actor=SYSTEM, action=AuditAction.READ, object_type=LOOKUP, case_id=case.pk)
    with transaction.atomic():
        position = FeedPosition.objects.select_for_update().get(pk=FeedPosition.ONE)
        if event.sequence <= position.last_sequence:
            return False  # applied already (another run got here first)
        changed = 0
        if person is not None:
            changed = _apply(event, person, followed(event.person_id, event.kind))
            AppliedEvent.objects.create(sequence=event.sequence, kind=event.kind, cases=changed)
        position.last_sequence = event.sequence
        position.updated_at = timezone.now()
        position.save(update_fields=["last_sequence", "updated_at"])
    return changed > 0


def _event_day(event: FeedEvent) -> datetime.date:
    return timezone.localdate(event.recorded_at) if event.recorded_at else timezone.localdate()


def _apply(event: FeedEvent, person: RegisterPerson, records: Followed) -> int:
    """The changes and the notices; the number of logs told."""
    told: dict[tuple[int, str], datetime.date | None] = {}

    def tell(case: Case, kind: str, on: datetime.date | None) -> None:
        told.setdefault((case.pk, kind), on)

    today = timezone.localdate()
    if event.kind == DEATH and person.dead:
        day = person.death_date or _event_day(event)
        for guardian in records.guardians:
            if _end_access(guardian, day, today):
                for case in guardian.subject.cases.all():
                    tell(case, NoticeKind.DEATH, day)
        for subject in records.subjects:
            for case in subject.cases.all():
                tell(case, NoticeKind.DEATH, day)
    elif event.kind == RESPONSIBILITY:
        holders = {h.holder_id for h in person.holders() if h.holder_id}
        for subject in records.subjects:
            for guardian in subject.guardians.filter(role=FamilyRole.GUARDIAN):
                if not guardian.national_id or guardian.national_id in holders:
                    continue
                ended = [
                    p.ended
                    for p in person.parental_responsibility
                    if p.holder_id == guardian.national_id and p.ended
                ]
                _end_access(guardian, max(ended) if ended else _event_day(event), today)
            for case in subject.cases.all():
                tell(case, NoticeKind.RESPONSIBILITY, _event_day(event))
    elif event.kind == PROTECTION:
        grade = protected_address(person.protection)
        for record in records.all():
            if _RANK[ProtectedAddress(grade)] > _RANK[ProtectedAddress(record.protected_address)]:
                record.protected_address = grade
                record.register_read_on = today
                record.save(update_fields=["protected_address", "register_read_on"])
                subject = record if isinstance(record, Subject) else record.subject
                for case in subject.cases.all():
                    audit_write(SYSTEM, AuditAction.UPDATE, record, case.pk)
                    tell(case, NoticeKind.PROTECTION, _event_day(event))
    elif event.kind == MOVE:
        for subject in records.subjects:
            for case in subject.cases.all():
                if person.municipality and person.municipality != case.municipality.number:
                    tell(case, NoticeKind.MOVED, person.moved_in or _event_day(event))
    elif event.kind == NEW_ID and person.id != event.person_id:
        for record in records.all():
            validate_national_id(person.id)
            record.national_id = person.id
            record.register_read_on = today
            record.save(update_fields=["national_id", "register_read_on"])
            subject = record if isinstance(record, Subject) else record.subject
            for case in subject.cases.all():
                audit_write(SYSTEM, AuditAction.UPDATE, record, case.pk)
                tell(case, NoticeKind.NEW_ID, _event_day(event))
    for (case_id, kind), on in told.items():
        case = Case.objects.get(pk=case_id)
        notice, created = RegisterNotice.objects.get_or_create(
            case=case, sequence=event.sequence, kind=kind, defaults={"on": on}
        )
        if created:
            audit_record(
                actor=SYSTEM,
                action=AuditAction.UPDATE,
                object_type=CHANGE,
                object_id=notice.pk,
                case_id=case.pk,
            )
            notify_case_notice(case, event=f"register:{notice.pk}")
    return len({case_id for case_id, _ in told})


def _end_access(guardian: Guardian, day: datetime.date, today: datetime.date) -> bool:
    """The member reads nothing from `day` (the earliest day wins). True when it changed."""
    if guardian.access_ends_on is not None and guardian.access_ends_on <= day:
        return False
    guardian.access_ends_on = day
    guardian.register_read_on = today
    guardian.save(update_fields=["access_ends_on", "register_read_on"])
    for case in guardian.subject.cases.all():
        audit_write(SYSTEM, AuditAction.UPDATE, guardian, case.pk)
    return True


def register_notices_for(case: Case) -> list[RegisterNotice]:
    """The case page's notices from the register, not yet marked as seen."""
    return list(RegisterNotice.objects.filter(case=case, handled_at=None))


@transaction.atomic
def register_notice_handle(*, actor: Actor, access: CaseAccess, notice_id: int) -> None:
    """The stafettholder has seen what the register changed."""
    ensure_open(access)
    notice = RegisterNotice.objects.filter(case=access.case, pk=notice_id, handled_at=None).first()
    if notice is None:
        raise Http404
    notice.handled_at = timezone.now()
    notice.handled_by = actor.user
    notice.save(update_fields=["handled_at", "handled_by"])
    audit_write(actor, AuditAction.UPDATE, notice, access.case.pk)
