"""Log entries: observations, conversations, decisions, minutes, glimmers, notes."""

from rest_framework import serializers

from laget.api.serializers.common import (
    ReadSerializer,
    StrictSerializer,
    VersionedPatchSerializer,
    id_field,
    long_text,
)
from laget.cases.access import CaseAccess
from laget.cases.choices import Audience, EntryKind
from laget.cases.messages import MSG_UNKNOWN_MEETING
from laget.cases.models import Entry


class EntrySerializer(ReadSerializer[Entry]):
    author_name = serializers.CharField(source="author.display_name", read_only=True)
    author_unit_name = serializers.CharField(
        source="author_unit.name",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The staff author's unit; null when the family wrote the entry.",
    )
    author_guardian_name = serializers.CharField(
        source="author_guardian.name",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The guardian who wrote the entry in the family portal, else null.",
    )
    from_family = serializers.BooleanField(source="is_from_family", read_only=True)
    author_label = serializers.CharField(
        read_only=True, help_text="Name and unit, or name and place in the family."
    )

    class Meta:
        model = Entry
        fields = [
            "id",
            "version",
            "kind",
            "text",
            "audience",
            "author",
            "author_name",
            "author_unit",
            "author_unit_name",
            "author_guardian",
            "author_guardian_name",
            "author_is_child",
            "from_family",
            "author_label",
            "meeting",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class EntryCreateSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    text = long_text()
    audience = serializers.ChoiceField(choices=Audience.choices)
    meeting = id_field(
        required=False,
        allow_null=True,
        default=None,
        help_text="The meeting of this case the entry belongs to (e.g. its minutes).",
    )

    def validate_meeting(self, value: int | None) -> int | None:
        access: CaseAccess = self.context["access"]
        if value is not None and not access.case.meetings.filter(pk=value).exists():
            raise serializers.ValidationError(str(MSG_UNKNOWN_MEETING))
        return value


class EntryUpdateSerializer(VersionedPatchSerializer):
    """Only the author corrects an entry; only the fields sent are changed."""

    kind = serializers.ChoiceField(choices=EntryKind.choices, required=False)
    text = long_text(required=False)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
