"""Logging in for a token."""

from typing import Any

from rest_framework import serializers

from laget.api.serializers.common import StrictSerializer
from laget.api.serializers.orgs import UserSerializer


class LoginSerializer(StrictSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=32,
        required=False,
        allow_blank=True,
        help_text=(
            "The code from the user's authenticator app, or one of their recovery codes (used "
            "up). Required when the user has set up an authenticator."
        ),
    )


class TokenSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField(
        allow_null=True, help_text="When the token stops working (LAGET_TOKEN_HOURS after login)."
    )
    user = UserSerializer()
