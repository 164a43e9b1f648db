"""Families on top of the test world, for the family portal's tests. All names are invented.

`build_family(world)` gives world.case (Emil, 4 years) guardians with synthetic national ids,
a stepfather without parental responsibility, a professionals-only entry and a meeting to
which both parents are invited; it identifies world.other_case (another family, with its own
guardian) and opens a case about a 16-year-old who logs in themselves.

`build_households(world)` gives the family isolation matrix (issue 13) its households: every
family role, restricted and not, and with a protected address (see the second half).
"""

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field

from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction, Via
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import Arena, Audience, EntryKind, LegalBasis
from laget.cases.models import Case, Entry, Meeting
from laget.cases.services.entries import entry_create, entry_create_by_family
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_change_level, case_identify, case_open
from laget.cases.services.measures import measure_create
from laget.cases.services.meetings import meeting_create, meeting_update
from laget.cases.services.participants import participant_add
from laget.cases.statutes import DUTY_TO_REPORT
from laget.consent.models import Consent
from laget.consent.services import consent_request
from laget.family.choices import RestrictionReason, RestrictionState
from laget.family.models import CareOrder, Restriction
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership, Role, Unit, UnitKind
from laget.people.models import FamilyRole, Guardian, ProtectedAddress, Subject, SubjectKind
from laget.people.national_id import check_digits
from laget.portal.services import portal_user_for_guardian, portal_user_for_pid
from laget.testing.world import World

# The roles of the portal's isolation matrix.
FAMILY_ROLES = (
    "own_guardian",
    "guardian_without_pr",
    "other_guardian",
    "child_under",
    "child_over",
    "staff",
    "anonymous",
)

PRIVATE_TEXT = "Bare for fagfolk: samtale med helsesykepleier om søvn."
TEEN_PRIVATE_TEXT = "Bare for fagfolk: notat fra skolens ressursteam."


def synthetic_national_id(birth: datetime.date, start: int = 0) -> str:
    """A valid synthetic national id (month + 80) for a birth date; `start` picks another."""
    first = 500 if birth.year >= 2000 else 0
    for individual in range(first + start, first + 500):
        nine = f"{birth:%d}{birth.month + 80:02d}{birth:%y}{individual:03d}"
        digits = check_digits(nine)
        if digits is not None:
            return nine + digits
    raise ValueError("no synthetic id left")


@dataclass
class Family:
    case: Case
    mother: Guardian
    father: Guardian
    stepfather: Guardian
    private_entry: Entry
    meeting: Meeting
    other_case: Case
    other_guardian: Guardian
    teen_case: Case
    teen_entry: Entry
    teen_private_entry: Entry
    teen_meeting: Meeting
    teen_consent: Consent
    pids: dict[str, str]
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else self.users[role]


def _with_ids(guardians: list[Guardian], births: list[datetime.date]) -> dict[str, str]:
    """The test world's guardians were added without national ids; no service edits a
    guardian yet, so the ids are written straight to the rows here."""
    pids = {}
    for n, (guardian, birth) in enumerate(zip(guardians, births, strict=True)):
        pid = synthetic_national_id(birth, n)
        guardian.national_id = pid
        guardian.save(update_fields=["national_id"])  # with its lookup hash
        pids[guardian.name] = pid
    return pids


def _portal_user(pid: str) -> User:
    user = portal_user_for_pid(pid)
    assert user is not None
    return user


