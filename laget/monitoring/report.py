"""The steering-group report: the dashboard's figures as a PDF, each chart with its table."""

from django.utils import formats
from django.utils.translation import gettext as _

from laget.lib.pdf import PdfWriter
from laget.monitoring.dashboard import Dashboard


def report_title(dashboard: Dashboard) -> str:
    return _("Innføringen i %(municipality)s – rapport til styringsgruppen %(year)s") % {
        "municipality": dashboard.municipality.name,
        "year": dashboard.year,
    }


def dashboard_pdf(dashboard: Dashboard) -> bytes:
    title = report_title(dashboard)
    w = PdfWriter(title=title)
    w.para(title, size=15, bold=True)
    w.para(
        _("Tall fra stafettloggen per %(date)s.")
        % {"date": formats.date_format(dashboard.today, "SHORT_DATE_FORMAT")},
        size=9,
    )
    w.para(_("Nøkkeltall"), size=12, bold=True)
    w.table(
        (_("Mål"), _("Verdi"), _("Forklaring")),
        [(k.label, k.value, k.detail) for k in dashboard.key_figures],
        widths=(60, 30, 100),
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
            w.bars([(b.label, b.value, b.text) for b in figure.bars], top=figure.top)
            w.para(figure.scale, size=8)
        for note in figure.notes:
            w.para(note, size=9)
        if figure.rows or figure.total:
            rows = [*figure.rows, *([figure.total] if figure.total else [])]
            first = 55 if len(figure.columns) > 3 else 90
            rest = (w.pdf.epw - first) / max(len(figure.columns) - 1, 1)
            w.table(figure.columns, rows, widths=(first, *([rest] * (len(figure.columns) - 1))))
    return w.output()
