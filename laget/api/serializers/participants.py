"""Participants of a case and the baton handovers between them."""

from typing import Any

from rest_framework import serializers

from laget.api.serializers.common import long_text
from laget.cases.choices import LegalBasis, ParticipantRole
from laget.cases.models import BatonHandover, Participant


def consent_field() -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="With `legal_basis` consent: one of the case's consents that names the unit. "
        "Access lasts while that consent is given and not expired.",
    )


def basis_ref_field() -> serializers.CharField:
    return serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="With `legal_basis` statute: the statute that allows the access.",
    )


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
            "consent",
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
    consent = consent_field()
    basis_ref = basis_ref_field()


class HandoverSerializer(serializers.ModelSerializer[BatonHandover]):
    class Meta:
        model = BatonHandover
        fields = ["id", "from_participant", "to_participant", "at", "note", "by"]
        read_only_fields = fields


class HandoverCreateSerializer(serializers.Serializer[Any]):
    to_participant = serializers.IntegerField(help_text="An active person participant.")
    note = long_text(required=False, allow_blank=True, default="")
