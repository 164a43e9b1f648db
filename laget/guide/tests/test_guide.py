"""The guide as data: drafts, publishing, immutability, diff, export/import and the starter."""

import json
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from laget.directory.starter import install_starter_services
from laget.guide import diff, exchange, services
from laget.guide.models import Guide, GuideVersion, Step, VersionStatus
from laget.guide.selectors import published_guide, step_by_slug, version_with_structure
from laget.guide.starter import install_starter_guide
from laget.orgs.models import Membership, Municipality, Role
from laget.testing.world import World, make_user

pytestmark = pytest.mark.django_db


def _small_guide(world: World, *, publish: bool = True) -> GuideVersion:
    by = world.users["coordinator"]
    guide = services.guide_create(
        by=by, municipality=world.municipality, title="Liten veileder", slug="liten"
    )
    levels = [
        {
            "number": 0,
            "title": "Undring",
            "summary": "",
            "steps": [
                {
                    "slug": "se",
                    "title": "Se barnet",
                    "body": "Skriv ned det du ser.",
                    "exits": [{"kind": "next_step", "target": "avgjor", "label": "Videre"}],
                },
                {
                    "slug": "avgjor",
                    "title": "Avgjør",
                    "deadline_days": 14,
                    "exits": [
                        {"kind": "close", "target": "", "label": "Avslutt"},
                        {"kind": "level", "target": 1, "label": "Nivå 1"},
                    ],
                },
            ],
        },
        {"number": 1, "title": "Tiltak", "summary": "", "steps": []},
    ]
    version = services.version_create(by=by, guide=guide, levels=levels)
    if publish:
        services.guide_publish(by=by, version=version)
    return version


def _step(version: GuideVersion, slug: str) -> Step:
    return Step.objects.get(level__version=version, slug=slug)


def _update(by: object, step: Step, **changes: object) -> Step:
    fields = {
        "title": step.title,
        "slug": step.slug,
        "body": step.body,
        "actor": step.actor,
        "deadline_days": step.deadline_days,
        "exits": step.exits,
        "tool_slugs": step.tool_slugs,
        "service_ids": step.service_ids,
        **changes,
    }
    return services.step_update(by=by, step=step, **fields)  # type: ignore[arg-type]


# --- publishing ---------------------------------------------------------------------------


def test_publish_refuses_an_exit_to_a_missing_step(world: World) -> None:
    version = _small_guide(world, publish=False)
    by = world.users["coordinator"]
    _update(by, _step(version, "se"), exits=[{"kind": "next_step", "target": "finnes-ikke"}])
    with pytest.raises(ValidationError) as exc:
        services.guide_publish(by=by, version=version)
    assert str(services.MSG_EXIT_NO_STEP % {"step": "se", "target": "finnes-ikke"}) in (
        exc.value.messages
    )


def test_publish_refuses_an_exit_to_a_missing_level(world: World) -> None:
    version = _small_guide(world, publish=False)
    by = world.users["coordinator"]
    _update(by, _step(version, "avgjor"), exits=[{"kind": "level", "target": 3, "label": ""}])
    with pytest.raises(ValidationError) as exc:
        services.guide_publish(by=by, version=version)
    assert str(services.MSG_EXIT_NO_LEVEL % {"step": "avgjor", "target": 3}) in exc.value.messages


def test_publish_refuses_a_tool_the_municipality_lacks(world: World) -> None:
    version = _small_guide(world, publish=False)
    by = world.users["coordinator"]
    _update(by, _step(version, "se"), tool_slugs=["ukjent-verktoy"])
    with pytest.raises(ValidationError) as exc:
        services.guide_publish(by=by, version=version)
    assert str(services.MSG_UNKNOWN_TOOL % {"step": "se", "tool": "ukjent-verktoy"}) in (
        exc.value.messages
    )


def test_step_slugs_are_unique_in_a_version(world: World) -> None:
    version = _small_guide(world, publish=False)
    level1 = version.levels.get(number=1)
    with pytest.raises(ValidationError) as exc:
        services.step_add(by=world.users["admin"], level=level1, title="Se", slug="se")
    assert exc.value.message_dict["slug"] == [str(services.MSG_SLUG_TAKEN % {"slug": "se"})]


def test_publishing_archives_the_version_before(world: World) -> None:
    first = _small_guide(world)
    draft = services.guide_draft_create(by=world.users["admin"], guide=first.guide)
    services.guide_publish(by=world.users["admin"], version=draft)
    first.refresh_from_db()
    assert first.status == VersionStatus.ARCHIVED
    assert published_guide(world.municipality) == draft


# --- immutability and drafts ---------------------------------------------------------------


def test_a_published_version_cannot_be_changed(world: World) -> None:
    version = _small_guide(world)
    by = world.users["coordinator"]
    step = _step(version, "se")
    with pytest.raises(ValidationError) as exc:
        _update(by, step, title="Noe annet")
    assert exc.value.messages == [str(services.MSG_NOT_DRAFT)]
    with pytest.raises(ValidationError):
        services.level_update(by=by, level=step.level, title="x", summary="")
    with pytest.raises(ValidationError):
        services.step_remove(by=by, step=step)
    with pytest.raises(ValidationError):
        services.guide_publish(by=by, version=version)
    assert _step(version, "se").title == "Se barnet"


