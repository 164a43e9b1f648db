"""Filling tools in a case (service, web, API), immutability across republishing, the PDF,
export/import and the staff pages that manage tools."""

import copy
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind
from laget.cases.tools.services import tool_fill
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality
from laget.testing.world import World
from laget.tools.exchange import dump, export_tool, import_tool
from laget.tools.models import FilledTool, ToolDefinition, ToolVersion, VersionStatus
from laget.tools.schema import MSG_NOT_A_CHOICE, MSG_REQUIRED
from laget.tools.services import tool_draft_save, tool_publish, version_update
from laget.tools.starter import WONDERING_NOTE, install_starter_tools

pytestmark = pytest.mark.django_db

ANSWERS = {
    "endret_atferd": "tydelig",
    "trivsel": "litt",
    "omsorg": "litt",
    "skader": "nei",
    "fortelling": "nei",
    "fare": "nei",
    "grunnlag": "Gråter ved levering hver morgen.",
}


def fill(world: World, answers: dict[str, Any] | None = None) -> FilledTool:
    user = world.users["participant"]
    access = case_for(user, world.case.pk, need=Need.WRITE, audit=False)
    assert world.tool_version is not None
    return tool_fill(
        actor=actor_for(user, Via.WEB),
        access=access,
        version=world.tool_version,
        answers=answers or ANSWERS,
    )


def test_fill_scores_and_writes_a_log_entry_for_professionals(world: World) -> None:
    filled = fill(world)
    assert (filled.score_value, filled.band_label) == (4, "Grunn til bekymring")
    assert filled.interpretation.startswith("Snakk med lederen din")
    assert filled.answers["grunnlag"] == "Gråter ved levering hver morgen."
    assert filled.author_unit == world.units["health_clinic"]
    entry = filled.entry
    assert entry.kind == EntryKind.NOTE and entry.audience == Audience.PROFESSIONALS
    assert entry.text == "Bekymringsskala – barnet: Grunn til bekymring (poeng 4)"


