"""Access that ends and access that waits, through the API: ending a membership, deactivating
a user, giving an existing user a membership, accepting or declining a pending one, and the
review of every grant. The same services as the web pages (laget/orgs/services.py).

A membership or user the caller may not act on is 404, like a missing one; the lists are 403
for those with no part in them.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from laget.accounts.models import User
from laget.api.permissions import ManagesStaff, request_user
from laget.api.schema import errors, responses
from laget.api.serializers.common import NoBody
from laget.api.serializers.orgs import (
    DeactivatedUserSerializer,
    GrantSerializer,
    GrantsParamsSerializer,
    MembershipAddSerializer,
)
from laget.api.views.common import query, validated
from laget.audit.models import Via
from laget.cases.messages import MSG_UNKNOWN_UNIT
from laget.orgs import services
from laget.orgs.models import Membership, Unit
from laget.orgs.selectors import (
    deactivations,
    grants,
    memberships_to_accept,
    reviewed_municipalities,
    staff_profile,
)

TAGS = ["organisation"]
# Object routes: 404 for what the caller may not act on, 400 for a refusal with a reason.
OBJECT_ERRORS = (400, 401, 403, 404)


def _membership(membership_id: int) -> Membership:
    membership = Membership.objects.filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    return membership


def _grant_response(membership: Membership) -> Response:
    row = Membership.objects.select_related("user", "unit", "created_by", "accepted_by").get(
        pk=membership.pk
    )
    return Response(GrantSerializer(row).data)


class MembershipEndView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="End a membership",
        description=(
            "A unit leader ends the employees of their unit, the municipal admin any membership "
            "of the municipality. The person's participations through it, their sessions and "
            "their API tokens end at once; each case's stafettholder is told. The row stays."
        ),
        request=None,
        responses=responses({200: GrantSerializer}, OBJECT_ERRORS),
    )
    def post(self, request: Request, membership_id: int) -> Response:
        validated(NoBody, request)
        membership = services.membership_end(
            by=request_user(request), membership=_membership(membership_id), via=Via.API
        )
        return _grant_response(membership)


class MembershipAcceptView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Accept a pending membership (the second person)",
        description=(
            "A leader of the unit accepts, or another admin when the unit has no leader; never "
            "the one who created it or the person it is for."
        ),
        request=None,
        responses=responses({200: GrantSerializer}, OBJECT_ERRORS),
    )
    def post(self, request: Request, membership_id: int) -> Response:
        validated(NoBody, request)
        membership = services.membership_accept(
            by=request_user(request), membership=_membership(membership_id), via=Via.API
        )
        return _grant_response(membership)


class MembershipDeclineView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Decline a pending membership",
        request=None,
        responses=responses({200: GrantSerializer}, OBJECT_ERRORS),
    )
    def post(self, request: Request, membership_id: int) -> Response:
        validated(NoBody, request)
        membership = services.membership_decline(
            by=request_user(request), membership=_membership(membership_id), via=Via.API
        )
        return _grant_response(membership)


class MembershipsPendingView(APIView):
    permission_classes = [*APIView.permission_classes, ManagesStaff]

    @extend_schema(
        tags=TAGS,
        summary="Pending memberships I may accept or decline",
        responses={200: GrantSerializer(many=True), **errors(401, 403)},
    )
    def get(self, request: Request) -> Response:
        rows = memberships_to_accept(request_user(request)).select_related(
            "accepted_by", "ended_by"
        )
        return Response(GrantSerializer(rows, many=True).data)


class UserDeactivateView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Deactivate a user",
        description=(
            "For a user whose every active membership the caller manages. The account, every "
            "membership, participation, session and API token end at once."
        ),
        request=None,
        responses=responses({200: DeactivatedUserSerializer}, OBJECT_ERRORS),
    )
    def post(self, request: Request, user_id: int) -> Response:
        validated(NoBody, request)
        target = User.objects.filter(pk=user_id).first()
        if target is None:
            raise Http404
        user = services.user_deactivate(by=request_user(request), user=target, via=Via.API)
        return Response(DeactivatedUserSerializer(user).data)


class UserSignOutView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Sign a user out everywhere",
        description=(
            "For a user whose every active membership the caller manages (as for deactivation). "
            "Every browser session and API token of the user ends; the account and its access "
            "stay."
        ),
        request=None,
        responses=responses(
            {204: OpenApiResponse(description="Signed out everywhere.")}, OBJECT_ERRORS
        ),
    )
    def post(self, request: Request, user_id: int) -> Response:
        validated(NoBody, request)
        target = User.objects.filter(pk=user_id).first()
        if target is None:
            raise Http404
        services.user_sign_out(by=request_user(request), user=target, via=Via.API)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MembershipAddView(APIView):
    permission_classes = [*APIView.permission_classes, ManagesStaff]

    @extend_schema(
        tags=TAGS,
        summary="Give an existing user a role in a unit",
        description=(
            "For someone who already has a place in the municipality (e.g. who moved unit). "
            "Given by anyone but a leader of the unit, it is pending until a second person "
            "accepts it."
        ),
        request=MembershipAddSerializer,
        responses=responses({201: GrantSerializer}, (400, 401, 403, 404)),
    )
    def post(self, request: Request, user_id: int) -> Response:
        by = request_user(request)
        target = User.objects.filter(pk=user_id).first()
        if target is None:
            raise Http404
        data = validated(MembershipAddSerializer, request)
        unit = (
            Unit.objects.select_related("municipality")
            .filter(
                pk=data["unit"],
                municipality_id__in=staff_profile(by).municipality_ids,
                is_active=True,
            )
            .first()
        )
        if unit is None:
            raise ValidationError({"unit": MSG_UNKNOWN_UNIT})
        membership = services.membership_add(
            by=by, user=target, unit=unit, role=data["role"], title=data["title"], via=Via.API
        )
        response = _grant_response(membership)
        response.status_code = 201
        return response


class GrantsView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The review of grants (privacy officer, municipal admin)",
        description=(
            "Every membership given in my municipalities, newest first, in every state, and "
            "the deactivated users. Paged with `limit` and `offset`."
        ),
        parameters=[GrantsParamsSerializer],
        responses={
            200: inline_serializer(
                name="GrantsPage",
                fields={
                    "count": serializers.IntegerField(),
                    "results": GrantSerializer(many=True),
                    "deactivated": DeactivatedUserSerializer(many=True),
                },
            ),
            **errors(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        municipalities = reviewed_municipalities(request_user(request))
        if not municipalities:
            raise PermissionDenied
        page = query(GrantsParamsSerializer, request)
        every = grants(municipalities)
        rows = every[page["offset"] : page["offset"] + page["limit"]]
        return Response(
            {
                "count": every.count(),
                "results": GrantSerializer(rows, many=True).data,
                "deactivated": DeactivatedUserSerializer(
                    deactivations(municipalities)[:100], many=True
                ).data,
            }
        )