def build_family(world: World) -> Family:
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    subject = access.case.subject
    assert subject is not None
    parents = list(subject.guardians.filter(has_parental_responsibility=True).order_by("pk"))
    for name, relation in (("Hanne Fjeldsrud", "mor"), ("Jon Fjeldsrud", "far"))[len(parents) :]:
        parents.append(guardian_add(actor=actor, access=access, name=name, relation=relation))
    mother, father = parents[:2]
    pids = _with_ids([mother, father], [datetime.date(1988, 5, 12), datetime.date(1986, 9, 3)])
    stepfather_pid = synthetic_national_id(datetime.date(1984, 2, 20))
    stepfather = guardian_add(
        actor=actor,
        access=access,
        name="Stein Brattvoll",
        relation="stefar",
        has_parental_responsibility=False,
        national_id=stepfather_pid,
    )
    pids[stepfather.name] = stepfather_pid
    private_entry = entry_create(
        actor=actor,
        access=access,
        kind=EntryKind.CONVERSATION,
        text=PRIVATE_TEXT,
        audience=Audience.PROFESSIONALS,
    )
    # The family's next meeting: world.meeting (which lies a week back in the staff's world)
    # moved a week ahead, with both parents invited, for the family to answer and prepare for.
    meeting = meeting_update(
        actor=actor,
        access=access,
        meeting=world.meeting,
        expected_version=Meeting.objects.get(pk=world.meeting.pk).version,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        guardian_ids=[mother.pk, father.pk],
    )

    # Another family: the de-identified case in the school gets its child and a guardian.
    nurse = world.users["outsider_holder"]
    other_actor = actor_for(nurse, Via.SYSTEM)
    other_access = case_for(nurse, world.other_case.pk, need=Need.COORDINATE, audit=False)
    case_identify(
        actor=other_actor,
        access=other_access,
        given_name="Ida",
        family_name="Storvik",
        birth_date=datetime.date(2017, 6, 2),
    )
    other_access = case_for(nurse, world.other_case.pk, need=Need.COORDINATE, audit=False)
    other_pid = synthetic_national_id(datetime.date(1990, 11, 23))
    other_guardian = guardian_add(
        actor=other_actor, access=other_access, name="Mona Storvik", national_id=other_pid
    )
    pids[other_guardian.name] = other_pid

    # A 16-year-old, who from the age limit logs in and consents themselves.
    teacher = world.users["other_unit"]
    teen_actor = actor_for(teacher, Via.SYSTEM)
    today = timezone.localdate()
    teen_birth = datetime.date(today.year - 16, 1, 1)
    teen_pid = synthetic_national_id(teen_birth)
    teen_case = case_open(
        actor=teen_actor, user=teacher, unit_id=world.units["school"].pk, label="Elev, 16 år"
    )
    teen_access = case_for(teacher, teen_case.pk, need=Need.COORDINATE, audit=False)
    case_identify(
        actor=teen_actor,
        access=teen_access,
        given_name="Sofie",
        family_name="Lien",
        birth_date=teen_birth,
        national_id=teen_pid,
    )
    pids["Sofie Lien"] = teen_pid
    teen_access = case_for(teacher, teen_case.pk, need=Need.COORDINATE, audit=False)
    guardian_add(actor=teen_actor, access=teen_access, name="Eva Lien", relation="mor")
    case_change_level(
        actor=teen_actor,
        access=teen_access,
        to_level=1,
        reason="Tiltak på skolen.",
        stafettholder_id=teen_access.case.participants.get(user=teacher).pk,
    )
    teen_access = case_for(teacher, teen_case.pk, need=Need.COORDINATE, audit=False)
    participant_add(
        actor=teen_actor,
        access=teen_access,
        unit_id=world.units["child_welfare"].pk,
        legal_basis=LegalBasis.STATUTE,
        statute=DUTY_TO_REPORT,
    )
    teen_entry = entry_create(
        actor=teen_actor,
        access=teen_access,
        kind=EntryKind.GLIMMER,
        text="Holdt innlegg for klassen.",
        audience=Audience.ALL,
    )
    teen_private_entry = entry_create(
        actor=teen_actor,
        access=teen_access,
        kind=EntryKind.NOTE,
        text=TEEN_PRIVATE_TEXT,
        audience=Audience.PROFESSIONALS,
    )
    teen_meeting = meeting_create(
        actor=teen_actor,
        access=teen_access,
        starts_at=timezone.now() + datetime.timedelta(days=10),
        place="Bakketun skole, rom 2",
        participant_ids=[teen_access.participant.pk] if teen_access.participant else [],
    )
    teen_consent = consent_request(
        actor=teen_actor,
        access=teen_access,
        unit_ids=[world.units["health_clinic"].pk],
        purpose="Samarbeid med helsesykepleier",
    )

    family = Family(
        case=access.case,
        mother=mother,
        father=father,
        stepfather=stepfather,
        private_entry=private_entry,
        meeting=meeting,
        other_case=other_access.case,
        other_guardian=other_guardian,
        teen_case=teen_access.case,
        teen_entry=teen_entry,
        teen_private_entry=teen_private_entry,
        teen_meeting=teen_meeting,
        teen_consent=teen_consent,
        pids=pids,
    )
    family.users = {
        "own_guardian": _portal_user(pids[mother.name]),
        "guardian_without_pr": _stepfather_user(stepfather),
        "other_guardian": _portal_user(other_pid),
        "child_under": _child_user(access.case),
        "child_over": _portal_user(teen_pid),
        "staff": holder,
    }
    return family


