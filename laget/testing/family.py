"""Families on top of the test world, for the family portal's tests. All names are invented.

`build_family(world)` gives world.case (Emil, 4 years) guardians with synthetic national ids,
a stepfather without parental responsibility, a professionals-only entry and a meeting to
which both parents are invited; it identifies world.other_case (another family, with its own
guardian) and opens a case about a 16-year-old who logs in themselves.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind, LegalBasis
from laget.cases.models import Case, Entry, Meeting
from laget.cases.services.entries import entry_create
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_change_level, case_identify, case_open
from laget.cases.services.meetings import meeting_create, meeting_update
from laget.cases.services.participants import participant_add
from laget.cases.statutes import DUTY_TO_REPORT
from laget.consent.models import Consent
from laget.consent.services import consent_request
from laget.orgs.actors import actor_for
from laget.people.models import Guardian
from laget.people.national_id import check_digits
from laget.portal.services import portal_user_for_pid
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
    meeting = meeting_update(
        actor=actor,
        access=access,
        meeting=world.meeting,
        expected_version=Meeting.objects.get(pk=world.meeting.pk).version,
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
