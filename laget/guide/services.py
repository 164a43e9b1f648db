"""Writing the guide. Only a draft changes; publishing checks the whole version first.

Who may write: the municipality's coordinator or admin. `by=None` is a job run by the system
(management commands, the starter install from the demo), which is trusted.
"""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.guide.models import ExitKind, Guide, GuideVersion, Level, Step, VersionStatus
from laget.guide.structure import ExitData, LevelData, normal_exit, version_levels
from laget.orgs.models import Municipality
from laget.orgs.rules import manages_municipality

MSG_NOT_DRAFT = _(
    "Denne versjonen er publisert eller arkivert og kan ikke endres. Lag en ny kladd."
)
MSG_DRAFT_EXISTS = _("Det finnes allerede en kladd. Rediger den, eller publiser den først.")
MSG_SLUG_TAKEN = _("Et annet steg i denne versjonen har allerede kortnavnet «%(slug)s».")
MSG_GUIDE_SLUG_TAKEN = _("Kommunen har allerede en veileder med kortnavnet «%(slug)s».")
MSG_EXIT_KIND = _("Ukjent vei videre: «%(kind)s».")
MSG_EXIT_NO_STEP = _("Steget «%(step)s» viser til steget «%(target)s», som ikke finnes.")
MSG_EXIT_NO_LEVEL = _("Steget «%(step)s» viser til nivå %(target)s, som ikke finnes.")
MSG_UNKNOWN_TOOL = _("Steget «%(step)s» bruker verktøyet «%(tool)s», som kommunen ikke har.")
MSG_DUPLICATE_STEP = _("Kortnavnet «%(slug)s» er brukt på flere steg.")
MSG_NO_STEPS = _("Versjonen har ingen steg.")
MSG_REORDER_MISMATCH = _("Rekkefølgen må nevne hvert steg på nivået nøyaktig én gang.")
MSG_SERVICE_IDS = _("Tjenester oppgis som tall.")

DEFAULT_LEVEL_TITLES = {
    0: _("Nivå 0: Undring"),
    1: _("Nivå 1: Tiltak i egen tjeneste"),
    2: _("Nivå 2: Samarbeid mellom to tjenester"),
    3: _("Nivå 3: Samarbeid mellom flere tjenester"),
}


def _check(by: User | None, municipality: Municipality) -> None:
    if by is not None and not manages_municipality(by, municipality.pk):
        raise PermissionDenied


def _check_draft(by: User | None, version: GuideVersion) -> None:
    _check(by, version.guide.municipality)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(MSG_NOT_DRAFT, code="not_draft")


# --- guides and versions -------------------------------------------------------------------


@transaction.atomic
def guide_create(*, by: User | None, municipality: Municipality, title: str, slug: str) -> Guide:
    _check(by, municipality)
    slug = slugify(slug or title)[:80]
    if Guide.objects.filter(municipality=municipality, slug=slug).exists():
        raise ValidationError({"slug": MSG_GUIDE_SLUG_TAKEN % {"slug": slug}}, code="taken")
    guide = Guide(municipality=municipality, title=title.strip(), slug=slug)
    guide.full_clean()
    guide.save()
    return guide


