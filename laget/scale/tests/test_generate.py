"""The synthetic data: the same rows for the same seed and day, and rows the app can use."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.audit.services import audit_chain_broken_at
from laget.cases.access import visible_cases
from laget.cases.models import Case, Entry
from laget.monitoring.dashboard import municipal_dashboard
from laget.orgs.models import Municipality
from laget.scale.generate import BENCH_ENTRIES, LARGEST, Scale, bench_case, generate, prepare
from laget.scale.sizes import municipality_sizes
from laget.scale.writer import DatabaseSink, DigestSink

pytestmark = pytest.mark.django_db

SMALL = Scale(
    municipalities=4, children=1500, open_logs=80, seed=7, today=datetime.date(2026, 11, 1)
)


def digests(scale: Scale) -> dict[str, str]:
    sink = DigestSink()
    generate(scale, sink)
    return sink.hexdigests()


def test_a_seed_gives_the_same_rows_twice() -> None:
    prepare()
    first = digests(SMALL)
    assert first == digests(SMALL)
    assert len(first) >= 25  # every generated table has rows


def test_another_seed_or_day_gives_other_rows() -> None:
    prepare()
    base = digests(SMALL)
    other_seed = digests(Scale(**{**SMALL.__dict__, "seed": 8}))
    other_day = digests(Scale(**{**SMALL.__dict__, "today": datetime.date(2026, 11, 2)}))
    assert base["cases_case"] != other_seed["cases_case"]
    assert base["cases_case"] != other_day["cases_case"]


def test_sizes_are_skewed_like_a_country_and_add_up() -> None:
    import random

    sizes = municipality_sizes(357, 1_100_000, random.Random(1))
    assert sum(sizes) == 1_100_000
    assert sizes == sorted(sizes, reverse=True)
    assert 90_000 < sizes[0] < 170_000  # one city with about a tenth of the children
    assert sizes[len(sizes) // 2] < sum(sizes) / len(sizes) / 2.5  # a long tail of small ones


def test_generated_rows_are_ones_the_app_can_use(client: Client) -> None:
    summary = generate(SMALL, DatabaseSink())
    assert summary.counts["cases_case"] == Case.objects.count()
    assert audit_chain_broken_at() is None
    for n in BENCH_ENTRIES:
        case = bench_case(n)
        assert Entry.objects.filter(case=case).count() == n
    holder = User.objects.get(username="maaler-stafettholder")
    assert visible_cases(holder).filter(pk=bench_case(500).pk).exists()
    client.force_login(holder)
    page = client.get(reverse("cases:case_detail", args=[bench_case(50).pk]))
    assert page.status_code == 200
    for case in Case.objects.all()[:300]:
        case.full_clean()
    board = municipal_dashboard(Municipality.objects.get(number=LARGEST), today=SMALL.today)
    levels = next(f for f in board.figures if f.slug == "levels")
    assert levels.total is not None
    open_logs = Case.objects.filter(municipality__number=LARGEST, closed_at__isnull=True)
    assert levels.total[-1] == str(open_logs.count())
