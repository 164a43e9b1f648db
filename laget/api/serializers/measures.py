"""Measures (tiltak) and their evaluation."""

from rest_framework import serializers

from laget.api.serializers.common import (
    ReadSerializer,
    StrictSerializer,
    VersionedPatchSerializer,
    id_field,
    long_text,
)
from laget.cases.choices import Arena, MeasureStatus, Outcome, Recurrence
from laget.cases.models import Measure, MeasureEvaluation
from laget.cases.services.measures import EVALUATION_STATUSES

CHILD_VIEW_HELP = (
    "The child's own view, in the child's words. From LAGET_CHILD_VOICE_AGE the child also "
    "writes it in the family portal."
)


class MeasureEvaluationSerializer(ReadSerializer[MeasureEvaluation]):
    """One evaluation of a measure. `due_on` is the evaluation date the measure had when it
    was evaluated; `status` what was decided (`active`: it continues until
    `next_evaluation_on`)."""

    author_label = serializers.CharField(read_only=True)

    class Meta:
        model = MeasureEvaluation
        fields = [
            "id",
            "evaluated_on",
            "due_on",
            "outcome",
            "text",
            "status",
            "next_evaluation_on",
            "author",
            "author_unit",
            "author_label",
            "created_at",
        ]
        read_only_fields = fields


class MeasureSerializer(ReadSerializer[Measure]):
    responsible_label = serializers.CharField(source="responsible.label", read_only=True)
    evaluations = MeasureEvaluationSerializer(
        many=True,
        read_only=True,
        help_text="Every evaluation, newest first. `evaluation_date` is the next one due.",
    )

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
            "recurrence",
            "child_view",
            "evaluations",
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
    recurrence = serializers.ChoiceField(
        choices=Recurrence.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="How often the measure happens; blank for one done once or for a period.",
    )
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
    recurrence = serializers.ChoiceField(
        choices=Recurrence.choices, required=False, allow_blank=True
    )
    child_view = long_text(required=False, allow_blank=True, help_text=CHILD_VIEW_HELP)


class MeasureEvaluateSerializer(VersionedPatchSerializer):
    """One new evaluation; the earlier ones stay."""

    evaluated_on = serializers.DateField(
        required=False, help_text="Today if left out. Not before the measure's `start_date`."
    )
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    text = long_text()
    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in EVALUATION_STATUSES],
        default=MeasureStatus.COMPLETED,
        help_text="`active`: the measure continues (then `next_evaluation_on` is required).",
    )
    next_evaluation_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Required when the measure continues; after `evaluated_on`. Becomes the "
        "measure's `evaluation_date`.",
    )
