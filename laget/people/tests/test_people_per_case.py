"""People belong to the case (issue 11, reproduction 1): a child's record and guardians are per
case, so what one service records never reaches another service's case, the portal or its
e-mails through a shared record."""

import datetime

import pytest
from pytest_django.fixtures import Settings

from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind
from laget.cases.services.entries import entry_create
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_identify, case_open
from laget.notify.models import Kind, Notification
from laget.orgs.actors import actor_for
from laget.portal.access import family_cases
from laget.portal.services import portal_user_for_pid
from laget.testing.family import synthetic_national_id
from laget.testing.world import World

pytestmark = pytest.mark.django_db

CHILD_BIRTH = datetime.date(2019, 4, 2)


def _identified(world: World, role: str, unit: str, national_id: str) -> int:
    user = world.users[role]
    case = case_open(actor=actor_for(user), user=user, unit_id=world.units[unit].pk, label="X")
    access = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    case_identify(
        actor=actor_for(user),
        access=access,
        given_name="Mina",
        family_name="Fjellheim",
        national_id=national_id,
    )
    return case.pk


def test_a_guardian_added_in_one_case_reaches_only_that_case(
    world: World, settings: Settings
) -> None:
    settings.LAGET_SYNTHETIC_IDS = True
    child = synthetic_national_id(CHILD_BIRTH)
    mother_id = synthetic_national_id(datetime.date(1988, 1, 5))
    father_id = synthetic_national_id(datetime.date(1986, 7, 9))
    kindergarten = _identified(world, "stafettholder", "kindergarten", child)
    school = _identified(world, "other_unit", "school", child)
    holder, teacher = world.users["stafettholder"], world.users["other_unit"]
    guardian_add(
        actor=actor_for(holder),
        access=case_for(holder, kindergarten, need=Need.COORDINATE, audit=False),
        name="Rita Fjellheim",
        email="rita@example.invalid",
        national_id=mother_id,
    )
    guardian_add(
        actor=actor_for(teacher),
        access=case_for(teacher, school, need=Need.COORDINATE, audit=False),
        name="Odd Fjellheim",
        email="odd@example.invalid",
        national_id=father_id,
    )

    father = portal_user_for_pid(father_id)
    mother = portal_user_for_pid(mother_id)
    assert father is not None and mother is not None
    assert [c.pk for c in family_cases(father)] == [school]
    assert [c.pk for c in family_cases(mother)] == [kindergarten]

    entry_create(
        actor=actor_for(holder),
        access=case_for(holder, kindergarten, need=Need.WRITE, audit=False),
        kind=EntryKind.NOTE,
        text="Fin dag i barnehagen.",
        audience=Audience.ALL,
    )
    told = set(
        Notification.objects.filter(kind=Kind.ENTRY, case_id=kindergarten).values_list(
            "recipient", flat=True
        )
    )
    assert "odd@example.invalid" not in told
    assert "rita@example.invalid" in told
