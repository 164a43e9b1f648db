"""The case: the list of my cases, the case page, opening, identifying and the decisions."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from laget.api.serializers.common import ReadSerializer, StrictSerializer, id_field, long_text
from laget.api.serializers.entries import EntrySerializer
from laget.api.serializers.measures import MeasureSerializer
from laget.api.serializers.meetings import MeetingSerializer
from laget.api.serializers.participants import HandoverSerializer, ParticipantSerializer
from laget.api.serializers.transitions import TransitionSerializer
from laget.cases.choices import Level
from laget.cases.models import MSG_NEEDS_SUBJECT_OR_LABEL, Case, LevelChange
from laget.cases.selectors import CasePage
from laget.people.models import Subject, SubjectKind
from laget.people.national_id import validate_national_id


class SubjectSerializer(ReadSerializer[Subject]):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Subject
        fields = [
            "id",
            "kind",
            "given_name",
            "family_name",
            "full_name",
            "birth_date",
            "due_date",
            "national_id",
        ]
        read_only_fields = fields


class IdentifySerializer(StrictSerializer):
    """The person a case is about. An existing person with the same national id is reused."""

    kind = serializers.ChoiceField(choices=SubjectKind.choices, default=SubjectKind.CHILD)
    given_name = serializers.CharField(max_length=100)
    family_name = serializers.CharField(max_length=100)
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    due_date = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="For a pregnant woman."
    )
    national_id = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_national_id],
        help_text="Fødselsnummer or D-number (11 digits, mod-11 checked).",
    )


class CaseListParamsSerializer(serializers.Serializer[Any]):
    include_closed = serializers.BooleanField(
        required=False, default=False, help_text="Include closed cases."
    )


class CaseCreateSerializer(StrictSerializer):
    unit = id_field(help_text="Your unit, responsible for the case.")
    label = serializers.CharField(  # type: ignore[assignment]  # a field, not Field.label
        max_length=80,
        required=False,
        allow_blank=True,
        default="",
        help_text="A de-identified label (e.g. 'Gutt, 4 år'); needed when `subject` is left out.",
    )
    level = serializers.ChoiceField(choices=Level.choices, default=Level.WONDERING)
    reason = long_text(required=False, allow_blank=True, default="")
    observation = long_text(
        required=False,
        allow_blank=True,
        default="",
        help_text="What worried you; saved as the first entry (professionals only).",
    )
    subject = IdentifySerializer(
        required=False, allow_null=True, default=None, help_text="Identify the case at once."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["label"] and attrs["subject"] is None:
            raise serializers.ValidationError({"label": str(MSG_NEEDS_SUBJECT_OR_LABEL)})
        return attrs


class CaseListSerializer(ReadSerializer[Case]):
    """A row of "my cases" (selectors.my_cases, annotated in one query)."""

    display_name = serializers.CharField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    level0_overdue = serializers.BooleanField(read_only=True)
    is_closed = serializers.BooleanField(read_only=True)
    stafettholder = id_field(
        source="holder_user_id", read_only=True, allow_null=True, help_text="A user id."
    )
    stafettholder_name = serializers.SerializerMethodField()
    next_evaluation = serializers.DateField(read_only=True, allow_null=True)
    overdue_measures = serializers.SerializerMethodField()
    next_meeting = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "display_name",
            "label",
            "level",
            "unit",
            "unit_name",
            "opened_at",
            "level0_due",
            "level0_overdue",
            "is_closed",
            "stafettholder",
            "stafettholder_name",
            "next_evaluation",
            "overdue_measures",
            "next_meeting",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_stafettholder_name(self, case: Case) -> str | None:
        if getattr(case, "holder_user_id", None) is None:
            return None
        return f"{case.holder_first} {case.holder_last}".strip()  # type: ignore[attr-defined]

    @extend_schema_field(serializers.IntegerField())
    def get_overdue_measures(self, case: Case) -> int:
        return getattr(case, "overdue_measures", None) or 0


class LevelChangeSerializer(ReadSerializer[LevelChange]):
    decided_by_name = serializers.CharField(source="decided_by.display_name", read_only=True)

    class Meta:
        model = LevelChange
        fields = [
            "id",
            "decision",
            "from_level",
            "to_level",
            "reason",
            "decided_by",
            "decided_by_name",
            "decided_at",
        ]
        read_only_fields = fields


class CaseSerializer(ReadSerializer[Case]):
    display_name = serializers.CharField(read_only=True)
    subject = SubjectSerializer(read_only=True, allow_null=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    level0_overdue = serializers.BooleanField(read_only=True)
    is_closed = serializers.BooleanField(read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "display_name",
            "label",
            "subject",
            "level",
            "unit",
            "unit_name",
            "opened_at",
            "opened_by",
            "level0_due",
            "level0_overdue",
            "needs_individual_plan",
            "closed_at",
            "close_reason",
            "is_closed",
        ]
        read_only_fields = fields


# Fields of the case page that come from the page (and its access), not from the case itself.
_PAGE_FIELDS = {
    "entries_total",
    "can_write",
    "can_coordinate",
    "is_stafettholder",
    "stafettholder",
    "participants",
    "level_changes",
    "measures",
    "entries",
    "meetings",
    "transitions",
    "handovers",
}


class CaseDetailSerializer(CaseSerializer):
    """The case page (selectors.case_page): the case and everything in it, and what you may do."""

    can_write = serializers.BooleanField(source="access.can_write", read_only=True)
    can_coordinate = serializers.BooleanField(source="access.can_coordinate", read_only=True)
    is_stafettholder = serializers.BooleanField(source="access.is_stafettholder", read_only=True)
    stafettholder = id_field(
        source="stafettholder.pk", read_only=True, allow_null=True, help_text="A participant id."
    )
    participants = ParticipantSerializer(many=True, read_only=True)
    level_changes = LevelChangeSerializer(many=True, read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)
    entries = EntrySerializer(
        many=True,
        read_only=True,
        help_text="The newest 50, newest first; every entry at /cases/{id}/entries/.",
    )
    entries_total = serializers.IntegerField(
        source="entry_total", read_only=True, help_text="Entries in the case, listed or not."
    )
    meetings = MeetingSerializer(many=True, read_only=True)
    transitions = TransitionSerializer(many=True, read_only=True)
    handovers = HandoverSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, *sorted(_PAGE_FIELDS)]
        read_only_fields = fields

    def to_representation(self, instance: Any) -> dict[str, Any]:
        page: CasePage = instance
        data: dict[str, Any] = {}
        for field in self._readable_fields:
            source = page if field.field_name in _PAGE_FIELDS else page.case
            value = field.get_attribute(source)
            data[str(field.field_name)] = None if value is None else field.to_representation(value)
        return data


class LevelChangeCreateSerializer(StrictSerializer):
    to_level = serializers.ChoiceField(choices=Level.choices)
    reason = long_text()
    stafettholder = id_field(
        required=False,
        allow_null=True,
        default=None,
        help_text="A person participant to hold the baton, when the case has none yet.",
    )


class ReportSerializer(StrictSerializer):
    reason = long_text()
    child_welfare_unit = id_field(help_text="A child welfare unit.")


class CloseSerializer(StrictSerializer):
    reason = long_text()
