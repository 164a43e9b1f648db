"""What each member of a family may read and do in a case: the one rule.

A family is not one reader. Each member's reading follows from their role (people.FamilyRole),
the child's age, a care order, restrictions the stafettholder has had approved, protected
addresses and an access log held back after a report of concern. `member_view` resolves all of
it into a `FamilyView`; the portal's pages (laget/portal/access.py), the notifications to the
family, the readers list and the consent parties all ask it, and never decide on their own.

The rule lives here, beside the stafettlogg, and not in the portal, because the e-mails and
calendar invitations are sent from the case services, below the portal.
"""

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from laget.audit.models import AuditEvent, Via
from laget.cases.access import Reader, readers_of
from laget.cases.models import Case, Entry
from laget.consent.age import age_on, consents_for_self
from laget.family.choices import ALL_PARTS, Part
from laget.family.models import CareOrder, HoldBack, Restriction, hold_backs_in_force_q
from laget.orgs.models import Unit, UnitKind
from laget.people.models import FamilyRole, Guardian, Subject, SubjectKind

# Units whose name tells where a child (and the parent they live with) lives.
LOCATING_UNIT_KINDS = frozenset(
    {UnitKind.KINDERGARTEN, UnitKind.SCHOOL, UnitKind.AFTER_SCHOOL, UnitKind.HEALTH_CLINIC}
)


# Said instead of a unit's name where the name may not be shown: it tells nothing, and that
# something is withheld is not told either.
NEUTRAL_UNIT = _("en tjeneste i kommunen")

# Audit rows about these are never in a family member's access log: a restriction, and one
# member's access request (the copy produced for it is a read like any other).
STAFF_ONLY_OBJECTS = frozenset({"restriction", "access_request"})


class CaseLike(Protocol):
    pk: int
    subject: Subject | None


class ConsentLike(Protocol):
    for_guardian_id: int | None


@dataclass(frozen=True)
class Rights:
    reads: bool = False
    writes: bool = False
    # A party to the case's consents (give, refuse, withdraw).
    consents: bool = False
    # Accepts or declines proposed participants, asks to leave someone out of a meeting.
    chooses_participants: bool = False
    requests_closing: bool = False
    answers_meetings: bool = False
    # Sees what the other family members read and wrote.
    sees_family_activity: bool = False


_FULL = Rights(True, True, True, True, True, True, True)
_READER = Rights(reads=True, writes=True, answers_meetings=True)
ROLE_RIGHTS: dict[str, Rights] = {
    FamilyRole.GUARDIAN: _FULL,
    FamilyRole.EXPECTING: _FULL,
    # A step-parent and the like: the case is not theirs to read.
    FamilyRole.GUARDIAN_NO_PR: Rights(),
    # A right to information unless restricted (barneloven § 47); no consent.
    FamilyRole.PARENT_NO_PR: Rights(reads=True, answers_meetings=True),
    FamilyRole.FOSTER: _READER,
    FamilyRole.PARTNER: _READER,
}
# Under a care order child welfare holds the care: the birth parents keep only what it grants.
_BIRTH_PARENTS = frozenset({FamilyRole.GUARDIAN, FamilyRole.PARENT_NO_PR})


def child_rights(subject: Subject, today: datetime.date | None = None) -> Rights:
    """The child is heard in their own words from LAGET_CHILD_VOICE_AGE and consents for
    themselves from LAGET_CHILD_CONSENT_AGE."""
    today = today or timezone.localdate()
    if subject.birth_date is None or subject.kind == SubjectKind.PREGNANT:
        # Before the birth the person is the expecting mother, who reads through her own
        # family member record (FamilyRole.EXPECTING), never a second time as "the child".
        return Rights()
    if consents_for_self(subject, today):
        return Rights(True, True, True, True, True, False, False)
    if age_on(subject.birth_date, today) >= settings.LAGET_CHILD_VOICE_AGE:
        return Rights(reads=True, writes=True)
    return Rights()


