"""Transfer packages: a case with its whole history, signed, from one installation of Laget to
another (docs/TRANSFER.md).

The file is the package's JSON (UTF-8, keys sorted, no spaces) followed by one signature line:

    {"audit": …, "case": …, "format": "laget-transfer", "version": 1, …}
    -----laget-signature ed25519 <sender> <base64 signature of the JSON bytes>

The receiver verifies the signature with the sender's public key from LAGET_TRANSFER_TRUSTED
over the exact bytes, so any changed byte refuses the whole package. The case's access log
travels as rows with a SHA-256 chain of their own (the sending installation's HMAC chain
cannot be checked without its key): the importer recomputes it, and a removed, added or
changed row refuses the package even before the signature is looked at.

Rows are written field by field from the models' own metadata (`MODELS`, in the order they are
written back), with their ids; the importer gives each a new id and follows every reference
through the ids it gave. People and units of the sending installation become records that
grant nothing here: users inactive with unusable passwords, units inactive under the sending
municipality. The family's portal links are left out: a guardian's login finds its records by
the national id (laget.portal.services.portal_user_for_pid). Keyed lookup hashes are left out
and computed again with this installation's key.
"""

import base64
import datetime
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cryptography.exceptions import InvalidSignature
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.audit.services import Actor, audit_record
from laget.cases.legacy import old_evaluation
from laget.cases.models import Case
from laget.lib.crypto import LookupHashField
from laget.orgs.models import Municipality, Unit
from laget.transfer.keys import own_name, private_key, trusted_keys
from laget.transfer.models import ImportedPackage, Transfer, TransferState
from laget.transfer.services import notify_receiving_leaders

FORMAT = "laget-transfer"
VERSION = 1
SIGNATURE_MARK = b"\n-----laget-signature ed25519 "
AUDIT_GENESIS = "laget-transfer-audit"


def _texts(case: Case) -> models.QuerySet[Any]:
    """The consent texts the family read (the sending municipality's)."""
    return (
        apps.get_model("consent.consent")._default_manager.filter(case_id=case.pk).values("text_id")
    )


def _by(field: str) -> Callable[[Case], dict[str, Any]]:
    return lambda case: {field: case.pk}


MODELS: tuple[tuple[str, Callable[[Case], dict[str, Any]]], ...] = (
    ("people.subject", lambda case: {"pk": case.subject_id}),
    ("people.guardian", lambda case: {"subject_id": case.subject_id}),
    ("consent.consenttext", lambda case: {"pk__in": _texts(case)}),
    ("consent.consenttexttranslation", lambda case: {"text_id__in": _texts(case)}),
    ("cases.case", lambda case: {"pk": case.pk}),
    ("consent.consent", _by("case_id")),
    ("cases.participant", _by("case_id")),
    ("cases.levelchange", _by("case_id")),
    ("cases.batonhandover", _by("case_id")),
    ("cases.meeting", _by("case_id")),
    ("cases.meetingattendee", _by("meeting__case_id")),
    ("cases.measure", _by("case_id")),
    ("cases.measureevaluation", _by("measure__case_id")),
    ("cases.entry", _by("case_id")),
    ("cases.transition", _by("case_id")),
    ("consent.consentparty", _by("consent__case_id")),
    ("consent.consentevent", _by("consent__case_id")),
    ("consent.withdrawalnotice", _by("case_id")),
    ("consent.closingrequest", _by("case_id")),
    ("family.restriction", _by("case_id")),
    ("family.careorder", _by("case_id")),
    ("family.holdback", _by("case_id")),
    ("family.participantanswer", _by("participant__case_id")),
    ("family.leaveoutrequest", _by("attendee__meeting__case_id")),
)
# Rows the receiver may hold already (the sending municipality's consent texts, from an earlier
# package): found by these fields and reused.
REUSED = {
    "consent.consenttext": ("municipality", "key", "version"),
    "consent.consenttexttranslation": ("text", "language"),
}
# References written as empty: the family's portal logins (made again at their first login).
LEFT_OUT = {("people.subject", "user"), ("people.guardian", "user")}

