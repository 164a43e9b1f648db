"""The handover package: who downloads it, that it is audited and never cached, and what it
holds (PDF/A with the goals; JSON valid against its schema, with exactly this case's
measures and the child's own words)."""

import datetime
import io
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pypdf
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Arena, Audience, EntryKind, Outcome
from laget.cases.models import Entry, Measure, Meeting
from laget.cases.services.measures import measure_create, measure_evaluate
from laget.orgs.actors import actor_for
from laget.plans import services
from laget.plans.access import PACKAGE
from laget.plans.tests.helpers import as_role, decide, name_coordinator
from laget.testing.pdfa import pdfa_problems
from laget.testing.world import ROLES, World

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(settings.BASE_DIR) / "docs/schemas/individual-plan-handover.v1.schema.json").read_text()
)
DOWNLOADS = ("plans:package_pdf", "plans:package_json")
# Those who coordinate world.case; everyone else, its readers too, gets 404.
ALLOWED = {"stafettholder", "unit_leader"}


def _status(role: str) -> int:
    if role == "anonymous":
        return 302
    return 200 if role in ALLOWED else 404


@pytest.mark.parametrize("name", DOWNLOADS)
@pytest.mark.parametrize("role", ROLES)
def test_who_may_download_the_draft(
    world: World, client_for: Callable[[str], Client], role: str, name: str
) -> None:
    before = AuditEvent.objects.filter(object_type=PACKAGE).count()
    response = client_for(role).get(reverse(name, args=[world.case.pk]))
    assert response.status_code == _status(role)
    logged = AuditEvent.objects.filter(object_type=PACKAGE).count() - before
    assert logged == (1 if role in ALLOWED else 0)
    if response.status_code == 200:
        assert "no-store" in response["Cache-Control"].split(", ")
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert f"individuell-plan-sak-{world.case.pk}." in disposition
        for personal in ("Emil", "Fjeldsrud", "Kari", "Lundberg"):
            assert personal not in disposition


@pytest.mark.parametrize("name", DOWNLOADS)
def test_the_named_coordinator_downloads_the_package(
    world: World, client_for: Callable[[str], Client], name: str
) -> None:
    url = reverse(name, args=[world.case.pk])
    assert client_for("participant").get(url).status_code == 404
    name_coordinator(world)
    assert client_for("participant").get(url).status_code == 200
    assert client_for("participant").head(url).status_code == 200
    events = AuditEvent.objects.filter(object_type=PACKAGE, actor=world.users["participant"])
    assert events.count() == 2  # the HEAD is a read as well


def test_after_the_handover_the_coordinator_still_downloads_and_others_do_not(
    world: World, client_for: Callable[[str], Client]
) -> None:
    decide(world)
    actor, access = as_role(world)
    services.plan_hand_over(
        actor=actor,
        access=access,
        participant_id=world.participant.pk,
        from_date=timezone.localdate(),
    )
    url = reverse("plans:package_json", args=[world.case.pk])
    # The coordinator left the case with the closing, and reads it no more, but downloads.
    assert (
        client_for("participant")
        .get(reverse("cases:case_detail", args=[world.case.pk]))
        .status_code
        == 404
    )
    response = client_for("participant").get(url)
    assert response.status_code == 200
    assert response.json()["status"] == "handed_over"
    for role in ROLES:
        expected = 200 if role in ALLOWED | {"participant"} else 302 if role == "anonymous" else 404
        assert client_for(role).get(url).status_code == expected, role
    # Once the closed case's reading window has passed, nobody downloads it.
    with pytest.MonkeyPatch.context() as m:
        later = timezone.now() + datetime.timedelta(days=settings.LAGET_CLOSED_CASE_READ_DAYS + 1)
        m.setattr(timezone, "now", lambda: later)
        assert client_for("participant").get(url).status_code == 404
        assert client_for("stafettholder").get(url).status_code == 404


