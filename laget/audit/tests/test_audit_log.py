"""The access log: one READ record per opened case, one record per write, and no way to change
or delete a record through the application (nor, on PostgreSQL, through SQL)."""

import itertools

import pytest
from django.db import DatabaseError, connection, transaction
from django.http import Http404

from laget.audit.chain import link
from laget.audit.models import AuditAction, AuditEvent, AuditImmutableError, Via
from laget.audit.services import (
    GENESIS,
    Actor,
    audit_chain_broken_at,
    audit_list,
    audit_record,
)
from laget.audit.tests.tamper import TABLE, newest, raw, trigger_disabled
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind
from laget.cases.services.entries import entry_create
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the trigger that refuses SQL UPDATE/DELETE (audit migration 0002) is PostgreSQL-only",
)


# --- what is recorded ------------------------------------------------------------------------


def test_opening_a_case_writes_exactly_one_read_record(world: World) -> None:
    user = world.users["participant"]
    before = AuditEvent.objects.count()
    case_for(user, world.case.pk)
    assert AuditEvent.objects.count() == before + 1
    event = newest()
    assert (event.action, event.object_type, event.object_id, event.case_id) == (
        AuditAction.READ,
        "case",
        world.case.pk,
        world.case.pk,
    )
    assert event.actor == user
    assert event.actor_name == "Per Nystad"
    assert event.actor_unit == "Fjordvik helsestasjon"
    assert event.via == Via.WEB


def test_read_through_the_api_is_recorded_as_such(world: World) -> None:
    user = world.users["participant"]
    case_for(user, world.case.pk, actor=actor_for(user, Via.API))
    assert newest().via == Via.API


def test_refused_or_unaudited_access_writes_no_record(world: World) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(Http404):
        case_for(world.users["other_unit"], world.case.pk)
    case_for(world.users["stafettholder"], world.case.pk, need=Need.WRITE, audit=False)
    assert AuditEvent.objects.count() == before


def test_a_write_appends_one_record_naming_the_object(world: World) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.WRITE, audit=False)
    before = AuditEvent.objects.count()
    entry = entry_create(
        actor=actor_for(holder),
        access=access,
        kind=EntryKind.GLIMMER,
        text="Hjalp en yngre venn.",
        audience=Audience.ALL,
    )
    assert AuditEvent.objects.count() == before + 1
    event = newest()
    assert (event.action, event.object_type, event.object_id, event.case_id) == (
        AuditAction.CREATE,
        "entry",
        entry.pk,
        world.case.pk,
    )


def test_family_can_be_shown_who_read_their_case(world: World) -> None:
    for role in ("stafettholder", "participant", "unit_leader"):
        case_for(world.users[role], world.case.pk)
    readers = set(
        AuditEvent.objects.filter(case_id=world.case.pk, action=AuditAction.READ).values_list(
            "actor_name", flat=True
        )
    )
    assert {"Kari Lundberg", "Per Nystad", "Siri Hovdenak"} <= readers


# --- records cannot be changed or deleted ----------------------------------------------------


def test_saving_an_existing_record_raises(world: World) -> None:
    event = newest()
    event.actor_name = "Noen andre"
    with pytest.raises(AuditImmutableError):
        event.save()
    assert newest().actor_name != "Noen andre"


def test_deleting_a_record_raises(world: World) -> None:
    event = newest()
    with pytest.raises(AuditImmutableError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_raises(world: World) -> None:
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.filter(case_id=world.case.pk).update(actor_name="Noen andre")
    assert not AuditEvent.objects.filter(actor_name="Noen andre").exists()


def test_queryset_delete_raises(world: World) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.filter(pk=newest().pk).delete()
    assert AuditEvent.objects.count() == before


def test_bulk_update_raises(world: World) -> None:
    event = newest()
    event.actor_name = "Noen andre"
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.bulk_update([event], ["actor_name"])


@on_postgresql
def test_raw_sql_update_is_refused_by_the_database(world: World) -> None:
    event = newest()
    with pytest.raises(DatabaseError), transaction.atomic():
        raw(f"UPDATE {TABLE} SET actor_name = %s WHERE id = %s", ["Noen andre", event.pk])
    assert newest().actor_name == event.actor_name


@on_postgresql
def test_raw_sql_delete_is_refused_by_the_database(world: World) -> None:
    event = newest()
    with pytest.raises(DatabaseError), transaction.atomic():
        raw(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


# --- the hash chain --------------------------------------------------------------------------


def test_hash_chain_verifies(world: World) -> None:
    case_for(world.users["stafettholder"], world.case.pk)
    events = list(AuditEvent.objects.order_by("id"))
    assert len(events) > 10
    chains: dict[str, list[AuditEvent]] = {}
    for event in events:
        chains.setdefault(event.chain, []).append(event)
    # A chain per person and case; the person's lists have a chain of their own.
    holder = world.users["stafettholder"].pk
    assert f"{holder}:{world.case.pk}" in chains
    for chain in chains.values():
        assert chain[0].prev_hash == GENESIS
        assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(chain))
    assert audit_chain_broken_at() is None


def test_record_without_user_is_written_as_system(world: World) -> None:
    event = audit_record(
        actor=Actor(user=None, via=Via.SYSTEM),
        action=AuditAction.LIST,
        object_type="case",
        case_ids=[3, 1, 2],
    )
    assert event.actor_name == "system" and event.case_ids == [1, 2, 3]
    assert audit_chain_broken_at() is None


def test_tampered_row_breaks_the_chain_at_that_row(world: World) -> None:
    events = list(AuditEvent.objects.order_by("id"))
    victim = events[len(events) // 2]
    with trigger_disabled():
        raw(f"UPDATE {TABLE} SET actor_name = %s WHERE id = %s", ["Noen andre", victim.pk])
    assert audit_chain_broken_at() == victim.pk


def test_tampered_row_rehashed_with_the_key_breaks_the_chain_at_the_next_row(
    world: World,
) -> None:
    """Even someone who has the key cannot change a row without breaking the next link."""
    events = list(AuditEvent.objects.order_by("id"))
    victim, following = events[len(events) // 2], events[len(events) // 2 + 1]
    victim.actor_name = "Noen andre"
    link(victim, victim.prev_hash)
    forged = victim.hash
    with trigger_disabled():
        raw(
            f"UPDATE {TABLE} SET actor_name = %s, hash = %s WHERE id = %s",
            ["Noen andre", forged, victim.pk],
        )
    assert audit_chain_broken_at() == following.pk


def test_deleted_row_breaks_the_chain_at_the_next_row(world: World) -> None:
    events = list(AuditEvent.objects.order_by("id"))
    victim, following = events[len(events) // 2], events[len(events) // 2 + 1]
    with trigger_disabled():
        raw(f"DELETE FROM {TABLE} WHERE id = %s", [victim.pk])
    assert audit_chain_broken_at() == following.pk


def test_a_list_writes_one_chained_row_per_case(world: World) -> None:
    events = audit_list(
        actor=Actor(user=world.users["stafettholder"]),
        case_ids=[world.other_case.pk, world.case.pk],
    )
    assert [e.case_id for e in events] == sorted([world.case.pk, world.other_case.pk])
    assert events[1].prev_hash == events[0].hash
    assert audit_chain_broken_at() is None
