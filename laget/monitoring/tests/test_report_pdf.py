"""The steering-group PDF reads in black-and-white print: no coloured fills, black text, and
every label whole (wrapped, never cut)."""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from laget.monitoring.dashboard import Dashboard, KeyFigure
from laget.monitoring.figures import Bar, Figure
from laget.monitoring.report import dashboard_pdf
from laget.orgs.models import Municipality
from laget.testing.pdfa import pdf_text

pytestmark = pytest.mark.django_db

LONG = (
    "Oppvekstsenteret i Nordre Langstrand med avdeling for de minste barna og "
    "helsestasjonstjenesten for ungdom"
)
STAGE = "3. Vurdering av om kommunen har det som trengs for å ta i bruk modellen"


def board() -> Dashboard:
    m = Municipality.objects.create(name="Langstrand", number="8990")
    figures = (
        Figure(
            slug="long",
            title="Saker med stafettholder",
            summary="Åpne saker på nivå 1–3.",
            columns=("Tjeneste", "Med stafettholder", "Saker på nivå 1–3", "Andel"),
            rows=((LONG, "12", "20", "60 %"),),
            bars=(Bar(LONG, 60.0, "60 %"), Bar("Skole", 10.0, "10 %")),
            total=("I alt", "12", "20", "60 %"),
            percent=True,
        ),
        Figure(
            slug="stages",
            title="Innføringstrinn",
            summary="Andel gjort.",
            columns=("Trinn", "Fase", "Gjort", "Andel", "Varighet"),
            rows=((STAGE, "Forberedelse og oppstart av arbeidet", "2/4", "50 %", "12 d"),),
            bars=(Bar(STAGE, 50.0, "50 %"),),
            text_columns=2,
        ),
    )
    key = (KeyFigure("Åpne saker", "29", "på alle nivåer"),)
    return Dashboard(m, 2026, datetime.date(2026, 6, 1), key, figures)


def words(text: str) -> str:
    return " ".join(text.split())


def test_every_label_is_whole_in_the_pdf() -> None:
    dashboard = board()
    text = words(pdf_text(dashboard_pdf(dashboard)))
    for figure in dashboard.figures:
        for bar in figure.bars:
            assert words(bar.label) in text
        for row in figure.rows:
            for value in row:
                assert words(value) in text
        for heading in figure.columns:
            assert words(heading) in text


def test_the_pdf_has_no_colour_only_greys_and_black() -> None:
    data = dashboard_pdf(board())
    for page in PdfReader(io.BytesIO(data)).pages:
        content = page.get_contents()
        assert content is not None
        stream = content.get_data().decode("latin-1")
        for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", stream):
            assert float(r) == float(g) == float(b), (r, g, b)
