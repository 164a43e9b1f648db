"""Participants of a case and the baton handovers between them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from laget.api.serializers.common import ReadSerializer, StrictSerializer, id_field, long_text
from laget.cases.choices import LegalBasis, ParticipantRole
from laget.cases.models import BatonHandover, Participant
from laget.cases.statutes import NATIONAL, kinds_label

_NATIONAL_KEYS = "; ".join(f"`{s.key}`: {s.reference} ({kinds_label(s.kinds)})" for s in NATIONAL)
STATUTE_HELP = (
    "With `legal_basis` statute: the key of a statute in the municipality's list, meant for "
    "the unit's kind of service (the national ones below, or the municipality's own from "
    "`GET /api/v1/statutes/`). `egen-tjeneste` serves the case's responsible unit only. "
    f"National keys: {_NATIONAL_KEYS}."
)


@extend_schema_field(
    {
        "anyOf": [
            {"type": "string", "enum": [s.key for s in NATIONAL]},
            {
                "type": "string",
                "pattern": "^[a-z0-9-]*$",
                "description": "A key of the municipality's own list (blank for a consent).",
            },
        ]
    }
)
class StatuteKeyField(serializers.CharField):
    """A key of the municipality's list of statutes; the service checks it."""


def consent_field() -> serializers.IntegerField:
    return id_field(
        required=False,
        allow_null=True,
        default=None,
        help_text="With `legal_basis` consent: one of the case's consents that names the unit. "
        "Access lasts while that consent is given and not expired.",
    )


def statute_field() -> serializers.CharField:
    return StatuteKeyField(
        max_length=60, required=False, allow_blank=True, default="", help_text=STATUTE_HELP
    )


class ParticipantSerializer(ReadSerializer[Participant]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    user_name = serializers.CharField(source="user.display_name", read_only=True, allow_null=True)
    is_active = serializers.BooleanField(read_only=True)
    statute = serializers.CharField(
        source="statute_key",
        read_only=True,
        help_text="The key of the statute the participant joined on; blank for a consent.",
    )
    basis_ref = serializers.CharField(
        read_only=True, help_text="The statute's reference or the consent's, as it read then."
    )

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
            "statute",
            "consent",
            "joined_at",
            "left_at",
            "is_active",
        ]
        read_only_fields = fields


class ParticipantAddSerializer(StrictSerializer):
    unit = id_field(help_text="A unit of the case's municipality.")
    user = id_field(
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
    statute = statute_field()


class HandoverSerializer(ReadSerializer[BatonHandover]):
    class Meta:
        model = BatonHandover
        fields = ["id", "from_participant", "to_participant", "at", "note", "by"]
        read_only_fields = fields


class HandoverCreateSerializer(StrictSerializer):
    to_participant = id_field(help_text="An active person participant.")
    note = long_text(required=False, allow_blank=True, default="")