MSG_NOT_A_PACKAGE = _("Filen er ikke en overføringspakke fra Laget.")
MSG_UNKNOWN_SENDER = _("Pakken er signert av «%(sender)s», som ikke er en betrodd installasjon.")
MSG_BAD_SIGNATURE = _(
    "Signaturen stemmer ikke: pakken er endret etter at den ble signert, eller signert med en "
    "annen nøkkel. Ingenting er importert."
)
MSG_UNKNOWN_VERSION = _("Pakken har et format (%(version)s) denne installasjonen ikke kjenner.")
MSG_AUDIT_CHAIN = _(
    "Tilgangsloggen i pakken henger ikke sammen (rad %(row)s): en rad er endret, lagt til eller "
    "fjernet. Ingenting er importert."
)
MSG_ALREADY_IMPORTED = _("Denne pakken er allerede importert.")
MSG_UNKNOWN_FIELD = _("Pakken har et felt denne installasjonen ikke kjenner: %(field)s.")
MSG_NOT_EXPORTABLE = _("Flyttingen venter ikke på å bli sendt til en annen installasjon.")


class PackageRefused(Exception):
    """The package is refused whole; the message says why, for the admin."""


# --- Writing --------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if not isinstance(f, LookupHashField) and not f.primary_key
    ]


def _row(label: str, obj: models.Model, refs: "_Refs") -> dict[str, Any]:
    row: dict[str, Any] = {"id": obj.pk}
    for field in _fields(type(obj)):
        if (label, field.name) in LEFT_OUT:
            row[field.name] = None
        elif field.is_relation:
            value = getattr(obj, field.attname)
            row[field.name] = value
            refs.note(field.related_model, value)  # type: ignore[arg-type]
        elif isinstance(field, models.FileField):
            row[field.name] = _file(getattr(obj, field.name))
        else:
            row[field.name] = _plain(field.value_from_object(obj))
    for field in obj._meta.many_to_many:
        ids = sorted(getattr(obj, field.name).values_list("pk", flat=True))
        row[field.name] = ids
        for pk in ids:
            refs.note(field.related_model, pk)  # type: ignore[arg-type]
    return row


def _file(value: FieldFile) -> dict[str, str] | None:
    if not value:
        return None
    with value.open("rb") as fh:
        content = fh.read()
    name = (value.name or "scan").rsplit("/", 1)[-1]
    return {"name": name, "content": base64.b64encode(content).decode()}


@dataclass
class _Refs:
    """The users, units and municipalities the rows point to, described for the receiver."""

    users: set[int]
    units: set[int]
    municipalities: set[int]

    def note(self, model: type[models.Model], pk: int | None) -> None:
        if pk is None:
            return
        if model is User:
            self.users.add(pk)
        elif model is Unit:
            self.units.add(pk)
        elif model is Municipality:
            self.municipalities.add(pk)


def _described(refs: _Refs) -> dict[str, Any]:
    units = {u.pk: u for u in Unit.objects.filter(pk__in=refs.units)}
    refs.municipalities |= {u.municipality_id for u in units.values()}
    return {
        "users": {
            str(u.pk): {"first_name": u.first_name, "last_name": u.last_name}
            for u in User.objects.filter(pk__in=refs.users).order_by("pk")
        },
        "units": {
            str(u.pk): {"name": u.name, "kind": u.kind, "municipality": u.municipality_id}
            for u in sorted(units.values(), key=lambda u: u.pk)
        },
        "municipalities": {
            str(m.pk): {"name": m.name, "number": m.number}
            for m in Municipality.objects.filter(pk__in=refs.municipalities).order_by("pk")
        },
    }


def _audit_hash(prev: str, row: dict[str, Any]) -> str:
    content = {k: v for k, v in row.items() if k not in ("prev", "hash")}
    data = prev + _canonical(content).decode()
    return hashlib.sha256(data.encode()).hexdigest()