def _stepfather_user(stepfather: Guardian) -> User:
    """A guardian without parental responsibility gets no portal user at login; this one
    stands for someone who had it and lost it, so his old link remains."""
    user = User.objects.create_user(username="familie-stein", first_name=stepfather.name)
    Guardian.objects.filter(pk=stepfather.pk).update(user=user)
    return user


def _child_user(case: Case) -> User:
    """Emil is 4: a portal user linked to him stands for a child under the age limit."""
    assert case.subject is not None
    user = User.objects.create_user(username="familie-emil", first_name=case.subject.full_name)
    type(case.subject).objects.filter(pk=case.subject.pk).update(user=user)
    return user


# --- The family isolation matrix (issue 13) -------------------------------------------------
#
# `build_households(world)` opens one case per household and variant, each with units, staff
# and content of its own whose names and texts are unique markers ("MERKEFr-measure-hidden-x"),
# so a test can tell exactly which part of which case reached a page, an e-mail or a calendar
# invitation. The households hold every family role of the issue (child welfare, which holds
# the care under a care order, is staff and not in the family's matrix):
#   F  Sigrid, 13 (heard in her own words): mother and father with parental responsibility,
#      a stepfather without it.
#   T  Vetle, 16 (consents himself): mother with parental responsibility, father without.
#   C  Tiril, 8, in foster care under a care order: birth mother and foster mother.
#   P  a log opened in pregnancy: the expecting mother and her partner.
# Variants: "open" (nobody restricted), "restricted" (RESTRICTIONS in force) and "protected"
# (F and C: the child and the parent she lives with have a strictly confidential address).
# What each member may see follows from the facts recorded on `Member`.

