"""Who may see and do what in a case. Every view and API endpoint gets its case here.

Deny by default: a staff user sees a case only while they, or their unit as a whole, take part
on a legal basis that holds, or while they lead the case's responsible unit or a participating
unit. Municipal admins and coordinators manage the organisation, not case content. A case the
user may not see raises Http404, exactly like a missing one.
"""

import datetime
import enum
import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.choices import ParticipantRole
from laget.cases.models import Case, Participant
from laget.lib.practice import in_practice_scope, is_practice_case
from laget.orgs.selectors import StaffProfile, staff_profile


class Need(enum.Enum):
    READ = "read"
    WRITE = "write"  # entries, measures, meetings
    COORDINATE = "coordinate"  # level, participants, baton, transitions, closing


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    participant: Participant | None
    # What the user's role allows; a closed case refuses writes in the services, with a message.
    may_write: bool
    may_coordinate: bool
    # A leader of the case's responsible unit: the second person for a restriction of a family
    # member (laget.family.services).
    leads_case_unit: bool = False

    @property
    def can_write(self) -> bool:
        return self.may_write and not self.case.is_closed

    @property
    def can_coordinate(self) -> bool:
        return self.may_coordinate and not self.case.is_closed

    @property
    def sees_family_contact(self) -> bool:
        """Guardians' phone, e-mail and national id are for those who coordinate the case
        (the stafettholder, the responsible unit's leader), not for every participant."""
        return self.may_coordinate

    @property
    def is_stafettholder(self) -> bool:
        return (
            self.participant is not None and self.participant.role == ParticipantRole.STAFETTHOLDER
        )


@functools.lru_cache(maxsize=2)
def _granting_on(today: datetime.date) -> QuerySet[Participant]:
    return Participant.objects.granting_access(today)


def granting_participants() -> QuerySet[Participant]:
    """Participant.objects.granting_access() for today. Its nested subqueries cost about a
    millisecond of Python to build and are the same all day, so they are built once per process
    and day; every use chains from a copy (a queryset is a value: chaining never changes it)."""
    return _granting_on(timezone.localdate()).all()


def _participations(profile: StaffProfile) -> Q:
    return Q(user_id=profile.user_id) | Q(user__isnull=True, unit_id__in=profile.unit_ids)


def closed_read_cutoff() -> datetime.datetime:
    """A case closed before this moment is read by no one on staff."""
    return timezone.now() - datetime.timedelta(days=settings.LAGET_CLOSED_CASE_READ_DAYS)


