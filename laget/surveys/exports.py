"""A round's results as CSV and XLSX: per question, each answer option's count and share for all
who answered and per service, from the same `round_results` as the page, so the same groups are
hidden (results.py): a hidden group's cells say so and hold no number."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from laget.surveys.selectors import RoundResults

Cell = str | int | float


def export_title(results: RoundResults) -> str:
    r = results.round
    return _("%(questionnaire)s – %(round)s") % {
        "questionnaire": r.questionnaire.name,
        "round": r.name,
    }


def _percent(value: object) -> Cell:
    return "" if value is None else float(str(value))


def export_rows(results: RoundResults) -> list[list[Cell]]:
    """A heading row, then per question a row of answer counts and a row per option."""
    hidden = _("skjult")
    columns = results.questions[0].columns if results.questions else []
    heading: list[Cell] = [_("Spørsmål"), _("Svar")]
    for column in columns:
        heading += [
            _("%(group)s: antall") % {"group": column.label},
            _("%(group)s: prosent") % {"group": column.label},
        ]
    rows: list[list[Cell]] = [heading]
    for q in results.questions:
        answered: list[Cell] = [q.text, _("Antall svar")]
        for column in q.columns:
            answered += [hidden, ""] if column.hidden else [column.answered, ""]
        rows.append(answered)
        for i, (_value, label) in enumerate(q.options):
            row: list[Cell] = [q.text, label]
            for column in q.columns:
                if column.hidden:
                    row += [hidden, hidden]
                else:
                    share = column.shares[i]
                    row += [share.count, _percent(share.percent)]
            rows.append(row)
    return rows


def _note(results: RoundResults) -> str:
    return _(
        "Grupper med færre enn %(n)s svar, og grupper som kunne regnes ut av dem, er skjult."
    ) % {"n": results.min_group}


def results_csv(results: RoundResults) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([export_title(results)])
    writer.writerow([_note(results)])
    writer.writerow([])
    for row in export_rows(results):
        writer.writerow([str(v).replace(".", ",") if isinstance(v, float) else v for v in row])
    # A byte order mark so spreadsheet programs read æ, ø, å right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def results_xlsx(results: RoundResults) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Resultater")
    sheet.append([export_title(results)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_note(results)])
    sheet.append([])
    for n, row in enumerate(export_rows(results)):
        sheet.append(row)
        if n == 0:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 50
    sheet.column_dimensions["B"].width = 28
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
