"""Token login and logout for scripts. Browsers use the session (CSRF enforced)."""

from typing import Any

from django.contrib.auth import authenticate, logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from laget.api.schema import errors
from laget.api.serializers.auth import LoginSerializer, TokenSerializer
from laget.api.serializers.common import NoBody
from laget.api.views.common import validated
from laget.lib.client import client_address
from laget.signin.second_factor import token_login_refusal

# Never says whether the username or the password was wrong.
MSG_BAD_LOGIN = _("Feil brukernavn eller passord.")
# Override with REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"].
LOGIN_RATE = "10/min"


class LoginRateThrottle(AnonRateThrottle):
    """Login attempts per client address."""

    scope = "login"

    def get_ident(self, request: Request) -> str:
        # The same address the lockout keys on (django-axes): never a header the client sets.
        return client_address(request._request)

    def get_rate(self) -> str:
        rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES or {}
        return rates.get(self.scope) or LOGIN_RATE


class TokenView(APIView):
    # No authentication: every attempt counts as anonymous, so the throttle always applies.
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [LoginRateThrottle]

    @extend_schema(
        tags=["auth"],
        summary="Log in for a token",
        request=LoginSerializer,
        responses={200: TokenSerializer, **errors(400, 429)},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = validated(LoginSerializer, request)
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if user is None:
            raise serializers.ValidationError(str(MSG_BAD_LOGIN))
        # The browser's rule for the second factor (laget/signin/second_factor.py).
        refusal = token_login_refusal(user, data.get("otp", ""))
        if refusal is not None:
            raise serializers.ValidationError({"otp": [str(refusal)]})
        instance, token = AuthToken.objects.create(user=user)
        user_logged_in.send(sender=type(user), request=request._request, user=user)
        body = {"token": token, "expiry": instance.expiry, "user": user}
        return Response(TokenSerializer(body).data)


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["auth"],
        summary="Log out: revoke this token (or end this session)",
        request=None,
        responses={204: OpenApiResponse(description="Logged out."), **errors(400, 401)},
    )
    def post(self, request: Request) -> Response:
        validated(NoBody, request)
        user = request.user
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        else:
            logout(request._request)
        user_logged_out.send(sender=type(user), request=request._request, user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)
