"""Closing a case makes its package, in the background, once."""

from collections.abc import Callable

import pytest
import xmlschema
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from laget.archive.models import ArchivePackage, PackageState
from laget.archive.services import archive_package_produce, archive_packages_delete
from laget.archive.tasks import produce_archive_package
from laget.archive.testing import stored_package
from laget.archive.tests.conftest import SCHEMA, unzip
from laget.audit.models import AuditEvent
from laget.cases.access import Need, case_for
from laget.cases.models import Case
from laget.cases.services.lifecycle import case_close
from laget.orgs.actors import actor_for
from laget.testing.pdfa import pdfa_problems
from laget.testing.world import World

pytestmark = pytest.mark.django_db

Close = Callable[[Case], ArchivePackage | None]


def test_closing_makes_one_package_for_the_municipality(world: World, close: Close) -> None:
    package = close(world.case)
    assert package is not None
    assert package.state == PackageState.PRODUCED
    assert package.municipality == world.municipality
    world.case.refresh_from_db()
    assert package.case_closed_at == world.case.closed_at
    assert ArchivePackage.objects.count() == 1
    # Made by the system, in the case's access log.
    event = AuditEvent.objects.get(object_type="archivepackage", object_id=package.pk)
    assert event.case_id == world.case.pk and event.actor is None


def test_closing_only_queues_the_work(
    world: World, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:

    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        case_close(actor=actor_for(holder), access=access, reason="Ferdig.")
    assert not ArchivePackage.objects.exists()
    queued = DBTaskResult.objects.get(task_path="laget.archive.tasks.produce_archive_package")
    # The queue holds the case's id, nothing of its content.
    assert queued.args_kwargs == {"args": [world.case.pk], "kwargs": {}}


def test_a_close_that_is_rolled_back_queues_nothing(world: World) -> None:
    """Without the commit (the test's transaction is never committed) nothing is queued."""

    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    case_close(actor=actor_for(holder), access=access, reason="Ferdig.")
    assert not DBTaskResult.objects.exists()


def test_running_the_task_again_keeps_the_one_package(
    world: World, close: Close, run_worker: Callable[[], None]
) -> None:
    package = close(world.case)
    assert package is not None
    produce_archive_package.enqueue(world.case.pk)
    run_worker()
    again = archive_package_produce(case_id=world.case.pk)
    assert again is not None and again.pk == package.pk
    assert ArchivePackage.objects.filter(case_id=world.case.pk).count() == 1
    assert again.sha256 == package.sha256


def test_an_open_or_missing_case_gets_no_package(world: World) -> None:
    assert archive_package_produce(case_id=world.case.pk) is None
    assert archive_package_produce(case_id=10**9) is None
    assert not ArchivePackage.objects.exists()


def test_each_closed_case_gets_its_own(world: World, close: Close) -> None:
    first = close(world.case)
    # The other case is a de-identified worry: its label is its title.
    second = close(world.other_case)
    assert first is not None and second is not None
    assert first.pk != second.pk
    assert {first.case_id, second.case_id} == {world.case.pk, world.other_case.pk}
    # A log that never named the child, with no measures or meetings, is a valid package too.
    files = unzip(second.data)
    xmlschema.XMLSchema(str(SCHEMA)).validate(files["arkivstruktur.xml"].decode())
    assert [name for name in files if name.endswith(".pdf")] == ["dokumenter/01-stafettlogg.pdf"]
    assert pdfa_problems(files["dokumenter/01-stafettlogg.pdf"]) == []


def test_archive_produce_makes_the_missing_ones_once(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case closed before the archive was set up (here: closed without the commit that would
    queue its task) gets its package from the command; a second run makes nothing."""
    holder = world.users["outsider_holder"]
    access = case_for(holder, world.other_case.pk, need=Need.COORDINATE, audit=False)
    case_close(actor=actor_for(holder), access=access, reason="Ferdig.")
    call_command("archive_produce")
    assert "1 arkivpakke(r) laget" in capsys.readouterr().out
    assert ArchivePackage.objects.filter(case_id=world.other_case.pk).count() == 1
    call_command("archive_produce")
    assert "0 arkivpakke(r) laget" in capsys.readouterr().out


def test_the_retention_deletes_the_package_with_the_log(world: World) -> None:
    stored_package(world.case)
    kept = stored_package(world.other_case)
    assert archive_packages_delete(case_ids=[world.case.pk, 10**9]) == 1
    assert list(ArchivePackage.objects.values_list("pk", flat=True)) == [kept.pk]
