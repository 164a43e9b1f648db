"""Fields and shapes shared by every area: long text, error bodies, the version of a PATCH."""

from typing import Any

from django.conf import settings
from rest_framework import serializers

# The largest id the database holds (a bigint); a bigger number is refused with 400, not
# handed to the database (which answers with an error, a 500).
MAX_ID = 2**63 - 1


def id_field(**kwargs: Any) -> serializers.IntegerField:
    """An object's id in a request body: a positive bigint."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def long_text(**kwargs: Any) -> serializers.CharField:
    """Free text in the log (entries, goals, minutes): capped at settings.LAGET_MAX_TEXT."""
    return serializers.CharField(max_length=settings.LAGET_MAX_TEXT, **kwargs)


class ErrorsSerializer(serializers.Serializer[Any]):
    """400: every message, by field; messages not about one field under "non_field_errors".
    Nested fields are named with dots, e.g. "subject.national_id"."""

    # The metaclass moves declared fields off the class, so `Serializer.errors` stays intact.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )


class DetailSerializer(serializers.Serializer[Any]):
    """401, 403, 404, 405, 429: one message."""

    detail = serializers.CharField()


class VersionedPatchSerializer(serializers.Serializer[Any]):
    """A change names the version the client read; a stale one is refused with 409."""

    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text="The `version` of the object as the client read it.",
    )
