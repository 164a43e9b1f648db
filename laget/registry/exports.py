"""The registry report as CSV, XLSX (openpyxl) and PDF (fpdf2), all from `flat_rows`, so every
format carries the same figures as the HTML page."""

import csv
import io

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from openpyxl import Workbook
from openpyxl.styles import Font

from laget.registry.reports import Report, family_columns, flat_rows, table_columns
from laget.tools.pdf import _REPLACE, FONT_DIR


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
    return [
        (_header() + table_columns(report), rows[:n]),
        (_header() + family_columns(report), rows[n:]),
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
    for column, width in zip("ABCDEFG", (34, 26, 46, 16, 16, 18, 18), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class _Pdf:
    def __init__(self) -> None:
        self.pdf = FPDF(format="A4", orientation="landscape")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.add_page()
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            self.pdf.add_font("body", "", str(regular))
            self.pdf.add_font("body", "B", str(bold))
            self.family, self.unicode = "body", True
        else:
            self.family, self.unicode = "helvetica", False

    def text(self, value: object) -> str:
        s = str(value)
        if self.unicode:
            return s
        for a, b in _REPLACE.items():
            s = s.replace(a, b)
        return s.encode("latin-1", "replace").decode("latin-1")

    def para(self, value: str, *, size: int = 11, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(0, size * 0.5, self.text(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(2)

    def table(self, heading: list[str], rows: list[list[str | int]]) -> None:
        self.pdf.set_font(self.family, "", 9)
        widths = (50, 110) + (27,) * (len(heading) - 2)
        with self.pdf.table(
            col_widths=widths[: len(heading)],
            text_align=["LEFT", "LEFT"] + ["RIGHT"] * (len(heading) - 2),
            line_height=5,
        ) as table:
            head = table.row()
            for cell in heading:
                head.cell(self.text(cell))
            for values in rows:
                line = table.row()
                for value in values:
                    line.cell(self.text(value))
        self.pdf.ln(4)


def report_pdf(report: Report) -> bytes:
    w = _Pdf()
    title = report_title(report)
    w.pdf.set_title(w.text(title))
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
        # Drop the "table" column: the caption names it.
        w.table(heading[1:], [r[1:] for r in rows])
    return bytes(w.pdf.output())


def _captions(report: Report) -> list[str]:
    return [_("Kompetanse og utøvere"), _("Familier nådd siden tiltaket ble innført")]
