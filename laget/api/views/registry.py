"""The program registry: the same scope and the same services as the web pages (laget/registry).

No registry role: 403; a row outside one's scope: 404, exactly like a missing one. Lists are
in the user's scope, at most 500 rows a page (`offset`, `limit`), with the total in the
`X-Total-Count` header.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from laget.accounts.models import User
from laget.api.permissions import request_user
from laget.api.schema import responses
from laget.api.serializers.registry import (
    RegistryActivityYearCreateSerializer,
    RegistryActivityYearSerializer,
    RegistryActivityYearUpdateSerializer,
    RegistryCourseCompletedSerializer,
    RegistryCourseCompleteSerializer,
    RegistryCourseSerializer,
    RegistryCourseWriteSerializer,
    RegistryFamiliesReachedCreateSerializer,
    RegistryFamiliesReachedSerializer,
    RegistryFamiliesReachedUpdateSerializer,
    RegistryListParamsSerializer,
    RegistryPractitionerSerializer,
    RegistryPractitionerWriteSerializer,
    RegistryQualificationCreateSerializer,
    RegistryQualificationSerializer,
    RegistryQualificationUpdateSerializer,
    RegistryReportSerializer,
)
from laget.registry import access, services
from laget.registry.messages import MSG_UNKNOWN_PRACTITIONER
from laget.registry.models import (
    ActivityYear,
    Course,
    CourseParticipant,
    FamiliesReached,
    Practitioner,
    Qualification,
)
from laget.registry.report_filter import PARAMS, report_for

TAGS = ["registry"]
READ = (401, 403, 404)
LIST = (400, 401, 403)
CREATE = (400, 401, 403)
UPDATE = (400, 401, 403, 404)

PRACTITIONER_FIELDS = (
    "ref",
    "first_name",
    "last_name",
    "email",
    "municipality",
    "employer_name",
    "region",
)
COURSE_FIELDS = ("qualification_type", "year", "term", "status", "region", "municipality")
YEAR_FIELDS = ("active", "reason_left", "families", "supervision_hours")


def _param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.INT, description=description)


PAGE_PARAMS = [
    _param("offset", "Rows to skip."),
    _param("limit", "Most rows to return (1–500, default 500)."),
]
PRACTITIONER_PARAM = _param("practitioner", "Only this practitioner's rows.")
YEAR_PARAM = _param("year", "Only this year.")


def _body(
    serializer_class: type[serializers.Serializer[Any]], request: Request, *, partial: bool = False
) -> dict[str, Any]:
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _changed(current: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """The object's values with those of a partial body over them."""
    return {**current, **{k: v for k, v in data.items() if k in current}}


