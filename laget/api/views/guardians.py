"""Guardians of the person a case is about."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from laget.api.schema import READ, errors, responses
from laget.api.serializers.guardians import GuardianCreateSerializer, GuardianSerializer
from laget.api.views.common import CaseAPIView, validated
from laget.cases.access import Need
from laget.cases.services.guardians import guardian_add
from laget.people.models import by_name

TAGS = ["guardians"]


class GuardiansView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Guardians of the case's subject",
        description=(
            "Empty while the case is not tied to a person. Phone, e-mail and national id are "
            "given to those who coordinate the case (stafettholder, unit leader) and are null "
            "for other participants."
        ),
        responses={200: GuardianSerializer(many=True), **errors(*READ)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        access = self.case(case_id)
        subject = access.case.subject
        guardians = by_name(subject.guardians.all()) if subject else []
        context = {"sees_contact": access.sees_family_contact}
        return Response(GuardianSerializer(guardians, many=True, context=context).data)

    @extend_schema(
        tags=TAGS,
        summary="Add a guardian",
        request=GuardianCreateSerializer,
        responses=responses({201: GuardianSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        data = validated(GuardianCreateSerializer, request)
        guardian = guardian_add(actor=self.actor, access=access, **data)
        context = {"sees_contact": access.sees_family_contact}
        return Response(
            GuardianSerializer(guardian, context=context).data, status=status.HTTP_201_CREATED
        )
