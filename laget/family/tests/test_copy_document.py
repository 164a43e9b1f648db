"""The family's copy as a document (laget/family/copy.py): the JSON follows its published,
documented schema; the PDF is PDF/A-2b, with a heading per section and dates in its language,
in the language asked (the member's) whatever language is active, Arabic and Tigrinya too; the child's own view goes to the child only; and building
it costs the same number of queries however long the log is."""

import datetime
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from laget.cases.access import Need, case_for
from laget.cases.choices import Arena, Audience, EntryKind
from laget.cases.models import Case, Measure
from laget.cases.services.entries import entry_create
from laget.cases.services.measures import measure_create
from laget.cases.services.meetings import meeting_create
from laget.family.access import member_view
from laget.family.copy import FORMAT_VERSION, build_copy, copy_data, copy_json, copy_pdf, long_date
from laget.orgs.actors import actor_for
from laget.testing.family import Family, build_family
from laget.testing.pdfa import pdf_text, pdfa_problems
from laget.testing.queries import statements
from laget.testing.world import World

pytestmark = pytest.mark.django_db

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "docs/schemas/family-copy.v1.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text())
HEADINGS = (
    "Om saken",
    "Stafettholder",
    "Nivå over tid",
    "Deltakere",
    "Hvem kan lese saken nå",
    "Tiltak",
    "Møter",
    "Loggføringer",
    "Samtykker",
    "Hvem har lest og skrevet",
)
CHILD_VIEW = "Jeg liker best å ha fast plass ved vinduet."


@pytest.fixture(scope="module")
def family(world: World, django_db_blocker: Any) -> Family:
    with django_db_blocker.unblock():
        return build_family(world)


def mothers_copy(family: Family) -> Any:
    case = Case.objects.select_related("subject", "unit", "municipality").get(pk=family.case.pk)
    return build_copy(member_view(case, guardian=family.mother), case, "nb")


