"""A small fictional municipality with one person of every role, for tests.

All names are invented. `build_world()` writes through the services, like a real user would.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import Arena, Audience, EntryKind, LegalBasis, MeasureStatus, Outcome
from laget.cases.models import (
    Case,
    Entry,
    Measure,
    MeasureEvaluation,
    Meeting,
    MeetingAttendee,
    Participant,
    SameChildNotice,
)
from laget.cases.services.entries import entry_create
from laget.cases.services.lifecycle import case_change_level, case_identify, case_open
from laget.cases.services.measures import measure_create, measure_evaluate
from laget.cases.services.meetings import meeting_create
from laget.cases.services.participants import participant_add, participant_leave
from laget.cases.tools.services import tool_fill
from laget.consent.models import Consent
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership, Municipality, Role, Unit, UnitKind
from laget.testing.consents import given_consent
from laget.tools.models import FilledTool, ToolDefinition, ToolVersion
from laget.tools.starter import install_starter_tools

PASSWORD = "test-passord-123"

# The roles of the access matrix, in the order the issue names them.
ROLES = (
    "stafettholder",
    "participant",
    "former_participant",
    "same_unit",
    "other_unit",
    "unit_leader",
    "coordinator",
    "admin",
    "anonymous",
)


@dataclass
class World:
    municipality: Municipality
    units: dict[str, Unit]
    users: dict[str, User]
    case: Case
    measure: Measure
    entry: Entry
    meeting: Meeting  # a week ago, still planned (not marked held)
    participant: Participant
    former: Participant
    other_case: Case
    # world.participant's invitation to world.meeting.
    attendee: MeetingAttendee
    # The guardians' consent that world.participant and world.former joined on.
    consent: Consent
    extra: dict[str, object] = field(default_factory=dict)
    # The starter worry scale, its published version, and it filled in world.case.
    tool: ToolDefinition | None = None
    tool_version: ToolVersion | None = None
    filled_tool: FilledTool | None = None
    # Another service (the school) had a concern about world.case's child.
    same_child_notice: SameChildNotice | None = None

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else self.users[role]


def make_user(username: str, first: str, last: str) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=first,
        last_name=last,
        email=f"{username}@example.invalid",
    )
    return user


def add_member(user: User, municipality: Municipality, unit: Unit | None, role: str) -> None:
    Membership.objects.create(user=user, municipality=municipality, unit=unit, role=role)


def open_case_with_people(
    units: dict[str, Unit],
    users: dict[str, User],
    *,
    label: str,
    observation: str,
    child: tuple[str, str, datetime.date],
) -> tuple[Case, CaseAccess, Consent, Participant, Participant]:
    """A case opened by the kindergarten's Kari for a named child, with the family's consent
    for the health clinic and PPT, and Per (health clinic) and Oda (PPT) added on it."""
    holder = users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    case = case_open(
        actor=actor,
        user=holder,
        unit_id=units["kindergarten"].pk,
        label=label,
        observation=observation,
    )
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    given_name, family_name, birth_date = child
    case_identify(
        actor=actor,
        access=access,
        given_name=given_name,
        family_name=family_name,
        birth_date=birth_date,
    )
    consent = given_consent(case, [units["health_clinic"], units["ppt"]], by=holder)
    participant, former = (
        participant_add(
            actor=actor,
            access=access,
            unit_id=units[unit].pk,
            user_id=users[role].pk,
            legal_basis=LegalBasis.CONSENT,
            consent_id=consent.pk,
        )
        for unit, role in (("health_clinic", "participant"), ("ppt", "former_participant"))
    )
    return case, access, consent, participant, former


def add_case_content(
    access: CaseAccess,
    holder_row: Participant,
    participant: Participant,
    *,
    measure: tuple[str, str],
    glimmer: str,
    meeting: tuple[str, int],
) -> tuple[Measure, Entry, Meeting]:
    """What a world's case holds, written by its stafettholder: a measure they are responsible
    for (title, goal), a glimmer for everyone, and a meeting (place, in days) to which they and
    `participant` are invited."""
    holder = holder_row.user
    assert holder is not None
    actor = actor_for(holder, Via.SYSTEM)
    today = timezone.localdate()
    title, goal = measure
    place, in_days = meeting
    return (
        measure_create(
            actor=actor,
            access=access,
            title=title,
            goal=goal,
            arena=Arena.KINDERGARTEN,
            responsible_id=holder_row.pk,
            start_date=today,
            evaluation_date=today + datetime.timedelta(days=28),
        ),
        entry_create(
            actor=actor, access=access, kind=EntryKind.GLIMMER, text=glimmer, audience=Audience.ALL
        ),
        meeting_create(
            actor=actor,
            access=access,
            starts_at=timezone.now() + datetime.timedelta(days=in_days),
            place=place,
            participant_ids=[holder_row.pk, participant.pk],
        ),
    )


def build_world(suffix: str = "") -> World:
    m = Municipality.objects.create(name=f"Fjordvik{suffix}", number=f"99{len(suffix):02d}"[-4:])
    units = {
        "kindergarten": Unit.objects.create(
            municipality=m, name="Solstrålen barnehage", kind=UnitKind.KINDERGARTEN
        ),
        "health_clinic": Unit.objects.create(
            municipality=m, name="Fjordvik helsestasjon", kind=UnitKind.HEALTH_CLINIC
        ),
        "school": Unit.objects.create(municipality=m, name="Bakketun skole", kind=UnitKind.SCHOOL),
        "ppt": Unit.objects.create(municipality=m, name="PPT Fjordvik", kind=UnitKind.PPT),
        "child_welfare": Unit.objects.create(
            municipality=m, name="Barneverntjenesten i Fjordvik", kind=UnitKind.CHILD_WELFARE
        ),
    }
    people = {
        "stafettholder": ("kari", "Kari", "Lundberg", "kindergarten", Role.EMPLOYEE),
        "participant": ("per", "Per", "Nystad", "health_clinic", Role.EMPLOYEE),
        "former_participant": ("oda", "Oda", "Brekkestø", "ppt", Role.EMPLOYEE),
        "same_unit": ("lise", "Lise", "Marheim", "kindergarten", Role.EMPLOYEE),
        "other_unit": ("nils", "Nils", "Tverrå", "school", Role.EMPLOYEE),
        "unit_leader": ("siri", "Siri", "Hovdenak", "kindergarten", Role.UNIT_LEADER),
        "coordinator": ("tor", "Tor", "Aspevik", None, Role.COORDINATOR),
        "admin": ("anne", "Anne", "Skjelstad", None, Role.ADMIN),
    }
    users: dict[str, User] = {}
    for role, (username, first, last, unit_key, org_role) in people.items():
        user = make_user(f"{username}{suffix}", first, last)
        add_member(user, m, units[unit_key] if unit_key else None, org_role)
        users[role] = user

    holder = users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    case, access, consent, participant, former = open_case_with_people(
        units,
        users,
        label="Gutt, 4 år",
        observation="Trekker seg unna i lek, sover dårlig etter ferien.",
        child=("Emil", "Fjeldsrud", datetime.date(2021, 3, 14)),
    )
    holder_row = case.participants.get(user=holder)
    case_change_level(
        actor=actor,
        access=access,
        to_level=2,
        reason="Trenger helsestasjonen med.",
        stafettholder_id=holder_row.pk,
    )
    participant_leave(actor=actor, access=access, participant_id=former.pk)
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    measure, entry, meeting = add_case_content(
        access,
        holder_row,
        participant,
        measure=("Fast voksen ved levering", "Tryggere morgener"),
        glimmer="Lo høyt i sandkassa i dag.",
        # A week ago: it can be marked held and its minutes written (a meeting is held only
        # once it has started). A test about what lies ahead plans its own: upcoming_meeting.
        meeting=("Solstrålen, møterom 1", -7),
    )
    # A second case in another unit, that none of the people above take part in.
    nurse = make_user(f"vera{suffix}", "Vera", "Holmslet")
    add_member(nurse, m, units["school"], Role.EMPLOYEE)
    other = case_open(
        actor=actor_for(nurse, Via.SYSTEM),
        user=nurse,
        unit_id=units["school"].pk,
        label="Jente, 9 år",
    )
    users["outsider_holder"] = nurse
    tool = install_starter_tools(m, by=users["coordinator"])[0]
    tool_version = tool.published()
    assert tool_version is not None
    filled = tool_fill(
        actor=actor,
        access=access,
        version=tool_version,
        answers={f["key"]: "nei" for f in tool_version.schema["fields"] if f.get("required")},
    )
    case.refresh_from_db()
    attendee = meeting.attendees.get(participant=participant)
    return World(
        m,
        units,
        users,
        case,
        measure,
        entry,
        meeting,
        participant,
        former,
        other,
        attendee,
        consent,
        tool=tool,
        tool_version=tool_version,
        filled_tool=filled,
        same_child_notice=SameChildNotice.objects.create(case=case, unit=units["school"]),
    )


def upcoming_meeting(
    world: World, *, in_days: int = 7, place: str = "Solstrålen, møterom 2"
) -> Meeting:
    """A meeting in world.case `in_days` ahead, planned by the stafettholder with
    world.participant invited (world.meeting lies in the past)."""
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.WRITE, audit=False)
    return meeting_create(
        actor=actor_for(holder, Via.SYSTEM),
        access=access,
        starts_at=timezone.now() + datetime.timedelta(days=in_days),
        place=place,
        participant_ids=[world.case.participants.get(user=holder).pk, world.participant.pk],
    )


# What the two evaluations of evaluate_twice say: the first continues, the second completes.
FIRST_EVALUATION = "Bedre morgener, men fortsatt gråt ved levering."
SECOND_EVALUATION = "Leverer uten gråt hele uka."


def evaluate_twice(world: World) -> tuple[MeasureEvaluation, MeasureEvaluation]:
    """world.measure evaluated twice by the stafettholder: first it partly worked and
    continues (next evaluation in 14 days), then it worked and is completed. world.measure
    itself (shared by a module's tests) is left as it was; read the row again to see it."""
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.WRITE, audit=False)
    actor = actor_for(holder, Via.SYSTEM)
    measure = Measure.objects.get(pk=world.measure.pk)
    first = measure_evaluate(
        actor=actor,
        access=access,
        measure=measure,
        expected_version=measure.version,
        outcome=Outcome.PARTLY,
        text=FIRST_EVALUATION,
        status=MeasureStatus.ACTIVE,
        next_evaluation_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    second = measure_evaluate(
        actor=actor,
        access=access,
        measure=measure,
        expected_version=measure.version,
        outcome=Outcome.WORKED,
        text=SECOND_EVALUATION,
        status=MeasureStatus.COMPLETED,
    )
    return first, second
