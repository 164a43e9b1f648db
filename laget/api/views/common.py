"""What every case endpoint shares: the case through case_for, the audit actor, validation."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from laget.accounts.models import User
from laget.api.permissions import api_actor, api_case, request_user
from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess, Need
from laget.lib.concurrency import ConflictError


def validated(
    serializer_class: type[serializers.Serializer[Any]], request: Request, **context: Any
) -> dict[str, Any]:
    """The request body, validated; a 400 naming the fields otherwise."""
    serializer = serializer_class(data=request.data, context={"request": request, **context})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def query(serializer_class: type[serializers.Serializer[Any]], request: Request) -> dict[str, Any]:
    """The query parameters, validated: a 400 naming the parameter otherwise (a boolean is
    true/false/1/0, never "null"). The same serializer lists them in the schema
    (`extend_schema(parameters=[serializer_class])`)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# The base of the endpoints under /cases/{case_id}/. No docstring on purpose: the OpenAPI
# schema would show it as the description of every endpoint that inherits it.
class CaseAPIView(APIView):
    @property
    def user(self) -> User:
        return request_user(self.request)

    @property
    def actor(self) -> Actor:
        return api_actor(self.request)

    def case(self, case_id: int, need: Need = Need.READ, *, audit: bool = True) -> CaseAccess:
        return api_case(self.request, case_id, need, audit=audit)

    def write_access(self, case_id: int, need: Need) -> CaseAccess:
        """For a write: the service records it in the audit, so case_for does not."""
        return self.case(case_id, need, audit=False)

    @contextmanager
    def showing_conflicts(self, access: CaseAccess) -> Iterator[None]:
        """A stale save answers with the object as now saved: that is a read, so audit it."""
        try:
            yield
        except ConflictError as exc:
            current = exc.current
            audit_record(
                actor=self.actor,
                action=AuditAction.READ,
                object_type=current._meta.model_name or "",
                object_id=current.pk,
                case_id=access.case.pk,
            )
            raise