def _audit_rows(case_id: int) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    prev = hashlib.sha256(f"{AUDIT_GENESIS}:{case_id}".encode()).hexdigest()
    for e in AuditEvent.objects.filter(case_id=case_id).order_by("id"):
        row = {
            "at": e.at.isoformat(),
            "actor_name": e.actor_name,
            "actor_unit": e.actor_unit,
            "action": e.action,
            "via": e.via,
            "object_type": e.object_type,
            "object_id": e.object_id,
            "prev": prev,
        }
        row["hash"] = prev = _audit_hash(prev, row)
        rows.append(row)
    return {"rows": rows, "head": prev}


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def build(transfer: Transfer) -> bytes:
    """The signed package of the transfer's case, as bytes."""
    case = transfer.case
    assert case is not None
    refs = _Refs(set(), set(), set())
    tables: dict[str, list[dict[str, Any]]] = {}
    for label, select in MODELS:
        model = apps.get_model(label)
        qs = model._default_manager.filter(**select(case)).distinct().order_by("pk")
        tables[label] = [_row(label, obj, refs) for obj in qs]
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "sender": own_name(),
        "created_at": timezone.now().isoformat(),
        "transfer": {
            "case": case.pk,
            "proposed_at": transfer.proposed_at.isoformat(),
            "consent_date": transfer.consent_date.isoformat(),
            "consent_guardians": sorted(transfer.consent_guardians.values_list("pk", flat=True)),
            "consent_child": transfer.consent_child,
            "description": transfer.description,
            "level": transfer.level,
            "from_unit": transfer.from_unit_id,
            "proposed_by": transfer.proposed_by_id,
        },
        "tables": tables,
        "audit": _audit_rows(case.pk),
    }
    refs.units.add(transfer.from_unit_id)
    refs.users.add(transfer.proposed_by_id)
    payload.update(_described(refs))
    body = _canonical(payload)
    signature = private_key().sign(body)
    mark = SIGNATURE_MARK + own_name().encode() + b" "
    return body + mark + base64.b64encode(signature) + b"\n"


# --- Reading --------------------------------------------------------------------------------


def verify(data: bytes) -> dict[str, Any]:
    """The package's content if it is whole and signed by a trusted peer; else PackageRefused."""
    body, sep, tail = data.rpartition(SIGNATURE_MARK)
    if not sep:
        raise PackageRefused(MSG_NOT_A_PACKAGE)
    sender, _space, signature = tail.strip().partition(b" ")
    name = sender.decode("utf-8", "replace")
    try:
        key = trusted_keys().get(name)
    except ImproperlyConfigured as exc:
        raise PackageRefused(str(exc)) from None
    if key is None:
        raise PackageRefused(MSG_UNKNOWN_SENDER % {"sender": name})
    try:
        key.verify(base64.b64decode(signature, validate=True), body)
    except (InvalidSignature, ValueError):
        raise PackageRefused(MSG_BAD_SIGNATURE) from None
    try:
        payload = json.loads(body)
    except ValueError:
        raise PackageRefused(MSG_NOT_A_PACKAGE) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise PackageRefused(MSG_NOT_A_PACKAGE)
    if payload.get("version") != VERSION:
        raise PackageRefused(MSG_UNKNOWN_VERSION % {"version": payload.get("version")})
    if payload.get("sender") != name:
        raise PackageRefused(MSG_BAD_SIGNATURE)
    verify_audit_chain(payload)
    return payload


def verify_audit_chain(payload: dict[str, Any]) -> None:
    audit = payload.get("audit") or {}
    case_id = (payload.get("transfer") or {}).get("case")
    prev = hashlib.sha256(f"{AUDIT_GENESIS}:{case_id}".encode()).hexdigest()
    for n, row in enumerate(audit.get("rows", []), start=1):
        if row.get("prev") != prev or row.get("hash") != _audit_hash(prev, row):
            raise PackageRefused(MSG_AUDIT_CHAIN % {"row": n})
        prev = row["hash"]
    if audit.get("head") != prev:
        raise PackageRefused(MSG_AUDIT_CHAIN % {"row": len(audit.get("rows", []))})


