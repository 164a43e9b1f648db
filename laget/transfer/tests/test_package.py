"""A transfer between two installations: the package exported from one database and imported
into another (the test settings' second alias, "peer"), its audit chain verified, and a
tampered package refused whole."""

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from laget.accounts.models import User
from laget.audit.models import AuditEvent
from laget.audit.services import Actor, audit_chain_broken_at
from laget.cases.access import case_for, visible_cases
from laget.cases.models import (
    Case,
    Entry,
    LevelChange,
    Measure,
    MeasureEvaluation,
    Meeting,
    Participant,
)
from laget.consent.models import Consent, ConsentParty
from laget.notify.models import Notification
from laget.orgs.models import Municipality, Role, Unit, UnitKind
from laget.people.models import Guardian, Subject
from laget.testing.world import ROLES, World, add_member, evaluate_twice, make_user
from laget.transfer import package
from laget.transfer.keys import new_key_pair
from laget.transfer.models import ImportedPackage, Transfer, TransferState
from laget.transfer.services import transfer_accept
from laget.transfer.tests.conftest import propose

pytestmark = pytest.mark.django_db(databases=["default", "peer"])

SENDER, RECEIVER = "laget-vest", "laget-nord"
COUNTED = (
    Case,
    Subject,
    Guardian,
    Participant,
    LevelChange,
    Measure,
    Entry,
    Meeting,
    Consent,
    ConsentParty,
    Transfer,
    ImportedPackage,
    AuditEvent,
    User,
    Unit,
    Municipality,
)


@contextmanager
def installation(alias: str) -> Iterator[None]:
    """Everything on the default connection goes to `alias` for a while: the code under test
    runs as it would in the other installation (laget/ops/verify.py does the same)."""
    default = connections["default"]
    connections["default"] = connections[alias]
    try:
        yield
    finally:
        connections["default"] = default


@pytest.fixture
def keys(settings: Any) -> tuple[str, str]:
    """Both installations' settings at once: the sender signs, the receiver trusts it (and the
    sender may propose a move to the receiver)."""
    private, public = new_key_pair()
    _other_private, other_public = new_key_pair()
    settings.LAGET_TRANSFER_NAME = SENDER
    settings.LAGET_TRANSFER_KEY = private
    settings.LAGET_TRANSFER_TRUSTED = [f"{SENDER}={public}", f"{RECEIVER}={other_public}"]
    return private, public


def _counts(case_id: int | None = None) -> dict[str, int]:
    counts = {m.__name__: m.objects.count() for m in COUNTED}
    return counts


def _case_counts(case: Case) -> dict[str, int]:
    return {
        "levels": case.level_changes.count(),
        "measures": case.measures.count(),
        "evaluations": MeasureEvaluation.objects.filter(measure__case=case).count(),
        "entries": case.entries.count(),
        "meetings": case.meetings.count(),
        "attendees": sum(m.attendees.count() for m in case.meetings.all()),
        "participants": case.participants.count(),
        "consents": case.consents.count(),
        "guardians": case.subject.guardians.count() if case.subject else 0,
    }


@pytest.fixture
def exported(
    keys: tuple[str, str], world: World, tmp_path: Path
) -> tuple[Path, dict[str, Any], Transfer]:
    """The stafettholder proposes the move to the other installation; the admin exports it."""
    evaluate_twice(world)  # the evaluations travel with their measure, every one
    transfer = propose(world, None, to_installation=RECEIVER)
    case = Case.objects.get(pk=world.case.pk)
    before = {
        **_case_counts(case),
        "audit": AuditEvent.objects.filter(case_id=case.pk).count(),
        "subject": case.subject.full_name,  # type: ignore[union-attr]
        "texts": sorted(e.text for e in case.entries.all()),
    }
    path = tmp_path / "sak.laget"
    call_command("transfer_export", str(transfer.pk), str(path))
    return path, before, Transfer.objects.get(pk=transfer.pk)


