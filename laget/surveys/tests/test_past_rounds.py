"""Bringing in earlier surveys: a closed round with its real dates, answers per row or counts per
service from CSV or XLSX, all rows or none, errors by row number; trends in date order."""

import datetime
import io
from collections.abc import Callable

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.surveys.models import Answer, PastCount, Response, Round, RoundSource
from laget.surveys.selectors import round_results, use_trend
from laget.surveys.starter import install_starter_questionnaire
from laget.surveys.testing import STEERING
from laget.surveys.tests.test_results import follow_up
from laget.testing.world import ROLES, World

pytestmark = pytest.mark.django_db

USE = "Hvor ofte slår du opp i handlingsveilederen i arbeidet ditt?"


def url(world: World) -> str:
    return reverse(
        "surveys:past_round_create",
        args=[install_starter_questionnaire(world.municipality).pk],
    )


def csv_file(lines: list[str], name: str = "svar.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode("utf-8"), "text/csv")


def xlsx_file(rows: list[list[object]]) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("svar.xlsx", out.getvalue())


def form(world: World, upload: SimpleUploadedFile, source: str = "answers", **extra: str) -> dict:
    data = {
        "name": "Førmåling 2019",
        "kind": "baseline",
        "opens_on": "2019-03-01",
        "closes_on": "2019-03-22",
        "source": source,
        "file": upload,
        f"invited_{world.units['kindergarten'].pk}": "10",
        f"invited_{world.units['school'].pk}": "8",
    }
    data.update(extra)
    return data


ANSWER_ROWS = [
    "Enhet;use_frequency;Kjenner du kommunens handlingsveileder for hva du gjør når du undrer deg over et barn?",
    "Solstrålen barnehage;Aldri;Ja",
    "Solstrålen barnehage;Hver måned;Nei",
    "solstrålen BARNEHAGE;weekly;delvis",
    "Solstrålen barnehage;Aldri;",
    "Solstrålen barnehage;Et par ganger i året;Ja",
    "Bakketun skole;Hver uke;Ja",
]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_bring_in_a_past_round(
    world: World, client_for: Callable[[str], Client], role: str
) -> None:
    page = client_for(role).get(url(world))
    if role in STEERING:
        assert page.status_code == 200
    elif world.user(role) is None:
        assert page.status_code == 302
    else:
        assert page.status_code in (403, 404)


def test_answers_per_row_make_a_closed_round_with_its_real_dates(
    world: World, client_for: Callable[[str], Client]
) -> None:
    page = client_for("coordinator").post(url(world), form(world, csv_file(ANSWER_ROWS)))
    round_ = Round.objects.get(name="Førmåling 2019")
    assert page["Location"] == reverse("surveys:round_results", args=[round_.pk])
    assert (round_.opens_on, round_.closes_on, round_.closed_on) == (
        datetime.date(2019, 3, 1),
        datetime.date(2019, 3, 22),
        datetime.date(2019, 3, 22),
    )
    assert round_.source == RoundSource.ANSWERS
    assert Response.objects.filter(round_unit__round=round_).count() == 6
    # Six use answers and five "knows the guide" (one left blank).
    assert Answer.objects.filter(response__round_unit__round=round_).count() == 11
    results = round_results(round_)
    rates = {r.key: (r.responses, r.invited) for r in results.kind_rates}
    assert rates == {"kindergarten": (5, 10), "school": (1, 8)}


def test_one_bad_row_saves_nothing_and_every_error_names_its_row(
    world: World, client_for: Callable[[str], Client]
) -> None:
    rows = [
        *ANSWER_ROWS,
        "Ukjent barnehage;Aldri;Ja",
        "Bakketun skole;Hver time;Ja",
        "Bakketun skole;;",
    ]
    page = client_for("coordinator").post(url(world), form(world, csv_file(rows)))
    assert page.status_code == 200
    assert not Round.objects.filter(name="Førmåling 2019").exists()
    assert Response.objects.count() == 0
    errors = page.context["row_errors"]
    assert errors[0].startswith("Rad 8: ") and "Ukjent barnehage" in errors[0]
    assert errors[1].startswith("Rad 9: ") and "Hver time" in errors[1]
    assert errors[2] == "Rad 10: Raden har ingen svar."
    assert "Rad 8" in page.content.decode()


def test_a_past_round_must_have_closed_before_today(
    world: World, client_for: Callable[[str], Client]
) -> None:
    today = timezone.localdate().isoformat()
    page = client_for("coordinator").post(
        url(world), form(world, csv_file(ANSWER_ROWS), closes_on=today)
    )
    assert page.status_code == 200
    assert "closes_on" in page.context["form"].errors
    assert not Round.objects.exists()


def test_counts_per_service_from_xlsx_give_results_and_hide_small_groups(
    world: World, client_for: Callable[[str], Client]
) -> None:
    rows: list[list[object]] = [["Tjeneste", "Spørsmål", "Svar", "Antall"]]
    rows += [["Barnehage", USE, label, n] for label, n in [("Aldri", 4), ("Hver måned", 6)]]
    rows += [["skole", "use_frequency", "weekly", 9], ["Skole", USE, "Aldri", 3]]
    rows += [["Helsestasjon", USE, "Aldri", 2]]
    page = client_for("admin").post(
        url(world), form(world, xlsx_file(rows), source="counts", name="Telling 2020")
    )
    round_ = Round.objects.get(name="Telling 2020")
    assert page.status_code == 302
    assert round_.source == RoundSource.COUNTS
    assert PastCount.objects.filter(round=round_).count() == 5
    results = round_results(round_)
    use = results.cross_tab
    assert use is not None
    assert use.total.answered == 24 and not use.total.hidden
    columns = {c.group: c for c in use.by_kind}
    assert {s.value: s.count for s in columns["school"].shares}["weekly"] == 9
    assert columns["health_clinic"].hidden  # 2 answers
    # and the next smallest with it, or the 2 would be the total minus the rest
    assert columns["kindergarten"].hidden
    rates = {r.key: (r.responses, r.invited) for r in results.kind_rates}
    assert rates["kindergarten"] == (10, 10) and rates["school"] == (12, 8)
    assert results.unit_rates == []
    # The results page and the exports work for a round entered as counts.
    client = client_for("admin")
    assert client.get(reverse("surveys:round_results", args=[round_.pk])).status_code == 200
    csv = client.get(reverse("surveys:round_results_csv", args=[round_.pk])).content.decode()
    assert "Hver måned" in csv


def test_a_counts_file_with_a_bad_number_saves_nothing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    rows = ["Tjeneste;Spørsmål;Svar;Antall", "Barnehage;use_frequency;Aldri;fire"]
    page = client_for("admin").post(url(world), form(world, csv_file(rows), source="counts"))
    assert page.context["row_errors"] == ["Rad 2: Antall må være et helt tall, 0 eller mer."]
    assert not Round.objects.exists()


def test_a_file_that_is_not_csv_or_xlsx_is_a_field_error(
    world: World, client_for: Callable[[str], Client]
) -> None:
    upload = SimpleUploadedFile("svar.pdf", b"%PDF-1.4")
    page = client_for("admin").post(url(world), form(world, upload))
    assert page.context["form"].errors["file"] == ["Last opp en CSV- eller XLSX-fil."]


def test_past_rounds_take_their_place_in_the_trend_by_date(
    world: World, client_for: Callable[[str], Client]
) -> None:
    latest = follow_up(world)  # the baseline and follow-up, both opened in 2026
    rows = [["Tjeneste", "Spørsmål", "Svar", "Antall"]]
    rows += [["Barnehage", "use_frequency", "Aldri", 7], ["Skole", "use_frequency", "Aldri", 3]]
    client = client_for("coordinator")
    client.post(
        url(world),
        form(
            world,
            xlsx_file(rows),
            source="counts",
            name="Telling 2018",
            opens_on="2018-02-01",
            closes_on="2018-02-20",
        ),
    )
    client.post(
        url(world),
        form(
            world,
            csv_file(ANSWER_ROWS),
            name="Svar 2021",
            opens_on="2021-05-01",
            closes_on="2021-05-20",
        ),
    )
    trend = use_trend(latest)
    assert trend is not None
    assert [p.round.name for p in trend.points] == [
        "Telling 2018",
        "Svar 2021",
        "Førmåling",
        "Oppfølging",
    ]
    first = trend.points[0]
    assert first.answered == 10 and first.shares[0] == 100  # all "never"
    page = client.get(reverse("surveys:round_results", args=[latest.pk])).content.decode()
    assert page.index("Telling 2018") < page.index("Svar 2021")
