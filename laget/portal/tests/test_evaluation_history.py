"""Every reader of a measure shows its whole evaluation history, newest first (issue 15, item
2): the family's page, the family's copy (JSON and PDF) and the archive's PDF of the log."""

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from django.test import Client
from django.urls import reverse

from laget.archive.documents import log_pdf
from laget.cases.models import Case
from laget.family.access import member_view
from laget.family.copy import build_copy, copy_data, copy_pdf
from laget.testing.family import Family
from laget.testing.pdfa import pdf_text, pdfa_problems
from laget.testing.world import FIRST_EVALUATION, SECOND_EVALUATION, World, evaluate_twice

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "docs/schemas/family-copy.v1.schema.json").read_text()
)


def newest_first(text: str) -> bool:
    return -1 < text.find(SECOND_EVALUATION) < text.find(FIRST_EVALUATION)


def test_the_family_page_shows_both_evaluations_newest_first(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    evaluate_twice(world)
    body = client_as("own_guardian").get(reverse("portal:case", args=[family.case.pk]))
    assert newest_first(body.content.decode())


def test_the_family_copy_holds_both_evaluations_newest_first(world: World, family: Family) -> None:
    evaluate_twice(world)
    case = Case.objects.select_related("subject", "unit", "municipality").get(pk=family.case.pk)
    copy = build_copy(member_view(case, guardian=family.mother), case, "nb")
    data = copy_data(copy)
    jsonschema.validate(data, SCHEMA)
    [measure] = [m for m in data["measures"] if m["title"] == world.measure.title]
    assert [e["text"] for e in measure["evaluations"]] == [SECOND_EVALUATION, FIRST_EVALUATION]
    pdf = copy_pdf(copy)
    assert pdfa_problems(pdf) == []
    assert newest_first(" ".join(pdf_text(pdf).split()))


def test_the_archive_pdf_holds_both_evaluations_newest_first(world: World) -> None:
    evaluate_twice(world)
    pdf = log_pdf(Case.objects.get(pk=world.case.pk), "Stafettlogg")
    assert pdfa_problems(pdf) == []
    assert newest_first(" ".join(pdf_text(pdf).split()))
