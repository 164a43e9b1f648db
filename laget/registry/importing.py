"""Import of practitioners, qualifications, activity years and family counts from CSV or XLSX.

Every row is checked first. Each bad row is reported with its number as the spreadsheet shows
it (the header is row 1) and the reason, per column; when any row is bad nothing is imported.
A good file is written in one transaction with bulk operations, and rows are matched on their
natural keys (practitioner ref; practitioner and qualification; intervention, municipality, year
and kind; practitioner and year), so importing the same file twice changes nothing.

Cells that name something (a qualification, an intervention, a municipality, a count kind,
active or not) are read with laget/registry/codes.py `resolve`: the code or the name people use
("Sertifisert PMTO-terapeut"), in any case and spacing. `import_books` lists what each column
takes, for the import page.

The importing user's scope limits the rows: a municipal registrar imports only for their own
municipality, a regional coordinator only for their region. A row outside it is a row error.
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laget.orgs.models import Municipality
from laget.registry.access import Scope
from laget.registry.codes import (
    CodeBook,
    CodeError,
    active_codes,
    count_kind_codes,
    intervention_codes,
    municipality_codes,
    normalize,
    qualification_codes,
    resolve,
)
from laget.registry.messages import MSG_REASON_LEFT_REQUIRED
from laget.registry.models import (
    YEAR_MAX,
    YEAR_MIN,
    ActivityYear,
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
ACTIVITY = "activity_years"
FAMILIES = "families"
KINDS: dict[str, Any] = {
    PRACTITIONERS: gettext_lazy("Utøvere"),
    QUALIFICATIONS: gettext_lazy("Kvalifikasjoner"),
    ACTIVITY: gettext_lazy("Aktivitetsår (aktiv, familier, veiledning)"),
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
    ACTIVITY: {
        "ref": ("ref", "referanse"),
        "year": ("år", "ar", "year"),
        "active": ("aktiv", "active"),
        "reason_left": ("grunn til å slutte", "grunn", "reason_left"),
        "families": ("familier", "families"),
        "supervision_hours": (
            "veiledningstimer",
            "veiledning",
            "veiledning (timer)",
            "supervision_hours",
        ),
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
    ACTIVITY: {"ref", "year"},
    FAMILIES: {"intervention", "municipality", "year", "count"},
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
            if normalize(name) in aliases:
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


# --- checking ------------------------------------------------------------------------------


class _Rows:
    """Collects the errors of one file, naming columns as the file does."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.errors: list[RowError] = []

    def error(self, row: int, key: str, message: str) -> None:
        self.errors.append(RowError(row, self.table.headers.get(key, key), message))


def _municipalities() -> CodeBook[Municipality]:
    return municipality_codes(Municipality.objects.all())


def _resolve(check: "_Rows", number: int, key: str, book: CodeBook[Any], value: Cell) -> Any:
    """The value a cell names in `book`, or None with the row's error noted."""
    try:
        return resolve(book, _text(value))
    except CodeError as e:
        check.error(number, key, str(e))
        return None


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
    municipalities = _municipalities()
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
            municipality = _resolve(
                check, number, "municipality", municipalities, row.get("municipality")
            )
            bad = bad or municipality is None
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


def _existing_pairs(
    model: type[Qualification] | type[ActivityYear],
    practitioners: dict[str, Practitioner],
    field: str,
) -> set[tuple[int, int]]:
    """The (practitioner, `field`) pairs already stored for the file's practitioners."""
    existing: set[tuple[int, int]] = set()
    for chunk in _chunks([p.pk for p in practitioners.values()]):
        existing.update(
            model.objects.filter(practitioner_id__in=chunk).values_list("practitioner_id", field)
        )
    return existing


def _practitioner_in_scope(
    check: "_Rows",
    number: int,
    ref: str,
    practitioners: dict[str, Practitioner],
    scope: Scope,
) -> Practitioner | None:
    """The row's practitioner by reference, if the user's area covers them; else the row's
    error and None."""
    practitioner = practitioners.get(ref)
    if not ref:
        check.error(number, "ref", _("Referansen mangler."))
        return None
    if practitioner is None or not scope.covers(practitioner.municipality_id, practitioner.region):
        check.error(number, "ref", _("Ingen utøver med denne referansen i ditt område."))
        return None
    return practitioner


def _check_qualifications(
    table: Table, scope: Scope, program: Program, progress: Progress | None
) -> tuple[list[Qualification], set[tuple[int, int]], list[RowError]]:
    check = _Rows(table)
    types = qualification_codes(program)
    practitioners = _practitioners_by_ref(_text(r.get("ref")) for _n, r in table.rows)
    existing = _existing_pairs(Qualification, practitioners, "type_id")
    seen: dict[tuple[str, int], int] = {}
    out: list[Qualification] = []
    for i, (number, row) in enumerate(table.rows):
        ref = _text(row.get("ref"))
        practitioner = _practitioner_in_scope(check, number, ref, practitioners, scope)
        bad = practitioner is None
        type_: QualificationType | None = _resolve(check, number, "type", types, row.get("type"))
        bad = bad or type_ is None
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
        if ref and type_ is not None:
            if (ref, type_.pk) in seen:
                check.error(
                    number,
                    "type",
                    _("Samme utøver og kvalifikasjon står også på rad %(row)s.")
                    % {"row": seen[(ref, type_.pk)]},
                )
                bad = True
            else:
                seen[(ref, type_.pk)] = number
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