def test_a_draft_copies_the_published_version(world: World) -> None:
    version = _small_guide(world)
    draft = services.guide_draft_create(by=world.users["coordinator"], guide=version.guide)
    assert draft.number == 2 and draft.status == VersionStatus.DRAFT
    old, new = version_with_structure(version.pk), version_with_structure(draft.pk)
    assert old is not None and new is not None
    assert diff.canonical_text(old) == diff.canonical_text(new)
    with pytest.raises(ValidationError):
        services.guide_draft_create(by=world.users["coordinator"], guide=version.guide)


def test_reordering_and_removing_steps(world: World) -> None:
    version = _small_guide(world, publish=False)
    by = world.users["coordinator"]
    level = version.levels.get(number=0)
    a, b = _step(version, "se"), _step(version, "avgjor")
    services.step_reorder(by=by, level=level, step_ids=[b.pk, a.pk])
    assert list(level.steps.order_by("order").values_list("slug", flat=True)) == ["avgjor", "se"]
    with pytest.raises(ValidationError):
        services.step_reorder(by=by, level=level, step_ids=[a.pk])
    services.step_remove(by=by, step=b)
    assert list(level.steps.values_list("slug", "order")) == [("se", 1)]


def test_only_coordinator_and_admin_write(world: World) -> None:
    version = _small_guide(world, publish=False)
    with pytest.raises(PermissionDenied):
        _update(world.users["unit_leader"], _step(version, "se"), title="x")


# --- diff ----------------------------------------------------------------------------------


def test_diff_shows_the_changed_lines_of_a_changed_step(world: World) -> None:
    version = _small_guide(world)
    by = world.users["coordinator"]
    draft = services.guide_draft_create(by=by, guide=version.guide)
    _update(by, _step(draft, "se"), body="Skriv ned det du ser og hører.", actor="Alle ansatte")
    old, new = version_with_structure(version.pk), version_with_structure(draft.pk)
    assert old is not None and new is not None
    changes = diff.version_diff(old, new)
    assert [(c.key, c.status) for c in changes] == [("step:se", "changed")]
    lines = {(line.kind, line.old, line.text) for line in changes[0].lines}
    assert ("changed", "Hvem: –", "Hvem: Alle ansatte") in lines
    assert ("changed", "  Skriv ned det du ser.", "  Skriv ned det du ser og hører.") in lines
    unified = diff.unified_diff(old, new)
    assert (
        "-  Skriv ned det du ser.\n" in unified and "+  Skriv ned det du ser og hører.\n" in unified
    )


def test_diff_page_lists_the_change(world: World, client_for: Callable[[str], Client]) -> None:
    version = _small_guide(world)
    by = world.users["coordinator"]
    draft = services.guide_draft_create(by=by, guide=version.guide)
    services.step_remove(by=by, step=_step(draft, "se"))
    response = client_for("coordinator").get(reverse("guide:version_diff", args=[draft.pk]))
    assert response.status_code == 200
    assert "Fjernet:" in response.content.decode()


# --- export and import ---------------------------------------------------------------------


def _neighbour() -> tuple[Municipality, object]:
    m = Municipality.objects.create(name="Nabovik", number="9901")
    admin = make_user("nabo-admin", "Nora", "Nabo")
    Membership.objects.create(user=admin, municipality=m, role=Role.ADMIN)
    return m, admin


def test_export_import_export_gives_the_same_json(world: World) -> None:
    """The Done-when of issue 4."""
    version = install_starter_guide(world.municipality, by=world.users["admin"])
    services.guide_publish(by=world.users["admin"], version=version)
    first = exchange.dumps(exchange.export_guide(world.municipality))
    assert len(json.loads(first)["tools"]) == 9

    neighbour, admin = _neighbour()
    imported = exchange.import_guide(
        municipality=neighbour, data=json.loads(first), by=admin, publish=True
    )
    assert imported.status == VersionStatus.PUBLISHED
    second = exchange.dumps(exchange.export_guide(neighbour))
    assert second == first


def test_import_refuses_other_files_and_other_people(world: World) -> None:
    neighbour, admin = _neighbour()
    with pytest.raises(ValidationError) as exc:
        exchange.import_guide(municipality=neighbour, data={"x": 1}, by=admin)
    assert exc.value.messages == [str(exchange.MSG_NOT_A_GUIDE)]
    data = exchange.export_version(_small_guide(world))
    with pytest.raises(PermissionDenied):
        exchange.import_guide(municipality=neighbour, data=data, by=world.users["admin"])