def _described(node: Any, path: str = "$") -> Iterator[str]:
    """Every property of the schema without a description."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if "description" not in sub:
                yield f"{path}.{name}"
        for key, sub in node.items():
            yield from _described(sub, f"{path}.{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _described(sub, f"{path}[{i}]")


def test_the_schema_is_valid_and_every_field_is_described() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert FORMAT_VERSION in SCHEMA["properties"]["format_version"]["enum"]
    assert list(_described(SCHEMA)) == []


def test_the_json_validates_against_the_schema(family: Family) -> None:
    data = json.loads(copy_json(mothers_copy(family)))
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(data)] == []
    assert data["format_version"] == FORMAT_VERSION
    assert data["member"]["name"] == family.mother.name
    assert data["case"]["number"] == str(family.case.pk)
    assert data["entries"] and data["measures"] and data["consents"] and data["access_log"]


def test_no_internal_ids_but_the_case_number(family: Family) -> None:
    """Nothing named like an id: the family quotes the case number and consent references."""

    def keys(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from keys(value)
        elif isinstance(node, list):
            for value in node:
                yield from keys(value)

    data = copy_data(mothers_copy(family))
    assert [k for k in keys(data) if k == "id" or k.endswith("_id") or k == "pk"] == []


def test_the_pdf_is_pdfa_with_a_heading_per_section_and_norwegian_dates(family: Family) -> None:
    copy = mothers_copy(family)
    data = copy_pdf(copy)
    assert pdfa_problems(data) == []
    text = pdf_text(data)
    assert [h for h in HEADINGS if h not in text] == []
    opened = timezone.localtime(family.case.opened_at).date()
    months = "januar februar mars april mai juni juli august september oktober november desember"
    month = months.split()[opened.month - 1]
    assert long_date(opened) == f"{opened.day}. {month} {opened.year}"
    assert f"Opprettet: {long_date(opened)}" in text
    # The family's own words and the staff's entries for everyone, never professionals only.
    assert family.private_entry.text not in text
    assert all(e.text.split()[0] in text for e in copy.entries)


def test_the_copy_is_in_the_language_asked_whatever_language_is_active(family: Family) -> None:
    with translation.override("en"):
        text = pdf_text(copy_pdf(mothers_copy(family)))
        data = copy_data(mothers_copy(family))
    assert "Om saken" in text and "Loggføringer" in text
    assert data["language"] == "nb"
    assert data["member"]["role"] == "Forelder med foreldreansvar"

    case = Case.objects.select_related("subject", "unit", "municipality").get(pk=family.case.pk)
    polish = build_copy(member_view(case, guardian=family.mother), case, "pl")
    with translation.override("pl"):
        heading, role = (
            translation.gettext("Om saken"),
            translation.gettext("Forelder med foreldreansvar"),
        )
    assert heading != "Om saken", "the Polish message file translates the headings"
    assert heading in pdf_text(copy_pdf(polish))
    assert copy_data(polish)["language"] == "pl"
    assert copy_data(polish)["member"]["role"] == role
    # A language the family side does not speak: bokmål.
    assert build_copy(member_view(case, guardian=family.mother), case, "xx").language == "nb"


@pytest.mark.parametrize("language", ["ar", "ti", "se"])
def test_a_copy_in_another_script_is_still_pdfa(family: Family, language: str) -> None:
    case = Case.objects.select_related("subject", "unit", "municipality").get(pk=family.case.pk)
    data = copy_pdf(build_copy(member_view(case, guardian=family.mother), case, language))
    assert pdfa_problems(data) == []
    with translation.override(language):
        title = translation.gettext("Kopi av stafettlogg")
    xmp = pypdf.PdfReader(io.BytesIO(data)).xmp_metadata
    assert xmp is not None and xmp.dc_title == {"x-default": title}


def _teen_measure(family: Family) -> Measure:
    teacher = family.teen_meeting.created_by
    access = case_for(teacher, family.teen_case.pk, need=Need.WRITE, audit=False)
    assert access.participant is not None
    today = timezone.localdate()
    measure = measure_create(
        actor=actor_for(teacher),
        access=access,
        title="Fast plass i klasserommet",
        goal="Roligere skoledager",
        arena=Arena.SCHOOL,
        responsible_id=access.participant.pk,
        start_date=today,
        evaluation_date=today + datetime.timedelta(days=14),
    )
    Measure.objects.filter(pk=measure.pk).update(child_view=CHILD_VIEW)
    return measure


def test_the_childs_own_view_goes_to_the_child_only(family: Family) -> None:
    _teen_measure(family)
    case = Case.objects.select_related("subject", "unit", "municipality").get(
        pk=family.teen_case.pk
    )
    assert case.subject is not None
    child = copy_data(build_copy(member_view(case, child=True), case, "nb"))
    mother = case.subject.guardians.get()
    parent = copy_data(build_copy(member_view(case, guardian=mother), case, "nb"))
    assert [m["child_view"] for m in child["measures"]] == [CHILD_VIEW]
    assert [m["child_view"] for m in parent["measures"]] == [None]
    assert child["member"]["role"] == "Barnet"


def _more_content(world: World, family: Family, n: int) -> None:
    """n more entries, measures and meetings, by the stafettholder and the participant."""
    today = timezone.localdate()
    for role in ("stafettholder", "participant"):
        user = world.users[role]
        access = case_for(user, family.case.pk, need=Need.WRITE, audit=False)
        assert access.participant is not None
        for i in range(n):
            entry_create(
                actor=actor_for(user),
                access=access,
                kind=EntryKind.OBSERVATION,
                text=f"Observasjon {i}",
                audience=Audience.ALL,
            )
            measure_create(
                actor=actor_for(user),
                access=access,
                title=f"Tiltak {i}",
                goal="Bedre søvn",
                arena=Arena.HOME,
                responsible_id=access.participant.pk,
                start_date=today,
                evaluation_date=today + datetime.timedelta(days=30),
            )
            meeting_create(
                actor=actor_for(user),
                access=access,
                starts_at=timezone.now() + datetime.timedelta(days=5 + i),
                place=f"Rom {i}",
                participant_ids=[access.participant.pk],
                guardian_ids=[family.mother.pk],
            )


def _queries(family: Family) -> int:
    case = Case.objects.select_related("subject", "unit", "municipality").get(pk=family.case.pk)
    with CaptureQueriesContext(connection) as ctx:
        copy = build_copy(member_view(case, guardian=family.mother), case, "nb")
    assert copy.entries
    return statements(ctx)


def test_building_the_copy_costs_the_same_however_long_the_log(
    world: World, family: Family
) -> None:
    _more_content(world, family, 2)
    few = _queries(family)
    _more_content(world, family, 12)
    many = _queries(family)
    assert many == few, (few, many)
    assert few <= 25, few
