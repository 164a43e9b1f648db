"""OpenAPI descriptions of the error responses, so that the schema lists every body a client
can get back (see errors.py for the format), and of the request bodies, as strict as the API is.
The schema and the behaviour are checked against each other by laget/api/tests/test_fuzz.py."""

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

from laget.api.serializers.common import (
    DetailSerializer,
    ErrorsSerializer,
    StrictSerializer,
    VersionedPatchSerializer,
)

_DESCRIPTIONS = {
    400: "Invalid input: the messages by field (nothing was saved).",
    401: "Not logged in: send `Authorization: Token <key>` or a session cookie.",
    403: "The case is visible to you, but your role does not allow this action.",
    404: "No such object, or one you may not see (the same body for both).",
    413: "The body is larger than the server reads (DATA_UPLOAD_MAX_MEMORY_SIZE).",
    415: "The body is not of a media type the endpoint takes (JSON, or the upload's form).",
    429: "Too many attempts; try again later.",
}

# What every operation that reads a body can answer besides its own responses.
BODY = (413, 415)

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


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's, with the answers every body-reading operation can give (BODY), so
    that no endpoint has to remember them."""

    def _get_response_bodies(self, direction: Any = "response") -> Any:
        bodies = super()._get_response_bodies(direction)
        if self.method in ("POST", "PUT", "PATCH"):
            for code, response in errors(*BODY).items():
                if str(code) not in bodies:
                    bodies[str(code)] = self._get_response_for_code(
                        response, str(code), direction=direction
                    )
        return bodies


class StrictSerializerExtension(OpenApiSerializerExtension):
    """A request body takes no other properties than it lists (StrictSerializer refuses them);
    a PATCH body is partial, except for the `version` the client read (drf-spectacular marks
    every field of a PATCH body optional)."""

    target_class = StrictSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema: Any, direction: Any) -> Any:
        schema = auto_schema._map_basic_serializer(self.target, direction)
        if direction != "request":
            return schema
        schema["additionalProperties"] = False
        versioned = isinstance(self.target, VersionedPatchSerializer)
        if versioned and "version" not in schema.get("required", []):
            schema["required"] = ["version", *schema.get("required", [])]
        return schema
