"""Guardians of the person a case is about."""

from typing import Any

from rest_framework import serializers

from laget.people.models import Guardian
from laget.people.national_id import validate_national_id


class GuardianSerializer(serializers.ModelSerializer[Guardian]):
    class Meta:
        model = Guardian
        fields = [
            "id",
            "name",
            "relation",
            "has_parental_responsibility",
            "phone",
            "email",
            "national_id",
        ]
        read_only_fields = fields


class GuardianCreateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)
    relation = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    has_parental_responsibility = serializers.BooleanField(required=False, default=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True)
    national_id = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_national_id],
        help_text="Fødselsnummer or D-number (11 digits, mod-11 checked).",
    )
