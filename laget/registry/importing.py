"""Import of practitioners, qualifications and family counts from CSV or XLSX.

Every row is checked first. Each bad row is reported with its number as the spreadsheet shows
it (the header is row 1) and the reason, per column; when any row is bad nothing is imported.
A good file is written in one transaction with bulk operations, and rows are matched on their
natural keys (practitioner ref; practitioner and qualification; intervention, municipality, year
and kind), so importing the same file twice changes nothing.

The importing user's scope limits the rows: a municipal registrar imports only for their own
municipality, a regional coordinator only for their region. A row outside it is a row error.
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laget.orgs.models import Municipality
from laget.registry.access import Scope
from laget.registry.models import (
    CountKind,
    FamiliesReached,
    Intervention,
    Practitioner,
    Program,
    Qualification,
    QualificationType,
)

PRACTITIONERS = "practitioners"
QUALIFICATIONS = "qualifications"
FAMILIES = "families"
KINDS: dict[str, Any] = {
    PRACTITIONERS: gettext_lazy("Utøvere"),
    QUALIFICATIONS: gettext_lazy("Kvalifikasjoner"),
    FAMILIES: gettext_lazy("Antall familier"),
}

# Columns per kind: the field, then the headers accepted for it (the first is the one we write).
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    PRACTITIONERS: {
        "ref": ("ref", "referanse"),
        "first_name": ("fornavn", "first_name"),
        "last_name": ("etternavn", "last_name"),
        "email": ("epost", "e-post", "email"),
        "municipality": ("kommunenummer", "municipality"),
        "employer": ("arbeidsgiver", "employer"),
        "region": ("region",),
    },
    QUALIFICATIONS: {
        "ref": ("ref", "referanse"),
        "type": ("kvalifikasjon", "qualification"),
        "obtained": ("oppnådd", "oppnadd", "obtained"),
        "expires": ("utløper", "utloper", "expires"),
    },
    FAMILIES: {
        "intervention": ("intervensjon", "intervention"),
        "municipality": ("kommunenummer", "municipality"),
        "year": ("år", "ar", "year"),
        "kind": ("type", "kind"),
        "count": ("antall", "count"),
    },
}
REQUIRED: dict[str, set[str]] = {
    PRACTITIONERS: {"ref", "first_name", "last_name"},
    QUALIFICATIONS: {"ref", "type", "obtained"},
    FAMILIES: {"intervention", "municipality", "year", "count"},
}
COUNT_KINDS = {
    "registered": CountKind.REGISTERED,
    "registrert": CountKind.REGISTERED,
    "estimated": CountKind.ESTIMATED,
    "anslått": CountKind.ESTIMATED,
    "anslatt": CountKind.ESTIMATED,
}
BATCH = 2000
# Rows of the file the check reads ids for at once (SQLite allows some thousand parameters).
CHUNK = 5000

Cell = str | int | float | datetime.date | datetime.datetime | None
Progress = Callable[[int], object]


class ImportFileError(Exception):
    """The file itself cannot be read (format, missing columns)."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Table:
    """A file read into rows: the column each field was found under, and (row number, values)."""

    headers: dict[str, str]
    rows: list[tuple[int, dict[str, Cell]]]


# --- reading -------------------------------------------------------------------------------


def _header_map(kind: str, header: Iterable[Cell]) -> dict[int, tuple[str, str]]:
    names = [str(h or "").strip() for h in header]
    wanted = COLUMNS[kind]
    found: dict[int, tuple[str, str]] = {}
    for index, name in enumerate(names):
        for key, aliases in wanted.items():
            if name.lower() in aliases:
                found[index] = (key, name)
    missing = REQUIRED[kind] - {key for key, _n in found.values()}
    if missing:
        raise ImportFileError(
            _("Filen mangler kolonnene: %(columns)s.")
            % {"columns": ", ".join(sorted(COLUMNS[kind][m][0] for m in missing))}
        )
    return found


