"""An archivist, the world's case closed through the real service, and its package made by the
real background worker."""

import io
import zipfile
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection

from laget.accounts.models import User
from laget.archive.models import ArchivePackage
from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import MeetingStatus, Outcome
from laget.cases.models import Case
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_close
from laget.cases.services.measures import measure_evaluate
from laget.cases.services.meetings import meeting_update
from laget.notify.tests.conftest import run_worker
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality, Role
from laget.testing.world import World, add_member, make_user

__all__ = ["run_worker"]

SCHEMA = settings.BASE_DIR.parent / "shared" / "schemas" / "noark5-v5.0" / "arkivstruktur.xsd"
GUARDIAN = "Ragnhild Fjeldsrud"
MINUTES = "Emil har hatt gode uker. Vi fortsetter med fast voksen."
CHILD_VIEW = "Jeg liker å bygge i sandkassa."


def add_archivist(user: User, municipality: Municipality) -> None:
    add_member(user, municipality, None, Role.ARCHIVIST)


@pytest.fixture
def archivist(world: World) -> User:
    user = make_user("arne", "Arne", "Arkivsen")
    add_archivist(user, world.municipality)
    return user


@pytest.fixture
def other_archivist(db: None) -> User:
    """The archivist of another municipality."""
    town = Municipality.objects.create(name="Nabovik", number="9998")
    user = make_user("nina", "Nina", "Nabo")
    add_archivist(user, town)
    return user


@pytest.fixture
def close(
    world: World,
    run_worker: Callable[[], None],
    django_capture_on_commit_callbacks: Callable[..., object],
) -> Callable[[Case], ArchivePackage | None]:
    """close(case): closed by its stafettholder through the real service; the queued task run
    by the real worker; the package (or None)."""

    def _close(case: Case) -> ArchivePackage | None:
        holder = (
            world.users["stafettholder"] if case == world.case else world.users["outsider_holder"]
        )
        access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            case_close(actor=actor_for(holder), access=access, reason="Tiltakene har virket.")
        run_worker()
        return ArchivePackage.objects.filter(case_id=case.pk).first()

    return _close


def fill(world: World) -> Case:
    """world.case with what an archive must keep: an evaluated measure, a held meeting with
    minutes and the child's view, and a guardian more."""
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    measure = world.case.measures.get(pk=world.measure.pk)
    measure_evaluate(
        actor=actor,
        access=access,
        measure=measure,
        expected_version=measure.version,
        outcome=Outcome.WORKED,
        text="Roligere morgener etter tre uker.",
    )
    meeting = world.case.meetings.get(pk=world.meeting.pk)
    meeting_update(
        actor=actor,
        access=access,
        meeting=meeting,
        expected_version=meeting.version,
        minutes=MINUTES,
        child_view=CHILD_VIEW,
        status=MeetingStatus.HELD,
    )
    guardian_add(actor=actor, access=access, name=GUARDIAN, relation="mor")
    return world.case


@pytest.fixture
def full_case(world: World) -> Case:
    return fill(world)


@pytest.fixture
def package(full_case: Case, close: Callable[[Case], ArchivePackage | None]) -> ArchivePackage:
    made = close(full_case)
    assert made is not None
    return made


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def raw_content(package: ArchivePackage) -> str:
    """The content column as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM archive_archivepackage WHERE id = %s", [package.pk])
        value: str = cursor.fetchone()[0]
    return value
