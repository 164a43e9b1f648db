"""The registry report as CSV, XLSX (openpyxl) and PDF (fpdf2), all from `flat_rows`, so every
format carries the same figures as the HTML page."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from laget.lib.pdf import PdfWriter
from laget.registry.reports import Report, family_columns, flat_rows, table_columns


def report_title(report: Report) -> str:
    scope = report.scope.label or _("Hele landet")
    return _("%(program)s – %(scope)s – %(year)s") % {
        "program": report.program.name,
        "scope": scope,
        "year": report.year,
    }


def _header() -> list[str]:
    return [_("Tabell"), _("Gruppe"), _("Rad")]


def _tables(report: Report) -> list[tuple[list[str], list[list[str | int]]]]:
    """(heading row, rows) per table, in the order of flat_rows."""
    rows = flat_rows(report)
    n = len(report.competence) + len(report.interventions)
    note = [_("Merknad")]
    return [
        (_header() + table_columns(report) + note, rows[:n]),
        (_header() + family_columns(report) + note, rows[n:]),
    ]


def report_csv(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([report_title(report)])
    for heading, rows in _tables(report):
        writer.writerow([])
        writer.writerow(heading)
        writer.writerows(rows)
    # A byte order mark so spreadsheet programs read æ, ø, å right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Rapport")
    sheet.append([report_title(report)])
    sheet["A1"].font = Font(bold=True, size=14)
    for heading, rows in _tables(report):
        sheet.append([])
        sheet.append(heading)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
    for column, width in zip("ABCDEFGH", (34, 26, 46, 16, 16, 18, 18, 50), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_pdf(report: Report) -> bytes:
    title = report_title(report)
    w = PdfWriter(landscape=True, title=title)
    w.para(title, size=15, bold=True)
    w.para(
        _(
            "Nye: %(term)s. Planlagt: %(next)s. Anslåtte familietall er holdt atskilt fra registrerte."
        )
        % {"term": report.term.label, "next": report.next_term.label},
        size=9,
    )
    for (heading, rows), caption in zip(_tables(report), _captions(report), strict=True):
        w.para(caption, size=11, bold=True)
        # Drop the "table" column (the caption names it) and the notes (written below).
        widths = (50, 110) + (27,) * (len(heading) - 4)
        w.table(heading[1:-1], [r[1:-1] for r in rows], widths=widths, text_columns=2)
        for r in rows:
            if r[-1]:
                w.para(f"{r[2]}: {r[-1]}", size=8)
    return w.output()


def _captions(report: Report) -> list[str]:
    return [_("Kompetanse og utøvere"), _("Familier nådd siden tiltaket ble innført")]