MATRIX_VARIANTS = {"open": "o", "restricted": "r", "protected": "p"}
MATRIX_HOUSEHOLDS = {
    "open": ("F", "T", "C", "P"),
    "restricted": ("F", "T", "C", "P"),
    "protected": ("F", "C"),
}
# The roles, as the matrix names them.
GUARDIAN = "guardian"
GUARDIAN_NO_PR = "guardian_no_pr"
PARENT_NO_PR = "parent_no_pr"
BIRTH_PARENT = "birth_parent"  # a guardian under a care order
FOSTER = "foster"
CHILD_UNDER = "child_under"
CHILD_VOICE = "child_voice"
CHILD_CONSENT = "child_consent"
EXPECTING = "expecting"
PARTNER = "partner"
# Each household's members: name, matrix role, family role (None: the child), relation.
HOUSEHOLD_MEMBERS: dict[str, tuple[tuple[str, str, str | None, str], ...]] = {
    "F": (
        ("mother", GUARDIAN, FamilyRole.GUARDIAN, "mor"),
        ("father", GUARDIAN, FamilyRole.GUARDIAN, "far"),
        ("stepfather", GUARDIAN_NO_PR, FamilyRole.GUARDIAN_NO_PR, "stefar"),
        ("child", CHILD_VOICE, None, ""),
    ),
    "T": (
        ("mother", GUARDIAN, FamilyRole.GUARDIAN, "mor"),
        ("father", PARENT_NO_PR, FamilyRole.PARENT_NO_PR, "far"),
        ("child", CHILD_CONSENT, None, ""),
    ),
    "C": (
        ("mother", BIRTH_PARENT, FamilyRole.GUARDIAN, "mor"),
        ("foster", FOSTER, FamilyRole.FOSTER, "fostermor"),
        ("child", CHILD_UNDER, None, ""),
    ),
    # The expecting mother's record is made when the log is tied to her (case_identify).
    "P": (
        ("expecting", EXPECTING, FamilyRole.EXPECTING, "mor"),
        ("partner", PARTNER, FamilyRole.PARTNER, "partner"),
    ),
}
CHILDREN = {
    "F": ("Sigrid", "Haugland", 13),
    "T": ("Vetle", "Moen", 16),
    "C": ("Tiril", "Bakken", 8),
}
# What the care order lets the birth parents and the foster parents read in household C.
CARE_PARENT_PARTS = ("entries", "measures")
CARE_FOSTER_PARTS = ("entries", "measures", "meetings", "participants", "places")
# The restricted members of the "restricted" variant: the parts hidden as a whole, the chosen
# things (keys of Household.things) and whether it is the whole log.
RESTRICTIONS: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    # The father who uses violence: no places, no participants, no one else's activity, and
    # not the mother's own help, one entry or the meeting at the protected place.
    ("F", "father"): (
        ("places", "participants", "activity"),
        ("entry_hidden", "measure_hidden", "meeting_hidden"),
        False,
    ),
    ("F", "child"): ((), ("entry_hidden", "meeting_hidden"), False),
    ("T", "father"): ((), (), True),
    ("T", "child"): (("participants",), ("measure_hidden",), False),
    ("C", "mother"): ((), ("measure_hidden",), False),
    ("C", "foster"): ((), ("entry_hidden", "meeting_hidden"), False),
    ("P", "partner"): (("places",), ("measure_hidden",), False),
}
# Who lives with the child at the protected address in the "protected" variant.
PROTECTED_MEMBERS = {"F": "mother", "C": "foster"}
# Whose own help the household's second consent is for.
OWN_HELP = {"F": "mother", "T": "mother", "P": "expecting"}


@dataclass
class Member:
    """One family member of one household, with the facts the matrix expects from."""

    key: str  # e.g. "Fr:father"
    household: "Household"
    name: str  # "mother", "father", "child", …
    role: str  # GUARDIAN, FOSTER, CHILD_VOICE, …
    guardian: Guardian | None
    user: User
    email: str
    # Their restriction: parts hidden as a whole, chosen things, the whole log.
    parts: frozenset[str] = frozenset()
    chosen: frozenset[str] = frozenset()
    whole_log: bool = False
    # Someone else in the family has a protected address.
    protected: bool = False

    @property
    def case(self) -> Case:
        return self.household.case


@dataclass
class Household:
    key: str  # e.g. "Fr"
    kind: str  # F, T, C, P
    variant: str
    case: Case
    # Thing -> its marker text; thing -> the pk of the object it is in.
    markers: dict[str, str] = field(default_factory=dict)
    things: dict[str, int] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)
    # "home" (the case's unit, with the stafettholder), "health", "ppt" -> the unit's kind.
    unit_kinds: dict[str, str] = field(default_factory=dict)
    # The stafettholder's invitation to each meeting (thing -> attendee pk).
    holder_attendees: dict[str, int] = field(default_factory=dict)
    # The case's participants: pk -> unit key.
    participants: dict[int, str] = field(default_factory=dict)

    def marker(self, thing: str) -> str:
        """The thing's marker, made on first use. Ended by "-x", so that no marker is a part
        of another ("…-entry-x", "…-entry-hidden-x")."""
        if thing not in self.markers:
            self.markers[thing] = f"MERKE{self.key}-{thing.replace('_', '-')}-x"
        return self.markers[thing]


