"""The one rule (laget.family.access) on the points the family's pages lean on: how units and
staff are named to a member, and what a restriction hides besides the thing itself. The whole
matrix of roles, routes and variants is laget/portal/tests/test_family_matrix.py."""

import datetime

import pytest
from django.utils import timezone

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind
from laget.cases.models import Entry
from laget.cases.services.entries import entry_create
from laget.cases.services.guardians import guardian_add
from laget.family.access import NEUTRAL_UNIT, FamilyView, Rights, member_view
from laget.family.choices import Part, RestrictionReason, RestrictionState
from laget.family.models import CareOrder, Restriction
from laget.orgs.actors import actor_for
from laget.orgs.models import Unit, UnitKind
from laget.people.models import FamilyRole, Guardian
from laget.testing.world import World

NEUTRAL = str(NEUTRAL_UNIT)
READER = Rights(reads=True)
# The units whose name tells where a child lives (issue 13: kindergarten, school, clinic).
LOCATING = (UnitKind.KINDERGARTEN, UnitKind.SCHOOL, UnitKind.AFTER_SCHOOL, UnitKind.HEALTH_CLINIC)
OTHERS = tuple(k for k in UnitKind if k not in LOCATING)


def view(*, protected: bool = False, hidden: frozenset[str] = frozenset()) -> FamilyView:
    return FamilyView(
        case_id=1, guardian=None, child=True, rights=READER, hidden=hidden, protected=protected
    )


def unit(kind: str) -> Unit:
    return Unit(name=f"Enhet av typen {kind}", kind=kind)


@pytest.mark.parametrize("kind", list(UnitKind))
def test_a_unit_is_named_to_a_member_without_a_protected_relative(kind: str) -> None:
    assert view().unit_label(unit(kind)) == f"Enhet av typen {kind}"


@pytest.mark.parametrize("kind", LOCATING)
def test_a_unit_that_tells_where_a_protected_member_lives_gets_the_neutral_label(
    kind: str,
) -> None:
    assert view(protected=True).unit_label(unit(kind)) == NEUTRAL


@pytest.mark.parametrize("kind", OTHERS)
def test_other_units_are_named_even_with_a_protected_relative(kind: str) -> None:
    assert view(protected=True).unit_label(unit(kind)) == f"Enhet av typen {kind}"


@pytest.mark.parametrize("kind", list(UnitKind))
def test_with_participants_hidden_no_unit_is_named(kind: str) -> None:
    assert view(hidden=frozenset({Part.PARTICIPANTS})).unit_label(unit(kind)) == NEUTRAL


def test_no_unit_is_the_neutral_label() -> None:
    assert view().unit_label(None) == NEUTRAL


def test_a_staff_member_is_named_with_their_unit() -> None:
    assert view().staff_label("Kari Lund", unit(UnitKind.PPT)) == f"Kari Lund, {unit('ppt').name}"


@pytest.mark.parametrize(
    "hidden_by",
    [
        {"protected": True},
        {"hidden": frozenset({Part.PARTICIPANTS})},
    ],
)
def test_where_the_unit_may_not_be_named_neither_is_the_person(hidden_by: dict) -> None:
    """A name leads to the unit as surely as the unit's own name does."""
    label = view(**hidden_by).staff_label("Kari Lund", unit(UnitKind.KINDERGARTEN))
    assert label == NEUTRAL[0].upper() + NEUTRAL[1:]
    assert "Kari" not in label


# --- With the database: world.case (Emil, 4), his guardians and a meeting ---------------------


with_db = pytest.mark.django_db


def _guardian(world: World, role: str, name: str) -> Guardian:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    return guardian_add(
        actor=actor_for(holder, Via.SYSTEM), access=access, name=name, relation="", role=role
    )


def _restrict(world: World, guardian: Guardian, **fields: object) -> Restriction:
    return Restriction.objects.create(
        case=world.case,
        guardian=guardian,
        reason=RestrictionReason.VIOLENCE,
        state=RestrictionState.IN_FORCE,
        proposed_by=world.users["stafettholder"],
        **fields,
    )


@with_db
def test_the_minutes_of_a_hidden_meeting_are_hidden_with_it(world: World) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.WRITE, audit=False)
    minutes = entry_create(
        actor=actor_for(holder, Via.SYSTEM),
        access=access,
        kind=EntryKind.MINUTES,
        text="Referat fra møtet.",
        audience=Audience.ALL,
        meeting_id=world.meeting.pk,
    )
    father = _guardian(world, FamilyRole.GUARDIAN, "Far Fjeldsrud")
    mother = _guardian(world, FamilyRole.GUARDIAN, "Mor Fjeldsrud")
    _restrict(world, father).meetings.add(world.meeting)
    entries = Entry.objects.filter(case=world.case)
    assert minutes not in member_view(world.case, guardian=father).entries(entries)
    assert world.meeting not in member_view(world.case, guardian=father).meetings(
        world.case.meetings.all()
    )
    assert minutes in member_view(world.case, guardian=mother).entries(entries)


@with_db
def test_a_restriction_not_yet_approved_hides_nothing(world: World) -> None:
    father = _guardian(world, FamilyRole.GUARDIAN, "Far Fjeldsrud")
    restriction = _restrict(world, father, parts=[Part.PLACES], whole_log=True)
    restriction.state = RestrictionState.PROPOSED
    restriction.save()
    seen = member_view(world.case, guardian=father)
    assert seen.reads and not seen.hides_places


@with_db
@pytest.mark.parametrize(
    ("role", "reads", "writes"),
    [
        (FamilyRole.GUARDIAN, True, True),
        (FamilyRole.GUARDIAN_NO_PR, False, False),
        (FamilyRole.PARENT_NO_PR, True, False),
        (FamilyRole.FOSTER, True, True),
        (FamilyRole.PARTNER, True, True),
    ],
)
def test_each_role_reads_and_writes_as_the_issue_says(
    world: World, role: str, reads: bool, writes: bool
) -> None:
    member = member_view(world.case, guardian=_guardian(world, role, "Noen"))
    assert (member.reads, member.rights.writes) == (reads, writes)


@with_db
def test_under_a_care_order_the_birth_parent_reads_only_what_is_granted(world: World) -> None:
    mother = _guardian(world, FamilyRole.GUARDIAN, "Mor Fjeldsrud")
    foster = _guardian(world, FamilyRole.FOSTER, "Fostermor")
    CareOrder.objects.create(
        case=world.case,
        unit=world.units["child_welfare"],
        starts_on=timezone.localdate() - datetime.timedelta(days=1),
        parent_parts=[Part.MEASURES],
        foster_parts=[Part.MEASURES, Part.MEETINGS, Part.PLACES],
        recorded_by=world.users["stafettholder"],
    )
    parent = member_view(world.case, guardian=mother)
    assert parent.reads and parent.hides(Part.ENTRIES) and parent.hides_places
    assert not parent.rights.consents
    assert parent.unit_label(world.units["kindergarten"]) == NEUTRAL  # participants hidden
    carer = member_view(world.case, guardian=foster)
    assert not carer.hides_places and carer.hides(Part.ENTRIES)
