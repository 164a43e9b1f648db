"""The service directory: public information about the municipality's services."""

from typing import Any

from rest_framework import serializers

from laget.api.serializers.common import ReadSerializer, StrictSerializer, id_field
from laget.directory.models import ALIAS_MAX, Service, ServiceKind
from laget.directory.search import Field


class ServiceSerializer(ReadSerializer[Service]):
    matched = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="With `q`: the name that matched (the name, an abbreviation or a former name).",
    )
    matched_field = serializers.ChoiceField(
        choices=[f.value for f in Field],
        read_only=True,
        allow_null=True,
        help_text="With `q`: which kind of name matched.",
    )

    class Meta:
        model = Service
        fields = [
            "id",
            "municipality",
            "name",
            "abbreviations",
            "former_names",
            "kind",
            "description",
            "target_group",
            "how_to_refer",
            "phone",
            "email",
            "address",
            "web",
            "unit",
            "is_active",
            "updated_at",
            "matched",
            "matched_field",
        ]
        read_only_fields = fields


class ServiceListParamsSerializer(serializers.Serializer[Any]):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=True,
        help_text="Search words.",
    )
    all = serializers.BooleanField(
        required=False, default=False, help_text="Include services no longer active."
    )


def _names() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=ALIAS_MAX), required=False, default=list
    )


class ServiceWriteSerializer(StrictSerializer):
    name = serializers.CharField(max_length=ALIAS_MAX)
    abbreviations = _names()
    former_names = _names()
    kind = serializers.ChoiceField(choices=ServiceKind.choices, default=ServiceKind.SERVICE)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    target_group = serializers.CharField(required=False, allow_blank=True, default="")
    how_to_refer = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    web = serializers.URLField(max_length=200, required=False, allow_blank=True)
    unit = id_field(
        required=False, allow_null=True, default=None, help_text="A unit of the municipality."
    )
    is_active = serializers.BooleanField(required=False, default=True)
    municipality = id_field(
        required=False,
        help_text="On creation, by a coordinator or admin of more than one municipality.",
    )