class _Importer:
    """Writes a verified package's rows back with new ids, following the references."""

    def __init__(self, payload: dict[str, Any]) -> None:
        self.payload = payload
        self.sender = payload["sender"]
        self.ids: dict[str, dict[int, int]] = {}
        self.municipalities: dict[int, Municipality] = {}
        self.units: dict[int, Unit] = {}
        self.users: dict[int, User] = {}

    # People and places of the sending installation: recorded, granting nothing.
    def municipality(self, remote: int) -> Municipality:
        if remote not in self.municipalities:
            info = self.payload["municipalities"][str(remote)]
            found = Municipality.objects.filter(number=info["number"]).first()
            if found is None:
                name = info["name"]
                if Municipality.objects.filter(name=name).exists():
                    name = f"{name} ({info['number']})"
                found = Municipality.objects.create(name=name, number=info["number"])
            self.municipalities[remote] = found
        return self.municipalities[remote]

    def unit(self, remote: int) -> Unit:
        if remote not in self.units:
            info = self.payload["units"][str(remote)]
            municipality = self.municipality(info["municipality"])
            # Never one of this installation's active units: its leaders would read the case.
            name = info["name"]
            found = Unit.objects.filter(municipality=municipality, name=name).first()
            if found is not None and found.is_active:
                name = f"{name} ({self.sender})"[:120]
                found = Unit.objects.filter(municipality=municipality, name=name).first()
            if found is None:
                found = Unit.objects.create(
                    municipality=municipality, name=name, kind=info["kind"], is_active=False
                )
            self.units[remote] = found
        return self.units[remote]

    def user(self, remote: int) -> User:
        if remote not in self.users:
            info = self.payload["users"][str(remote)]
            username = f"flyttet-{self.sender}-{remote}"[:150]
            found = User.objects.filter(username=username).first()
            if found is None:
                found = User(
                    username=username,
                    first_name=info["first_name"],
                    last_name=info["last_name"],
                    is_active=False,
                    deactivated_at=timezone.now(),
                )
                found.set_unusable_password()
                found.save()
            self.users[remote] = found
        return self.users[remote]

    def ref(self, model: type[models.Model], remote: int | None) -> int | None:
        if remote is None:
            return None
        if model is User:
            return self.user(remote).pk
        if model is Unit:
            return self.unit(remote).pk
        if model is Municipality:
            return self.municipality(remote).pk
        label = model._meta.label_lower
        try:
            return self.ids[label][remote]
        except KeyError:
            raise PackageRefused(MSG_NOT_A_PACKAGE) from None

    def table(self, label: str, rows: Iterable[dict[str, Any]]) -> None:
        model = apps.get_model(label)
        fields = {f.name: f for f in _fields(model)}
        m2m = {f.name: f for f in model._meta.many_to_many}
        self.ids[label] = {}
        later: list[tuple[models.Model, str, int]] = []
        for row in rows:
            unknown = set(row) - set(fields) - set(m2m) - {"id"}
            if unknown:
                raise PackageRefused(MSG_UNKNOWN_FIELD % {"field": f"{label}.{min(unknown)}"})
            obj = model()
            files: list[tuple[str, dict[str, str]]] = []
            for name, field in fields.items():
                if name not in row:
                    continue
                value = row[name]
                if field.is_relation:
                    target = field.related_model
                    assert isinstance(target, type)
                    if target is model and value is not None:
                        later.append((obj, field.attname, value))
                        value = None
                    else:
                        value = self.ref(target, value)
                    setattr(obj, field.attname, value)
                elif isinstance(field, models.FileField):
                    if value:
                        files.append((name, value))
                else:
                    setattr(obj, field.attname, field.to_python(value))
            reuse = REUSED.get(label)
            if reuse is not None:
                found = model._default_manager.filter(
                    **{fields[f].attname: getattr(obj, fields[f].attname) for f in reuse}
                ).first()
                if found is not None:
                    self.ids[label][row["id"]] = found.pk
                    continue
            for name, value in files:
                getattr(obj, name).save(
                    value["name"], ContentFile(base64.b64decode(value["content"])), save=False
                )
            obj.save(force_insert=True)
            self.ids[label][row["id"]] = obj.pk
            # auto_now and auto_now_add stamped the save with today: the package's dates win.
            stamped = {
                f.attname: f.to_python(row[f.name])
                for f in fields.values()
                if (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
                and f.name in row
            }
            if stamped:
                model._default_manager.filter(pk=obj.pk).update(**stamped)
            for name, field in m2m.items():
                target = field.related_model
                assert isinstance(target, type)
                getattr(obj, name).set([self.ref(target, pk) for pk in row.get(name, [])])
        for obj, attname, remote in later:
            setattr(obj, attname, self.ids[label].get(remote))
            obj.save(update_fields=[attname.removesuffix("_id")])


# A package written before evaluations were their own rows carries a measure's one evaluation
# on the measure; it becomes a row as the migration made it (laget/cases/legacy.py).
OLD_MEASURE_FIELDS = ("outcome", "evaluation_text", "evaluated_at", "evaluated_by")


def evaluations_of_an_older_package(tables: dict[str, Any]) -> dict[str, Any]:
    """`tables` with each measure's old evaluation fields moved into cases.measureevaluation
    rows; a package of this version is returned as it is."""
    measures = tables.get("cases.measure", [])
    if "cases.measureevaluation" in tables or not any("outcome" in m for m in measures):
        return tables
    rows = []
    for m in measures:
        old = {name: m.pop(name, None) for name in OLD_MEASURE_FIELDS}
        at = old["evaluated_at"]
        row = old_evaluation(
            outcome=old["outcome"] or "",
            text=old["evaluation_text"] or "",
            evaluated_at=datetime.datetime.fromisoformat(at) if at else None,
            evaluated_by_id=old["evaluated_by"],
            created_by_id=m["created_by"],
            start_date=datetime.date.fromisoformat(m["start_date"]),
            evaluation_date=datetime.date.fromisoformat(m["evaluation_date"]),
            status=m["status"],
        )
        if row is not None:
            author = row.pop("author_id")
            plain = {name: _plain(value) for name, value in row.items()}
            rows.append({"id": m["id"], "measure": m["id"], "author": author, **plain})
    return {**tables, "cases.measureevaluation": rows}


def _check_tables(payload: dict[str, Any]) -> None:
    known = {label for label, _select in MODELS}
    tables = payload.get("tables")
    if not isinstance(tables, dict) or set(tables) - known or "cases.case" not in tables:
        raise PackageRefused(MSG_NOT_A_PACKAGE)
    if len(tables["cases.case"]) != 1:
        raise PackageRefused(MSG_NOT_A_PACKAGE)


@transaction.atomic
def import_package(data: bytes, *, unit: Unit, actor: Actor | None = None) -> Transfer:
    """Take in a package: all of it or nothing. The case lands inactive under the sending
    municipality and waits, like a proposal within the installation, for a leader of `unit`
    to accept it (the inbox, laget/transfer/views.py); until then nobody here reads it."""
    digest = hashlib.sha256(data).hexdigest()
    payload = verify(data)
    _check_tables(payload)
    if ImportedPackage.objects.filter(package_sha256=digest).exists():
        raise PackageRefused(MSG_ALREADY_IMPORTED)
    actor = actor or Actor(user=None, via=Via.SYSTEM)
    importer = _Importer(payload)
    try:
        tables = evaluations_of_an_older_package(payload["tables"])
        for label, _select in MODELS:
            importer.table(label, tables.get(label, []))
    except (KeyError, TypeError, ValueError, AttributeError):
        # Signed by a trusted peer, yet not what this version writes: refused whole.
        raise PackageRefused(MSG_NOT_A_PACKAGE) from None
    case_id = importer.ids["cases.case"][tables["cases.case"][0]["id"]]
    case = Case.objects.get(pk=case_id)
    info = payload["transfer"]
    from_unit = importer.unit(info["from_unit"])
    # Every participation of the sending side has ended: it grants nothing here.
    now = timezone.now()
    case.participants.filter(left_at__isnull=True).update(left_at=now)
    transfer = Transfer.objects.create(
        case=case,
        case_number=case.pk,
        level=info["level"],
        from_municipality=from_unit.municipality,
        from_unit=from_unit,
        to_municipality=unit.municipality,
        to_unit=unit,
        to_installation="",
        description=info["description"],
        proposed_by=importer.user(info["proposed_by"]),
        proposed_at=datetime.datetime.fromisoformat(info["proposed_at"]),
        consent_child=info["consent_child"],
        consent_date=datetime.date.fromisoformat(info["consent_date"]),
    )
    guardians = importer.ids.get("people.guardian", {})
    transfer.consent_guardians.set([guardians[g] for g in info["consent_guardians"]])
    ImportedPackage.objects.create(
        sender=payload["sender"],
        package_sha256=digest,
        source_case_number=info["case"],
        case=case,
        audit_rows=payload["audit"]["rows"],
    )
    _write_audit(actor, case.pk, payload["sender"], payload["audit"]["rows"])
    notify_receiving_leaders(transfer)
    return transfer


def _write_audit(actor: Actor, case_id: int, sender: str, rows: list[dict[str, Any]]) -> None:
    """The import, then the sending installation's rows of the case, appended right after it in
    the importer's chain of the case (so that the family's access log shows who read what
    there)."""
    events = [
        AuditEvent(
            at=datetime.datetime.fromisoformat(row["at"]).astimezone(datetime.UTC),
            actor=None,
            actor_name=row["actor_name"][:200],
            actor_unit=f"{row['actor_unit']} ({sender})"[:200],
            action=row["action"],
            via=row["via"],
            case_id=case_id,
            object_type=row["object_type"][:40],
            object_id=case_id if row["object_type"] == "case" else None,
            case_ids=[],
        )
        for row in rows
    ]
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="transfer_import",
        object_id=case_id,
        case_id=case_id,
        then=events,
    )


