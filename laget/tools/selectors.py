"""Reads of the tools app."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery

from laget.accounts.models import User
from laget.orgs.rules import managed_municipalities
from laget.tools.models import FilledTool, ToolDefinition, ToolVersion, VersionStatus


@dataclass(frozen=True)
class PublishedTool:
    definition: ToolDefinition
    version: ToolVersion


def published_tools(municipality_ids: frozenset[int] | set[int]) -> list[PublishedTool]:
    """The tools in use in the municipalities, each with its newest published version."""
    newest = (
        ToolVersion.objects.filter(definition=OuterRef("pk"), status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .values("pk")[:1]
    )
    definitions = (
        ToolDefinition.objects.filter(municipality_id__in=municipality_ids)
        .annotate(current=Subquery(newest))
        .filter(current__isnull=False)
        .order_by("name", "pk")
    )
    rows = list(definitions)
    versions = ToolVersion.objects.in_bulk([d.current for d in rows])
    return [PublishedTool(d, versions[d.current]) for d in rows]


def managed_definitions(user: User) -> QuerySet[ToolDefinition]:
    """The tools of the municipalities the user steers; 403 for everyone else."""
    municipalities = managed_municipalities(user)
    if not municipalities:
        raise PermissionDenied
    return ToolDefinition.objects.filter(municipality__in=municipalities).select_related(
        "municipality"
    )


def case_filled_tools(case_id: int) -> QuerySet[FilledTool]:
    return FilledTool.objects.filter(case_id=case_id).select_related(
        "tool_version__definition", "author", "author_unit"
    )
