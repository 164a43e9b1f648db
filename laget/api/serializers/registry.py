"""The program registry: practitioners with their qualifications and years, courses with their
participants, families reached, and the report.

The write serializers only check the shape of the body; scope and the registry's rules are the
services' (laget/registry/services/). A body naming a field the endpoint does not take is
refused with 400 on that field, not silently dropped (StrictSerializer, as every API body).
"""

from typing import Any

from rest_framework import serializers

from laget.api.serializers.common import MAX_ID, ReadSerializer, StrictSerializer, id_field
from laget.orgs.models import Municipality
from laget.registry.models import (
    YEAR_MAX,
    YEAR_MIN,
    ActivityYear,
    CountKind,
    Course,
    CourseParticipant,
    CourseStatus,
    FamiliesReached,
    Intervention,
    Practitioner,
    Qualification,
    QualificationType,
    Term,
)

SMALL_MAX = 32767  # PositiveSmallIntegerField
INT_MAX = 2**31 - 1  # PositiveIntegerField


def year_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


def count_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=SMALL_MAX, **kwargs)


def municipality_field() -> serializers.PrimaryKeyRelatedField[Municipality]:
    return serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.all(),
        allow_null=True,
        required=False,
        default=None,
        help_text="Where the row belongs; it must be a municipality in your registry scope.",
    )


# --- Reading ---------------------------------------------------------------------------------


class RegistryQualificationSerializer(ReadSerializer[Qualification]):
    type_slug = serializers.CharField(source="type.slug", read_only=True)
    type_name = serializers.CharField(source="type.name", read_only=True)

    class Meta:
        model = Qualification
        fields = [
            "id",
            "practitioner",
            "type",
            "type_slug",
            "type_name",
            "obtained_on",
            "expires_on",
            "course",
        ]
        read_only_fields = fields


class RegistryPractitionerSerializer(ReadSerializer[Practitioner]):
    qualifications = RegistryQualificationSerializer(many=True, read_only=True)

    class Meta:
        model = Practitioner
        fields = [
            "id",
            "ref",
            "first_name",
            "last_name",
            "email",
            "municipality",
            "employer_name",
            "region",
            "qualifications",
        ]
        read_only_fields = fields


class RegistryActivityYearSerializer(ReadSerializer[ActivityYear]):
    class Meta:
        model = ActivityYear
        fields = [
            "id",
            "practitioner",
            "year",
            "active",
            "reason_left",
            "families",
            "supervision_hours",
        ]
        read_only_fields = fields


class RegistryParticipantSerializer(ReadSerializer[CourseParticipant]):
    first_name = serializers.CharField(source="practitioner.first_name", read_only=True)
    last_name = serializers.CharField(source="practitioner.last_name", read_only=True)

    class Meta:
        model = CourseParticipant
        fields = ["practitioner", "first_name", "last_name", "completed"]
        read_only_fields = fields


class RegistryCourseSerializer(ReadSerializer[Course]):
    # Plain text when read: the schema names the choices once, on the body that sets them.
    status = serializers.CharField(read_only=True, help_text="planned, running or completed.")
    participants = RegistryParticipantSerializer(
        many=True, read_only=True, source="courseparticipant_set"
    )

    class Meta:
        model = Course
        fields = [
            "id",
            "qualification_type",
            "year",
            "term",
            "status",
            "region",
            "municipality",
            "completed_on",
            "participants",
        ]
        read_only_fields = fields


class RegistryFamiliesReachedSerializer(ReadSerializer[FamiliesReached]):
    kind = serializers.CharField(read_only=True, help_text="registered or estimated.")

    class Meta:
        model = FamiliesReached
        fields = ["id", "intervention", "municipality", "year", "kind", "count"]
        read_only_fields = fields


# --- Writing ---------------------------------------------------------------------------------


class RegistryPractitionerWriteSerializer(StrictSerializer):
    ref = serializers.CharField(max_length=40)
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    email = serializers.EmailField(required=False, allow_blank=True)
    municipality = municipality_field()
    employer_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="When the employer is not a municipality (a state or specialist service).",
    )
    region = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="May be left empty with a municipality: the municipality's region is used.",
    )


class RegistryQualificationCreateSerializer(StrictSerializer):
    practitioner = id_field(help_text="A practitioner in your registry scope.")
    type = serializers.PrimaryKeyRelatedField(queryset=QualificationType.objects.all())
    obtained_on = serializers.DateField()
    expires_on = serializers.DateField(required=False, allow_null=True, default=None)


