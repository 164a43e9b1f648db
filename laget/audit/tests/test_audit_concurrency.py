"""Appends from concurrent requests keep one linear chain: the advisory lock serialises them,
and the database refuses a second successor to any row (prev_hash is unique)."""

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from laget.audit.chain import chain_verify, link
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.audit.services import Actor, audit_list, audit_record

THREADS = 4
APPENDS = 15


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads need a server database")
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_form_one_chain() -> None:
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

    threads = [threading.Thread(target=append) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert AuditEvent.objects.count() == THREADS * (APPENDS + APPENDS // 5 * 2)
    assert chain_verify().ok


@pytest.mark.django_db
def test_the_database_refuses_a_second_successor() -> None:
    first = audit_record(
        actor=Actor(user=None, via=Via.SYSTEM), action=AuditAction.READ, object_type="case"
    )
    fork = AuditEvent(
        at=first.at, actor_name="system", action="read", via="system", object_type="entry"
    )
    link(fork, first.prev_hash)
    with pytest.raises(IntegrityError), transaction.atomic():
        fork.save()
