"""Transitions from one unit to another, with their handover meeting."""

from rest_framework import serializers

from laget.api.serializers.common import ReadSerializer, StrictSerializer, id_field, long_text
from laget.api.serializers.participants import consent_field, statute_field
from laget.cases.choices import LegalBasis
from laget.cases.models import Transition


class TransitionSerializer(ReadSerializer[Transition]):
    from_unit_name = serializers.CharField(source="from_unit.name", read_only=True)
    to_unit_name = serializers.CharField(source="to_unit.name", read_only=True)

    class Meta:
        model = Transition
        fields = [
            "id",
            "from_unit",
            "from_unit_name",
            "to_unit",
            "to_unit_name",
            "date",
            "meeting",
            "note",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields


class TransitionCreateSerializer(StrictSerializer):
    to_unit = id_field(help_text="The unit taking over; joins the case.")
    date = serializers.DateField()
    meeting_at = serializers.DateTimeField(help_text="When the handover meeting is held.")
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    video_url = serializers.URLField(required=False, allow_blank=True)
    legal_basis = serializers.ChoiceField(
        choices=LegalBasis.choices, help_text="The basis on which the receiving unit joins."
    )
    consent = consent_field()
    statute = statute_field()
    note = long_text(required=False, allow_blank=True, default="")