def _next_number(guide: Guide) -> int:
    return (guide.versions.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def version_create(
    *, by: User | None, guide: Guide, levels: Sequence[LevelData], note: str = ""
) -> GuideVersion:
    """A new draft holding `levels` (the shape of structure.version_levels)."""
    _check(by, guide.municipality)
    Guide.objects.select_for_update().get(pk=guide.pk)
    if guide.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError(MSG_DRAFT_EXISTS, code="draft_exists")
    version = GuideVersion(
        guide=guide, number=_next_number(guide), created_by=by, note=note.strip()[:300]
    )
    version.full_clean()
    version.save()
    for level_data in levels:
        level = Level(
            version=version,
            number=level_data["number"],
            title=level_data.get("title", ""),
            summary=level_data.get("summary", ""),
        )
        level.full_clean()
        level.save()
        for order, step_data in enumerate(level_data.get("steps", []), start=1):
            step = Step(
                level=level,
                order=order,
                slug=step_data["slug"],
                title=step_data.get("title", ""),
                body=step_data.get("body", ""),
                actor=step_data.get("actor", ""),
                deadline_days=step_data.get("deadline_days"),
                exits=[normal_exit(e) for e in step_data.get("exits", [])],
                tool_slugs=list(step_data.get("tools", [])),
                service_ids=list(step_data.get("services", [])),
            )
            step.full_clean()
            step.save()
    return version


def guide_draft_create(*, by: User | None, guide: Guide, note: str = "") -> GuideVersion:
    """A new draft: a copy of the published version, or of the newest one, or four empty
    levels for a guide without versions."""
    source = (
        guide.versions.filter(status=VersionStatus.PUBLISHED).first()
        or guide.versions.order_by("-number").first()
    )
    if source is not None:
        levels = version_levels(source)
    else:
        levels = [
            {"number": n, "title": str(t), "summary": ""} for n, t in DEFAULT_LEVEL_TITLES.items()
        ]
    return version_create(by=by, guide=guide, levels=levels, note=note)


def version_problems(version: GuideVersion) -> list[str]:
    """Everything that stops the version from being published, as messages."""
    problems: list[str] = []
    steps = [s for level in version.levels.all() for s in level.steps.all()]
    if not steps:
        problems.append(str(MSG_NO_STEPS))
    slugs = [s.slug for s in steps]
    for slug in sorted({s for s in slugs if slugs.count(s) > 1}):
        problems.append(str(MSG_DUPLICATE_STEP % {"slug": slug}))
    levels = {level.number for level in version.levels.all()}
    known_tools = known_tool_slugs(version.guide.municipality)
    for step in steps:
        for exit_ in step.exits:
            e = normal_exit(exit_)
            if e["kind"] not in ExitKind.values:
                problems.append(str(MSG_EXIT_KIND % {"kind": e["kind"]}))
            elif e["kind"] == ExitKind.NEXT_STEP and e["target"] not in slugs:
                problems.append(str(MSG_EXIT_NO_STEP % {"step": step.slug, "target": e["target"]}))
            elif e["kind"] == ExitKind.LEVEL and e["target"] not in levels:
                problems.append(str(MSG_EXIT_NO_LEVEL % {"step": step.slug, "target": e["target"]}))
        if known_tools is not None:
            for tool in step.tool_slugs:
                if tool not in known_tools:
                    problems.append(str(MSG_UNKNOWN_TOOL % {"step": step.slug, "tool": tool}))
    return problems


@transaction.atomic
def guide_publish(*, by: User | None, version: GuideVersion, note: str = "") -> GuideVersion:
    _check_draft(by, version)
    problems = version_problems(version)
    if problems:
        raise ValidationError(problems, code="invalid")
    version.guide.versions.filter(status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.ARCHIVED
    )
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = by
    if note:
        version.note = note.strip()[:300]
    version.full_clean()
    version.save()
    return version


def known_tool_slugs(municipality: Municipality) -> set[str] | None:
    """The tool slugs of the municipality, or None while the tools app has no definitions."""
    try:
        from laget.tools.models import ToolDefinition
    except ImportError:
        return None
    return set(
        ToolDefinition.objects.filter(municipality=municipality).values_list("slug", flat=True)
    )


# --- levels and steps of a draft -----------------------------------------------------------


@transaction.atomic
def level_update(*, by: User | None, level: Level, title: str, summary: str) -> Level:
    _check_draft(by, level.version)
    level.title = title.strip()
    level.summary = summary.strip()
    level.full_clean()
    level.save(update_fields=["title", "summary"])
    return level


def _clean_exits(exits: Sequence[Any]) -> list[ExitData]:
    cleaned = [normal_exit(e) for e in exits]
    for e in cleaned:
        if e["kind"] not in ExitKind.values:
            raise ValidationError({"exits": MSG_EXIT_KIND % {"kind": e["kind"]}}, code="exit")
    return cleaned


def _check_slug_free(version: GuideVersion, slug: str, step: Step | None) -> None:
    others = Step.objects.filter(level__version=version, slug=slug)
    if step is not None:
        others = others.exclude(pk=step.pk)
    if others.exists():
        raise ValidationError({"slug": MSG_SLUG_TAKEN % {"slug": slug}}, code="taken")


def _fill_step(step: Step, fields: dict[str, Any]) -> None:
    step.title = str(fields["title"]).strip()
    step.slug = slugify(fields.get("slug") or fields["title"])[:80]
    step.body = str(fields.get("body", "")).strip()
    step.actor = str(fields.get("actor", "")).strip()
    step.deadline_days = fields.get("deadline_days")
    step.exits = _clean_exits(fields.get("exits", []))
    step.tool_slugs = [str(t).strip() for t in fields.get("tool_slugs", []) if str(t).strip()]
    try:
        step.service_ids = [int(s) for s in fields.get("service_ids", [])]
    except (TypeError, ValueError):
        raise ValidationError({"service_ids": MSG_SERVICE_IDS}, code="invalid") from None


@transaction.atomic
def step_update(*, by: User | None, step: Step, **fields: Any) -> Step:
    """Change a step of a draft. Fields: title, slug, body, actor, deadline_days, exits,
    tool_slugs, service_ids."""
    _check_draft(by, step.level.version)
    _fill_step(step, fields)
    _check_slug_free(step.level.version, step.slug, step)
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def step_add(*, by: User | None, level: Level, **fields: Any) -> Step:
    """A new step at the end of the level (same fields as step_update)."""
    _check_draft(by, level.version)
    last = level.steps.aggregate(n=Max("order"))["n"] or 0
    step = Step(level=level, order=last + 1)
    _fill_step(step, fields)
    _check_slug_free(level.version, step.slug, None)
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def step_remove(*, by: User | None, step: Step) -> None:
    _check_draft(by, step.level.version)
    level = step.level
    step.delete()
    _renumber(level, [s.pk for s in level.steps.order_by("order", "pk")])


@transaction.atomic
def step_reorder(*, by: User | None, level: Level, step_ids: Sequence[int]) -> None:
    """Put the level's steps in the order of `step_ids` (every step exactly once)."""
    _check_draft(by, level.version)
    current = set(level.steps.values_list("pk", flat=True))
    if len(step_ids) != len(current) or set(step_ids) != current:
        raise ValidationError(MSG_REORDER_MISMATCH, code="mismatch")
    _renumber(level, list(step_ids))


def _renumber(level: Level, ids: list[int]) -> None:
    # Out of the way first: (level, order) is unique while the rows move.
    level.steps.update(order=F("order") + 1000)
    for order, pk in enumerate(ids, start=1):
        Step.objects.filter(pk=pk, level=level).update(order=order)
