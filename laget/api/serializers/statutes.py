"""The municipality's list of statutes: the national ones and its own additions."""

from typing import Any

from rest_framework import serializers

from laget.api.serializers.common import StrictSerializer, id_field, long_text
from laget.orgs.models import UnitKind


class StatuteSerializer(serializers.Serializer[Any]):
    """One statute of the list (cases.statutes.Statute)."""

    key = serializers.CharField(help_text="What `statute` names when a participant joins.")
    reference = serializers.CharField(help_text="The legal reference staff and family see.")
    title = serializers.CharField(help_text="What it allows, in plain words.")
    unit_kinds = serializers.SerializerMethodField(help_text="The kinds of service it serves.")
    own_unit_only = serializers.BooleanField(
        help_text="Only the case's responsible unit joins on it."
    )
    local = serializers.BooleanField(help_text="Added by the municipality.")

    def get_unit_kinds(self, obj: Any) -> list[str]:
        return sorted(obj.kinds)


class LocalStatuteSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    municipality = serializers.IntegerField(source="municipality_id")
    key = serializers.CharField()
    reference = serializers.CharField()
    title = serializers.CharField()
    unit_kinds = serializers.ListField(child=serializers.CharField())
    reason = serializers.CharField()
    created_by = serializers.IntegerField(source="created_by_id", allow_null=True)
    created_at = serializers.DateTimeField()


class LocalStatuteCreateSerializer(StrictSerializer):
    reference = serializers.CharField(max_length=200, help_text="E.g. «Forskrift om … § 3».")
    title = serializers.CharField(max_length=200, help_text="What it allows, in plain words.")
    unit_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=UnitKind.choices),
        allow_empty=False,
        help_text="The kinds of service that may join a case on it.",
    )
    reason = long_text(help_text="Why the municipality adds it; shown in the review.")
    municipality = id_field(
        required=False, help_text="Needed only by an admin of more than one municipality."
    )
