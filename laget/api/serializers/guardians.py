"""Guardians of the person a case is about."""

from typing import Any

from rest_framework import serializers

from laget.api.serializers.common import ReadSerializer, StrictSerializer
from laget.people.models import FamilyRole, Guardian, ProtectedAddress
from laget.people.national_id import validate_national_id

CONTACT_FIELDS = ("phone", "email", "national_id")


class GuardianSerializer(ReadSerializer[Guardian]):
    """Contact data and national id only for those who coordinate the case (context
    `sees_contact`, from CaseAccess.sees_family_contact); null for everyone else."""

    phone = serializers.CharField(allow_null=True, read_only=True)
    email = serializers.CharField(allow_null=True, read_only=True)
    national_id = serializers.CharField(allow_null=True, read_only=True)

    def to_representation(self, instance: Guardian) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not self.context.get("sees_contact", False):
            for name in CONTACT_FIELDS:
                data[name] = None
        return data

    class Meta:
        model = Guardian
        fields = [
            "id",
            "name",
            "relation",
            "role",
            "has_parental_responsibility",
            "protected_address",
            "language",
            "interpreter",
            "phone",
            "email",
            "national_id",
        ]
        read_only_fields = fields


class GuardianCreateSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200)
    relation = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    has_parental_responsibility = serializers.BooleanField(
        required=False,
        default=True,
        help_text="Used only without `role`: guardian (true) or guardian_no_pr (false).",
    )
    role = serializers.ChoiceField(
        choices=FamilyRole.choices,
        required=False,
        help_text="The member's place in the family; decides parental responsibility.",
    )
    protected_address = serializers.ChoiceField(
        choices=ProtectedAddress.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="The population register's address protection (empty: none).",
    )
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True)
    national_id = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_national_id],
        help_text="Fødselsnummer or D-number (11 digits, mod-11 checked).",
    )