def _table(kind: str, rows: Iterator[tuple[Cell, ...]] | Iterator[list[str]]) -> Table:
    try:
        header = next(rows)
    except StopIteration:
        raise ImportFileError(_("Filen er tom.")) from None
    columns = _header_map(kind, header)
    out: list[tuple[int, dict[str, Cell]]] = []
    for number, values in enumerate(rows, start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        row: dict[str, Cell] = {}
        for index, (key, _name) in columns.items():
            row[key] = values[index] if index < len(values) else None
        out.append((number, row))
    return Table({key: name for key, name in columns.values()}, out)


def read_table(kind: str, source: IO[bytes], filename: str) -> Table:
    """Read a CSV (comma or semicolon, UTF-8) or XLSX file into a Table."""
    if kind not in COLUMNS:
        raise ImportFileError(_("Ukjent type import."))
    if filename.lower().endswith(".xlsx"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(source, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("Filen kan ikke leses som et regneark.")) from e
        try:
            sheet = book.worksheets[0]
            return _table(kind, sheet.iter_rows(values_only=True))
        finally:
            book.close()
    if not filename.lower().endswith((".csv", ".txt")):
        raise ImportFileError(_("Last opp en CSV- eller XLSX-fil."))
    try:
        text = source.read().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportFileError(_("CSV-filen må være lagret som UTF-8.")) from e
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return _table(kind, csv.reader(io.StringIO(text), delimiter=delimiter))


def read_path(kind: str, path: Path) -> Table:
    with path.open("rb") as f:
        return read_table(kind, f, path.name)


# --- cells ---------------------------------------------------------------------------------


class CellError(Exception):
    pass


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _int(value: Cell, low: int, high: int) -> int:
    if isinstance(value, bool):
        raise CellError(_("Skriv et helt tall."))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = _text(value).replace(" ", "")
        if not re.fullmatch(r"-?\d+", text):
            raise CellError(_("Skriv et helt tall."))
        number = int(text)
    if not low <= number <= high:
        raise CellError(
            _("Tallet må være mellom %(low)s og %(high)s.") % {"low": low, "high": high}
        )
    return number


def _date(value: Cell) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise CellError(_("Skriv datoen som ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ."))


def _municipality_number(value: Cell) -> str:
    text = _text(value)
    if not re.fullmatch(r"\d{1,4}", text):
        raise CellError(_("Kommunenummeret har fire sifre."))
    return text.zfill(4)


# --- checking ------------------------------------------------------------------------------


class _Rows:
    """Collects the errors of one file, naming columns as the file does."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.errors: list[RowError] = []

    def error(self, row: int, key: str, message: str) -> None:
        self.errors.append(RowError(row, self.table.headers.get(key, key), message))


def _municipalities() -> tuple[dict[str, Municipality], dict[int, Municipality]]:
    all_ = list(Municipality.objects.all())
    return {m.number: m for m in all_}, {m.pk: m for m in all_}


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _practitioners_by_ref(refs: Iterable[str]) -> dict[str, Practitioner]:
    found: dict[str, Practitioner] = {}
    for chunk in _chunks(sorted(set(refs))):
        for p in Practitioner.objects.filter(ref__in=chunk).only(
            "pk", "ref", "municipality_id", "region"
        ):
            found[p.ref] = p
    return found


def _check_practitioners(
    table: Table, scope: Scope, progress: Progress | None
) -> tuple[list[Practitioner], set[str], list[RowError]]:
    check = _Rows(table)
    by_number, _by_id = _municipalities()
    existing = _practitioners_by_ref(_text(r.get("ref")) for _n, r in table.rows)
    seen: dict[str, int] = {}
    out: list[Practitioner] = []
    for i, (number, row) in enumerate(table.rows):
        bad = False
        ref = _text(row.get("ref"))
        first = _text(row.get("first_name"))
        last = _text(row.get("last_name"))
        email = _text(row.get("email"))
        employer = _text(row.get("employer"))
        region = _text(row.get("region"))
        municipality: Municipality | None = None
        if not ref:
            check.error(number, "ref", _("Referansen mangler."))
            bad = True
        elif len(ref) > 40:
            check.error(number, "ref", _("Referansen kan ha høyst 40 tegn."))
            bad = True
        elif ref in seen:
            check.error(
                number, "ref", _("Referansen står også på rad %(row)s.") % {"row": seen[ref]}
            )
            bad = True
        else:
            seen[ref] = number
        for key, value in (("first_name", first), ("last_name", last)):
            if not value:
                check.error(number, key, _("Feltet må fylles ut."))
                bad = True
            elif len(value) > 100:
                check.error(number, key, _("Høyst 100 tegn."))
                bad = True
        if email:
            try:
                validate_email(email)
            except ValidationError:
                check.error(number, "email", _("Ugyldig e-postadresse."))
                bad = True
        if _text(row.get("municipality")):
            try:
                municipality = by_number.get(_municipality_number(row.get("municipality")))
                if municipality is None:
                    check.error(number, "municipality", _("Ukjent kommunenummer."))
                    bad = True
            except CellError as e:
                check.error(number, "municipality", str(e))
                bad = True
        elif not employer:
            check.error(number, "municipality", _("Oppgi kommunenummer eller arbeidsgiver."))
            bad = True
        if len(employer) > 200:
            check.error(number, "employer", _("Høyst 200 tegn."))
            bad = True
        if not region and municipality is not None:
            region = municipality.region
        if not region and not bad:
            check.error(number, "region", _("Regionen mangler."))
            bad = True
        if len(region) > 100:
            check.error(number, "region", _("Høyst 100 tegn."))
            bad = True
        if not bad:
            municipality_id = municipality.pk if municipality else None
            if not scope.covers(municipality_id, region):
                check.error(
                    number,
                    "municipality" if municipality else "region",
                    _("Du kan ikke registrere utøvere utenfor ditt område."),
                )
                bad = True
            elif ref in existing and not scope.covers(
                existing[ref].municipality_id, existing[ref].region
            ):
                check.error(number, "ref", _("Referansen tilhører en utøver utenfor ditt område."))
                bad = True
        if not bad:
            out.append(
                Practitioner(
                    ref=ref,
                    first_name=first,
                    last_name=last,
                    email=email,
                    municipality=municipality,
                    employer_name=employer,
                    region=region,
                )
            )
        if progress and i % 1000 == 999:
            progress(1000)
    return out, set(existing), check.errors


def _check_qualifications(
    table: Table, scope: Scope, program: Program, progress: Progress | None
) -> tuple[list[Qualification], set[tuple[int, int]], list[RowError]]:
    check = _Rows(table)
    types = {t.slug: t for t in QualificationType.objects.filter(program=program)}
    practitioners = _practitioners_by_ref(_text(r.get("ref")) for _n, r in table.rows)
    existing: set[tuple[int, int]] = set()
    ids = [p.pk for p in practitioners.values()]
    for chunk in _chunks(ids):
        existing.update(
            Qualification.objects.filter(practitioner_id__in=chunk).values_list(
                "practitioner_id", "type_id"
            )
        )
    seen: dict[tuple[str, str], int] = {}
    out: list[Qualification] = []
    for i, (number, row) in enumerate(table.rows):
        bad = False
        ref = _text(row.get("ref"))
        slug = _text(row.get("type"))
        practitioner = practitioners.get(ref)
        if not ref:
            check.error(number, "ref", _("Referansen mangler."))
            bad = True
        elif practitioner is None or not scope.covers(
            practitioner.municipality_id, practitioner.region
        ):
            check.error(number, "ref", _("Ingen utøver med denne referansen i ditt område."))
            bad = True
        type_ = types.get(slug)
        if type_ is None:
            check.error(number, "type", _("Ukjent kvalifikasjon."))
            bad = True
        obtained = expires = None
        try:
            obtained = _date(row.get("obtained"))
        except CellError as e:
            check.error(number, "obtained", str(e))
            bad = True
        if _text(row.get("expires")):
            try:
                expires = _date(row.get("expires"))
                if obtained and expires < obtained:
                    check.error(number, "expires", _("Utløper før den er oppnådd."))
                    bad = True
            except CellError as e:
                check.error(number, "expires", str(e))
                bad = True
        if ref and slug:
            if (ref, slug) in seen:
                check.error(
                    number,
                    "type",
                    _("Samme utøver og kvalifikasjon står også på rad %(row)s.")
                    % {"row": seen[(ref, slug)]},
                )
                bad = True
            else:
                seen[(ref, slug)] = number
        if not bad:
            assert practitioner is not None and type_ is not None and obtained is not None
            out.append(
                Qualification(
                    practitioner=practitioner, type=type_, obtained_on=obtained, expires_on=expires
                )
            )
        if progress and i % 1000 == 999:
            progress(1000)
    return out, existing, check.errors


FamilyKey = tuple[int, int, int, str]


def _check_families(
    table: Table, scope: Scope, program: Program, progress: Progress | None
) -> tuple[list[FamiliesReached], dict[FamilyKey, int], list[RowError]]:
    check = _Rows(table)
    interventions = {i.slug: i for i in Intervention.objects.filter(program=program)}
    by_number, _by_id = _municipalities()
    seen: dict[FamilyKey, int] = {}
    out: list[FamiliesReached] = []
    for i, (number, row) in enumerate(table.rows):
        bad = False
        intervention = interventions.get(_text(row.get("intervention")))
        if intervention is None:
            check.error(number, "intervention", _("Ukjent intervensjon."))
            bad = True
        municipality = None
        try:
            municipality = by_number.get(_municipality_number(row.get("municipality")))
            if municipality is None:
                check.error(number, "municipality", _("Ukjent kommunenummer."))
                bad = True
            elif not scope.covers_municipality(municipality):
                check.error(
                    number,
                    "municipality",
                    _("Du kan ikke registrere tall for en kommune utenfor ditt område."),
                )
                bad = True
        except CellError as e:
            check.error(number, "municipality", str(e))
            bad = True
        year = count = 0
        try:
            year = _int(row.get("year"), 1990, 2100)
        except CellError as e:
            check.error(number, "year", str(e))
            bad = True
        try:
            count = _int(row.get("count"), 0, 1_000_000)
        except CellError as e:
            check.error(number, "count", str(e))
            bad = True
        kind_text = _text(row.get("kind")).lower() or CountKind.REGISTERED
        kind = COUNT_KINDS.get(kind_text)
        if kind is None:
            check.error(number, "kind", _("Skriv «registrert» eller «anslått»."))
            bad = True
        if not bad:
            assert intervention is not None and municipality is not None and kind is not None
            key = (intervention.pk, municipality.pk, year, str(kind))
            if key in seen:
                check.error(
                    number,
                    "count",
                    _("Samme intervensjon, kommune, år og type står også på rad %(row)s.")
                    % {"row": seen[key]},
                )
                bad = True
            else:
                seen[key] = number
                out.append(
                    FamiliesReached(
                        intervention=intervention,
                        municipality=municipality,
                        year=year,
                        kind=kind,
                        count=count,
                    )
                )
        if progress and i % 1000 == 999:
            progress(1000)
    existing: dict[FamilyKey, int] = {}
    municipality_ids = sorted({f.municipality_id for f in out})
    years = sorted({f.year for f in out})
    if out:
        for pk, key in (
            (pk, (iid, mid, y, k))
            for pk, iid, mid, y, k in FamiliesReached.objects.filter(
                Q(municipality_id__in=municipality_ids) & Q(year__in=years), case__isnull=True
            ).values_list("pk", "intervention_id", "municipality_id", "year", "kind")
        ):
            existing[key] = pk
    return out, existing, check.errors


# --- importing -----------------------------------------------------------------------------


def import_table(
    kind: str,
    table: Table,
    *,
    scope: Scope,
    program: Program | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check every row; if all are good, write them in one transaction. `progress(n)` is
    called as rows are checked and again as they are written (2 × rows in all)."""
    result = ImportResult(kind=kind, rows=len(table.rows))
    if scope.is_empty:
        raise ImportFileError(_("Du har ikke tilgang til registeret."))
    if kind != PRACTITIONERS and program is None:
        program = Program.objects.filter(slug="tibir").first() or Program.objects.first()
        if program is None:
            raise ImportFileError(_("Ingen program er registrert."))
    if kind == PRACTITIONERS:
        practitioners, existing_refs, errors = _check_practitioners(table, scope, progress)
        result.errors = errors
        if errors:
            return result
        with transaction.atomic():
            for start in range(0, len(practitioners), BATCH):
                batch = practitioners[start : start + BATCH]
                Practitioner.objects.bulk_create(
                    batch,
                    update_conflicts=True,
                    unique_fields=["ref"],
                    update_fields=[
                        "first_name",
                        "last_name",
                        "email",
                        "municipality",
                        "employer_name",
                        "region",
                    ],
                )
                if progress:
                    progress(len(batch))
        result.updated = len(existing_refs)
        result.created = len(practitioners) - result.updated
    elif kind == QUALIFICATIONS:
        assert program is not None
        qualifications, existing_pairs, errors = _check_qualifications(
            table, scope, program, progress
        )
        result.errors = errors
        if errors:
            return result
        with transaction.atomic():
            for start in range(0, len(qualifications), BATCH):
                qbatch = qualifications[start : start + BATCH]
                Qualification.objects.bulk_create(
                    qbatch,
                    update_conflicts=True,
                    unique_fields=["practitioner", "type"],
                    update_fields=["obtained_on", "expires_on"],
                )
                if progress:
                    progress(len(qbatch))
        result.updated = sum(
            1 for q in qualifications if (q.practitioner_id, q.type_id) in existing_pairs
        )
        result.created = len(qualifications) - result.updated
    elif kind == FAMILIES:
        assert program is not None
        counts, existing, errors = _check_families(table, scope, program, progress)
        result.errors = errors
        if errors:
            return result
        new: list[FamiliesReached] = []
        changed: list[FamiliesReached] = []
        for f in counts:
            pk = existing.get((f.intervention_id, f.municipality_id, f.year, f.kind))
            if pk is None:
                new.append(f)
            else:
                f.pk = pk
                changed.append(f)
        with transaction.atomic():
            FamiliesReached.objects.bulk_create(new, batch_size=BATCH)
            FamiliesReached.objects.bulk_update(changed, ["count"], batch_size=BATCH)
        if progress:
            progress(len(counts))
        result.created, result.updated = len(new), len(changed)
    else:
        raise ImportFileError(_("Ukjent type import."))
    return result
