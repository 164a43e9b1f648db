"""Test helpers: a guide in the test world's municipality, and URL kwargs for the access tables.

The world is built once per test module and each test runs in a savepoint, so the guide is
fetched or created per call: a published version 1 and a draft version 2 with one step.
"""

from laget.guide.models import Guide, GuideVersion, Step, VersionStatus
from laget.guide.services import guide_create, guide_draft_create, guide_publish, version_create
from laget.guide.structure import LevelData
from laget.testing.world import World

SLUG = "testveileder"


def world_guide_draft(world: World) -> GuideVersion:
    """The draft of the world's guide (its published version is 1, the draft 2)."""
    guide = Guide.objects.filter(municipality=world.municipality, slug=SLUG).first()
    if guide is None:
        guide = guide_create(by=None, municipality=world.municipality, title="Test", slug=SLUG)
        levels: list[LevelData] = [
            {
                "number": 0,
                "title": "Undring",
                "summary": "",
                "steps": [{"slug": "se-barnet", "title": "Se barnet", "body": "Skriv ned."}],
            }
        ]
        guide_publish(by=None, version=version_create(by=None, guide=guide, levels=levels))
    draft = guide.versions.filter(status=VersionStatus.DRAFT).first()
    return draft or guide_draft_create(by=None, guide=guide)


def route_kwargs(name: str, world: World) -> dict[str, object]:
    """The URL kwargs of a guide route ("guide:…"); api:guide needs none but the guide."""
    draft = world_guide_draft(world)
    kwargs: dict[str, object] = {}
    route = name.split(":", 1)[1]
    if route == "draft_create":
        kwargs["guide_id"] = draft.guide_id
    if route.startswith(("version_", "publish", "level_", "step_")):
        kwargs["version_id"] = draft.pk
    if route in ("level_edit", "step_add"):
        kwargs["number"] = 0
    if route in ("step_edit", "step_remove", "step_move"):
        kwargs["step_id"] = Step.objects.get(level__version=draft, slug="se-barnet").pk
    return kwargs
