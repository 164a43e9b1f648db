"""Consents as the API shows them, and the bodies of consent requests."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from laget.api.serializers.common import ReadSerializer, StrictSerializer, id_field
from laget.cases.access import CaseAccess
from laget.consent.models import Consent, ConsentEvent, ConsentParty
from laget.consent.rules import (
    FAMILY_ACTIONS,
    STAFF_ACTIONS,
    care_actions,
    care_party_for,
    consent_actions,
)


class ConsentPartySerializer(ReadSerializer[ConsentParty]):
    who = serializers.CharField(source="label", read_only=True)

    class Meta:
        model = ConsentParty
        fields = [
            "id",
            "who",
            "guardian",
            "is_child",
            "care_unit",
            "response",
            "responded_at",
            "channel",
        ]
        read_only_fields = fields


class ConsentEventSerializer(ReadSerializer[ConsentEvent]):
    class Meta:
        model = ConsentEvent
        fields = ["kind", "at", "party", "channel", "language", "expires_on", "note"]
        read_only_fields = fields


class ConsentSerializer(ReadSerializer[Consent]):
    state = serializers.CharField(source="effective_state", read_only=True)
    parties = ConsentPartySerializer(many=True, read_only=True)
    events = ConsentEventSerializer(many=True, read_only=True)
    actions = serializers.SerializerMethodField(
        help_text="What you may register now (the consent's state, the same rule the endpoints "
        "apply); empty unless you coordinate the case and it is open."
    )
    care_actions = serializers.SerializerMethodField(
        help_text="Under a care order: what you may answer for child welfare, which holds the "
        "care (on the staff consent page); empty unless you work in that unit and take part."
    )

    class Meta:
        model = Consent
        fields = [
            "id",
            "reference",
            "purpose",
            "units",
            "state",
            "by_child",
            "for_guardian",
            "expires_on",
            "requested_at",
            "given_at",
            "withdrawn_at",
            "parties",
            "events",
            "actions",
            "care_actions",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.ListField(
            child=serializers.ChoiceField(choices=sorted(a.value for a in STAFF_ACTIONS))
        )
    )
    def get_actions(self, consent: Consent) -> list[str]:
        access: CaseAccess | None = self.context.get("access")
        if access is None or not access.can_coordinate:
            return []
        return sorted(consent_actions(consent, by_family=False))

    @extend_schema_field(
        serializers.ListField(
            child=serializers.ChoiceField(choices=sorted(a.value for a in FAMILY_ACTIONS))
        )
    )
    def get_care_actions(self, consent: Consent) -> list[str]:
        access: CaseAccess | None = self.context.get("access")
        unit_ids: frozenset[int] = self.context.get("unit_ids", frozenset())
        if access is None:
            return []
        return sorted(care_actions(consent, care_party_for(consent, access, unit_ids)))


class ConsentRequestSerializer(StrictSerializer):
    units = serializers.ListField(child=id_field(), allow_empty=False)
    purpose = serializers.CharField(max_length=2000)
    expires_on = serializers.DateField(required=False, allow_null=True, default=None)
    for_guardian = id_field(
        required=False,
        allow_null=True,
        default=None,
        help_text="A family member of the case (a guardian record): the consent is for their "
        "own help, and they alone are its party. Leave out for the case's consent.",
    )


class PartyChoiceSerializer(StrictSerializer):
    party = id_field()
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class PaperConsentSerializer(StrictSerializer):
    party = id_field()
    scanned_copy = serializers.FileField()


class RenewSerializer(StrictSerializer):
    expires_on = serializers.DateField(allow_null=True)
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
