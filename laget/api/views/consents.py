"""A case's consents: request, read with history, register paper answers and withdrawals,
renew, and the ISO/IEC TS 27560 record."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from laget.accounts.models import User
from laget.api.schema import READ, errors, responses
from laget.api.serializers.consents import (
    ConsentRequestSerializer,
    ConsentSerializer,
    PaperConsentSerializer,
    PartyChoiceSerializer,
    RenewSerializer,
)
from laget.api.views.common import CaseAPIView, validated
from laget.cases.access import CaseAccess, Need
from laget.consent import services
from laget.consent.export import consent_record
from laget.consent.forms import MAX_SCAN_BYTES, MSG_SCAN_TOO_BIG, MSG_SCAN_TYPE, SCAN_TYPES
from laget.consent.messages import MSG_NOT_A_PARTY
from laget.consent.models import Channel, Consent, ConsentParty
from laget.consent.selectors import consents_for_case
from laget.orgs.selectors import staff_profile

TAGS = ["consents"]


def _consent(access: CaseAccess, consent_id: int) -> Consent:
    consent = next((c for c in consents_for_case(access.case) if c.pk == consent_id), None)
    if consent is None:
        raise Http404
    return consent


def _context(access: CaseAccess, user: User) -> dict[str, Any]:
    """What the serializer needs for the actions the user may take now."""
    return {"access": access, "unit_ids": staff_profile(user).unit_ids}


def _data(access: CaseAccess, user: User, consent_id: int) -> dict[str, Any]:
    """The consent as the API shows it, with the actions the user may register now."""
    return ConsentSerializer(_consent(access, consent_id), context=_context(access, user)).data


def _party(consent: Consent, party_id: int) -> ConsentParty:
    party = next((p for p in consent.parties.all() if p.pk == party_id), None)
    if party is None:
        raise ValidationError({"party": MSG_NOT_A_PARTY})
    return party


class ConsentsView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="The case's consents",
        responses={200: ConsentSerializer(many=True), **errors(*READ)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        access = self.case(case_id)
        consents = consents_for_case(access.case)
        context = _context(access, self.user)
        return Response(ConsentSerializer(consents, many=True, context=context).data)

    @extend_schema(
        tags=TAGS,
        summary="Ask the family for consent",
        description="The guardians with parental responsibility, or from the age "
        "limit the child, or under a care order child welfare (and the child from the age "
        "limit), are asked to consent to the named units taking part. With `for_guardian`, "
        "the consent is for that family member's own help, and they alone are asked.",
        request=ConsentRequestSerializer,
        responses=responses({201: ConsentSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        data = validated(ConsentRequestSerializer, request)
        consent = services.consent_request(
            actor=self.actor,
            access=access,
            unit_ids=data["units"],
            purpose=data["purpose"],
            expires_on=data["expires_on"],
            for_guardian_id=data["for_guardian"],
        )
        return Response(_data(access, self.user, consent.pk), status=status.HTTP_201_CREATED)


class ConsentView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="One consent with its history",
        responses={200: ConsentSerializer, **errors(*READ)},
    )
    def get(self, request: Request, case_id: int, consent_id: int) -> Response:
        return Response(_data(self.case(case_id), self.user, consent_id))


class ConsentRecordView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="The consent as an ISO/IEC TS 27560 record (JSON-LD)",
        responses={200: OpenApiTypes.OBJECT, **errors(*READ)},
    )
    def get(self, request: Request, case_id: int, consent_id: int) -> Response:
        return Response(consent_record(_consent(self.case(case_id), consent_id)))


class ConsentWithdrawView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Register that a party withdrew the consent",
        request=PartyChoiceSerializer,
        responses=responses({200: ConsentSerializer}),
    )
    def post(self, request: Request, case_id: int, consent_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        consent = _consent(access, consent_id)
        data = validated(PartyChoiceSerializer, request)
        party = _party(consent, data["party"])
        services.consent_withdraw(
            actor=self.actor,
            consent=consent,
            guardian=party.guardian,
            child=party.is_child,
            note=data["note"],
        )
        return Response(_data(access, self.user, consent_id))


class ConsentPaperView(CaseAPIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        tags=TAGS,
        summary="Register a consent given on paper, with the scanned copy",
        request={"multipart/form-data": PaperConsentSerializer},
        responses=responses({200: ConsentSerializer}),
    )
    def post(self, request: Request, case_id: int, consent_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        consent = _consent(access, consent_id)
        data: dict[str, Any] = validated(PaperConsentSerializer, request)
        upload = data["scanned_copy"]
        if upload.size > MAX_SCAN_BYTES:
            raise ValidationError({"scanned_copy": MSG_SCAN_TOO_BIG})
        if getattr(upload, "content_type", "") not in SCAN_TYPES:
            raise ValidationError({"scanned_copy": MSG_SCAN_TYPE})
        party = _party(consent, data["party"])
        services.consent_give(
            actor=self.actor,
            consent=consent,
            guardian=party.guardian,
            child=party.is_child,
            channel=Channel.PAPER,
            scanned_copy=upload,
        )
        return Response(_data(access, self.user, consent_id))


class ConsentRenewView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Renew a given or expired consent",
        request=RenewSerializer,
        responses=responses({200: ConsentSerializer}),
    )
    def post(self, request: Request, case_id: int, consent_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        consent = _consent(access, consent_id)
        data = validated(RenewSerializer, request)
        services.consent_renew(
            actor=self.actor,
            access=access,
            consent=consent,
            expires_on=data["expires_on"],
            note=data["note"],
        )
        return Response(_data(access, self.user, consent_id))
