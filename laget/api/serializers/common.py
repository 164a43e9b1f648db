"""Fields and shapes shared by every area: strict bodies, ids, long text, error bodies, the
version of a PATCH."""

from collections.abc import Mapping, MutableMapping
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

MSG_UNKNOWN_FIELD = _("Ukjent felt.")

# The largest id the database holds (a bigint); a bigger number is refused with 400, not
# handed to the database (which answers with an error, a 500).
MAX_ID = 2**63 - 1


def id_field(**kwargs: Any) -> serializers.IntegerField:
    """An object's id in a request body: a positive bigint."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def long_text(**kwargs: Any) -> serializers.CharField:
    """Free text in the log (entries, goals, minutes): capped at settings.LAGET_MAX_TEXT."""
    return serializers.CharField(max_length=settings.LAGET_MAX_TEXT, **kwargs)


_M = TypeVar("_M", bound=models.Model)


# The base of every object the API shows. A field the model lets be blank keeps saying so when
# read-only (DRF drops `allow_blank` there), so that the schema lists "" among the values: an
# empty video link, e-mail or web address, a measure that does not recur (`recurrence`), a
# party who has not answered (`channel`). No docstring on purpose: the OpenAPI schema would show it as the
# description of every object that inherits it.
class ReadSerializer(serializers.ModelSerializer[_M]):
    def include_extra_kwargs(
        self, kwargs: MutableMapping[str, Any], extra_kwargs: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        blank = kwargs.get("allow_blank", False)
        merged = super().include_extra_kwargs(kwargs, extra_kwargs)
        if blank and merged.get("read_only"):
            merged["allow_blank"] = True
        return merged


class ErrorsSerializer(serializers.Serializer[Any]):
    """400: every message, by field; messages not about one field under "non_field_errors".
    Nested fields are named with dots, e.g. "subject.national_id"."""

    # The metaclass moves declared fields off the class, so `Serializer.errors` stays intact.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )


class DetailSerializer(serializers.Serializer[Any]):
    """401, 403, 404, 405, 413, 415, 429, 500: one message."""

    detail = serializers.CharField()


# The base of every request body: a field the endpoint does not take is refused with 400 on that
# field ({"errors": {"restricted": ["Ukjent felt."]}}), never silently dropped; a read-only field
# is not taken either. The OpenAPI schema says the same: its request bodies allow no other
# properties (laget/api/schema.py). No docstring on purpose (see ReadSerializer).
class StrictSerializer(serializers.Serializer[Any]):
    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            taken = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(str(key) for key in data if key not in taken)
            if unknown:
                raise serializers.ValidationError({k: [str(MSG_UNKNOWN_FIELD)] for k in unknown})
        return super().to_internal_value(data)


class NoBody(StrictSerializer):
    """The body of an action that takes nothing: nothing, or an empty object."""


class VersionedPatchSerializer(StrictSerializer):
    """A change names the version the client read; a stale one is refused with 409."""

    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text="The `version` of the object as the client read it.",
    )
