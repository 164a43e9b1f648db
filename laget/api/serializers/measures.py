"""Measures (tiltak) and their evaluation."""

from rest_framework import serializers

from laget.api.serializers.common import (
    ReadSerializer,
    StrictSerializer,
    VersionedPatchSerializer,
    id_field,
    long_text,
)
from laget.cases.choices import Arena, MeasureStatus, Outcome
from laget.cases.models import Measure

CHILD_VIEW_HELP = (
    "The child's own view, in the child's words. From LAGET_CHILD_VOICE_AGE the child also "
    "writes it in the family portal."
)


class MeasureSerializer(ReadSerializer[Measure]):
    responsible_label = serializers.CharField(source="responsible.label", read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id",
            "version",
            "title",
            "goal",
            "arena",
            "responsible",
            "responsible_label",
            "start_date",
            "evaluation_date",
            "status",
            "outcome",
            "evaluation_text",
            "child_view",
            "evaluated_at",
            "evaluated_by",
            "meeting",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class MeasureCreateSerializer(StrictSerializer):
    title = serializers.CharField(max_length=200)
    goal = long_text()
    arena = serializers.ChoiceField(choices=Arena.choices)
    responsible = id_field(help_text="An active participant of the case.")
    start_date = serializers.DateField()
    evaluation_date = serializers.DateField(help_text="On or after `start_date`.")
    status = serializers.ChoiceField(choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    meeting = id_field(
        required=False,
        allow_null=True,
        default=None,
        help_text="The meeting of this case that decided the measure.",
    )
    child_view = long_text(required=False, allow_blank=True, default="", help_text=CHILD_VIEW_HELP)


class MeasureUpdateSerializer(VersionedPatchSerializer):
    """Only the fields sent are changed."""

    title = serializers.CharField(max_length=200, required=False)
    goal = long_text(required=False)
    arena = serializers.ChoiceField(choices=Arena.choices, required=False)
    responsible = id_field(required=False)
    start_date = serializers.DateField(required=False)
    evaluation_date = serializers.DateField(required=False)
    status = serializers.ChoiceField(choices=MeasureStatus.choices, required=False)
    child_view = long_text(required=False, allow_blank=True, help_text=CHILD_VIEW_HELP)


class MeasureEvaluateSerializer(VersionedPatchSerializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    evaluation_text = long_text()
    status = serializers.ChoiceField(choices=MeasureStatus.choices, default=MeasureStatus.COMPLETED)
