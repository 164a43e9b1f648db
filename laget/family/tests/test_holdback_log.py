"""Each member's own access log, grouped by person, unit and day in plain words: "Per Nystad
ved Fjordvik helsestasjon leste saken 3 ganger i dag". Newest day first, a page of groups,
the same few queries however long the log; the other members' activity only where the
member's view allows it (laget.family.access)."""

import datetime
from collections.abc import Callable
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from laget.accounts.models import User
from laget.audit.models import AuditAction, Via
from laget.audit.services import Actor, audit_record
from laget.cases.access import Need, case_for
from laget.cases.services.guardians import guardian_add
from laget.family.log_labels import LogGroup, day_words
from laget.orgs.actors import actor_for
from laget.people.models import FamilyRole, Guardian
from laget.portal.services import portal_user_for_pid
from laget.portal.tests.conftest import client_as, family
from laget.portal.views.cases import LOG_PAGE_SIZE
from laget.testing.family import Family
from laget.testing.world import World, make_user

pytestmark = pytest.mark.django_db

__all__ = ["client_as", "family"]


def log_url(family: Family) -> str:
    return reverse("portal:access_log", kwargs={"case_id": family.case.pk})


def groups_of(client: Client, family: Family, page: int | None = None) -> list[LogGroup]:
    url = log_url(family) + (f"?side={page}" if page else "")
    response = client.get(url)
    assert response.status_code == 200
    return list(response.context["groups"])


def portal_client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="laget.portal.oidc.PortalOIDCBackend")
    return client


def staff_reads(world: World, family: Family, role: str, times: int) -> None:
    user = world.users[role]
    for _ in range(times):
        case_for(user, family.case.pk, actor=actor_for(user))