@dataclass(frozen=True)
class FamilyView:
    """One member's view of one case. Every family-facing door filters through it."""

    case_id: int
    guardian: Guardian | None
    child: bool
    rights: Rights
    hidden: frozenset[str] = frozenset()
    # Restricted from the whole log: nothing of the case reaches them, not even an invitation.
    shut_out: bool = False
    hidden_entries: frozenset[int] = frozenset()
    hidden_measures: frozenset[int] = frozenset()
    hidden_meetings: frozenset[int] = frozenset()
    # Someone in the family has a protected address and this member is not one of them.
    protected: bool = False
    # Staff activity from this moment is held back (a report of concern being assessed).
    held_back_since: datetime.datetime | None = None
    # The portal users of the family, for telling their activity from staff's.
    family_user_ids: frozenset[int] = field(default_factory=frozenset)
    own_user_id: int | None = None

    @property
    def reads(self) -> bool:
        return self.rights.reads

    def hides(self, part: Part) -> bool:
        if part == Part.PLACES and self.protected:
            return True
        return part in self.hidden

    @property
    def invited_by_default(self) -> bool:
        """Ticked in advance when staff set up a meeting: a member who reads the case and may
        see its meetings. Someone restricted from meetings is invited only by a deliberate tick
        (an invitation shows them that meeting)."""
        return self.reads and not self.shut_out and not self.hides(Part.MEETINGS)

    @property
    def chooses_participants(self) -> bool:
        """Answers proposed participants and asks to leave people out of meetings: the role
        (or the child's age) gives the right, and the participants are not hidden."""
        return self.reads and self.rights.chooses_participants and not self.hides(Part.PARTICIPANTS)

    @property
    def gives_child_view(self) -> bool:
        """The child themselves, from the age they write in their own log, gives their view of
        measures and meetings."""
        return self.child and self.guardian is None and self.rights.writes

    @property
    def hides_places(self) -> bool:
        return self.hides(Part.PLACES)

    @property
    def hides_others_activity(self) -> bool:
        return not self.rights.sees_family_activity or self.hides(Part.ACTIVITY)

    def _own(self) -> Q:
        if self.guardian is not None:
            return Q(author_guardian=self.guardian)
        return Q(author_is_child=True)

    def entries(self, qs: QuerySet) -> QuerySet:
        """Entries for everyone, less what is hidden from this member."""
        from laget.cases.choices import Audience

        if self.hides(Part.ENTRIES):
            return qs.filter(self._own()) if self.reads else qs.none()
        qs = qs.filter(audience=Audience.ALL).exclude(pk__in=self.hidden_entries)
        if self.hidden_meetings:
            # The minutes and notes of a meeting the member is shut out of are that meeting.
            qs = qs.exclude(meeting_id__in=self.hidden_meetings)
        if self.hides_others_activity:
            # What the other family members wrote is their activity.
            qs = qs.filter(Q(author_unit__isnull=False) | self._own())
        if self.held_back_since is not None:
            qs = qs.exclude(author_unit__isnull=False, created_at__gte=self.held_back_since)
        return qs

    def measures(self, qs: QuerySet) -> QuerySet:
        if self.hides(Part.MEASURES):
            return qs.none()
        qs = qs.exclude(pk__in=self.hidden_measures)
        if self.held_back_since is not None:
            # Written since, or handed to someone who joined since (child welfare by name).
            qs = qs.exclude(created_at__gte=self.held_back_since).exclude(
                responsible__joined_at__gte=self.held_back_since
            )
        return qs

    def meetings(self, qs: QuerySet) -> QuerySet:
        """Meetings, less the chosen ones; with MEETINGS hidden, only those the member is
        invited to."""
        qs = qs.exclude(pk__in=self.hidden_meetings)
        if self.hides(Part.MEETINGS):
            if self.guardian is None:
                return qs.none()
            qs = qs.filter(attendees__guardian=self.guardian)
        if self.held_back_since is not None:
            qs = qs.exclude(created_at__gte=self.held_back_since)
        return qs

    def participants(self, qs: QuerySet) -> QuerySet:
        if self.hides(Part.PARTICIPANTS):
            return qs.none()
        if self.held_back_since is not None:
            qs = qs.exclude(joined_at__gte=self.held_back_since)
        if self.protected:
            qs = qs.exclude(unit__kind__in=LOCATING_UNIT_KINDS)
        return qs

    def level_changes(self, qs: QuerySet) -> QuerySet:
        """The case's levels over time (cases.LevelChange), for the family's copy. A level says
        how many services work together, so it goes with the participants; decisions since a
        report of concern wait with the rest of the held-back log."""
        if self.hides(Part.PARTICIPANTS):
            return qs.none()
        if self.held_back_since is not None:
            qs = qs.exclude(decided_at__gte=self.held_back_since)
        return qs

    def sees_consent(self, consent: ConsentLike) -> bool:
        """The case's consents and this member's own; never another member's own help."""
        if self.hides(Part.CONSENTS):
            return False
        return consent.for_guardian_id is None or (
            self.guardian is not None and consent.for_guardian_id == self.guardian.pk
        )

    def shows_unit(self, unit: Unit | None) -> bool:
        """Whether the unit's name may be shown (one that reveals where a protected member
        lives is not)."""
        if unit is None or self.hides(Part.PARTICIPANTS):
            return False
        return not (self.protected and unit.kind in LOCATING_UNIT_KINDS)

    def unit_label(self, unit: Unit | None) -> str:
        """The unit's name, or a neutral label where it may not be shown."""
        return unit.name if unit is not None and self.shows_unit(unit) else str(NEUTRAL_UNIT)

    def staff_label(self, name: str, unit: Unit | None) -> str:
        """A staff member as this member may see them: "name, unit". Where the unit may not be
        shown, neither is the name (it leads to the unit): only the neutral label."""
        if unit is None or not self.shows_unit(unit):
            return capfirst(str(NEUTRAL_UNIT))
        return f"{name}, {unit.name}" if name else unit.name

    def author_label(self, entry: Entry) -> str:
        """An entry's author as this member may see them (cases.Entry.author_label names the
        unit, which may tell where a protected member lives)."""
        if entry.author_unit_id is None:
            return entry.author_label
        return self.staff_label(entry.author.display_name, entry.author_unit)

    def audit(self, qs: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        """The access log this member sees: staff reads and writes of what they may see, their
        own activity, and the other members' only where allowed."""
        by_family = Q(via=Via.PORTAL)
        own = Q(actor_id=self.own_user_id) if self.own_user_id else Q(pk__in=[])
        # The staff's work on restrictions would tell the restricted member (issue 13).
        qs = qs.exclude(object_type__in=STAFF_ONLY_OBJECTS)
        if self.hides_others_activity:
            qs = qs.filter(~by_family | own)
        if self.held_back_since is not None:
            qs = qs.exclude(~by_family & Q(at__gte=self.held_back_since))
        hidden = {
            "entry": self.hidden_entries,
            "measure": self.hidden_measures,
            "meeting": self.hidden_meetings,
        }
        for object_type, ids in hidden.items():
            if ids:
                qs = qs.exclude(object_type=object_type, object_id__in=ids)
        for part, object_type in (
            (Part.ENTRIES, "entry"),
            (Part.MEASURES, "measure"),
            (Part.MEETINGS, "meeting"),
            (Part.PARTICIPANTS, "participant"),
            (Part.CONSENTS, "consent"),
        ):
            if self.hides(part):
                qs = qs.exclude(~own & Q(object_type=object_type))
        return qs


def _care_order(case_id: int, today: datetime.date) -> CareOrder | None:
    return (
        CareOrder.objects.filter(case_id=case_id, starts_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .first()
    )


def _restrictions(case_id: int, guardian: Guardian | None, child: bool) -> list[Restriction]:
    member = Q(guardian=guardian) if guardian is not None else Q(is_child=True)
    if guardian is None and not child:
        return []
    return list(
        Restriction.objects.filter(member, case_id=case_id, state="in_force").prefetch_related(
            "entries", "measures", "meetings"
        )
    )


def member_view(
    case: CaseLike,
    *,
    guardian: Guardian | None = None,
    child: bool = False,
    today: datetime.date | None = None,
) -> FamilyView:
    """The case as one family member may read it: a guardian record of the case, or the
    child. Raises nothing; a member who may not read gets a view with `reads` False."""
    today = today or timezone.localdate()
    subject = case.subject
    if subject is None or (guardian is None and not child):
        return FamilyView(case_id=case.pk, guardian=None, child=False, rights=Rights())
    if guardian is not None:
        assert guardian.subject_id == subject.pk, "a guardian record of another case"
        if guardian.access_ends_on is not None and today >= guardian.access_ends_on:
            # Dead, or no longer responsible, in the population register: nothing from the day.
            return FamilyView(case_id=case.pk, guardian=guardian, child=False, rights=Rights())
        rights = ROLE_RIGHTS.get(guardian.role, Rights())
    else:
        rights = child_rights(subject, today)
    hidden: set[str] = set()

    care = _care_order(case.pk, today)
    if care is not None and guardian is not None:
        if guardian.role in _BIRTH_PARENTS or guardian.role == FamilyRole.GUARDIAN_NO_PR:
            granted = set(care.parent_parts)
        elif guardian.role == FamilyRole.FOSTER:
            granted = set(care.foster_parts)
        else:
            granted = set(ALL_PARTS)
        hidden |= ALL_PARTS - granted
        if guardian.role != FamilyRole.FOSTER:
            rights = Rights(
                reads=rights.reads and bool(granted),
                writes=rights.writes and bool(granted),
                answers_meetings=rights.answers_meetings,
                sees_family_activity=rights.sees_family_activity,
            )
        elif not granted:
            rights = Rights()

    shut_out = False
    hidden_entries: set[int] = set()
    hidden_measures: set[int] = set()
    hidden_meetings: set[int] = set()
    for r in _restrictions(case.pk, guardian, child):
        if r.whole_log:
            rights = Rights()
            shut_out = True
        hidden |= set(r.parts)
        hidden_entries |= {e.pk for e in r.entries.all()}
        hidden_measures |= {m.pk for m in r.measures.all()}
        hidden_meetings |= {m.pk for m in r.meetings.all()}

    members = list(subject.guardians.all())
    own_protected = (
        bool(guardian.protected_address)
        if guardian is not None
        else bool(subject.protected_address)
    )
    anyone_protected = bool(subject.protected_address) or any(g.protected_address for g in members)
    held = (
        HoldBack.objects.filter(hold_backs_in_force_q(today), case_id=case.pk)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    family_users = {g.user_id for g in members if g.user_id} | (
        {subject.user_id} if subject.user_id else set()
    )
    own_user = guardian.user_id if guardian is not None else subject.user_id
    return FamilyView(
        case_id=case.pk,
        guardian=guardian,
        child=guardian is None,
        rights=rights,
        hidden=frozenset(hidden),
        shut_out=shut_out,
        hidden_entries=frozenset(hidden_entries),
        hidden_measures=frozenset(hidden_measures),
        hidden_meetings=frozenset(hidden_meetings),
        protected=anyone_protected and not own_protected,
        held_back_since=held,
        family_user_ids=frozenset(family_users),
        own_user_id=own_user,
    )


def family_views(case: CaseLike, today: datetime.date | None = None) -> list[FamilyView]:
    """Every member of the case's family who reads it today: each guardian record, then the
    child. For the notifications, the readers list and the consent parties."""
    subject = case.subject
    if subject is None:
        return []
    views = [member_view(case, guardian=g, today=today) for g in subject.guardians.order_by("pk")]
    views.append(member_view(case, child=True, today=today))
    return [v for v in views if v.reads]


def family_readers(view: FamilyView, case: Case) -> list[Reader]:
    """Who may read the case today (cases.access.readers_of), as this member may be told:
    only the units and people among the participants the member sees, and the responsible
    unit where its name may be shown. So a participant who joined while the log is held back
    (child welfare after a report), or one hidden by a restriction, is not named here either."""
    granting = list(case.participants.granting_access().select_related("user", "unit"))
    shown = {p.pk for p in view.participants(case.participants.granting_access())}
    units = {p.unit.name for p in granting if p.pk in shown}
    if view.shows_unit(case.unit):
        units.add(case.unit.name)
    hidden_people = {
        (p.user.display_name, p.unit.name)
        for p in granting
        if p.pk not in shown and p.user is not None
    }
    return [
        r
        for r in readers_of(case, family=False)
        if r.unit in units and (r.name, r.unit) not in hidden_people
    ]


def consent_parties(
    case: CaseLike, today: datetime.date | None = None
) -> tuple[list[Guardian], bool]:
    """Who must give the case's consent: the guardians whose role makes them a party (none
    under a care order: child welfare gives it) and whether the child does."""
    views = family_views(case, today)
    guardians = [v.guardian for v in views if v.guardian is not None and v.rights.consents]
    child = any(v.child and v.rights.consents for v in views)
    return guardians, child


def under_care_order(case_id: int, today: datetime.date | None = None) -> CareOrder | None:
    return _care_order(case_id, today or timezone.localdate())
