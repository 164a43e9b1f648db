"""A filled tool as a PDF, with fpdf2 (pure Python: nothing to install from apt).

DejaVu Sans is used when the system has it (Debian: fonts-dejavu-core), for every character;
otherwise the built-in Helvetica, which knows Latin-1 (æ, ø, å) and gets the rest replaced.
"""

from pathlib import Path

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from laget.tools.display import answer_rows
from laget.tools.models import FilledTool

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_REPLACE = {"–": "-", "—": "-", "≥": ">=", "≤": "<=", "…": "...", "«": '"', "»": '"', "’": "'"}


class _Writer:
    def __init__(self) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.add_page()
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            self.pdf.add_font("body", "", str(regular))
            self.pdf.add_font("body", "B", str(bold))
            self.family, self.unicode = "body", True
        else:
            self.family, self.unicode = "helvetica", False

    def text(self, value: str) -> str:
        if self.unicode:
            return value
        for a, b in _REPLACE.items():
            value = value.replace(a, b)
        return value.encode("latin-1", "replace").decode("latin-1")

    def para(self, value: str, *, size: int = 11, bold: bool = False, gap: float = 2) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(0, size * 0.5, self.text(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(gap)


def filled_tool_pdf(filled: FilledTool) -> bytes:
    definition = filled.tool_version.definition
    w = _Writer()
    w.pdf.set_title(w.text(definition.name))
    w.para(definition.name, size=16, bold=True)
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
    return bytes(w.pdf.output())