@dataclass
class Households:
    all: dict[str, Household]

    @property
    def members(self) -> list[Member]:
        return [m for h in self.all.values() for m in h.members.values()]

    def member(self, key: str) -> Member:
        household, name = key.split(":")
        return self.all[household].members[name]

    @property
    def markers(self) -> set[str]:
        return {text for h in self.all.values() for text in h.markers.values()}


def matrix_members() -> dict[str, str]:
    """Every member's key and role, without building anything (for parametrising tests)."""
    return {
        f"{kind}{tag}:{name}": role
        for variant, tag in MATRIX_VARIANTS.items()
        for kind in MATRIX_HOUSEHOLDS[variant]
        for name, role, _family_role, _relation in HOUSEHOLD_MEMBERS[kind]
    }


def _years_ago(years: int) -> datetime.date:
    """A birth date some weeks past the birthday, so the age holds through the month."""
    today = timezone.localdate()
    return datetime.date(today.year - years, today.month, 1) - datetime.timedelta(days=40)


class _HouseholdBuilder:
    """Builds one household through the services, as staff and the family would."""

    def __init__(self, world: World, kind: str, variant: str) -> None:
        self.world = world
        self.kind = kind
        self.variant = variant
        self.tag = f"{kind}{MATRIX_VARIANTS[variant]}"
        self.today = timezone.localdate()
        self.restrictions: dict[str, Restriction] = {}

    def build(self) -> Household:
        self._units_and_staff()
        self._open_case()
        self.h = Household(key=self.tag, kind=self.kind, variant=self.variant, case=self.case)
        self.h.markers.update(self.markers)
        self.h.unit_kinds = {key: unit.kind for key, unit in self.units.items()}
        self._family()
        self._restrict()
        self._services()
        self._log()
        self._choose()
        self._activity()
        self.h.case = Case.objects.select_related("subject", "unit").get(pk=self.case.pk)
        return self.h

    def marker(self, thing: str) -> str:
        self.markers.setdefault(thing, f"MERKE{self.tag}-{thing.replace('_', '-')}-x")
        return self.markers[thing]

    def _units_and_staff(self) -> None:
        self.markers: dict[str, str] = {}
        home = UnitKind.HEALTH_CLINIC if self.kind == "P" else UnitKind.SCHOOL
        kinds = {"home": home, "health": UnitKind.HEALTH_CLINIC, "ppt": UnitKind.PPT}
        self.units = {
            key: Unit.objects.create(
                municipality=self.world.municipality, name=self.marker(f"unit_{key}"), kind=kind
            )
            for key, kind in kinds.items()
        }
        self.staff = {}
        for key, unit in self.units.items():
            username = f"{key}-{self.tag.lower()}"
            user = User.objects.create_user(
                username=username,
                first_name="Kari",
                last_name=self.marker(f"staff_{key}"),
                email=f"{username}@example.invalid",
            )
            Membership.objects.create(
                user=user, municipality=self.world.municipality, unit=unit, role=Role.EMPLOYEE
            )
            self.staff[key] = user
        self.actor = actor_for(self.staff["home"], Via.SYSTEM)

    def _access(self, key: str = "home", need: Need = Need.COORDINATE) -> CaseAccess:
        return case_for(self.staff[key], self.case.pk, need=need, audit=False)

    def _open_case(self) -> None:
        self.case = case_open(
            actor=self.actor,
            user=self.staff["home"],
            unit_id=self.units["home"].pk,
            label=f"Sak {self.tag}",
            level=2,
        )
        if self.kind == "P":
            case_identify(
                actor=self.actor,
                access=self._access(),
                kind=SubjectKind.PREGNANT,
                given_name="Maja",
                family_name="Tveit",
                birth_date=_years_ago(29),
                due_date=self.today + datetime.timedelta(days=90),
            )
        else:
            given, family_name, age = CHILDREN[self.kind]
            case_identify(
                actor=self.actor,
                access=self._access(),
                given_name=given,
                family_name=family_name,
                birth_date=_years_ago(age),
            )
        self.case = self._access().case
        assert self.case.subject is not None
        self.subject: Subject = self.case.subject
        if self.variant == "protected":
            self.subject.protected_address = ProtectedAddress.STRICTLY_CONFIDENTIAL
            self.subject.save(update_fields=["protected_address"])

    def _family(self) -> None:
        if self.kind == "C":
            CareOrder.objects.create(
                case=self.case,
                unit=self.world.units["child_welfare"],
                starts_on=self.today - datetime.timedelta(days=30),
                parent_parts=list(CARE_PARENT_PARTS),
                foster_parts=list(CARE_FOSTER_PARTS),
                recorded_by=self.staff["home"],
            )
        protected = PROTECTED_MEMBERS.get(self.kind) if self.variant == "protected" else None
        for name, role, family_role, relation in HOUSEHOLD_MEMBERS[self.kind]:
            email = f"{name}-{self.tag.lower()}@example.invalid" if family_role else ""
            guardian = None
            if family_role == FamilyRole.EXPECTING:
                guardian = self.subject.guardians.get(role=FamilyRole.EXPECTING)
                guardian.email = email
                guardian.save(update_fields=["email"])
            elif family_role is not None:
                guardian = guardian_add(
                    actor=self.actor,
                    access=self._access(),
                    name=f"{name.capitalize()} {self.tag}",
                    relation=relation,
                    role=family_role,
                    email=email,
                    protected_address=(
                        ProtectedAddress.STRICTLY_CONFIDENTIAL if name == protected else ""
                    ),
                )
            self.h.members[name] = Member(
                key=f"{self.tag}:{name}",
                household=self.h,
                name=name,
                role=role,
                guardian=guardian,
                user=self._portal_user(name, guardian),
                email=email,
                protected=protected is not None and name not in ("child", protected),
            )

    def _portal_user(self, name: str, guardian: Guardian | None) -> User:
        """A portal user named by a marker: the access log shows it for the member's activity,
        so that activity is told apart from everything else."""
        if guardian is not None:
            user = portal_user_for_guardian(guardian)
        else:
            user = User.objects.create_user(username=f"familie-{self.tag.lower()}-{name}")
            Subject.objects.filter(pk=self.subject.pk).update(user=user)
        user.portal_name = self.h.marker(f"activity_{name}")
        user.save(update_fields=["portal_name"])
        return user

    def _restrict(self) -> None:
        """Restrictions in force before anything is written (the e-mails follow them); the
        chosen things are added once they exist (`_choose`)."""
        if self.variant != "restricted":
            return
        for (kind, name), (parts, chosen, whole) in RESTRICTIONS.items():
            if kind != self.kind:
                continue
            member = self.h.members[name]
            member.parts, member.chosen, member.whole_log = (
                frozenset(parts),
                frozenset(chosen),
                whole,
            )
            self.restrictions[name] = Restriction.objects.create(
                case=self.case,
                guardian=member.guardian,
                is_child=member.guardian is None,
                whole_log=whole,
                parts=list(parts),
                reason=RestrictionReason.VIOLENCE,
                state=RestrictionState.IN_FORCE,
                proposed_by=self.staff["home"],
                decided_by=self.world.users["unit_leader"],
                decided_at=timezone.now(),
            )

    def _services(self) -> None:
        self.rows = {"home": self.case.participants.get(user=self.staff["home"])}
        for key, statute in (("health", "samarbeid-helse-omsorg"), ("ppt", "samarbeid-opplaering")):
            self.rows[key] = participant_add(
                actor=self.actor,
                access=self._access(),
                unit_id=self.units[key].pk,
                user_id=self.staff[key].pk,
                legal_basis=LegalBasis.STATUTE,
                statute=statute,
            )
        self.h.participants = {row.pk: key for key, row in self.rows.items()}

    def _write(self, staff: str, thing: str, audience: str = Audience.ALL) -> None:
        entry = entry_create(
            actor=actor_for(self.staff[staff], Via.SYSTEM),
            access=self._access(staff, Need.WRITE),
            kind=EntryKind.NOTE,
            text=f"Notat: {self.h.marker(thing)}.",
            audience=audience,
        )
        self.h.things[thing] = entry.pk

    def _log(self) -> None:
        """Entries by staff and the family's comments, measures, meetings and consents."""
        h = self.h
        self._write("ppt", "entry")
        self._write("health", "entry_hidden")
        self._write("home", "entry_private", Audience.PROFESSIONALS)
        for name, member in h.members.items():
            if member.whole_log or member.role in (GUARDIAN_NO_PR, PARENT_NO_PR, CHILD_UNDER):
                continue  # no right to write (laget.family.access)
            h.things[f"comment_{name}"] = entry_create_by_family(
                actor=Actor(user=member.user, via=Via.PORTAL),
                case=self.case,
                kind=EntryKind.COMMENT,
                text=f"Kommentar: {h.marker(f'comment_{name}')}.",
                guardian=member.guardian,
                child=member.guardian is None,
            ).pk
        for thing, key in (("measure", "home"), ("measure_hidden", "health")):
            h.things[thing] = measure_create(
                actor=self.actor,
                access=self._access(),
                title=h.marker(thing),
                goal="Tryggere hverdag",
                arena=Arena.HOME,
                responsible_id=self.rows[key].pk,
                start_date=self.today,
                evaluation_date=self.today + datetime.timedelta(days=28),
            ).pk
        guardians = [m.guardian.pk for m in h.members.values() if m.guardian is not None]
        # The hidden meeting is the sooner: the case page shows the next one.
        for thing, days in (("meeting_hidden", 3), ("meeting", 10)):
            meeting = meeting_create(
                actor=self.actor,
                access=self._access(),
                starts_at=timezone.now() + datetime.timedelta(days=days),
                place=h.marker(f"{thing}_place"),
                agenda=h.marker(f"{thing}_agenda"),
                participant_ids=[self.rows["home"].pk, self.rows["health"].pk],
                guardian_ids=guardians,
            )
            h.things[thing] = meeting.pk
            h.holder_attendees[thing] = meeting.attendees.get(participant=self.rows["home"]).pk
        h.things["consent"] = consent_request(
            actor=self.actor,
            access=self._access(),
            unit_ids=[self.units["ppt"].pk],
            purpose=h.marker("consent"),
        ).pk
        own = OWN_HELP.get(self.kind)
        if own is not None:
            guardian = h.members[own].guardian
            assert guardian is not None
            h.things["consent_own"] = consent_request(
                actor=self.actor,
                access=self._access(),
                unit_ids=[self.units["health"].pk],
                purpose=h.marker("consent_own"),
                for_guardian_id=guardian.pk,
            ).pk

    def _choose(self) -> None:
        for name, restriction in self.restrictions.items():
            chosen = [(t, self.h.things[t]) for t in self.h.members[name].chosen]
            restriction.entries.add(*[pk for t, pk in chosen if t.startswith("entry")])
            restriction.measures.add(*[pk for t, pk in chosen if t.startswith("measure")])
            restriction.meetings.add(*[pk for t, pk in chosen if t.startswith("meeting")])

    def _activity(self) -> None:
        """Each member who reads the case has looked at it in the portal."""
        for member in self.h.members.values():
            if member.role not in (GUARDIAN_NO_PR, CHILD_UNDER) and not member.whole_log:
                audit_record(
                    actor=Actor(user=member.user, via=Via.PORTAL),
                    action=AuditAction.READ,
                    object_type="case",
                    object_id=self.case.pk,
                    case_id=self.case.pk,
                )


def build_households(world: World, only: Collection[str] = ()) -> Households:
    """Every household of the matrix in every variant (see above), or `only` those named
    ("Fr", …)."""
    built = [
        _HouseholdBuilder(world, kind, variant).build()
        for variant, kinds in MATRIX_HOUSEHOLDS.items()
        for kind in kinds
        if not only or f"{kind}{MATRIX_VARIANTS[variant]}" in only
    ]
    return Households(all={h.key: h for h in built})