class RegistryQualificationUpdateSerializer(StrictSerializer):
    obtained_on = serializers.DateField()
    expires_on = serializers.DateField(
        allow_null=True, help_text="Set to end the qualification; null: it does not expire."
    )


class RegistryActivityYearUpdateSerializer(StrictSerializer):
    active = serializers.BooleanField()
    reason_left = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when `active` is false.",
    )
    families = count_field(required=False, default=0)
    supervision_hours = count_field(required=False, default=0)


class RegistryActivityYearCreateSerializer(RegistryActivityYearUpdateSerializer):
    practitioner = id_field(help_text="A practitioner in your registry scope.")
    year = year_field()


class RegistryCourseWriteSerializer(StrictSerializer):
    qualification_type = serializers.PrimaryKeyRelatedField(
        queryset=QualificationType.objects.all(),
        help_text="The qualification completing the course gives.",
    )
    year = year_field()
    term = serializers.ChoiceField(choices=Term.choices)
    status = serializers.ChoiceField(
        choices=CourseStatus.choices, required=False, default=CourseStatus.PLANNED
    )
    region = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="May be left empty with a municipality: the municipality's region is used.",
    )
    municipality = municipality_field()
    participants = serializers.ListField(
        child=id_field(),
        required=False,
        max_length=1000,
        help_text="Practitioner ids: the participants you see become exactly these; "
        "participants outside your scope stay.",
    )


class RegistryCourseCompleteSerializer(StrictSerializer):
    completed = serializers.ListField(
        child=id_field(),
        required=False,
        allow_null=True,
        default=None,
        max_length=1000,
        help_text="Practitioner ids of the participants who completed; left out: those already "
        "marked.",
    )
    completed_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Default: today."
    )


class RegistryCourseCompletedSerializer(serializers.Serializer[Any]):
    course = RegistryCourseSerializer(read_only=True)
    granted = RegistryQualificationSerializer(many=True, read_only=True)


class RegistryFamiliesReachedCreateSerializer(StrictSerializer):
    intervention = serializers.PrimaryKeyRelatedField(queryset=Intervention.objects.all())
    municipality = serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.all(), help_text="A municipality in your registry scope."
    )
    year = year_field()
    kind = serializers.ChoiceField(choices=CountKind.choices, default=CountKind.REGISTERED)
    count = serializers.IntegerField(min_value=0, max_value=INT_MAX)


class RegistryFamiliesReachedUpdateSerializer(StrictSerializer):
    count = serializers.IntegerField(min_value=0, max_value=INT_MAX)


# --- Query parameters ------------------------------------------------------------------------


class RegistryListParamsSerializer(serializers.Serializer[Any]):
    offset = serializers.IntegerField(min_value=0, max_value=MAX_ID, required=False, default=0)
    limit = serializers.IntegerField(min_value=1, max_value=500, required=False, default=500)
    practitioner = id_field(required=False)
    year = year_field(required=False)
    municipality = id_field(required=False)
    q = serializers.CharField(required=False, max_length=100, allow_blank=True)


# --- The report ------------------------------------------------------------------------------


class RegistryReportRowSerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    group = serializers.CharField(help_text="The kind of qualification, in words.")
    label = serializers.CharField()  # type: ignore[assignment]  # the field, not Field.label
    active = serializers.IntegerField()
    new = serializers.IntegerField()
    planned = serializers.IntegerField()


class RegistryReportFamilyRowSerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the field, not Field.label
    since = serializers.IntegerField(allow_null=True)
    registered = serializers.IntegerField()
    estimated = serializers.IntegerField()
    total = serializers.IntegerField()


class RegistryReportTermSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    term = serializers.CharField(help_text="V (spring) or H (autumn).")
    label = serializers.CharField()  # type: ignore[assignment]  # the field, not Field.label


class RegistryReportSerializer(serializers.Serializer[Any]):
    program = serializers.CharField(source="program.slug")
    program_name = serializers.CharField(source="program.name")
    area = serializers.CharField(source="scope.label")
    year = serializers.IntegerField()
    term = RegistryReportTermSerializer()
    next_term = RegistryReportTermSerializer()
    competence = RegistryReportRowSerializer(many=True)
    interventions = RegistryReportRowSerializer(many=True)
    families = RegistryReportFamilyRowSerializer(many=True)