@pytest.fixture
def receiving() -> Callable[[], tuple[Unit, User, User]]:
    """The receiving installation's municipality, unit, leader and employee (made in "peer")."""

    def make() -> tuple[Unit, User, User]:
        m = Municipality.objects.create(name="Nordvik", number="9801")
        unit = Unit.objects.create(
            municipality=m, name="Nordlys barnehage", kind=UnitKind.KINDERGARTEN
        )
        leader = make_user("nora", "Nora", "Leder")
        add_member(leader, m, unit, Role.UNIT_LEADER)
        employee = make_user("nils-n", "Nils", "Nordby")
        add_member(employee, m, unit, Role.EMPLOYEE)
        return unit, leader, employee

    return make


def test_export_ends_the_case_in_the_sending_installation(
    exported: tuple[Path, dict[str, Any], Transfer], world: World
) -> None:
    path, before, transfer = exported
    assert path.read_bytes().startswith(b'{"audit":')
    assert transfer.state == TransferState.EXPORTED
    assert transfer.case is None and transfer.case_number == world.case.pk
    assert not Case.objects.filter(pk=world.case.pk).exists()
    for role in ROLES:
        user = world.user(role)
        if user is not None:
            assert not visible_cases(user).filter(pk=world.case.pk).exists()
    # The access log stays, with the export's own row.
    rows = AuditEvent.objects.filter(case_id=world.case.pk)
    assert rows.count() == before["audit"] + 1
    assert rows.filter(object_type="transfer_export").exists()
    assert audit_chain_broken_at() is None


def test_the_package_moves_the_whole_case_to_the_other_installation(
    exported: tuple[Path, dict[str, Any], Transfer],
    receiving: Callable[[], tuple[Unit, User, User]],
) -> None:
    path, before, _transfer = exported
    payload = package.verify(path.read_bytes())
    package_rows = len(payload["audit"]["rows"])
    assert package_rows == before["audit"]
    with installation("peer"):
        unit, leader, employee = receiving()
        call_command("transfer_import", str(path), "--unit", str(unit.pk))
        transfer = Transfer.objects.get()
        case = Case.objects.get()
        assert transfer.state == TransferState.PROPOSED and transfer.to_unit == unit
        assert [n.recipient for n in Notification.objects.all()] == [leader.email]
        # Until a leader accepts, nobody here reads it: the sending side's people and units
        # grant nothing (inactive, unusable passwords).
        assert not visible_cases(leader).exists()
        strangers = User.objects.filter(username__startswith=f"flyttet-{SENDER}-")
        assert strangers.exists()
        assert not strangers.filter(is_active=True).exists()
        assert not any(u.has_usable_password() for u in strangers)
        assert not Unit.objects.filter(is_active=True).exclude(pk=unit.pk).exists()
        transfer_accept(
            actor=Actor(user=leader), by=leader, transfer_id=transfer.pk, new_holder_id=employee.pk
        )
        case = Case.objects.get()
        after = _case_counts(case)
        # The new stafettholder's participation is the one new row.
        assert {**after, "participants": after["participants"] - 1} == {
            k: v for k, v in before.items() if k in after
        }
        assert case.subject.full_name == before["subject"]  # type: ignore[union-attr]
        assert sorted(e.text for e in case.entries.all()) == before["texts"]
        assert case.municipality == unit.municipality and case.unit == unit
        access = case_for(employee, case.pk, audit=False)
        assert access.is_stafettholder
        # The sending installation's access log came along, and the local chain holds.
        imported = AuditEvent.objects.filter(case_id=case.pk, actor__isnull=True)
        assert imported.exclude(object_type="transfer_import").count() == package_rows
        assert audit_chain_broken_at() is None
        assert ImportedPackage.objects.get().audit_rows == payload["audit"]["rows"]