def test_a_group_says_who_from_where_did_what_how_often_and_when(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    staff_reads(world, family, "participant", 3)
    client = client_as("own_guardian")
    response = client.get(log_url(family))
    first = response.context["groups"][0]
    assert (first.who, first.where, first.own, first.by_family) == (
        "Per Nystad",
        "Fjordvik helsestasjon",
        False,
        False,
    )
    assert first.sentence == "Per Nystad ved Fjordvik helsestasjon leste saken 3 ganger i dag"
    assert f"{first.sentence}." in response.content.decode()


def test_the_members_own_activity_is_theirs_in_words(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    client.get(reverse("portal:case", kwargs={"case_id": family.case.pk}))
    client.get(reverse("portal:case", kwargs={"case_id": family.case.pk}))
    own = [g for g in groups_of(client, family) if g.own]
    assert len(own) == 1
    assert own[0].sentence.startswith("Du leste saken 2 ganger")
    # The next look counts this one too: the log itself.
    again = next(g for g in groups_of(client, family) if g.own)
    assert "leste tilgangsloggen" in again.sentence


def test_several_things_in_a_day_are_one_sentence(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    # Someone with nothing else in the log today.
    actor = Actor(user=make_user("tone", "Tone", "Vik"), unit_name="Solstrålen barnehage")
    for action, object_type in [
        (AuditAction.READ, "case"),
        (AuditAction.CREATE, "entry"),
        (AuditAction.READ, "case"),
        (AuditAction.UPDATE, "measure"),
    ]:
        audit_record(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=family.case.pk,
            case_id=family.case.pk,
        )
    first = groups_of(client_as("own_guardian"), family)[0]
    assert first.sentence == (
        "Tone Vik ved Solstrålen barnehage leste saken 2 ganger, la til en loggføring og endret "
        "et tiltak i dag"
    )


def test_newest_day_first_with_the_day_in_words(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    user = world.users["participant"]
    earlier = timezone.now() - datetime.timedelta(days=40)
    with mock.patch("django.utils.timezone.now", return_value=earlier):
        for _ in range(2):
            audit_record(
                actor=actor_for(user),
                action=AuditAction.READ,
                object_type="case",
                object_id=family.case.pk,
                case_id=family.case.pk,
            )
    staff_reads(world, family, "participant", 1)
    per = [g for g in groups_of(client_as("own_guardian"), family) if g.who == "Per Nystad"]
    assert [g.day for g in per] == [
        timezone.localdate(),
        timezone.localtime(earlier).date(),
    ]
    assert per[0].sentence.endswith("leste saken i dag")
    assert per[1].sentence.endswith(f"leste saken 2 ganger {day_words(per[1].day)}")
    assert per[1].at == earlier


def test_day_words() -> None:
    today = datetime.date(2025, 6, 10)
    assert day_words(today, today) == "i dag"
    assert day_words(datetime.date(2025, 6, 9), today) == "i går"
    assert day_words(datetime.date(2024, 12, 4), today) == "4. desember 2024"
    assert day_words(datetime.date(2025, 3, 4), today) == "4. mars"


def test_an_object_without_words_is_not_named(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    audit_record(
        actor=actor_for(world.users["participant"]),
        action=AuditAction.CREATE,
        object_type="something_new",
        object_id=1,
        case_id=family.case.pk,
    )
    first = groups_of(client_as("own_guardian"), family)[0]
    assert first.sentence == "Per Nystad ved Fjordvik helsestasjon la til noe i saken i dag"


def test_the_system_is_the_system(family: Family, client_as: Callable[[str], Client]) -> None:
    audit_record(
        actor=Actor(user=None, via=Via.SYSTEM),
        action=AuditAction.UPDATE,
        object_type="consent",
        object_id=1,
        case_id=family.case.pk,
    )
    first = groups_of(client_as("own_guardian"), family)[0]
    assert first.sentence == "Systemet endret et samtykke i dag"


# --- Pages of groups, in the same few queries -------------------------------------------


def _many_readers(world: World, family: Family, count: int) -> None:
    """`count` people of the kindergarten who each read the case (one group each)."""
    unit = world.units["kindergarten"].name
    for n in range(count):
        user = make_user(f"leser{n}", "Leser", f"Nummer {n}")
        audit_record(
            actor=Actor(user=user, via=Via.WEB, unit_name=unit),
            action=AuditAction.READ,
            object_type="case",
            object_id=family.case.pk,
            case_id=family.case.pk,
        )


def test_the_log_is_paged_by_group(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    _many_readers(world, family, LOG_PAGE_SIZE + 5)
    client = client_as("own_guardian")
    # A first look: from now on the member's own group stays on top of page 1.
    client.get(log_url(family))
    response = client.get(log_url(family))
    page = response.context["page"]
    first = response.context["groups"]
    assert page.has_next() and len(first) == LOG_PAGE_SIZE
    second = groups_of(client, family, page=2)
    assert second and not {g.who for g in first} & {g.who for g in second}
    whos = [g.who for g in first + second]
    assert len([w for w in whos if w.startswith("Leser Nummer")]) == LOG_PAGE_SIZE + 5
    # Past the end: the last page.
    assert groups_of(client, family, page=999) == groups_of(client, family, page=2)


def _log_queries(client: Client, family: Family) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(log_url(family)).status_code == 200
    return len(queries.captured_queries)


def test_the_log_page_costs_the_same_queries_at_any_length(
    world: World,
    family: Family,
    client_as: Callable[[str], Client],
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = client_as("own_guardian")
    client.get(log_url(family))
    few = _log_queries(client, family)
    _many_readers(world, family, 3 * LOG_PAGE_SIZE)
    staff_reads(world, family, "participant", 20)
    staff_reads(world, family, "stafettholder", 20)
    with django_assert_max_num_queries(few):
        assert client.get(log_url(family)).status_code == 200
    with django_assert_max_num_queries(few):
        assert client.get(log_url(family) + "?side=3").status_code == 200


# --- The other members' activity ---------------------------------------------------------


def _father_user(family: Family) -> User:
    user = portal_user_for_pid(family.pids[family.father.name])
    assert user is not None
    return user


def _foster_user(world: World, family: Family) -> User:
    holder = world.users["stafettholder"]
    access = case_for(holder, family.case.pk, need=Need.COORDINATE, audit=False)
    foster = guardian_add(
        actor=actor_for(holder),
        access=access,
        name="Gunn Aas",
        relation="fostermor",
        has_parental_responsibility=False,
        role=FamilyRole.FOSTER,
    )
    user = User.objects.create_user(username="familie-gunn", first_name="Gunn Aas")
    Guardian.objects.filter(pk=foster.pk).update(user=user)
    return user


def test_a_guardian_sees_the_other_guardians_reads_by_name(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    father = portal_client(_father_user(family))
    assert father.get(reverse("portal:case", kwargs={"case_id": family.case.pk})).status_code == 200
    groups = groups_of(client_as("own_guardian"), family)
    (theirs,) = [g for g in groups if g.by_family and not g.own]
    assert theirs.sentence == f"{family.father.name} i familien leste saken i dag"


def test_a_member_who_may_not_see_the_others_activity_sees_only_their_own(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    foster = portal_client(_foster_user(world, family))
    foster.get(reverse("portal:case", kwargs={"case_id": family.case.pk}))
    client_as("own_guardian").get(reverse("portal:case", kwargs={"case_id": family.case.pk}))
    staff_reads(world, family, "participant", 1)
    groups = groups_of(foster, family)
    family_groups = [g for g in groups if g.by_family]
    assert family_groups and all(g.own for g in family_groups)
    assert any(g.who == "Per Nystad" for g in groups)
    assert family.mother.name not in foster.get(log_url(family)).content.decode()