def test_management_commands_round_trip(world: World, tmp_path: object, capsys: object) -> None:
    _small_guide(world)
    neighbour, _admin = _neighbour()
    path = tmp_path / "guide.json"  # type: ignore[operator]
    call_command("guide_export", world.municipality.number, stdout=path.open("w"))
    call_command("guide_import", neighbour.number, str(path), "--publish")
    again = exchange.dumps(exchange.export_guide(neighbour))
    assert again == path.read_text()


def test_download_and_upload_in_the_editor(
    world: World, client_for: Callable[[str], Client]
) -> None:
    _small_guide(world)
    response = client_for("admin").get(reverse("guide:export"))
    assert response["Content-Type"].startswith("application/json")
    body = response.content
    Guide.objects.all().delete()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("g.json", body, content_type="application/json")
    response = client_for("coordinator").post(reverse("guide:import"), {"file": upload})
    assert response.status_code == 302
    assert Guide.objects.get(municipality=world.municipality).slug == "liten"


# --- starter guide -------------------------------------------------------------------------


def test_the_starter_guide_installs_and_publishes_cleanly(world: World) -> None:
    version = install_starter_guide(world.municipality, by=world.users["admin"])
    full = version_with_structure(version.pk)
    assert full is not None
    assert services.version_problems(full) == []
    services.guide_publish(by=world.users["admin"], version=version)
    assert [level.number for level in full.levels.all()] == [0, 1, 2, 3]
    decide = step_by_slug(world.municipality, "avgjor-undringen")
    assert decide is not None and decide.deadline_days == 14
    kinds = {e["kind"] for e in decide.exits}
    assert kinds == {"close", "level", "report"}
    tools = {t for level in full.levels.all() for s in level.steps.all() for t in s.tool_slugs}
    assert len(tools) == 9


# --- editor pages and API ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["employee_like", "unit_leader"])
def test_editor_is_for_coordinator_and_admin(
    role: str, world: World, client_for: Callable[[str], Client]
) -> None:
    name = "stafettholder" if role == "employee_like" else role
    assert client_for(name).get(reverse("guide:overview")).status_code == 403
    assert client_for("coordinator").get(reverse("guide:overview")).status_code == 200


def test_editing_a_step_shows_field_errors(
    world: World, client_for: Callable[[str], Client]
) -> None:
    version = _small_guide(world, publish=False)
    step = _step(version, "avgjor")
    url = reverse("guide:step_edit", args=[version.pk, step.pk])
    response = client_for("admin").post(url, {"title": "Avgjør", "slug": "se", "exits": "hopp"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "exits" in errors
    response = client_for("admin").post(url, {"title": "Avgjør", "slug": "se"})
    assert response.context["form"].errors["slug"] == [
        str(services.MSG_SLUG_TAKEN % {"slug": "se"})
    ]
    response = client_for("admin").post(
        url, {"title": "Bestem", "slug": "bestem", "body": "**Nå**", "exits": "close | Slutt"}
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.exits == [{"kind": "close", "target": "", "label": "Slutt"}]


def test_the_step_body_is_sanitised(world: World, client_for: Callable[[str], Client]) -> None:
    version = _small_guide(world, publish=False)
    _update(world.users["admin"], _step(version, "se"), body="<script>alert(1)</script>**ok**")
    page = client_for("admin").get(reverse("guide:version_detail", args=[version.pk]))
    html = page.content.decode()
    assert "<script>alert" not in html and "<strong>ok</strong>" in html


def test_api_gives_the_published_guide(world: World, client_for: Callable[[str], Client]) -> None:
    client = client_for("participant")
    assert client.get(reverse("api:guide")).status_code == 404
    _small_guide(world)
    data = client.get(reverse("api:guide")).json()
    assert data["slug"] == "liten" and data["version"] == 1
    assert [level["number"] for level in data["levels"]] == [0, 1]
    step = data["levels"][0]["steps"][1]
    assert step["slug"] == "avgjor" and step["deadline_days"] == 14
    assert step["exits"][1] == {"kind": "level", "target": "1", "label": "Nivå 1"}


def test_the_step_form_offers_the_published_tools_and_the_services(
    world: World, client_for: Callable[[str], Client]
) -> None:
    install_starter_services(world.municipality)
    draft = install_starter_guide(world.municipality, world.users["admin"])
    step = Step.objects.filter(level__version=draft, level__number=2).first()
    url = reverse("guide:step_edit", args=[draft.pk, step.pk])
    form = client_for("coordinator").get(url).context["form"]
    tool_slugs = {value for value, _ in form.fields["tools"].choices}
    assert set(step.tool_slugs) <= tool_slugs
    assert set(step.service_ids) <= {value for value, _ in form.fields["services"].choices}
    data = {
        "title": step.title,
        "slug": step.slug,
        "actor": step.actor,
        "body": step.body,
        "exits": "",
        "tools": sorted(tool_slugs)[:1],
        "services": step.service_ids[:1],
    }
    assert client_for("coordinator").post(url, data).status_code == 302
    step.refresh_from_db()
    assert step.tool_slugs == sorted(tool_slugs)[:1]
    assert step.service_ids == data["services"]
