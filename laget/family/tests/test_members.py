"""A family member's role and protected address (laget.family.services.member_update and
child_protection_set), set by those who coordinate the case, audited; and the same two
fields when a member is added, on the web and in the API."""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from laget.audit.models import AuditAction, AuditEvent
from laget.cases.access import CaseAccess, case_for
from laget.cases.models import Case
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_identify
from laget.family import services
from laget.family.access import member_view
from laget.family.choices import Part
from laget.family.forms import NO_PROTECTION
from laget.orgs.actors import actor_for
from laget.people.models import FamilyRole, Guardian, ProtectedAddress
from laget.testing.world import World

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]
EDITORS = {"stafettholder", "unit_leader"}


def access_of(world: World, role: str) -> CaseAccess:
    return case_for(world.users[role], world.case.pk, audit=False)


def mother(world: World) -> Guardian:
    assert world.case.subject is not None
    return world.case.subject.guardians.order_by("pk")[0]


def update(world: World, who: str = "stafettholder", **changes: str) -> Guardian:
    kwargs: dict[str, str] = {
        "role": FamilyRole.PARENT_NO_PR,
        "protected_address": ProtectedAddress.CONFIDENTIAL,
    }
    kwargs.update(changes)
    return services.member_update(
        actor=actor_for(world.users[who]),
        access=access_of(world, who),
        guardian=mother(world),
        **kwargs,
    )


def last_audit_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.parametrize("role", ["stafettholder", "participant", "unit_leader"])
def test_those_who_coordinate_set_a_members_role(world: World, role: str) -> None:
    if role in EDITORS:
        guardian = update(world, role)
        guardian.refresh_from_db()
        assert (guardian.role, guardian.has_parental_responsibility) == (
            FamilyRole.PARENT_NO_PR,
            False,
        )
        assert guardian.protected_address == ProtectedAddress.CONFIDENTIAL
    else:
        with pytest.raises(PermissionDenied):
            update(world, role)
        assert mother(world).role == FamilyRole.GUARDIAN


def test_the_role_decides_what_the_member_may_do(world: World) -> None:
    assert member_view(world.case, guardian=mother(world)).rights.consents
    update(world)
    view = member_view(world.case, guardian=mother(world))
    assert view.reads and not view.rights.consents


def test_a_change_is_audited(world: World) -> None:
    before = last_audit_id()
    guardian = update(world)
    rows = AuditEvent.objects.filter(id__gt=before)
    assert list(rows.values_list("action", "object_type", "object_id", "case_id")) == [
        (AuditAction.UPDATE, "guardian", guardian.pk, world.case.pk)
    ]


def test_a_member_of_another_case_is_missing(world: World) -> None:
    nurse = world.users["outsider_holder"]
    access = case_for(nurse, world.other_case.pk, audit=False)
    case_identify(actor=actor_for(nurse), access=access, given_name="Ida", family_name="Storvik")
    access = case_for(nurse, world.other_case.pk, audit=False)
    stranger = guardian_add(actor=actor_for(nurse), access=access, name="Mona Storvik")
    with pytest.raises(Http404):
        services.member_update(
            actor=actor_for(world.users["stafettholder"]),
            access=access_of(world, "stafettholder"),
            guardian=stranger,
            role=FamilyRole.GUARDIAN,
            protected_address="",
        )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"role": "onkel"}, "role", services.MSG_CHOOSE_ROLE),
        ({"protected_address": "hemmelig"}, "protected_address", services.MSG_CHOOSE_PROTECTION),
    ],
    ids=["role", "protected_address"],
)
def test_each_field_says_what_is_wrong(
    world: World, changes: dict[str, str], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        update(world, **changes)
    assert {k: [str(m) for m in v] for k, v in exc.value.message_dict.items()} == {
        field: [str(message)]
    }


def test_the_childs_protected_address_hides_the_places_from_the_parents(world: World) -> None:
    before = last_audit_id()
    subject = services.child_protection_set(
        actor=actor_for(world.users["stafettholder"]),
        access=access_of(world, "stafettholder"),
        protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL,
    )
    fresh = Case.objects.select_related("subject").get(pk=world.case.pk)
    assert member_view(fresh, guardian=mother(world)).hides(Part.PLACES)
    rows = AuditEvent.objects.filter(id__gt=before)
    assert list(rows.values_list("action", "object_type", "object_id")) == [
        (AuditAction.UPDATE, "subject", subject.pk)
    ]


# --- The pages ------------------------------------------------------------------------------


def member_url(world: World) -> str:
    return reverse(
        "family:member_edit", kwargs={"case_id": world.case.pk, "guardian_id": mother(world).pk}
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("stafettholder", 200),
        ("unit_leader", 200),
        ("participant", 403),
        ("same_unit", 404),
        ("other_unit", 404),
    ],
)
def test_the_member_page(world: World, client_for: ClientFor, role: str, status: int) -> None:
    assert client_for(role).get(member_url(world)).status_code == status