# The base of the registry endpoints. No docstring on purpose: the OpenAPI schema would show it
# as the description of every endpoint that inherits it.
class RegistryAPIView(APIView):
    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # The web's rule: no registry role, no registry (403).
        access.require_scope(request_user(request))

    @property
    def user(self) -> User:
        return request_user(self.request)

    def params(self) -> dict[str, Any]:
        serializer = RegistryListParamsSerializer(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def page(
        self, queryset: QuerySet[Any], serializer_class: type[serializers.Serializer[Any]]
    ) -> Response:
        params = self.params()
        total = queryset.count()
        start = params["offset"]
        rows = queryset[start : start + params["limit"]]
        response = Response(serializer_class(rows, many=True).data)
        response["X-Total-Count"] = str(total)
        return response

    def practitioner_in_body(self, practitioner_id: int) -> Practitioner:
        """A practitioner named in a body: one the user sees, or a field error (an id outside
        the scope reads like an unknown one)."""
        practitioner = access.practitioners_for(self.user).filter(pk=practitioner_id).first()
        if practitioner is None:
            raise ValidationError({"practitioner": MSG_UNKNOWN_PRACTITIONER})
        return practitioner


# --- Practitioners ---------------------------------------------------------------------------


def _qualifications() -> Prefetch:
    return Prefetch("qualifications", queryset=Qualification.objects.select_related("type"))


def _practitioner(user: User, practitioner_id: int) -> Practitioner:
    practitioner = access.practitioner_for(user, practitioner_id)
    prefetch_related_objects([practitioner], _qualifications())
    return practitioner


class RegistryPractitionersView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Practitioners in my registry scope",
        description="By last name. `q`: part of the last name, or the exact reference.",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Last name or reference."),
            *PAGE_PARAMS,
        ],
        responses=responses({200: RegistryPractitionerSerializer(many=True)}, LIST),
    )
    def get(self, request: Request) -> Response:
        query = (self.params().get("q") or "").strip()
        practitioners = (
            access.practitioners_for(self.user)
            .prefetch_related(_qualifications())
            .order_by("last_name", "first_name", "pk")
        )
        if query:
            practitioners = practitioners.filter(last_name__icontains=query) | practitioners.filter(
                ref__iexact=query
            )
        return self.page(practitioners, RegistryPractitionerSerializer)

    @extend_schema(
        tags=TAGS,
        summary="Register a practitioner",
        description="Employed by a municipality in your scope, or by a state or specialist "
        "service (`employer_name`) in your region.",
        request=RegistryPractitionerWriteSerializer,
        responses=responses({201: RegistryPractitionerSerializer}, CREATE),
    )
    def post(self, request: Request) -> Response:
        data = _body(RegistryPractitionerWriteSerializer, request)
        practitioner = services.practitioner_create(by=self.user, **data)
        return Response(
            RegistryPractitionerSerializer(_practitioner(self.user, practitioner.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class RegistryPractitionerView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="A practitioner with their qualifications",
        responses=responses({200: RegistryPractitionerSerializer}, READ),
    )
    def get(self, request: Request, practitioner_id: int) -> Response:
        return Response(
            RegistryPractitionerSerializer(_practitioner(self.user, practitioner_id)).data
        )

    @extend_schema(
        tags=TAGS,
        summary="Change a practitioner",
        description="Only the fields sent change; where they work must stay in your scope.",
        request=RegistryPractitionerWriteSerializer,
        responses=responses({200: RegistryPractitionerSerializer}, UPDATE),
    )
    def patch(self, request: Request, practitioner_id: int) -> Response:
        practitioner = access.practitioner_for(self.user, practitioner_id)
        data = _body(RegistryPractitionerWriteSerializer, request, partial=True)
        current = {name: getattr(practitioner, name) for name in PRACTITIONER_FIELDS}
        services.practitioner_update(
            by=self.user, practitioner=practitioner, **_changed(current, data)
        )
        return Response(
            RegistryPractitionerSerializer(_practitioner(self.user, practitioner_id)).data
        )


# --- Qualifications --------------------------------------------------------------------------


class RegistryQualificationsView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Qualifications of the practitioners in my scope",
        parameters=[PRACTITIONER_PARAM, *PAGE_PARAMS],
        responses=responses({200: RegistryQualificationSerializer(many=True)}, LIST),
    )
    def get(self, request: Request) -> Response:
        params = self.params()
        rows = access.qualifications_for(self.user).select_related("type").order_by("pk")
        if "practitioner" in params:
            rows = rows.filter(practitioner_id=params["practitioner"])
        return self.page(rows, RegistryQualificationSerializer)

    @extend_schema(
        tags=TAGS,
        summary="Record a qualification",
        description="One obtained outside a course in the registry (completing a course grants "
        "its qualification by itself). A practitioner holds each qualification once.",
        request=RegistryQualificationCreateSerializer,
        responses=responses({201: RegistryQualificationSerializer}, CREATE),
    )
    def post(self, request: Request) -> Response:
        data = _body(RegistryQualificationCreateSerializer, request)
        data["practitioner"] = self.practitioner_in_body(data["practitioner"])
        qualification = services.qualification_add(by=self.user, **data)
        return Response(
            RegistryQualificationSerializer(qualification).data, status=status.HTTP_201_CREATED
        )


class RegistryQualificationView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="A qualification",
        responses=responses({200: RegistryQualificationSerializer}, READ),
    )
    def get(self, request: Request, qualification_id: int) -> Response:
        qualification = access.qualification_for(self.user, qualification_id)
        return Response(RegistryQualificationSerializer(qualification).data)

    @extend_schema(
        tags=TAGS,
        summary="Correct a qualification's dates, or end it",
        request=RegistryQualificationUpdateSerializer,
        responses=responses({200: RegistryQualificationSerializer}, UPDATE),
    )
    def patch(self, request: Request, qualification_id: int) -> Response:
        qualification = access.qualification_for(self.user, qualification_id)
        data = _body(RegistryQualificationUpdateSerializer, request, partial=True)
        current = {"obtained_on": qualification.obtained_on, "expires_on": qualification.expires_on}
        saved = services.qualification_update(
            by=self.user, qualification=qualification, **_changed(current, data)
        )
        return Response(RegistryQualificationSerializer(saved).data)


# --- Activity years --------------------------------------------------------------------------


