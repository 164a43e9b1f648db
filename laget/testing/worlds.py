"""The access matrix's other worlds, on top of the test world (laget/testing/world.py).

Each changes the world the way a municipality would, through the services: a case closed (and
one closed long ago), a level-0 case without a stafettholder, a participant who moved to
another unit, a deactivated user, an account the admin created that no one has accepted yet,
a second municipality, and a guardian added in another case of the same child. All names are
invented. The callers run each change inside a test's savepoint, or build it once per module
inside the world's transaction, so the plain world stays as it was.
"""

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone
from knox.models import AuthToken

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.models import Case, SameChildNotice
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_close, case_identify, case_open
from laget.cases.services.participants import participant_leave
from laget.cases.tools.services import tool_fill
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership, Role
from laget.orgs.services import (
    membership_accept,
    membership_add,
    membership_end,
    staff_create,
    user_deactivate,
)
from laget.portal.services import portal_user_for_pid
from laget.testing.family import synthetic_national_id
from laget.testing.world import (
    World,
    add_case_content,
    add_member,
    make_user,
    open_case_with_people,
)

CLOSING_REASON = "Tiltakene virker; familien ønsker å avslutte."


def close_case(world: World, *, days_ago: int = 0) -> Case:
    """The stafettholder closes world.case; `days_ago` moves the closing back in time."""
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    case = case_close(actor=actor_for(holder, Via.SYSTEM), access=access, reason=CLOSING_REASON)
    if days_ago:
        closed_at = timezone.now() - datetime.timedelta(days=days_ago)
        Case.objects.filter(pk=case.pk).update(closed_at=closed_at)
    return case


def days_past_read_period() -> int:
    """A closing this many days ago is past the last stafettholder's reading time."""
    return settings.LAGET_CLOSED_CASE_READ_DAYS + 1


def days_within_read_period() -> int:
    return max(settings.LAGET_CLOSED_CASE_READ_DAYS - 1, 0)


def level0_world(world: World) -> World:
    """The world with a new level-0 case in its place: opened by the kindergarten's Kari,
    with the health clinic's Per added on the family's consent and the PPT's Oda come and
    gone, and no stafettholder; the same objects as world.case has (measure, entry by Kari,
    meeting, tool, notice). Every person in the case coordinates."""
    units, users = world.units, world.users
    holder = users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    case, access, consent, participant, former = open_case_with_people(
        units,
        users,
        label="Jente, 3 år",
        observation="Gråter mye ved levering.",
        child=("Mia", "Tjønndal", datetime.date(2022, 8, 1)),
    )
    participant_leave(actor=actor, access=access, participant_id=former.pk)
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    holder_row = case.participants.get(user=holder)
    measure, entry, meeting = add_case_content(
        access,
        holder_row,
        participant,
        measure=("Rolig start på dagen", "Mindre gråt ved levering"),
        glimmer="Lekte lenge med dukkene.",
        meeting=("Solstrålen, møterom 2", 5),
    )
    assert world.tool_version is not None
    filled = tool_fill(
        actor=actor,
        access=access,
        version=world.tool_version,
        answers={f["key"]: "nei" for f in world.tool_version.schema["fields"] if f.get("required")},
    )
    case.refresh_from_db()
    assert case.level == 0
    return dataclasses.replace(
        world,
        case=case,
        measure=measure,
        entry=entry,
        meeting=meeting,
        participant=participant,
        former=former,
        attendee=meeting.attendees.get(participant=participant),
        consent=consent,
        filled_tool=filled,
        same_child_notice=SameChildNotice.objects.create(case=case, unit=units["school"]),
    )


def second_admin(world: World) -> User:
    """Another admin of the municipality: the second person for a unit without a leader."""
    user = make_user("matrix-admin2", "Åse", "Andreassen")
    add_member(user, world.municipality, None, Role.ADMIN)
    return user


def move_unit(world: World, role: str = "participant") -> Membership:
    """The person moves from their unit to the school: the admin ends the old membership and
    gives a new one, which another admin accepts (the school has no leader)."""
    admin = world.users["admin"]
    user = world.users[role]
    old = Membership.objects.effective().get(user=user, unit__isnull=False)
    membership_end(by=admin, membership=old)
    new = membership_add(by=admin, user=user, unit=world.units["school"], role=Role.EMPLOYEE)
    if new.pending:
        new = membership_accept(by=second_admin(world), membership=new)
    return new


def deactivate(world: World, role: str = "participant") -> User:
    """The admin deactivates the person's account."""
    return user_deactivate(by=world.users["admin"], user=world.users[role])


def api_token(user: User) -> str:
    """An API token for the user, as the login endpoint would give it."""
    _, token = AuthToken.objects.create(user=user)
    return token


def pending_leader(world: World) -> User:
    """The admin creates a leader for the kindergarten (world.case's responsible unit): the
    membership waits for the kindergarten's leader to accept it."""
    user = staff_create(
        by=world.users["admin"],
        municipality=world.municipality,
        unit=world.units["kindergarten"],
        role=Role.UNIT_LEADER,
        username="matrix-ventende",
        first_name="Vera",
        last_name="Venter",
        password="test-passord-123",
    )
    assert Membership.objects.get(user=user).pending
    return user


def accept_pending(world: World, user: User) -> Membership:
    """The kindergarten's leader accepts the pending membership: now it counts."""
    membership = Membership.objects.get(user=user, pending=True)
    return membership_accept(by=world.users["unit_leader"], membership=membership)


@dataclasses.dataclass
class SameChild:
    """world.case's child has a second case, in the school, with a guardian added there only."""

    case: Case
    guardian_here: User  # added in world.case
    guardian_elsewhere: User  # added in the school's case of the same child


def same_child_elsewhere(world: World) -> SameChild:
    birth = datetime.date(2021, 3, 14)  # Emil's, as build_world identifies him
    child_pid = synthetic_national_id(birth, 7)
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    here_pid = synthetic_national_id(datetime.date(1989, 4, 2))
    guardian_add(
        actor=actor_for(holder, Via.SYSTEM),
        access=access,
        name="Hege Fjeldsrud",
        relation="mor",
        national_id=here_pid,
    )
    teacher = world.users["other_unit"]
    actor = actor_for(teacher, Via.SYSTEM)
    case = case_open(actor=actor, user=teacher, unit_id=world.units["school"].pk, label="Gutt")
    other = case_for(teacher, case.pk, need=Need.COORDINATE, audit=False)
    case_identify(
        actor=actor,
        access=other,
        given_name="Emil",
        family_name="Fjeldsrud",
        birth_date=birth,
        national_id=child_pid,
    )
    other = case_for(teacher, case.pk, need=Need.COORDINATE, audit=False)
    elsewhere_pid = synthetic_national_id(datetime.date(1987, 1, 9))
    guardian_add(
        actor=actor, access=other, name="Geir Fjeldsrud", relation="far", national_id=elsewhere_pid
    )
    here = portal_user_for_pid(here_pid)
    elsewhere = portal_user_for_pid(elsewhere_pid)
    assert here is not None and elsewhere is not None
    return SameChild(case=other.case, guardian_here=here, guardian_elsewhere=elsewhere)
