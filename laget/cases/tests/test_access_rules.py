"""Who sees and does what in a case, decided by laget.cases.access and nothing else.

Deny by default: an active participant (in person, or through their unit taking part as a
whole) on a legal basis that holds, or the leader of the case's unit, sees the case. Everyone
else, including the municipal admin and coordinator, gets 404 exactly as for a missing case.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import Need, case_for, visible_cases
from laget.cases.choices import LegalBasis
from laget.cases.models import Participant
from laget.cases.services.lifecycle import case_open
from laget.cases.services.participants import participant_add
from laget.consent.models import Consent
from laget.consent.services import consent_request
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership, Municipality, Role, Unit, UnitKind
from laget.testing.consents import given_consent
from laget.testing.world import ROLES, World, add_member, make_user

pytestmark = pytest.mark.django_db

# role: (sees the case, may write entries/measures/meetings, may coordinate)
RULES = {
    "stafettholder": (True, True, True),
    "participant": (True, True, False),
    "former_participant": (False, False, False),
    "same_unit": (False, False, False),
    "other_unit": (False, False, False),
    "unit_leader": (True, False, True),
    "coordinator": (False, False, False),
    "admin": (False, False, False),
    "anonymous": (False, False, False),
}


def user_for(world: World, role: str) -> User | AnonymousUser:
    user = world.user(role)
    return AnonymousUser() if user is None else user


def fresh(user: User) -> User:
    """The user read again, without the organisation profile cached on the world's instance."""
    return User.objects.get(pk=user.pk)


def test_every_role_of_the_world_has_a_rule() -> None:
    assert set(RULES) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_visible_cases_lists_the_case_only_for_roles_that_see_it(world: World, role: str) -> None:
    sees, _, _ = RULES[role]
    visible = set(visible_cases(user_for(world, role)).values_list("pk", flat=True))  # type: ignore[arg-type]
    assert (world.case.pk in visible) is sees


