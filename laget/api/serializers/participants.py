"""Participants of a case and the baton handovers between them."""

from typing import Any

from rest_framework import serializers

from laget.api.serializers.common import long_text
from laget.cases.choices import LegalBasis, ParticipantRole
from laget.cases.models import BatonHandover, Participant


class ParticipantSerializer(serializers.ModelSerializer[Participant]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    user_name = serializers.CharField(source="user.display_name", read_only=True, allow_null=True)
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id",
            "unit",
            "unit_name",
            "user",
            "user_name",
            "label",
            "role",
            "legal_basis",
            "basis_ref",
            "joined_at",
            "left_at",
            "is_active",
        ]
        read_only_fields = fields


class ParticipantAddSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField(help_text="A unit of the case's municipality.")
    user = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="A person employed in `unit`; leave out to bring in the unit as a whole.",
    )
    role = serializers.ChoiceField(
        choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT
    )
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices)
    basis_ref = serializers.CharField(
        max_length=200, help_text="Consent reference, or the statute that allows the access."
    )


class HandoverSerializer(serializers.ModelSerializer[BatonHandover]):
    class Meta:
        model = BatonHandover
        fields = ["id", "from_participant", "to_participant", "at", "note", "by"]
        read_only_fields = fields


class HandoverCreateSerializer(serializers.Serializer[Any]):
    to_participant = serializers.IntegerField(help_text="An active person participant.")
    note = long_text(required=False, allow_blank=True, default="")
