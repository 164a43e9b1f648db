"""The log review is the municipality's privacy officer's alone; the sign-off is kept."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent
from laget.logreview.models import LogReview, LogReviewImmutableError
from laget.logreview.tests.conftest import Read, at
from laget.orgs.models import Membership, Municipality, Role
from laget.testing.world import ROLES, World, add_member, make_user

URL = reverse("logreview:review")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_everyone_else_gets_404(world: World, role: str, method: str) -> None:
    response = getattr(client_for(world.user(role)), method)(URL)
    if role == "anonymous":
        assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    else:
        assert response.status_code == 404
    assert not LogReview.objects.exists()


def test_the_privacy_officer_sees_users_and_counts_only(
    world: World, officer: User, read: Read
) -> None:
    read(world.users["other_unit"], world.case.pk, at(13, 22))
    response = client_for(officer).get(URL, {"maned": "2025-03"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{URL}" aria-current="page"' in page  # in the navigation
    assert world.users["other_unit"].audit_name in page
    # No child's name, no case label, no entry text.
    assert world.case.subject is not None
    for text in (world.case.subject.given_name, world.case.label, world.entry.text):
        assert text and text not in page


def test_another_municipalitys_officer_gets_404(world: World) -> None:
    elsewhere = Municipality.objects.create(name="Annenby", number="9801")
    stranger = make_user("bo", "Bo", "Vernesen")
    add_member(stranger, elsewhere, None, Role.PRIVACY_OFFICER)
    client = client_for(stranger)
    assert client.get(URL).status_code == 200
    assert client.get(URL, {"kommune": world.municipality.pk}).status_code == 404
    response = client.post(URL, {"kommune": world.municipality.pk, "confirm": "on"})
    assert response.status_code == 404
    assert not LogReview.objects.exists()


def test_signing_off_keeps_the_counts_and_is_audited(
    world: World, officer: User, read: Read
) -> None:
    read(world.users["participant"], world.case.pk, at(15, 12))
    response = client_for(officer).post(
        URL, {"maned": "2025-03", "note": "Spurt lederne.", "confirm": "on"}
    )
    assert response.status_code == 302
    review = LogReview.objects.get()
    assert (review.municipality, review.reviewed_by) == (world.municipality, officer)
    assert (review.period_start, review.period_end) == (
        datetime.date(2025, 3, 1),
        datetime.date(2025, 3, 31),
    )
    assert review.findings["reads"] == 1 and review.findings["after_hours"] == 1
    assert AuditEvent.objects.filter(
        object_type="log_review", object_id=review.pk, action=AuditAction.CREATE, actor=officer
    ).exists()
    review.note = "endret"
    with pytest.raises(LogReviewImmutableError):
        review.save()
    with pytest.raises(LogReviewImmutableError):
        review.delete()


def test_a_month_not_yet_over_cannot_be_signed(world: World, officer: User) -> None:
    this_month = timezone.localdate().strftime("%Y-%m")
    response = client_for(officer).post(URL, {"maned": this_month, "confirm": "on"})
    assert response.status_code == 200
    assert "over" in response.content.decode()
    assert not LogReview.objects.exists()


def test_the_sign_off_must_be_confirmed(world: World, officer: User) -> None:
    response = client_for(officer).post(URL, {"maned": "2025-03"})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"]
    assert not LogReview.objects.exists()


def test_an_ended_privacy_officer_gets_404(world: World, officer: User) -> None:
    client = client_for(officer)
    assert client.get(URL).status_code == 200
    Membership.objects.filter(user=officer).update(is_active=False)
    assert client_for(officer).get(URL).status_code == 404


def test_the_admin_who_reviews_grants_does_not_review_the_log(world: World) -> None:
    admin = world.users["admin"]
    assert client_for(admin).get(reverse("orgs:grant_list")).status_code == 200
    assert client_for(admin).get(URL).status_code == 404