def _rich_case(world: World) -> tuple[Measure, Measure]:
    """world.case with an evaluated measure, the child's words in three places, and a second
    case with content of its own that must not leak."""
    actor, access = as_role(world)
    today = timezone.localdate()
    evaluated = measure_create(
        actor=actor,
        access=access,
        title="Språkgruppe",
        goal="Emil bruker flere ord i lek",
        arena=Arena.KINDERGARTEN,
        responsible_id=world.participant.pk,
        start_date=today - datetime.timedelta(days=60),
        evaluation_date=today - datetime.timedelta(days=1),
        child_view="Jeg liker å synge i gruppa.",
    )
    measure_evaluate(
        actor=actor,
        access=case_for(world.users["stafettholder"], world.case.pk, need=Need.WRITE, audit=False),
        measure=evaluated,
        expected_version=evaluated.version,
        outcome=Outcome.PARTLY,
        text="Flere ord, men fortsatt stille i store grupper.",
    )
    Entry.objects.create(
        case=world.case,
        kind=EntryKind.COMMENT,
        text="Jeg vil være med Ola i friminuttet.",
        audience=Audience.ALL,
        author=world.users["stafettholder"],
        author_is_child=True,
    )
    Meeting.objects.filter(pk=world.meeting.pk).update(child_view="Jeg vil ikke at mamma gråter.")
    # Another case, another child: nothing of it belongs in this package.
    nurse = world.users["outsider_holder"]
    other_access = case_for(nurse, world.other_case.pk, need=Need.COORDINATE, audit=False)
    other_holder = world.other_case.participants.get(user=nurse)
    measure_create(
        actor=actor_for(nurse, Via.SYSTEM),
        access=other_access,
        title="HEMMELIG annet tiltak",
        goal="HEMMELIG annet mål",
        arena=Arena.SCHOOL,
        responsible_id=other_holder.pk,
        start_date=today,
        evaluation_date=today,
        child_view="HEMMELIG annet barn",
    )
    Entry.objects.create(
        case=world.other_case,
        kind=EntryKind.COMMENT,
        text="HEMMELIG fra et annet barn",
        audience=Audience.ALL,
        author=nurse,
        author_is_child=True,
    )
    return world.measure, evaluated


def test_the_json_validates_and_holds_exactly_this_case(
    world: World, client_for: Callable[[str], Client]
) -> None:
    plain, evaluated = _rich_case(world)
    decide(world)
    name_coordinator(world)
    response = client_for("stafettholder").get(reverse("plans:package_json", args=[world.case.pk]))
    doc = response.json()
    jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert "HEMMELIG" not in response.content.decode()
    ids = {m.pk for m in Measure.objects.filter(case=world.case)}
    assert {m["id"] for m in doc["measures"]} == ids == {plain.pk, evaluated.pk}
    by_id = {m["id"]: m for m in doc["measures"]}
    assert by_id[evaluated.pk]["evaluations"] == [
        {
            "outcome": "partly",
            "outcome_label": "Virket delvis",
            "text": "Flere ord, men fortsatt stille i store grupper.",
            "evaluated_on": timezone.localdate().isoformat(),
            "evaluated_by": "Kari Lundberg, Solstrålen barnehage",
            "decision": "completed",
            "decision_label": "Fullført",
            "next_evaluation_on": None,
        }
    ]
    assert by_id[plain.pk]["evaluations"] == []
    assert {g["goal"] for g in doc["goals"]} == {"Tryggere morgener", "Emil bruker flere ord i lek"}
    words = doc["child_own_words"]
    assert [e["text"] for e in words["entries"]] == ["Jeg vil være med Ola i friminuttet."]
    assert [m["text"] for m in words["measures"]] == ["Jeg liker å synge i gruppa."]
    assert [m["text"] for m in words["meetings"]] == ["Jeg vil ikke at mamma gråter."]
    people = {(p["name"], p["unit"], p["role"], p["is_coordinator"]) for p in doc["participants"]}
    assert ("Per Nystad", "Fjordvik helsestasjon", "participant", True) in people
    assert ("Kari Lundberg", "Solstrålen barnehage", "stafettholder", False) in people
    assert doc["coordinator"]["name"] == "Per Nystad"
    assert doc["decision"]["statute_reference"] == "Helse- og omsorgstjenesteloven § 7-1"
    assert doc["status"] == "draft" and doc["child"]["name"] == "Emil Fjeldsrud"


def test_the_json_of_an_empty_draft_validates(
    world: World, client_for: Callable[[str], Client]
) -> None:
    doc = client_for("unit_leader").get(reverse("plans:package_json", args=[world.case.pk])).json()
    jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert doc["decision"] is None and doc["coordinator"] is None


def test_the_pdf_is_pdfa_and_holds_the_goals_and_the_childs_words(
    world: World, client_for: Callable[[str], Client]
) -> None:
    _rich_case(world)
    decide(world)
    actor, access = as_role(world)
    services.plan_hand_over(
        actor=actor,
        access=access,
        participant_id=world.participant.pk,
        from_date=timezone.localdate(),
    )
    response = client_for("stafettholder").get(reverse("plans:package_pdf", args=[world.case.pk]))
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    assert pdfa_problems(data) == []
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for expected in (
        "Tryggere morgener",
        "Emil bruker flere ord i lek",
        "Flere ord, men fortsatt stille i store grupper.",
        "Jeg vil være med Ola i friminuttet.",
        "Jeg liker å synge i gruppa.",
        "Per Nystad",
    ):
        assert expected in text, expected
    assert "HEMMELIG" not in text and "UTKAST" not in text
