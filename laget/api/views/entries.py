"""Log entries: write, read, and correct one's own (with the version read)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from laget.api.schema import READ, conflict, errors, responses
from laget.api.serializers.entries import (
    EntryCreateSerializer,
    EntrySerializer,
    EntryUpdateSerializer,
)
from laget.api.views.common import CaseAPIView, validated
from laget.cases.access import CaseAccess, Need
from laget.cases.models import Entry
from laget.cases.services.entries import entry_create, entry_update

TAGS = ["entries"]


def _entries(access: CaseAccess) -> QuerySet[Entry]:
    return access.case.entries.select_related("author", "author_unit", "author_guardian")


class EntriesView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="The case's log, newest first",
        responses={200: EntrySerializer(many=True), **errors(*READ)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        return Response(EntrySerializer(_entries(self.case(case_id)), many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Write an entry",
        request=EntryCreateSerializer,
        responses=responses({201: EntrySerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.WRITE)
        data = validated(EntryCreateSerializer, request, access=access)
        entry = entry_create(
            actor=self.actor,
            access=access,
            kind=data["kind"],
            text=data["text"],
            audience=data["audience"],
            meeting_id=data["meeting"],
        )
        return Response(EntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class EntryView(CaseAPIView):
    @extend_schema(tags=TAGS, summary="An entry", responses={200: EntrySerializer, **errors(*READ)})
    def get(self, request: Request, case_id: int, entry_id: int) -> Response:
        entry = get_object_or_404(_entries(self.case(case_id)), pk=entry_id)
        return Response(EntrySerializer(entry).data)

    @extend_schema(
        tags=TAGS,
        summary="Correct an entry (its author only)",
        description="Send the `version` you read; if someone saved since, the answer is 409 "
        "with the entry as now saved, and nothing is changed.",
        request=EntryUpdateSerializer,
        responses=responses({200: EntrySerializer}, stale=conflict("Entry", EntrySerializer)),
    )
    def patch(self, request: Request, case_id: int, entry_id: int) -> Response:
        access = self.write_access(case_id, Need.WRITE)
        entry = get_object_or_404(_entries(access), pk=entry_id)
        data = validated(EntryUpdateSerializer, request)
        version = data.pop("version")
        with self.showing_conflicts(access):
            entry = entry_update(
                actor=self.actor, access=access, entry=entry, expected_version=version, **data
            )
        return Response(EntrySerializer(entry).data)