class RegistryActivityYearsView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Practitioners' years in the program",
        parameters=[PRACTITIONER_PARAM, YEAR_PARAM, *PAGE_PARAMS],
        responses=responses({200: RegistryActivityYearSerializer(many=True)}, LIST),
    )
    def get(self, request: Request) -> Response:
        params = self.params()
        rows = access.activity_years_for(self.user).order_by("practitioner_id", "year")
        if "practitioner" in params:
            rows = rows.filter(practitioner_id=params["practitioner"])
        if "year" in params:
            rows = rows.filter(year=params["year"])
        return self.page(rows, RegistryActivityYearSerializer)

    @extend_schema(
        tags=TAGS,
        summary="Record a practitioner's year",
        description="Active or not (with the reason for leaving), families reached and hours "
        "of supervision. A year already recorded is replaced (200); a new one answers 201.",
        request=RegistryActivityYearCreateSerializer,
        responses=responses(
            {201: RegistryActivityYearSerializer, 200: RegistryActivityYearSerializer}, CREATE
        ),
    )
    def post(self, request: Request) -> Response:
        data = _body(RegistryActivityYearCreateSerializer, request)
        practitioner = self.practitioner_in_body(data.pop("practitioner"))
        existed = ActivityYear.objects.filter(practitioner=practitioner, year=data["year"]).exists()
        row = services.activity_set(by=self.user, practitioner=practitioner, **data)
        return Response(
            RegistryActivityYearSerializer(row).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class RegistryActivityYearView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="A practitioner's year",
        responses=responses({200: RegistryActivityYearSerializer}, READ),
    )
    def get(self, request: Request, activity_year_id: int) -> Response:
        row = access.activity_year_for(self.user, activity_year_id)
        return Response(RegistryActivityYearSerializer(row).data)

    @extend_schema(
        tags=TAGS,
        summary="Change a practitioner's year",
        request=RegistryActivityYearUpdateSerializer,
        responses=responses({200: RegistryActivityYearSerializer}, UPDATE),
    )
    def patch(self, request: Request, activity_year_id: int) -> Response:
        row = access.activity_year_for(self.user, activity_year_id)
        data = _body(RegistryActivityYearUpdateSerializer, request, partial=True)
        current = {name: getattr(row, name) for name in YEAR_FIELDS}
        saved = services.activity_year_update(
            by=self.user, activity_year=row, **_changed(current, data)
        )
        return Response(RegistryActivityYearSerializer(saved).data)


# --- Courses ---------------------------------------------------------------------------------


def _participants() -> Prefetch:
    return Prefetch(
        "courseparticipant_set",
        queryset=CourseParticipant.objects.select_related("practitioner").order_by("pk"),
    )


def _course(user: User, course_id: int) -> Course:
    course = access.course_for(user, course_id)
    prefetch_related_objects([course], _participants())
    return course


