"""The organisation: units, staff and their memberships, the logged-in user."""

from typing import Any

from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from laget.accounts.models import User
from laget.api.serializers.common import MAX_ID, ReadSerializer, StrictSerializer, id_field
from laget.orgs.models import (
    UNIT_ROLES,
    Membership,
    MembershipState,
    Municipality,
    Role,
    Unit,
    UnitKind,
)

MSG_UNIT_REQUIRED = _("Velg enheten personen skal jobbe i.")
MSG_NO_UNIT_FOR_ROLE = _("Denne rollen gjelder hele kommunen og har ingen enhet.")


class UnitSerializer(ReadSerializer[Unit]):
    class Meta:
        model = Unit
        fields = ["id", "name", "kind", "is_active", "municipality"]
        read_only_fields = fields


class MunicipalitySerializer(ReadSerializer[Municipality]):
    class Meta:
        model = Municipality
        fields = ["id", "name", "number", "region", "level0_deadline_days"]
        read_only_fields = ["id", "name", "number", "region"]


class MunicipalityUpdateSerializer(StrictSerializer):
    level0_deadline_days = serializers.IntegerField(min_value=1, max_value=90)


class UnitCreateSerializer(StrictSerializer):
    name = serializers.CharField(max_length=120)
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    municipality = id_field(
        required=False, help_text="Needed only by an admin of more than one municipality."
    )


class MembershipSerializer(ReadSerializer[Membership]):
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True, allow_null=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "municipality",
            "municipality_name",
            "unit",
            "unit_name",
            "role",
            "title",
            "is_active",
            "pending",
        ]
        read_only_fields = fields


class UserSerializer(ReadSerializer[User]):
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "display_name", "email", "phone"]
        read_only_fields = fields


class MeSerializer(UserSerializer):
    memberships = MembershipSerializer(many=True, read_only=True, source="active_memberships")

    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "memberships"]
        read_only_fields = fields


class StaffSerializer(UserSerializer):
    """A staff user with the memberships the requesting user manages."""

    memberships = MembershipSerializer(many=True, read_only=True, source="managed_memberships")

    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "memberships"]
        read_only_fields = fields


class StaffCreateSerializer(StrictSerializer):
    username = serializers.CharField(max_length=150)
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    title = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=Role.choices)
    unit = id_field(
        required=False, allow_null=True, default=None, help_text="For employees and unit leaders."
    )
    municipality = id_field(
        required=False,
        help_text="For municipality-wide roles, by an admin of more than one municipality.",
    )
    password = serializers.CharField(
        required=False,
        write_only=True,
        style={"input_type": "password"},
        help_text="Optional; without it the person cannot log in until a password is set.",
    )

    def validate_password(self, value: str) -> str:
        password_validation.validate_password(value)
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["role"] in UNIT_ROLES and attrs.get("unit") is None:
            raise serializers.ValidationError({"unit": MSG_UNIT_REQUIRED})
        if attrs["role"] not in UNIT_ROLES and attrs.get("unit") is not None:
            raise serializers.ValidationError({"unit": MSG_NO_UNIT_FOR_ROLE})
        return attrs


class MembershipAddSerializer(StrictSerializer):
    unit = id_field()
    role = serializers.ChoiceField(choices=[(r.value, r.label) for r in UNIT_ROLES])
    title = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class GrantsParamsSerializer(serializers.Serializer[Any]):
    limit = serializers.IntegerField(min_value=1, max_value=500, required=False, default=100)
    offset = serializers.IntegerField(min_value=0, max_value=MAX_ID, required=False, default=0)


class GrantSerializer(ReadSerializer[Membership]):
    """A membership as the review of grants shows it: who gave what to whom, and when."""

    user_name = serializers.CharField(source="user.display_name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True, allow_null=True)
    state = serializers.ChoiceField(choices=MembershipState.choices, read_only=True)
    created_by_name = serializers.SerializerMethodField()
    accepted_by_name = serializers.SerializerMethodField()
    ended_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "user_name",
            "municipality",
            "unit",
            "unit_name",
            "role",
            "title",
            "state",
            "pending",
            "created_at",
            "created_by",
            "created_by_name",
            "accepted_at",
            "accepted_by",
            "accepted_by_name",
            "ended_at",
            "ended_by",
            "ended_by_name",
        ]
        read_only_fields = fields

    def _name(self, user: User | None) -> str | None:
        return user.display_name if user is not None else None

    def get_created_by_name(self, obj: Membership) -> str | None:
        return self._name(obj.created_by)

    def get_accepted_by_name(self, obj: Membership) -> str | None:
        return self._name(obj.accepted_by)

    def get_ended_by_name(self, obj: Membership) -> str | None:
        return self._name(obj.ended_by)


class DeactivatedUserSerializer(ReadSerializer[User]):
    display_name = serializers.CharField(read_only=True)
    deactivated_by_name = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "display_name",
            "is_active",
            "deactivated_at",
            "deactivated_by",
            "deactivated_by_name",
        ]
        read_only_fields = fields

    def get_deactivated_by_name(self, obj: User) -> str | None:
        by = obj.deactivated_by
        return by.display_name if by is not None else None


MSG_UNKNOWN_MUNICIPALITY = _("Ukjent kommune.")
MSG_CHOOSE_MUNICIPALITY = _("Velg kommune.")
