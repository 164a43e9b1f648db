"""Logging in for a token."""

from typing import Any

from rest_framework import serializers

from laget.api.serializers.orgs import UserSerializer


class LoginSerializer(serializers.Serializer[Any]):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField(allow_null=True, help_text="Null: valid until logout.")
    user = UserSerializer()