# --- The sending side -----------------------------------------------------------------------


def _delete_case(case: Case) -> None:
    """The sending installation keeps no content once the package is made: the case's rows go,
    children first (references between them are protected), and the person record last. The
    access log's rows stay (a plain case id), and so does the transfer row, the closing
    record."""
    subject_id = case.subject_id
    for label, select in reversed(MODELS):
        if label.startswith("consent.consenttext") or label in ("cases.case",):
            continue
        if label.startswith("people."):
            continue
        model = apps.get_model(label)
        model._default_manager.filter(**select(case)).delete()
    Case.objects.filter(pk=case.pk).delete()
    if subject_id is not None:
        for label in ("people.guardian", "people.subject"):
            model = apps.get_model(label)
            key = "subject_id" if label == "people.guardian" else "pk"
            model._default_manager.filter(**{key: subject_id}).delete()


@transaction.atomic
def transfer_export(*, actor: Actor, transfer_id: int) -> bytes:
    """Make the signed package of a proposal to another installation, and end the case here:
    the transfer is recorded as exported and the case's content is deleted (the package is
    now its only copy: deliver it). One transaction: a failure leaves the case as it was."""
    transfer = (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("case")
        .filter(pk=transfer_id, state=TransferState.PROPOSED)
        .exclude(to_installation="")
        .first()
    )
    if transfer is None or transfer.case is None or transfer.case.is_closed:
        raise PackageRefused(MSG_NOT_EXPORTABLE)
    case = Case.objects.select_for_update().get(pk=transfer.case.pk)
    data = build(transfer)
    transfer.state = TransferState.EXPORTED
    transfer.decided_at = timezone.now()
    transfer.decided_by = actor.user
    transfer.package_sha256 = hashlib.sha256(data).hexdigest()
    transfer.save(update_fields=["state", "decided_at", "decided_by", "package_sha256"])
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type="transfer_export",
        object_id=transfer.pk,
        case_id=case.pk,
    )
    _delete_case(case)
    return data