@pytest.mark.parametrize("role", ROLES)
def test_case_for_reading_allows_or_gets_404(world: World, role: str) -> None:
    sees, _, _ = RULES[role]
    user = user_for(world, role)
    if sees:
        assert case_for(user, world.case.pk, audit=False).case.pk == world.case.pk  # type: ignore[arg-type]
    else:
        with pytest.raises(Http404):
            case_for(user, world.case.pk, audit=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("need", [Need.WRITE, Need.COORDINATE])
def test_case_for_writing_and_coordinating_allows_403_or_404(
    world: World, role: str, need: Need
) -> None:
    sees, may_write, may_coordinate = RULES[role]
    allowed = may_write if need is Need.WRITE else may_coordinate
    user = user_for(world, role)
    if not sees:
        expected: type[Exception] | None = Http404
    elif not allowed:
        expected = PermissionDenied
    else:
        expected = None
    if expected is None:
        access = case_for(user, world.case.pk, need=need, audit=False)  # type: ignore[arg-type]
        assert access.may_write is may_write
        assert access.may_coordinate is may_coordinate
    else:
        with pytest.raises(expected):
            case_for(user, world.case.pk, need=need, audit=False)  # type: ignore[arg-type]


def test_former_participant_gets_404(world: World) -> None:
    with pytest.raises(Http404):
        case_for(world.users["former_participant"], world.case.pk, audit=False)


def test_admin_and_coordinator_do_not_read_case_content(world: World) -> None:
    for role in ("admin", "coordinator"):
        assert not visible_cases(world.users[role]).exists()


def test_unit_leader_reads_and_coordinates_but_does_not_write(world: World) -> None:
    access = case_for(world.users["unit_leader"], world.case.pk, need=Need.COORDINATE, audit=False)
    assert access.participant is None
    assert not access.can_write
    with pytest.raises(PermissionDenied):
        case_for(world.users["unit_leader"], world.case.pk, need=Need.WRITE, audit=False)


@pytest.mark.parametrize("role", ROLES)
def test_case_of_another_unit_is_invisible_to_everyone_outside_it(world: World, role: str) -> None:
    with pytest.raises(Http404):
        case_for(user_for(world, role), world.other_case.pk, audit=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("case_id", [0, 10**9, "abc", "", None])
def test_missing_or_malformed_case_id_gets_404(world: World, case_id: object) -> None:
    with pytest.raises(Http404):
        case_for(world.users["stafettholder"], case_id, audit=False)  # type: ignore[arg-type]


def test_unit_taking_part_as_a_whole_lets_its_members_read(world: World) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    school_employee = world.users["other_unit"]
    with pytest.raises(Http404):
        case_for(school_employee, world.case.pk, audit=False)
    consent = given_consent(world.case, [world.units["school"]], by=holder)
    participant_add(
        actor=actor_for(holder),
        access=access,
        unit_id=world.units["school"].pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=consent.pk,
    )
    seen = case_for(school_employee, world.case.pk, audit=False)
    assert seen.participant is not None and seen.participant.user_id is None
    # Taking part through the unit does not make them the case's coordinator.
    assert not seen.may_coordinate


def requested_consent(world: World, units: list[str]) -> Consent:
    """A consent asked of the family and not answered yet."""
    holder = world.users["stafettholder"]
    return consent_request(
        actor=actor_for(holder),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        unit_ids=[world.units[u].pk for u in units],
        purpose="Samarbeid med skolen",
    )


# Rows written straight into the table, past the services that refuse them: each must grant
# nothing. basis: (legal basis, basis_ref, which consent the row points to).
NO_BASIS = {
    "statute without its reference": (LegalBasis.STATUTE, "", None),
    # Reproduction 3 of issue 11: a statute typed as free text, not chosen from the list.
    "statute as free text only": (LegalBasis.STATUTE, "x", None),
    "consent as free text only": (LegalBasis.CONSENT, "Samtykke fra foresatte", None),
    "consent that names other units": (LegalBasis.CONSENT, "", "world"),
    "consent not yet given": (LegalBasis.CONSENT, "", "requested"),
}


@pytest.mark.parametrize("case", sorted(NO_BASIS))
def test_participant_without_a_legal_basis_that_holds_grants_no_access(
    world: World, case: str
) -> None:
    basis, ref, which = NO_BASIS[case]
    consent: Consent | None = None
    if which == "world":
        consent = world.consent  # names the health clinic and PPT, not the school
    elif which == "requested":
        consent = requested_consent(world, ["school"])
    Participant.objects.create(
        case=world.case,
        unit=world.units["school"],
        user=world.users["other_unit"],
        legal_basis=basis,
        basis_ref=ref,
        consent=consent,
        added_by=world.users["stafettholder"],
    )
    user = fresh(world.users["other_unit"])
    assert not visible_cases(user).filter(pk=world.case.pk).exists()
    with pytest.raises(Http404):
        case_for(user, world.case.pk, audit=False)


def test_participant_on_a_given_consent_for_their_unit_reads(world: World) -> None:
    """The counterpart of the rows above: the same row with a consent that holds."""
    consent = given_consent(world.case, [world.units["school"]], by=world.users["stafettholder"])
    Participant.objects.create(
        case=world.case,
        unit=world.units["school"],
        user=world.users["other_unit"],
        legal_basis=LegalBasis.CONSENT,
        basis_ref=consent.reference,
        consent=consent,
        added_by=world.users["stafettholder"],
    )
    user = fresh(world.users["other_unit"])
    assert visible_cases(user).filter(pk=world.case.pk).exists()
    assert case_for(user, world.case.pk, audit=False).participant is not None


def test_inactive_membership_grants_nothing(world: World) -> None:
    Membership.objects.filter(user=world.users["participant"]).update(is_active=False)
    user = fresh(world.users["participant"])
    assert not visible_cases(user).exists()
    with pytest.raises(Http404):
        case_for(user, world.case.pk, audit=False)


def test_membership_of_an_inactive_unit_grants_nothing(world: World) -> None:
    Unit.objects.filter(pk=world.units["health_clinic"].pk).update(is_active=False)
    with pytest.raises(Http404):
        case_for(fresh(world.users["participant"]), world.case.pk, audit=False)


def test_deactivated_user_sees_no_case(world: World) -> None:
    User.objects.filter(pk=world.users["stafettholder"].pk).update(is_active=False)
    user = fresh(world.users["stafettholder"])
    assert not visible_cases(user).exists()
    with pytest.raises(Http404):
        case_for(user, world.case.pk, audit=False)


def test_case_in_another_municipality_is_invisible(world: World) -> None:
    elsewhere = Municipality.objects.create(name="Nordøy", number="9890")
    # Same unit name as in the world's municipality, to be sure names grant nothing.
    kindergarten = Unit.objects.create(
        municipality=elsewhere, name="Solstrålen barnehage", kind=UnitKind.KINDERGARTEN
    )
    teacher = make_user("ingrid-nordoy", "Ingrid", "Vassbotn")
    add_member(teacher, elsewhere, kindergarten, Role.EMPLOYEE)
    case = case_open(
        actor=actor_for(teacher, Via.SYSTEM),
        user=teacher,
        unit_id=kindergarten.pk,
        label="Jente, 3 år",
    )
    assert case_for(teacher, case.pk, audit=False).case.pk == case.pk
    for role in ROLES:
        user = user_for(world, role)
        assert not visible_cases(user).filter(pk=case.pk).exists()  # type: ignore[arg-type]
        with pytest.raises(Http404):
            case_for(user, case.pk, audit=False)  # type: ignore[arg-type]


def test_leader_of_a_participating_unit_reads_but_does_not_coordinate(world: World) -> None:
    leader = make_user("hanne-hs", "Hanne", "Grøtvik")
    add_member(leader, world.municipality, world.units["health_clinic"], Role.UNIT_LEADER)
    access = case_for(leader, world.case.pk, audit=False)
    assert not access.may_write
    assert not access.may_coordinate
