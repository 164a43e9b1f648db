"""A filled tool as a PDF (laget/lib/pdf.py: fpdf2, DejaVu Sans when installed)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

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
