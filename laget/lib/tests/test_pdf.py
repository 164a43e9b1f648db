"""The PDF writer's archival form (PDF/A-2b) and its ordinary form."""

import pytest

from laget.lib.pdf import PdfWriter
from laget.testing.pdfa import pdfa_problems


def _document(*, archival: bool) -> bytes:
    w = PdfWriter(title="Stafettlogg – Ærlig Øya", archival=archival)
    w.para("Overskrift", size=14, bold=True)
    w.para("Tekst med æøå og tankestrek – slik.")
    w.table(["Tiltak", "Antall"], [["Leksehjelp", 2]])
    return w.output()


def test_archival_pdf_identifies_itself_as_pdfa_2b_and_embeds_its_fonts():
    assert pdfa_problems(_document(archival=True)) == []


def test_an_ordinary_pdf_is_not_taken_for_pdfa():
    assert "no pdfaid:part 2" in pdfa_problems(_document(archival=False))


@pytest.mark.parametrize("archival", [True, False])
def test_the_text_survives(archival):
    import io

    import pypdf

    text = pypdf.PdfReader(io.BytesIO(_document(archival=archival))).pages[0].extract_text()
    assert "æøå" in text
