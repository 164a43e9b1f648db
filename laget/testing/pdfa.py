"""What the tests check of a PDF that must be PDF/A-2b: the identification in its XMP
metadata, an output intent with a colour profile, and every font embedded."""

import io
from typing import Any, cast

import pypdf
from pypdf.generic import DictionaryObject


def _dict(value: Any) -> DictionaryObject:
    return cast(DictionaryObject, value.get_object())


def _fonts(reader: pypdf.PdfReader) -> list[DictionaryObject]:
    fonts = []
    for page in reader.pages:
        for ref in _dict(page["/Resources"]).get("/Font", DictionaryObject()).values():
            font = _dict(ref)
            if "/DescendantFonts" in font:
                font = _dict(cast(Any, font["/DescendantFonts"])[0])
            fonts.append(font)
    return fonts


def pdfa_problems(data: bytes) -> list[str]:
    """Empty when `data` identifies itself as PDF/A-2b and embeds every font it uses."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    problems = []
    xmp = reader.xmp_metadata
    raw = xmp.stream.get_data().decode() if xmp is not None else ""
    if "<pdfaid:part>2</pdfaid:part>" not in raw:
        problems.append("no pdfaid:part 2")
    if "<pdfaid:conformance>B</pdfaid:conformance>" not in raw:
        problems.append("no pdfaid:conformance B")
    intents = _dict(reader.trailer["/Root"]).get("/OutputIntents")
    if not intents or "/DestOutputProfile" not in intents[0].get_object():
        problems.append("no output intent with a colour profile")
    fonts = _fonts(reader)
    if not fonts:
        problems.append("no fonts")
    for font in fonts:
        descriptor = font.get("/FontDescriptor")
        embedded = descriptor is not None and any(
            key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        if not embedded:
            problems.append(f"font {font.get('/BaseFont')} not embedded")
    return problems


def pdf_text(data: bytes) -> str:
    """The text of every page, for tests that look for what a PDF says (or must not say)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)
