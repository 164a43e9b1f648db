"""Appends from concurrent requests: each chain stays linear (the head row is locked while a
row is linked to it, and the database refuses a second successor to any row in a chain), and
appends to different chains do not wait for each other."""

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from laget.accounts.models import User
from laget.audit.chain import GENESIS, chain_verify, link
from laget.audit.models import AuditAction, AuditChainHead, AuditEvent, Via
from laget.audit.services import HEADS, Actor, audit_list, audit_record

THREADS = 4
APPENDS = 15
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads need a server database"
)


def run_threads(work: list[threading.Thread]) -> None:
    for thread in work:
        thread.start()
    for thread in work:
        thread.join()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_to_one_chain_stay_linear() -> None:
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []

    def append() -> None:
        try:
            start.wait()
            for n in range(APPENDS):
                actor = Actor(user=None, via=Via.SYSTEM)
                if n % 5 == 0:
                    audit_list(actor=actor, case_ids=[1, 2, 3])
                else:
                    audit_record(actor=actor, action=AuditAction.READ, object_type="case")
        except BaseException as e:  # reported by the test, not lost in the thread
            failures.append(e)
        finally:
            connections.close_all()

    run_threads([threading.Thread(target=append) for _ in range(THREADS)])

    assert failures == []
    assert AuditEvent.objects.count() == THREADS * (APPENDS + APPENDS // 5 * 2)
    # Every row is in the system's one chain without a case, and its head is the newest row.
    assert set(AuditEvent.objects.values_list("chain", flat=True)) == {":"}
    head = AuditChainHead.objects.get(chain=":")
    assert head.row_id == AuditEvent.objects.order_by("-id").first().pk  # type: ignore[union-attr]
    assert chain_verify().ok


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_an_append_to_another_chain_does_not_wait_for_a_held_one() -> None:
    """One transaction holds the head of case 1's chain; appends about case 2, and the same
    person's lists, go through meanwhile (with a lock timeout that would fail them if they
    waited), and the held append completes after."""
    user = User.objects.create_user("skriver", password="x-long-password-123")
    actor = Actor(user=user)
    audit_record(actor=actor, action=AuditAction.READ, object_type="case", case_id=1)
    held, release, done = threading.Event(), threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def holder() -> None:
        try:
            with transaction.atomic():
                audit_record(actor=actor, action=AuditAction.UPDATE, object_type="entry", case_id=1)
                held.set()
                release.wait(timeout=60)
            done.set()
        except BaseException as e:
            failures.append(e)
        finally:
            connections.close_all()

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(timeout=60)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
            audit_record(actor=actor, action=AuditAction.UPDATE, object_type="entry", case_id=2)
            audit_list(actor=actor, case_ids=[1, 2])
        # The held chain really is held: an append to it would wait.
        with pytest.raises(Exception, match="lock timeout"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '50ms'")
            audit_record(actor=actor, action=AuditAction.READ, object_type="case", case_id=1)
    finally:
        release.set()
        thread.join()
    assert failures == [] and done.is_set()
    chains = AuditEvent.objects.values_list("chain", flat=True)
    assert sorted(chains) == sorted(
        [f"{user.pk}:1", f"{user.pk}:1", f"{user.pk}:2"] + [f"{user.pk}:"] * 2
    )
    assert chain_verify().ok


@pytest.mark.django_db
def test_the_database_refuses_a_second_successor_in_a_chain() -> None:
    first = audit_record(
        actor=Actor(user=None, via=Via.SYSTEM), action=AuditAction.READ, object_type="case"
    )
    fork = AuditEvent(
        at=first.at, actor_name="system", action="read", via="system", object_type="entry"
    )
    fork.chain = first.chain
    link(fork, first.prev_hash)
    with pytest.raises(IntegrityError), transaction.atomic():
        fork.save()
    # Another chain starts from the beginning too.
    other = audit_record(
        actor=Actor(user=None, via=Via.SYSTEM),
        action=AuditAction.READ,
        object_type="case",
        case_id=7,
    )
    assert (other.chain, other.prev_hash) == (":7", GENESIS)


def test_the_head_table_is_the_one_the_append_locks() -> None:
    assert AuditChainHead._meta.db_table == HEADS