class RegistryCoursesView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Courses held in my registry scope",
        parameters=[YEAR_PARAM, *PAGE_PARAMS],
        responses=responses({200: RegistryCourseSerializer(many=True)}, LIST),
    )
    def get(self, request: Request) -> Response:
        params = self.params()
        courses = (
            access.courses_for(self.user)
            .prefetch_related(_participants())
            .order_by("-year", "term", "pk")
        )
        if "year" in params:
            courses = courses.filter(year=params["year"])
        return self.page(courses, RegistryCourseSerializer)

    @extend_schema(
        tags=TAGS,
        summary="Create a course",
        description="Held in your region or one of your municipalities; with `participants`, "
        "they are added in the same transaction.",
        request=RegistryCourseWriteSerializer,
        responses=responses({201: RegistryCourseSerializer}, CREATE),
    )
    def post(self, request: Request) -> Response:
        data = _body(RegistryCourseWriteSerializer, request)
        participants = data.pop("participants", None)
        with transaction.atomic():
            course = services.course_create(by=self.user, **data)
            if participants is not None:
                services.course_participants_set(
                    by=self.user, course=course, practitioner_ids=participants
                )
        return Response(
            RegistryCourseSerializer(_course(self.user, course.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class RegistryCourseView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="A course with its participants",
        responses=responses({200: RegistryCourseSerializer}, READ),
    )
    def get(self, request: Request, course_id: int) -> Response:
        return Response(RegistryCourseSerializer(_course(self.user, course_id)).data)

    @extend_schema(
        tags=TAGS,
        summary="Change a course or its participants",
        description="Only the fields sent change. Participants cannot change once the course "
        "is completed.",
        request=RegistryCourseWriteSerializer,
        responses=responses({200: RegistryCourseSerializer}, UPDATE),
    )
    def patch(self, request: Request, course_id: int) -> Response:
        course = access.course_for(self.user, course_id)
        data = _body(RegistryCourseWriteSerializer, request, partial=True)
        participants = data.pop("participants", None)
        current = {name: getattr(course, name) for name in COURSE_FIELDS}
        with transaction.atomic():
            if data:
                services.course_update(by=self.user, course=course, **_changed(current, data))
            if participants is not None:
                services.course_participants_set(
                    by=self.user, course=course, practitioner_ids=participants
                )
        return Response(RegistryCourseSerializer(_course(self.user, course_id)).data)


class RegistryCourseCompleteView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Complete a course",
        description="The course is marked completed and the participants who completed it get "
        "its qualification (once: one already held is kept).",
        request=RegistryCourseCompleteSerializer,
        responses=responses({200: RegistryCourseCompletedSerializer}, UPDATE),
    )
    def post(self, request: Request, course_id: int) -> Response:
        course = access.course_for(self.user, course_id)
        data = _body(RegistryCourseCompleteSerializer, request)
        granted = services.course_complete(
            by=self.user, course=course, completed_ids=data["completed"], on=data["completed_on"]
        )
        body = {"course": _course(self.user, course_id), "granted": granted}
        return Response(RegistryCourseCompletedSerializer(body).data)


# --- Families reached ------------------------------------------------------------------------


class RegistryFamiliesReachedListView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Families reached in my registry scope",
        parameters=[YEAR_PARAM, _param("municipality", "Only this municipality."), *PAGE_PARAMS],
        responses=responses({200: RegistryFamiliesReachedSerializer(many=True)}, LIST),
    )
    def get(self, request: Request) -> Response:
        params = self.params()
        rows = access.families_for(self.user).order_by("-year", "municipality_id", "pk")
        if "year" in params:
            rows = rows.filter(year=params["year"])
        if "municipality" in params:
            rows = rows.filter(municipality_id=params["municipality"])
        return self.page(rows, RegistryFamiliesReachedSerializer)

    @extend_schema(
        tags=TAGS,
        summary="Record families reached",
        description="The municipality's count for an intervention and year, registered or "
        "estimated (kept apart). A count already recorded is replaced (200); a new one "
        "answers 201.",
        request=RegistryFamiliesReachedCreateSerializer,
        responses=responses(
            {201: RegistryFamiliesReachedSerializer, 200: RegistryFamiliesReachedSerializer},
            CREATE,
        ),
    )
    def post(self, request: Request) -> Response:
        data = _body(RegistryFamiliesReachedCreateSerializer, request)
        existed = FamiliesReached.objects.filter(
            intervention=data["intervention"],
            municipality=data["municipality"],
            year=data["year"],
            kind=data["kind"],
            case=None,
        ).exists()
        row = services.families_count_set(by=self.user, **data)
        return Response(
            RegistryFamiliesReachedSerializer(row).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class RegistryFamiliesReachedView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="A count of families reached",
        responses=responses({200: RegistryFamiliesReachedSerializer}, READ),
    )
    def get(self, request: Request, families_reached_id: int) -> Response:
        row = access.families_reached_for(self.user, families_reached_id)
        return Response(RegistryFamiliesReachedSerializer(row).data)

    @extend_schema(
        tags=TAGS,
        summary="Correct a count of families reached",
        request=RegistryFamiliesReachedUpdateSerializer,
        responses=responses({200: RegistryFamiliesReachedSerializer}, UPDATE),
    )
    def patch(self, request: Request, families_reached_id: int) -> Response:
        row = access.families_reached_for(self.user, families_reached_id)
        data = _body(RegistryFamiliesReachedUpdateSerializer, request, partial=True)
        saved = services.families_count_update(
            by=self.user, row=row, count=data.get("count", row.count)
        )
        return Response(RegistryFamiliesReachedSerializer(saved).data)


# --- The report ------------------------------------------------------------------------------


class RegistryReportView(RegistryAPIView):
    @extend_schema(
        tags=TAGS,
        summary="The registry report",
        description="The figures of the web report (/register/rapport/) for the same filter: "
        "competence, practitioners per intervention, families reached. `area`: empty for "
        "your whole scope, `r:<region>` or `m:<municipality id>`; outside your scope: 404.",
        parameters=[
            OpenApiParameter("program", OpenApiTypes.STR, description="The program's slug."),
            OpenApiParameter("area", OpenApiTypes.STR, description="'', r:<region>, m:<id>."),
            OpenApiParameter("year", OpenApiTypes.INT, description="The year of 'active'."),
            OpenApiParameter("term", OpenApiTypes.STR, description="V or H: the term of 'new'."),
            OpenApiParameter("term_year", OpenApiTypes.INT, description="The term's year."),
        ],
        responses=responses({200: RegistryReportSerializer}, (400, 401, 403, 404)),
    )
    def get(self, request: Request) -> Response:
        params = {k: request.query_params[k] for k in PARAMS if k in request.query_params}
        report, form = report_for(self.user, params)
        if report is None:
            raise ValidationError(
                {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            )
        return Response(RegistryReportSerializer(report).data)
