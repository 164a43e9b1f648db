"""National ids are stored encrypted, and still found: by a keyed hash beside them (issue 12).

Three doors look a person up by national id: the same-child notice when a second service
identifies a child, the family portal's login (the provider's pid claim), and the figures'
"children and families reached" (laget/monitoring/tests). The OpenID login end to end is in
laget/portal/tests/test_oidc_login.py; here the lookup under it.
"""

from collections.abc import Iterator

import pytest
from django.db import connection

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.models import SameChildNotice
from laget.cases.services.lifecycle import case_identify, case_open
from laget.lib.crypto import decrypt, lookup_hash
from laget.orgs.actors import actor_for
from laget.people.models import Guardian, Subject
from laget.portal.services import portal_user_for_pid
from laget.testing.family import Family, build_family
from laget.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def family(world: World, django_db_blocker: object) -> Iterator[Family]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        yield build_family(world)


def stored(table: str, columns: str, pk: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()


def test_the_number_is_a_token_and_its_hash_is_keyed(family: Family) -> None:
    pid = family.pids[family.mother.name]
    number, digest = stored("people_guardian", "national_id, national_id_hash", family.mother.pk)
    assert pid not in number and decrypt(number) == pid
    assert digest == lookup_hash(pid) and pid not in digest


def test_people_are_found_by_their_number_and_by_nothing_else(family: Family) -> None:
    teen_pid = family.pids["Sofie Lien"]
    assert list(Subject.objects.with_national_id(teen_pid)) == [family.teen_case.subject]
    mother_pid = family.pids[family.mother.name]
    assert list(Guardian.objects.with_national_id(mother_pid)) == [family.mother]
    assert not Guardian.objects.with_national_id(teen_pid).exists()
    # Records without a number are never found by "no number".
    assert not Subject.objects.with_national_id("").exists()


def test_a_second_log_about_the_same_child_leaves_a_notice_in_the_first(
    world: World, family: Family
) -> None:
    nurse = world.users["participant"]
    actor = actor_for(nurse, Via.SYSTEM)
    case = case_open(
        actor=actor, user=nurse, unit_id=world.units["health_clinic"].pk, label="Jente, 16"
    )
    access = case_for(nurse, case.pk, need=Need.COORDINATE, audit=False)
    case_identify(
        actor=actor,
        access=access,
        given_name="Sofie",
        family_name="Lien",
        national_id=family.pids["Sofie Lien"],
    )
    notice = SameChildNotice.objects.get(case=family.teen_case)
    assert notice.unit == world.units["health_clinic"]


def test_the_portal_login_finds_the_guardian_and_the_teen_by_pid(family: Family) -> None:
    mother = portal_user_for_pid(family.pids[family.mother.name])
    assert mother == family.users["own_guardian"]
    teen = portal_user_for_pid(family.pids["Sofie Lien"])
    assert teen == family.users["child_over"]
    assert portal_user_for_pid(family.pids[family.stepfather.name]) is None


def test_a_portal_user_keeps_the_name_encrypted(family: Family) -> None:
    teen = family.users["child_over"]
    first, last, name = stored("accounts_user", "first_name, last_name, portal_name", teen.pk)
    assert (first, last) == ("", "")
    assert "Sofie" not in name and decrypt(name) == "Sofie Lien"
    assert User.objects.get(pk=teen.pk).display_name == "Sofie Lien"