def _check_activity(
    table: Table, scope: Scope, progress: Progress | None
) -> tuple[list[ActivityYear], set[tuple[int, int]], list[RowError]]:
    check = _Rows(table)
    answers = active_codes()
    practitioners = _practitioners_by_ref(_text(r.get("ref")) for _n, r in table.rows)
    existing = _existing_pairs(ActivityYear, practitioners, "year")
    seen: dict[tuple[str, int], int] = {}
    out: list[ActivityYear] = []
    for i, (number, row) in enumerate(table.rows):
        ref = _text(row.get("ref"))
        practitioner = _practitioner_in_scope(check, number, ref, practitioners, scope)
        bad = practitioner is None
        year = 0
        try:
            year = _int(row.get("year"), YEAR_MIN, YEAR_MAX)
        except CellError as e:
            check.error(number, "year", str(e))
            bad = True
        active: bool | None = (
            _resolve(check, number, "active", answers, row.get("active"))
            if _text(row.get("active"))
            else True
        )
        bad = bad or active is None
        reason = _text(row.get("reason_left"))
        if active is False and ActivityYear.lacks_reason(False, reason):
            check.error(number, "reason_left", str(MSG_REASON_LEFT_REQUIRED))
            bad = True
        elif len(reason) > 200:
            check.error(number, "reason_left", _("Høyst 200 tegn."))
            bad = True
        numbers = {"families": 0, "supervision_hours": 0}
        for key in numbers:
            if _text(row.get(key)):
                try:
                    numbers[key] = _int(row.get(key), 0, 32767)
                except CellError as e:
                    check.error(number, key, str(e))
                    bad = True
        if ref and year:
            if (ref, year) in seen:
                check.error(
                    number,
                    "year",
                    _("Samme utøver og år står også på rad %(row)s.") % {"row": seen[(ref, year)]},
                )
                bad = True
            else:
                seen[(ref, year)] = number
        if not bad:
            assert practitioner is not None and active is not None
            out.append(
                ActivityYear(
                    practitioner=practitioner,
                    year=year,
                    active=active,
                    reason_left="" if active else reason,
                    **numbers,
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
    interventions = intervention_codes(program)
    municipalities = _municipalities()
    kinds = count_kind_codes()
    seen: dict[FamilyKey, int] = {}
    out: list[FamiliesReached] = []
    for i, (number, row) in enumerate(table.rows):
        intervention: Intervention | None = _resolve(
            check, number, "intervention", interventions, row.get("intervention")
        )
        bad = intervention is None
        municipality: Municipality | None = _resolve(
            check, number, "municipality", municipalities, row.get("municipality")
        )
        if municipality is None:
            bad = True
        elif not scope.covers_municipality(municipality):
            check.error(
                number,
                "municipality",
                _("Du kan ikke registrere tall for en kommune utenfor ditt område."),
            )
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
        kind: str | None = (
            _resolve(check, number, "kind", kinds, row.get("kind"))
            if _text(row.get("kind"))
            else str(CountKind.REGISTERED)
        )
        bad = bad or kind is None
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


Upserted = TypeVar("Upserted", Practitioner, Qualification, ActivityYear)


def _upsert(
    model: type[Upserted],
    rows: Sequence[Upserted],
    unique_fields: list[str],
    update_fields: list[str],
    progress: Progress | None,
) -> None:
    """Insert the rows, or update those whose unique fields are taken, in batches and in one
    transaction."""
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            model.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=unique_fields,
                update_fields=update_fields,
            )
            if progress:
                progress(len(batch))


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
    if kind in (QUALIFICATIONS, FAMILIES) and program is None:
        program = Program.objects.filter(slug="tibir").first() or Program.objects.first()
        if program is None:
            raise ImportFileError(_("Ingen program er registrert."))
    if kind == PRACTITIONERS:
        practitioners, existing_refs, errors = _check_practitioners(table, scope, progress)
        result.errors = errors
        if errors:
            return result
        _upsert(
            Practitioner,
            practitioners,
            ["ref"],
            ["first_name", "last_name", "email", "municipality", "employer_name", "region"],
            progress,
        )
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
        _upsert(
            Qualification,
            qualifications,
            ["practitioner", "type"],
            ["obtained_on", "expires_on"],
            progress,
        )
        result.updated = sum(
            1 for q in qualifications if (q.practitioner_id, q.type_id) in existing_pairs
        )
        result.created = len(qualifications) - result.updated
    elif kind == ACTIVITY:
        years, existing_years, errors = _check_activity(table, scope, progress)
        result.errors = errors
        if errors:
            return result
        _upsert(
            ActivityYear,
            years,
            ["practitioner", "year"],
            ["active", "reason_left", "families", "supervision_hours"],
            progress,
        )
        result.updated = sum(1 for y in years if (y.practitioner_id, y.year) in existing_years)
        result.created = len(years) - result.updated
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


# --- what the columns take, for the import page ----------------------------------------------


def import_books(program: Program, municipalities: Iterable[Municipality]) -> list[CodeBook[Any]]:
    """The valid codes and names of every column that names something, for `program` and
    the municipalities the user may import for."""
    return [
        qualification_codes(program),
        intervention_codes(program),
        active_codes(),
        count_kind_codes(),
        municipality_codes(municipalities),
    ]