def test_set_and_clear_a_protected_address_through_the_page(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("stafettholder")
    body: dict[str, str] = {
        "role": FamilyRole.FOSTER,
        "protected_address": ProtectedAddress.CONFIDENTIAL,
    }
    assert client.post(member_url(world), body).status_code == 302
    guardian = mother(world)
    assert (guardian.role, guardian.protected_address) == (
        FamilyRole.FOSTER,
        ProtectedAddress.CONFIDENTIAL,
    )
    body = {"role": FamilyRole.GUARDIAN, "protected_address": NO_PROTECTION}
    assert client.post(member_url(world), body).status_code == 302
    assert mother(world).protected_address == ""


def test_the_member_form_names_each_field(world: World, client_for: ClientFor) -> None:
    response = client_for("stafettholder").post(member_url(world), {"role": ""})
    assert response.status_code == 200
    assert {k: list(v) for k, v in response.context["form"].errors.items()} == {
        "role": [str(services.MSG_CHOOSE_ROLE)],
        "protected_address": [str(services.MSG_CHOOSE_PROTECTION)],
    }


def test_the_child_page(world: World, client_for: ClientFor) -> None:
    url = reverse("family:child_edit", kwargs={"case_id": world.case.pk})
    client = client_for("unit_leader")
    assert client.get(url).status_code == 200
    response = client.post(url, {"protected_address": ProtectedAddress.CONFIDENTIAL})
    assert response.status_code == 302
    assert world.case.subject is not None
    world.case.subject.refresh_from_db()
    assert world.case.subject.protected_address == ProtectedAddress.CONFIDENTIAL
    assert client_for("participant").get(url).status_code == 403


# --- Adding a member with a role and a protected address ----------------------------------


def test_the_guardian_form_takes_role_and_protected_address(
    world: World, client_for: ClientFor
) -> None:
    url = reverse("cases:guardian_add", kwargs={"case_id": world.case.pk})
    response = client_for("stafettholder").post(
        url,
        {
            "name": "Turid Fosse",
            "relation": "fostermor",
            "role": FamilyRole.FOSTER,
            "protected_address": ProtectedAddress.STRICTLY_CONFIDENTIAL,
        },
    )
    assert response.status_code == 302
    added = Guardian.objects.get(subject=world.case.subject, role=FamilyRole.FOSTER)
    assert (added.protected_address, added.has_parental_responsibility) == (
        ProtectedAddress.STRICTLY_CONFIDENTIAL,
        False,
    )


def test_the_api_takes_and_shows_role_and_protected_address(
    world: World, client_for: ClientFor
) -> None:
    url = reverse("api:guardians", kwargs={"case_id": world.case.pk})
    client = client_for("stafettholder")
    response = client.post(
        url,
        {"name": "Turid Fosse", "role": FamilyRole.FOSTER, "protected_address": "fortrolig"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["role"], body["protected_address"], body["has_parental_responsibility"]) == (
        FamilyRole.FOSTER,
        ProtectedAddress.CONFIDENTIAL,
        False,
    )
    refused = client.post(url, {"name": "Noen", "role": "onkel"}, content_type="application/json")
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["role"]
