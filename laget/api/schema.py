"""OpenAPI descriptions of the error responses, so that the schema lists every body a client
can get back (see errors.py for the format)."""

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

from laget.api.serializers.common import (
    DetailSerializer,
    ErrorsSerializer,
    VersionedPatchSerializer,
)

_DESCRIPTIONS = {
    400: "Invalid input: the messages by field (nothing was saved).",
    401: "Not logged in: send `Authorization: Token <key>` or a session cookie.",
    403: "The case is visible to you, but your role does not allow this action.",
    404: "No such object, or one you may not see (the same body for both).",
    429: "Too many attempts; try again later.",
}

# The usual sets of errors of an endpoint.
READ = (401, 404)
WRITE = (400, 401, 403, 404)


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(
            response=ErrorsSerializer if code == 400 else DetailSerializer,
            description=_DESCRIPTIONS[code],
        )
        for code in codes
    }


def conflict(name: str, current: type[serializers.Serializer[Any]]) -> dict[int, OpenApiResponse]:
    """409 for a stale `version`: the message and the object as now saved."""
    body = inline_serializer(
        name=f"{name}Conflict",
        fields={"detail": serializers.CharField(), "current": current()},
    )
    return {
        409: OpenApiResponse(
            response=body,
            description="Someone else saved a newer version; `current` shows it. Nothing saved.",
        )
    }


def responses(
    ok: dict[int, Any],
    codes: tuple[int, ...] = WRITE,
    *,
    stale: dict[int, OpenApiResponse] | None = None,
) -> dict[int, Any]:
    """The success responses plus the error responses `codes` (and a 409 from `conflict`)."""
    return {**ok, **errors(*codes), **(stale or {})}


class VersionedPatchExtension(OpenApiSerializerExtension):
    """A PATCH body is partial, except for the `version` the client read: say so in the schema
    (drf-spectacular marks every field of a PATCH body optional)."""

    target_class = VersionedPatchSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema: Any, direction: Any) -> Any:
        schema = auto_schema._map_basic_serializer(self.target, direction)
        if direction == "request" and "version" not in schema.get("required", []):
            schema["required"] = ["version", *schema.get("required", [])]
        return schema
