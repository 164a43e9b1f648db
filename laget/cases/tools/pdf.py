"""A filled tool as a PDF (laget/lib/pdf.py: fpdf2, DejaVu Sans when installed)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from laget.cases.tools.alarms import report_for, who_label
from laget.cases.tools.display import answer_rows
from laget.lib.pdf import PdfWriter
from laget.tools.models import FilledTool


def filled_tool_pdf(filled: FilledTool, *, title: str = "", archival: bool = False) -> bytes:
    """The tool as it was filled: the version's fields with their answers and the score.
    `archival` writes PDF/A-2b for the archive package (laget/archive), under its title."""
    title = title or filled.tool_version.definition.name
    w = PdfWriter(title=title, archival=archival)
    w.para(title, size=16, bold=True)
    when = formats.date_format(timezone.localtime(filled.created_at), "SHORT_DATETIME_FORMAT")
    w.para(
        _("Fylt ut %(when)s av %(author)s, %(unit)s · versjon %(version)s")
        % {
            "when": when,
            "author": filled.author.display_name,
            "unit": filled.author_unit.name,
            "version": filled.tool_version.number,
        },
        size=9,
        gap=4,
    )
    if filled.requires_report:
        # In words, not only in colour: the PDF is printed in black and white.
        w.para(
            _("ALARM: %(who)s") % {"who": who_label(filled.report_to)},
            size=14,
            bold=True,
            gap=1,
        )
        report = report_for(filled)
        if report is None:
            w.para(_("Ikke registrert som meldt."), bold=True, gap=3)
        else:
            moment = formats.date_format(
                timezone.localtime(report.decided_at), "SHORT_DATETIME_FORMAT"
            )
            w.para(
                _("Bekymringsmelding er registrert sendt %(when)s av %(who)s.")
                % {"when": moment, "who": report.decided_by.display_name},
                gap=3,
            )
    if filled.score_value is not None:
        w.para(
            _("Resultat: %(band)s (poeng %(points)s)")
            % {"band": filled.band_label or "–", "points": filled.score_text},
            size=12,
            bold=True,
        )
        if filled.interpretation:
            w.para(filled.interpretation, gap=4)
    for row in answer_rows(filled):
        w.para(row.label, bold=True, gap=0.5)
        w.para(row.answer, gap=3)
    return w.output()
