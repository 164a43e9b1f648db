"""Tools: the published tools of one's municipality, and tools filled in a case."""

from rest_framework import serializers

from laget.api.serializers.common import ReadSerializer, StrictSerializer, id_field
from laget.tools.models import FilledTool
from laget.tools.selectors import PublishedTool


class ToolSerializer(serializers.Serializer[PublishedTool]):
    id = serializers.IntegerField(source="definition.pk", read_only=True)
    slug = serializers.CharField(source="definition.slug", read_only=True)
    name = serializers.CharField(source="definition.name", read_only=True)
    kind = serializers.CharField(source="definition.kind", read_only=True)
    description = serializers.CharField(source="definition.description", read_only=True)
    version = serializers.IntegerField(
        source="version.pk", read_only=True, help_text="Send this id to fill the tool."
    )
    version_number = serializers.IntegerField(source="version.number", read_only=True)
    schema = serializers.JSONField(
        source="version.schema",
        read_only=True,
        help_text="The fields, scoring and bands (format: laget/tools/schema.py).",
    )


class FilledToolSerializer(ReadSerializer[FilledTool]):
    tool = serializers.IntegerField(source="tool_version.definition_id", read_only=True)
    tool_name = serializers.CharField(source="tool_version.definition.name", read_only=True)
    version = serializers.IntegerField(source="tool_version_id", read_only=True)
    version_number = serializers.IntegerField(source="tool_version.number", read_only=True)
    score = serializers.FloatField(
        source="score_value", read_only=True, allow_null=True, help_text="Null: no scoring."
    )
    band = serializers.CharField(source="band_label", read_only=True)
    author_name = serializers.CharField(source="author.display_name", read_only=True)
    author_unit_name = serializers.CharField(source="author_unit.name", read_only=True)

    class Meta:
        model = FilledTool
        fields = [
            "id",
            "case",
            "tool",
            "tool_name",
            "version",
            "version_number",
            "answers",
            "score",
            "band",
            "interpretation",
            "author",
            "author_name",
            "author_unit",
            "author_unit_name",
            "entry",
            "created_at",
        ]
        read_only_fields = fields


class FilledToolCreateSerializer(StrictSerializer):
    version = id_field(help_text="The id of a published tool version.")
    answers = serializers.JSONField(
        help_text="An object: field key → answer (see the tool's schema)."
    )
