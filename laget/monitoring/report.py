"""The steering-group report: the dashboard's figures as a PDF, each chart with its table.

Made to be printed in black and white: tables have black text on white with thin grey rules and
a light grey heading row; bars are mid grey with a black outline; every label wraps within its
column instead of being cut, so what the page says is what the paper says.
"""

from collections.abc import Sequence

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from laget.lib.pdf import PdfWriter
from laget.monitoring.dashboard import Dashboard
from laget.monitoring.figures import Bar

BLACK = (0, 0, 0)
RULE = (150, 150, 150)
HEAD_FILL = (232, 232, 232)
BAR_FILL = (150, 150, 150)
LABEL_WIDTH = 62  # mm for a bar's label; longer labels wrap onto more lines
LINE = 4.2  # mm per line of 9 pt text


def report_title(dashboard: Dashboard) -> str:
    return _("Innføringen i %(municipality)s – rapport til styringsgruppen %(year)s") % {
        "municipality": dashboard.municipality.name,
        "year": dashboard.year,
    }


def _table(
    w: PdfWriter,
    heading: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    text_columns: int = 1,
    align: Sequence[str] = (),
) -> None:
    """Black text, grey rules, a light grey heading row; headings sit over their numbers (the
    number columns right-aligned, headings too); long text wraps inside the cell."""
    pdf = w.pdf
    pdf.set_font(w.family, "", 9)
    pdf.set_text_color(*BLACK)
    pdf.set_draw_color(*RULE)
    pdf.set_fill_color(255, 255, 255)
    n = len(heading)
    with pdf.table(
        col_widths=tuple(widths),
        text_align=list(align) or ["LEFT"] * text_columns + ["RIGHT"] * (n - text_columns),
        line_height=LINE,
        headings_style=FontFace(emphasis="BOLD", color=BLACK, fill_color=HEAD_FILL),
        borders_layout="HORIZONTAL_LINES",
        width=sum(widths),
    ) as table:
        head = table.row()
        for cell in heading:
            head.cell(w.text(cell))
        for values in rows:
            line = table.row()
            for value in values:
                line.cell(w.text(value))
    pdf.ln(4)


def _bars(w: PdfWriter, bars: Sequence[Bar], top: float) -> None:
    """Horizontal bars in grey with a black outline; the label wraps within LABEL_WIDTH."""
    pdf = w.pdf
    room = pdf.epw - LABEL_WIDTH - 22
    pdf.set_font(w.family, "", 9)
    pdf.set_text_color(*BLACK)
    pdf.set_draw_color(*BLACK)
    pdf.set_fill_color(*BAR_FILL)
    for bar in bars:
        label = w.text(bar.label)
        lines = pdf.multi_cell(
            LABEL_WIDTH - 2, LINE, label, align="L", dry_run=True, output="LINES"
        )
        assert isinstance(lines, list)
        height = max(len(lines), 1) * LINE + 1.5
        if pdf.get_y() + height > pdf.h - pdf.b_margin:
            pdf.add_page()
        x, y = pdf.l_margin, pdf.get_y()
        pdf.set_xy(x, y)
        pdf.multi_cell(LABEL_WIDTH - 2, LINE, label, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        length = room * bar.value / top if top else 0
        if length > 0:
            pdf.rect(x + LABEL_WIDTH, y + 0.6, length, LINE - 1.2, style="DF")
        pdf.set_xy(x + LABEL_WIDTH + length + 2, y)
        pdf.cell(20, LINE, w.text(bar.text))
        pdf.set_xy(x, y + height)
    pdf.ln(2)


def dashboard_pdf(dashboard: Dashboard) -> bytes:
    title = report_title(dashboard)
    w = PdfWriter(title=title)
    w.pdf.set_text_color(*BLACK)
    w.para(title, size=15, bold=True)
    as_of = timezone.localtime(dashboard.as_of or timezone.now())
    w.para(
        _("Tall fra stafettloggen per %(date)s kl. %(time)s.")
        % {
            "date": formats.date_format(as_of, "DATE_FORMAT"),
            "time": formats.time_format(as_of, "H.i"),
        },
        size=9,
    )
    w.para(_("Nøkkeltall"), size=12, bold=True)
    _table(
        w,
        (_("Mål"), _("Verdi"), _("Forklaring")),
        [(k.label, k.value, k.detail) for k in dashboard.key_figures],
        widths=(60, 30, w.pdf.epw - 90),
        align=("LEFT", "RIGHT", "LEFT"),
    )
    for section in dashboard.sections:
        w.para(section.title, size=12, bold=True)
        for line in section.lines:
            w.para(line, size=10, gap=1)
        w.pdf.ln(2)
    for figure in dashboard.figures:
        w.para(figure.title, size=12, bold=True)
        w.para(figure.summary, size=9)
        if figure.bars:
            _bars(w, figure.bars, figure.top)
            w.para(figure.scale, size=8)
        for note in figure.notes:
            w.para(note, size=9)
        if figure.rows or figure.total:
            rows = [*figure.rows, *([figure.total] if figure.total else [])]
            count = len(figure.columns)
            first = 55 if count > 3 else 90
            text = first + 30 * (figure.text_columns - 1)
            rest = (w.pdf.epw - text) / max(count - figure.text_columns, 1)
            widths = (
                first,
                *([30] * (figure.text_columns - 1)),
                *([rest] * (count - figure.text_columns)),
            )
            _table(w, figure.columns, rows, widths, figure.text_columns)
    return w.output()