def _resign(data: bytes, private: str, change: Callable[[dict[str, Any]], None]) -> bytes:
    """The package changed and signed again with the sender's key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    body, _mark, _tail = data.rpartition(package.SIGNATURE_MARK)
    payload = json.loads(body)
    change(payload)
    new_body = package._canonical(payload)
    signature = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private)).sign(new_body)
    mark = package.SIGNATURE_MARK + SENDER.encode() + b" "
    return new_body + mark + base64.b64encode(signature) + b"\n"


def _drop_entry(payload: dict[str, Any]) -> None:
    del payload["tables"]["cases.entry"][0]


def _byte_changed(data: bytes, private: str) -> bytes:
    at = data.index(b'"level":') + len(b'"level":')
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


TAMPERINGS: dict[str, tuple[Callable[[bytes, str], bytes], str]] = {
    "a byte changed": (_byte_changed, str(package.MSG_BAD_SIGNATURE)),
    "an entry removed": (
        # Removed by someone without the sender's key: signed with another one.
        lambda data, _key: _resign(data, new_key_pair()[0], _drop_entry),
        str(package.MSG_BAD_SIGNATURE),
    ),
    "an audit row removed, signed again": (
        lambda data, key: _resign(data, key, lambda p: p["audit"]["rows"].pop(1)),
        str(package.MSG_AUDIT_CHAIN % {"row": 2}),
    ),
    "an unknown version, signed again": (
        lambda data, key: _resign(data, key, lambda p: p.update(version=99)),
        str(package.MSG_UNKNOWN_VERSION % {"version": 99}),
    ),
    "not a package": (lambda data, _key: b"hei", str(package.MSG_NOT_A_PACKAGE)),
}


@pytest.mark.parametrize("how", TAMPERINGS)
def test_a_tampered_package_is_refused_whole(
    how: str,
    exported: tuple[Path, dict[str, Any], Transfer],
    receiving: Callable[[], tuple[Unit, User, User]],
    keys: tuple[str, str],
    tmp_path: Path,
) -> None:
    path, _before, _transfer = exported
    tamper, message = TAMPERINGS[how]
    bad = tmp_path / "endret.laget"
    bad.write_bytes(tamper(path.read_bytes(), keys[0]))
    with installation("peer"):
        unit, _leader, _employee = receiving()
        counts = _counts()
        with pytest.raises(CommandError) as exc:
            call_command("transfer_import", str(bad), "--unit", str(unit.pk))
        assert message in str(exc.value)
        assert _counts() == counts


def test_a_package_signed_with_another_key_is_refused(
    exported: tuple[Path, dict[str, Any], Transfer],
    receiving: Callable[[], tuple[Unit, User, User]],
    settings: Any,
) -> None:
    path, _before, _transfer = exported
    _private, stranger = new_key_pair()
    settings.LAGET_TRANSFER_TRUSTED = [f"{SENDER}={stranger}"]
    with installation("peer"):
        unit, _leader, _employee = receiving()
        counts = _counts()
        with pytest.raises(package.PackageRefused) as exc:
            package.import_package(path.read_bytes(), unit=unit)
        assert str(exc.value) == str(package.MSG_BAD_SIGNATURE)
        assert _counts() == counts


def test_an_unknown_sender_is_refused(
    exported: tuple[Path, dict[str, Any], Transfer],
    receiving: Callable[[], tuple[Unit, User, User]],
    settings: Any,
) -> None:
    path, _before, _transfer = exported
    settings.LAGET_TRANSFER_TRUSTED = []
    with installation("peer"):
        unit, _leader, _employee = receiving()
        with pytest.raises(package.PackageRefused) as exc:
            package.import_package(path.read_bytes(), unit=unit)
        assert str(exc.value) == str(package.MSG_UNKNOWN_SENDER % {"sender": SENDER})


def test_a_package_is_imported_once(
    exported: tuple[Path, dict[str, Any], Transfer],
    receiving: Callable[[], tuple[Unit, User, User]],
) -> None:
    path, _before, _transfer = exported
    with installation("peer"):
        unit, _leader, _employee = receiving()
        package.import_package(path.read_bytes(), unit=unit)
        counts = _counts()
        with pytest.raises(package.PackageRefused) as exc:
            package.import_package(path.read_bytes(), unit=unit)
        assert str(exc.value) == str(package.MSG_ALREADY_IMPORTED)
        assert _counts() == counts


def test_only_a_proposal_to_another_installation_is_exported(
    keys: tuple[str, str], world: World, tmp_path: Path
) -> None:
    with pytest.raises(CommandError) as exc:
        call_command("transfer_export", "999999", str(tmp_path / "x.laget"))
    assert str(package.MSG_NOT_EXPORTABLE) in str(exc.value)
    assert Case.objects.filter(pk=world.case.pk).exists()
    assert not (tmp_path / "x.laget").exists()