def test_fill_refuses_answers_that_break_the_schema(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        fill(world, {"trivsel": "kanskje"})
    errors = exc.value.message_dict
    assert errors["trivsel"] == [str(MSG_NOT_A_CHOICE)]
    assert errors["fare"] == [str(MSG_REQUIRED)]
    assert not FilledTool.objects.filter(case=world.case).exclude(pk=world.filled_tool.pk).exists()  # type: ignore[union-attr]


def test_a_filled_tool_is_unchanged_when_the_tool_is_edited_and_republished(
    world: World, client_for: Callable[[str], Client]
) -> None:
    filled = fill(world)
    tool = world.tool
    assert tool is not None and world.tool_version is not None
    schema = copy.deepcopy(world.tool_version.schema)
    schema["fields"][0]["label"] = "Nytt spørsmål"
    schema["fields"][0]["options"][2]["points"] = 5
    schema["bands"][1]["label"] = "Nytt navn på nivået"
    tool_draft_save(definition=tool, schema=schema, by=world.users["coordinator"])
    v2 = tool_publish(definition=tool, by=world.users["coordinator"])
    assert v2.number == 2 and tool.published() == v2

    filled.refresh_from_db()
    assert filled.tool_version == world.tool_version
    assert filled.answers == {k: v for k, v in ANSWERS.items()}
    assert (filled.score_value, filled.band_label) == (4, "Grunn til bekymring")
    page = client_for("participant").get(
        reverse("cases:filled_detail", args=[world.case.pk, filled.pk])
    )
    html = page.content.decode()
    assert "Har barnet endret seg den siste tiden?" in html
    assert "Nytt spørsmål" not in html and "Grunn til bekymring" in html


def test_a_published_version_cannot_be_changed(world: World) -> None:
    version = ToolVersion.objects.get(pk=world.tool_version.pk)  # type: ignore[union-attr]
    version.schema = {"fields": [{"key": "a", "type": "text", "label": "A"}]}
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        version_update(version=version, schema=version.schema)
    with pytest.raises(ValidationError):
        version.delete()


def test_a_new_draft_copies_the_published_version(world: World) -> None:
    assert world.tool is not None and world.tool_version is not None
    draft = tool_draft_save(definition=world.tool, by=world.users["coordinator"])
    assert draft.status == VersionStatus.DRAFT and draft.number == 2
    assert draft.schema == world.tool_version.schema


def test_a_draft_with_an_invalid_schema_is_refused(world: World) -> None:
    assert world.tool is not None
    with pytest.raises(ValidationError) as exc:
        tool_draft_save(
            definition=world.tool,
            schema={"fields": [{"key": "a", "type": "single_choice", "label": "A"}]},
            by=world.users["coordinator"],
        )
    assert exc.value.message_dict["schema"] == ["fields[0].options mangler"]


# Web ----------------------------------------------------------------------------------------


def test_web_fill_shows_the_score_in_the_log(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("participant")
    case_url = reverse("cases:case_detail", args=[world.case.pk])
    assert "Bruk et verktøy" in client.get(case_url).content.decode()
    picked = client.get(reverse("cases:tool_pick", args=[world.case.pk])).content.decode()
    assert "Bekymringsskala – barnet" in picked and "Undringsnotat" in picked
    url = reverse("cases:tool_fill", args=[world.case.pk, world.tool_version.pk])  # type: ignore[union-attr]
    form = client.get(url).content.decode()
    assert "<fieldset" in form and "<legend>Virker barnet utrygt eller ulykkelig?" in form
    response = client.post(url, {**ANSWERS, "skader": "tydelig"})
    assert response.status_code == 302 and response["Location"].startswith(case_url)
    page = client.get(case_url).content.decode()
    assert "Bekymringsskala – barnet: Grunn til bekymring (poeng 6)" in page
    assert "Se utfylt verktøy" in page


def test_web_fill_shows_field_errors(world: World, client_for: Callable[[str], Client]) -> None:
    url = reverse("cases:tool_fill", args=[world.case.pk, world.tool_version.pk])  # type: ignore[union-attr]
    response = client_for("participant").post(url, {"trivsel": "litt"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"endret_atferd", "fare"}
    assert "trivsel" not in form.errors


def test_web_fill_of_the_wondering_note_with_a_participant(
    world: World, client_for: Callable[[str], Client]
) -> None:
    note = ToolDefinition.objects.get(municipality=world.municipality, slug="undringsnotat")
    version = note.published()
    assert version is not None
    url = reverse("cases:tool_fill", args=[world.case.pk, version.pk])
    response = client_for("participant").post(
        url,
        {
            "observert": "Satt alene i garderoben.",
            "dato": "2025-02-03",
            "observert_av": f"p:{world.participant.pk}",
            "neste_steg": "Snakke med mor i morgen.",
        },
    )
    assert response.status_code == 302
    filled = FilledTool.objects.filter(tool_version=version).get()
    assert filled.answers["observert_av"] == {"participant_id": world.participant.pk}
    assert filled.score_value is None and filled.entry.text == "Undringsnotat er fylt ut."


def test_web_fill_of_another_municipalitys_tool_is_404(
    world: World, client_for: Callable[[str], Client]
) -> None:
    other = Municipality.objects.create(name="Nabovik", number="9876")
    (tool, _note) = install_starter_tools(other, by=world.users["coordinator"])
    url = reverse("cases:tool_fill", args=[world.case.pk, tool.published().pk])  # type: ignore[union-attr]
    assert client_for("participant").get(url).status_code == 404


def test_pdf_contains_the_answers(world: World, client_for: Callable[[str], Client]) -> None:
    filled = fill(world)
    response = client_for("unit_leader").get(
        reverse("cases:filled_pdf", args=[world.case.pk, filled.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (
        "Bekymringsskala",
        "Grunn til bekymring",
        "Har barnet endret seg den siste tiden?",
        "Ja, tydelig eller ofte",
        "Gråter ved levering hver morgen.",
    ):
        assert expected in text


# API ----------------------------------------------------------------------------------------


def test_api_lists_published_tools_with_their_schema(
    world: World, client_for: Callable[[str], Client]
) -> None:
    body = client_for("other_unit").get(reverse("api:tools")).json()
    assert [t["slug"] for t in body] == ["bekymringsskala-barnet", "undringsnotat"]
    assert body[0]["version"] == world.tool_version.pk  # type: ignore[union-attr]
    assert body[0]["schema"]["bands"][2]["label"] == "Barnevern/politi skal varsles"


def test_api_fill_and_read(world: World, client_for: Callable[[str], Client]) -> None:
    client = client_for("participant")
    url = reverse("api:case_tools", args=[world.case.pk])
    version = world.tool_version.pk  # type: ignore[union-attr]
    response = client.post(
        url,
        {"version": version, "answers": {**ANSWERS, "fare": "ja"}},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["score"], body["band"]) == (12, "Barnevern/politi skal varsles")
    got = client.get(reverse("api:case_tool", args=[world.case.pk, body["id"]])).json()
    assert got["answers"]["fare"] == "ja" and got["version_number"] == 1


def test_api_fill_errors_are_keyed_by_field(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("participant")
    url = reverse("api:case_tools", args=[world.case.pk])
    version = world.tool_version.pk  # type: ignore[union-attr]
    response = client.post(
        url, {"version": version, "answers": {"trivsel": 7}}, content_type="application/json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["answers.trivsel"] == ["Velg et av alternativene."]
    assert errors["answers.fare"] == ["Dette feltet må fylles ut."]
    response = client.post(url, {"version": 999999, "answers": {}}, content_type="application/json")
    assert response.status_code == 400 and "version" in response.json()["errors"]


# Export and import ----------------------------------------------------------------------------


def test_export_import_export_gives_the_same_json(world: World) -> None:
    assert world.tool is not None
    first = export_tool(world.tool)
    other = Municipality.objects.create(name="Nabovik", number="9876")
    imported = import_tool(municipality=other, data=first, by=world.users["coordinator"])
    assert imported.municipality == other and imported.published() is not None
    assert dump(export_tool(imported)) == dump(first)
    assert json.loads(dump(first)) == first
    # Importing the same again publishes nothing new; a changed schema gives a new version.
    import_tool(municipality=other, data=first, by=world.users["coordinator"])
    assert imported.versions.count() == 1
    changed = copy.deepcopy(first)
    changed["schema"]["bands"][0]["label"] = "Følg med"
    import_tool(municipality=other, data=changed, by=world.users["coordinator"])
    assert imported.published().number == 2  # type: ignore[union-attr]


def test_install_starter_tools_is_repeatable(world: World) -> None:
    install_starter_tools(world.municipality, by=world.users["coordinator"])
    note = ToolDefinition.objects.get(municipality=world.municipality, slug="undringsnotat")
    assert note.versions.count() == 1
    assert export_tool(note)["schema"] == json.loads(
        json.dumps(WONDERING_NOTE["schema"], sort_keys=True)
    )


# Managing tools -----------------------------------------------------------------------------


def test_coordinator_creates_edits_and_publishes_a_tool(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    response = client.post(
        reverse("tools:tool_create"),
        {
            "municipality": world.municipality.pk,
            "name": "Samtaleguide",
            "slug": "samtaleguide",
            "kind": "form",
            "description": "",
        },
    )
    assert response.status_code == 302
    tool = ToolDefinition.objects.get(municipality=world.municipality, slug="samtaleguide")
    draft_url = reverse("tools:tool_draft", args=[tool.pk])
    refused = client.post(draft_url, {"schema": "{nei"})
    assert "Ikke gyldig JSON" in refused.content.decode()
    refused = client.post(
        draft_url,
        {"schema": json.dumps({"fields": [{"key": "a", "type": "single_choice", "label": "A"}]})},
    )
    assert "fields[0].options mangler" in refused.content.decode()
    schema = {"fields": [{"key": "a", "type": "text", "label": "Hva sa foreldrene?"}]}
    assert client.post(draft_url, {"schema": json.dumps(schema)}).status_code == 302
    client.post(reverse("tools:tool_publish", args=[tool.pk]))
    version = tool.published()
    assert version is not None and version.schema == schema
    page = client.get(reverse("tools:version_detail", args=[tool.pk, 1])).content.decode()
    assert "Hva sa foreldrene?" in page
    assert "Samtaleguide" in client.get(reverse("tools:tool_list")).content.decode()


def test_a_coordinator_elsewhere_cannot_see_this_municipalitys_tools(
    world: World, client_for: Callable[[str], Client]
) -> None:
    other = Municipality.objects.create(name="Nabovik", number="9876")
    (tool, _note) = install_starter_tools(other, by=world.users["coordinator"])
    client = client_for("coordinator")
    assert client.get(reverse("tools:tool_detail", args=[tool.pk])).status_code == 404
