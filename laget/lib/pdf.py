"""PDF documents with fpdf2 (pure Python): headings, paragraphs, tables and bar charts.

DejaVu Sans is used when installed (Debian's fonts-dejavu-core, which `./dev` installs), so
Norwegian letters and dashes print; without it the text falls back to Latin-1 Helvetica.

`PdfWriter(archival=True)` writes PDF/A-2b (ISO 19005-2, level B), the form archives and
long-lived copies take: fpdf2 then embeds the colour profile and the XMP identification, and
refuses anything the standard forbids (an unembedded font, encryption). It needs DejaVu Sans:
PDF/A has no room for the unembedded Helvetica fallback.
"""

from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# Ge'ez script (Tigrinya), which DejaVu Sans lacks: Debian's fonts-sil-abyssinica, used where a
# letter is missing from DejaVu.
ETHIOPIC_FONT = Path("/usr/share/fonts/truetype/abyssinica/AbyssinicaSIL-Regular.ttf")
# Languages whose letters join or reorder: laid out by HarfBuzz (uharfbuzz) through fpdf2.
SHAPED = {"ar": "rtl", "ti": "ltr"}
_REPLACE = {"–": "-", "—": "-", "≥": ">=", "≤": "<=", "…": "...", "«": '"', "»": '"', "’": "'"}


class ArchivalFontMissing(RuntimeError):
    """PDF/A was asked for, but the font it must embed is not installed."""


class PdfWriter:
    def __init__(
        self,
        *,
        landscape: bool = False,
        title: str = "",
        archival: bool = False,
        language: str = "nb",
    ) -> None:
        self.pdf = FPDF(
            format="A4",
            orientation="landscape" if landscape else "portrait",
            enforce_compliance="PDF/A-2B" if archival else None,
        )
        self.pdf.set_auto_page_break(auto=True, margin=15)
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        fonts = regular.exists() and bold.exists()
        if archival and not fonts:
            raise ArchivalFontMissing(str(regular))
        self.pdf.set_lang(language)
        self.rtl = SHAPED.get(language) == "rtl"
        self.pdf.add_page()
        if fonts:
            self.pdf.add_font("body", "", str(regular))
            self.pdf.add_font("body", "B", str(bold))
            self.family, self.unicode = "body", True
            if ETHIOPIC_FONT.exists():
                self.pdf.add_font("ethiopic", "", str(ETHIOPIC_FONT))
                self.pdf.set_fallback_fonts(["ethiopic"])
            if language in SHAPED:
                self.pdf.set_text_shaping(use_shaping_engine=True, direction=SHAPED[language])
        else:
            self.family, self.unicode = "helvetica", False
        if title:
            self.pdf.set_title(self.text(title))

    def text(self, value: object) -> str:
        s = str(value)
        if self.unicode:
            return s
        for a, b in _REPLACE.items():
            s = s.replace(a, b)
        return s.encode("latin-1", "replace").decode("latin-1")

    def para(self, value: str, *, size: int = 11, bold: bool = False, gap: float = 2) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(
            0,
            size * 0.5,
            self.text(value),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            align="R" if self.rtl else "J",
        )
        self.pdf.ln(gap)

    def table(
        self,
        heading: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        widths: Sequence[float] | None = None,
        size: int = 9,
        text_columns: int = 1,
    ) -> None:
        """A table whose first `text_columns` columns are text and the rest right-aligned
        numbers."""
        self.pdf.set_font(self.family, "", size)
        n = len(heading)
        with self.pdf.table(
            col_widths=tuple(widths) if widths else None,
            text_align=["LEFT"] * text_columns + ["RIGHT"] * (n - text_columns),
            line_height=size * 0.55,
        ) as table:
            head = table.row()
            for cell in heading:
                head.cell(self.text(cell))
            for values in rows:
                line = table.row()
                for value in values:
                    line.cell(self.text(value))
        self.pdf.ln(4)

    def bars(
        self,
        bars: Sequence[tuple[str, float, str]],
        *,
        label_width: float = 60,
        top: float | None = None,
    ) -> None:
        """Horizontal bars: (label, value, text shown after the bar), each as long as its share
        of `top` (the longest bar when not given)."""
        if top is None:
            top = max((value for _label, value, _text in bars), default=0.0)
        room = self.pdf.epw - label_width - 25
        self.pdf.set_font(self.family, "", 9)
        for label, value, shown in bars:
            y = self.pdf.get_y()
            if y > self.pdf.h - 25:
                self.pdf.add_page()
                y = self.pdf.get_y()
            x = self.pdf.l_margin
            self.pdf.set_xy(x, y)
            self.pdf.cell(label_width - 2, 6, self.text(label)[:40])
            length = room * value / top if top else 0
            self.pdf.set_fill_color(31, 95, 139)
            if length > 0:
                self.pdf.rect(x + label_width, y + 1, length, 4, style="F")
            self.pdf.set_xy(x + label_width + length + 2, y)
            self.pdf.cell(20, 6, self.text(shown))
            self.pdf.set_xy(x, y + 6)
        self.pdf.ln(3)

    def output(self) -> bytes:
        return bytes(self.pdf.output())