def visible_cases(user: User) -> QuerySet[Case]:
    """All cases the user may read. The only place that filters cases for staff.

    An open case: its participants on a legal basis that holds, and the leaders of its
    responsible unit and of participating units. A closed case: only its last stafettholder
    and the responsible unit's leaders, for LAGET_CLOSED_CASE_READ_DAYS after closing."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    profile = staff_profile(user)
    if not profile.unit_ids:
        return Case.objects.none()
    open_or_lately_closed = Q(closed_at__isnull=True) | Q(closed_at__gte=closed_read_cutoff())
    return _visible_to(profile, timezone.localdate()).filter(open_or_lately_closed)


@functools.lru_cache(maxsize=256)
def _visible_to(profile: StaffProfile, today: datetime.date) -> QuerySet[Case]:
    """visible_cases without the closing cut-off: the same all day for a staff profile, and
    about two milliseconds of Python to build (resolving the participants' subqueries), so it
    is built once per process, profile and day. Never evaluated itself: callers chain."""
    mine = _granting_on(today).filter(_participations(profile), case_id=OuterRef("pk"))
    in_open = Q(Exists(mine))
    in_closed = Q(Exists(mine.filter(role=ParticipantRole.STAFETTHOLDER)))
    if profile.led_unit_ids:
        led_unit_takes_part = _granting_on(today).filter(
            case_id=OuterRef("pk"), unit_id__in=profile.led_unit_ids
        )
        leads_responsible = Q(unit_id__in=profile.led_unit_ids)
        in_open |= leads_responsible | Q(Exists(led_unit_takes_part))
        in_closed |= leads_responsible
    return Case.objects.filter(
        (Q(closed_at__isnull=True) & in_open) | (Q(closed_at__isnull=False) & in_closed)
    )


def practice_cases(user: User) -> QuerySet[Case]:
    """The user's own practice cases (laget/practice): nobody else ever reads one, not even
    the leaders of the unit it is set in."""
    if not user.is_authenticated or not user.is_active:
        return Case.all_objects.none()
    return Case.all_objects.filter(is_practice=True, practice_owner=user)


def _my_participant(granting: list[Participant], profile: StaffProfile) -> Participant | None:
    rows = [
        p
        for p in granting
        if p.user_id == profile.user_id or (p.user_id is None and p.unit_id in profile.unit_ids)
    ]
    # A personal participation outranks the unit's.
    rows.sort(key=lambda p: (p.user_id is None, p.role != ParticipantRole.STAFETTHOLDER))
    return rows[0] if rows else None


def _granting(case: Case) -> list[Participant]:
    prefetched: list[Participant] | None = getattr(case, "granting", None)
    if prefetched is not None:
        return prefetched
    return list(case.participants.granting_access())


def access_for(user: User, case: Case) -> CaseAccess:
    """What the user may do in a case already known to be visible to them."""
    profile = staff_profile(user)
    me = _my_participant(_granting(case), profile)
    has_holder = any(
        p.role == ParticipantRole.STAFETTHOLDER and p.left_at is None
        for p in case.participants.all()
    )
    leads_case_unit = case.unit_id in profile.led_unit_ids
    coordinate = (
        me is not None
        and me.user_id is not None
        and (me.role == ParticipantRole.STAFETTHOLDER or not has_holder)
    ) or leads_case_unit
    return CaseAccess(
        case=case,
        participant=me,
        may_write=me is not None,
        may_coordinate=coordinate,
        leads_case_unit=leads_case_unit,
    )


def case_for(
    user: User,
    case_id: int | str,
    *,
    need: Need = Need.READ,
    actor: Actor | None = None,
    audit: bool = True,
) -> CaseAccess:
    """The case, if the user may see it, with what they may do; writes the read to the audit.

    Raises Http404 for a missing or invisible case and PermissionDenied when the user may see
    the case but not do what `need` asks. Pass audit=False when a service records the write.
    A practice case opens only inside the practice scope (laget/lib/practice.py), to its owner,
    who may do everything there; its reads are not audited (laget/audit/services.py).
    """
    try:
        pk = int(case_id)
    except (TypeError, ValueError):
        raise Http404 from None
    practice = is_practice_case(pk)
    if practice and not in_practice_scope():
        raise Http404
    case = (
        (practice_cases(user) if practice else visible_cases(user))
        .select_related("municipality", "subject", "unit")
        .prefetch_related(
            # One query for the participants with their user, unit and consent (the case page
            # reuses them), each marked with whether its legal basis holds today.
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("user", "unit", "consent").annotate(
                    grants=Exists(granting_participants().filter(pk=OuterRef("pk")))
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    case.granting = [p for p in case.participants.all() if p.grants]  # type: ignore[attr-defined]
    access = _practice_access(user, case) if practice else access_for(user, case)
    if need is Need.WRITE and not access.may_write:
        raise PermissionDenied
    if need is Need.COORDINATE and not access.may_coordinate:
        raise PermissionDenied
    if audit:
        who = actor or Actor(user=user, unit_name=staff_profile(user).unit_name)
        audit_record(
            actor=who,
            action=AuditAction.READ,
            object_type="case",
            object_id=case.pk,
            case_id=case.pk,
        )
    return access


def _practice_access(user: User, case: Case) -> CaseAccess:
    """In their own practice case the owner coordinates whatever the scenario did to the
    baton, and writes while they take part (as in a real case)."""
    me = _my_participant(_granting(case), staff_profile(user))
    return CaseAccess(case=case, participant=me, may_write=me is not None, may_coordinate=True)


def case_coordinators(case: Case) -> list[User]:
    """Who is told when something in the case needs coordinating: the stafettholder; before
    there is one, the persons in the case (they coordinate then, see access_for); with neither,
    the leaders of the responsible unit. Only those whose access holds today."""

    people = list(
        case.participants.granting_access()
        .filter(user__isnull=False)
        .select_related("user")
        .order_by("joined_at", "pk")
    )
    holders = [p for p in people if p.role == ParticipantRole.STAFETTHOLDER]
    chosen = holders or people
    if chosen:
        return [p.user for p in chosen if p.user is not None]
    return responsible_unit_leaders(case)


def responsible_unit_leaders(case: Case) -> list[User]:
    """The leaders of the case's responsible unit today (effective memberships)."""
    from laget.orgs.models import Membership, Role

    leaders = Membership.objects.effective().filter(unit_id=case.unit_id, role=Role.UNIT_LEADER)
    return [m.user for m in leaders.select_related("user").order_by("user_id")]


@dataclass(frozen=True)
class Reader:
    """Someone who can read an entry, and on what basis."""

    name: str
    unit: str
    basis: str
    is_family: bool = False


def readers_of(case: Case, *, family: bool) -> list[Reader]:
    """Everyone who can read the case today (and the family, if the entry is for them), with
    the legal basis of each: the same rules as visible_cases, spelled out as people."""
    from laget.orgs.models import Membership, Role

    readers: dict[tuple[int | str, str], Reader] = {}
    granting = list(case.participants.granting_access().select_related("user", "unit"))
    led_units = {case.unit_id} | {p.unit_id for p in granting}
    if case.closed_at is not None:
        # See visible_cases: the last stafettholder and the responsible unit's leaders, for a
        # while; then nobody.
        open_for_them = case.closed_at >= closed_read_cutoff()
        granting = [
            p for p in granting if open_for_them and p.role == ParticipantRole.STAFETTHOLDER
        ]
        led_units = {case.unit_id} if open_for_them else set()
    unit_wide = [p for p in granting if p.user_id is None]
    members = (
        Membership.objects.effective()
        .filter(
            unit_id__in=[p.unit_id for p in unit_wide],
            role__in=[Role.EMPLOYEE, Role.UNIT_LEADER],
        )
        .select_related("user", "unit")
    )
    by_unit = {p.unit_id: p for p in unit_wide}
    for p in granting:
        if p.user is not None and p.user.is_active:
            basis = f"{p.get_legal_basis_display()}: {p.basis_label}"
            readers[(p.user.pk, p.unit.name)] = Reader(p.user.display_name, p.unit.name, basis)
    for m in members:
        assert m.unit is not None  # employees and unit leaders belong to a unit
        p = by_unit[m.unit.pk]
        basis = f"{p.get_legal_basis_display()}: {p.basis_label} ({_('enheten deltar')})"
        reader = Reader(m.user.display_name, m.unit.name, basis)
        readers.setdefault((m.user.pk, m.unit.name), reader)
    leaders = (
        Membership.objects.effective()
        .filter(unit_id__in=led_units, role=Role.UNIT_LEADER)
        .select_related("user", "unit")
    )
    for m in leaders:
        assert m.unit is not None
        reader = Reader(m.user.display_name, m.unit.name, str(_("Leder for enheten")))
        readers.setdefault((m.user.pk, m.unit.name), reader)
    result = sorted(readers.values(), key=lambda r: (r.unit, r.name))
    if family and case.subject is not None:
        # The family members who read the case (laget.family.access: role, restrictions, care
        # order, the child's age), each with their role.
        from laget.family.access import family_views

        views = family_views(case)
        for v in sorted(
            (v for v in views if v.guardian is not None),
            key=lambda v: (v.guardian.name.casefold(), v.guardian.pk),  # type: ignore[union-attr]
        ):
            assert v.guardian is not None
            result.append(
                Reader(v.guardian.name, str(_("Familien")), v.guardian.get_role_display(), True)
            )
        if any(v.child for v in views):
            result.append(
                Reader(
                    case.subject.full_name,
                    str(_("Familien")),
                    str(_("Barnet selv")),
                    True,
                )
            )
    return result
