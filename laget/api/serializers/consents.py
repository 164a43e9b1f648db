"""Consents as the API shows them, and the bodies of consent requests."""

from typing import Any

from rest_framework import serializers

from laget.consent.models import Consent, ConsentEvent, ConsentParty


class ConsentPartySerializer(serializers.ModelSerializer[ConsentParty]):
    who = serializers.CharField(source="label", read_only=True)

    class Meta:
        model = ConsentParty
        fields = ["id", "who", "guardian", "is_child", "response", "responded_at", "channel"]
        read_only_fields = fields


class ConsentEventSerializer(serializers.ModelSerializer[ConsentEvent]):
    class Meta:
        model = ConsentEvent
        fields = ["kind", "at", "party", "channel", "language", "expires_on", "note"]
        read_only_fields = fields


class ConsentSerializer(serializers.ModelSerializer[Consent]):
    state = serializers.CharField(source="effective_state", read_only=True)
    parties = ConsentPartySerializer(many=True, read_only=True)
    events = ConsentEventSerializer(many=True, read_only=True)

    class Meta:
        model = Consent
        fields = [
            "id",
            "reference",
            "purpose",
            "units",
            "state",
            "by_child",
            "expires_on",
            "requested_at",
            "given_at",
            "withdrawn_at",
            "parties",
            "events",
        ]
        read_only_fields = fields


class ConsentRequestSerializer(serializers.Serializer[Any]):
    units = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    purpose = serializers.CharField(max_length=2000)
    expires_on = serializers.DateField(required=False, allow_null=True, default=None)


class PartyChoiceSerializer(serializers.Serializer[Any]):
    party = serializers.IntegerField()
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class PaperConsentSerializer(serializers.Serializer[Any]):
    party = serializers.IntegerField()
    scanned_copy = serializers.FileField()


class RenewSerializer(serializers.Serializer[Any]):
    expires_on = serializers.DateField(allow_null=True)
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
