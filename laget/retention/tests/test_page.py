"""The retention page: the municipality's admin alone sets the policy, holds logs and approves
a dry run; field errors on the fields; every change audited."""

import pytest
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.audit.models import AuditEvent
from laget.orgs.models import Municipality, Role
from laget.retention.forms import MSG_SCAN_AFTER_CONSENT
from laget.retention.models import LegalHold, RetentionPolicy, RetentionRun
from laget.retention.services import MSG_NO_SUCH_CASE
from laget.testing.world import ROLES, World, add_member, make_user

pytestmark = pytest.mark.django_db

URL = reverse("retention:page")
POLICY = {
    "action": "policy",
    "closed_case_months": "24",
    "archives_in_laget": "on",
    "consent_months": "6",
    "scan_months": "1",
    "notification_months": "2",
}


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def admin(world: World) -> User:
    user = world.users["admin"]
    assert user is not None
    return user


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_the_admin_reaches_the_page(world: World, role: str, method: str) -> None:
    data = POLICY if method == "post" else {}
    response = getattr(client_for(world.user(role)), method)(URL, data)
    if role == "anonymous":
        assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    elif role == "admin":
        assert response.status_code == (200 if method == "get" else 302)
    else:
        assert response.status_code == 404
    assert RetentionPolicy.objects.exists() == (role == "admin" and method == "post")


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.COORDINATOR])
def test_other_municipal_roles_get_404(world: World, role: str) -> None:
    user = make_user(f"kommune-{role}", "Eli", "Strand")
    add_member(user, world.municipality, None, role)
    assert client_for(user).get(URL).status_code == 404


def test_another_municipalitys_admin_gets_404(world: World) -> None:
    elsewhere = Municipality.objects.create(name="Annenby", number="9802")
    stranger = make_user("annenby-admin", "Bo", "Berg")
    add_member(stranger, elsewhere, None, Role.ADMIN)
    client = client_for(stranger)
    assert client.get(URL).status_code == 200
    assert client.get(URL, {"kommune": world.municipality.pk}).status_code == 404
    response = client.post(URL, {**POLICY, "kommune": world.municipality.pk})
    assert response.status_code == 404
    assert not RetentionPolicy.objects.filter(municipality=world.municipality).exists()


def test_the_admin_saves_the_policy_and_it_is_audited(world: World, admin: User) -> None:
    response = client_for(admin).post(URL, POLICY)
    assert response.status_code == 302
    policy = RetentionPolicy.objects.get(municipality=world.municipality)
    assert (policy.closed_case_months, policy.consent_months, policy.scan_months) == (24, 6, 1)
    assert policy.updated_by == admin
    assert AuditEvent.objects.filter(
        object_type="retention_policy", object_id=policy.pk, actor=admin
    ).exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"scan_months": "7"}, "scan_months", str(MSG_SCAN_AFTER_CONSENT)),
        ({"closed_case_months": "0"}, "closed_case_months", None),
        ({"consent_months": "999"}, "consent_months", None),
    ],
)
def test_a_bad_policy_is_refused_on_its_field(
    world: World, admin: User, change: dict[str, str], field: str, message: str | None
) -> None:
    response = client_for(admin).post(URL, {**POLICY, **change})
    assert response.status_code == 400
    errors = response.context["policy_form"].errors
    assert list(errors) == [field]
    if message:
        assert errors[field] == [message]
    assert not RetentionPolicy.objects.exists()


def test_the_admin_holds_and_releases_a_log(world: World, admin: User) -> None:
    client = client_for(admin)
    response = client.post(URL, {"action": "hold", "case_id": world.case.pk, "reason": "Klagesak"})
    assert response.status_code == 302
    hold = LegalHold.objects.get(case=world.case, released_at__isnull=True)
    assert hold.set_by == admin
    page = client.get(URL).content.decode()
    assert "Klagesak" in page
    # No name of the child on the page, only the log's number.
    assert world.case.subject is not None and world.case.subject.given_name not in page
    assert client.post(URL, {"action": "release", "hold": hold.pk}).status_code == 302
    hold.refresh_from_db()
    assert hold.released_by == admin
    assert AuditEvent.objects.filter(object_type="legal_hold", object_id=hold.pk).count() == 2


def test_a_hold_on_another_municipalitys_log_is_a_field_error(world: World, admin: User) -> None:
    elsewhere = Municipality.objects.create(name="Annenby", number="9803")
    other = make_user("annenby-admin2", "Bo", "Berg")
    add_member(other, elsewhere, None, Role.ADMIN)
    response = client_for(other).post(
        URL, {"action": "hold", "case_id": world.case.pk, "reason": "Klagesak"}
    )
    assert response.status_code == 400
    assert response.context["hold_form"].errors["case_id"] == [str(MSG_NO_SUCH_CASE)]
    assert not LegalHold.objects.exists()


def test_the_admin_runs_a_dry_run_and_approves_it(world: World, admin: User) -> None:
    client = client_for(admin)
    assert client.post(URL, {"action": "dry_run"}).status_code == 302
    run = RetentionRun.objects.get(municipality=world.municipality)
    assert run.dry_run and run.approved_at is None
    refused = client.post(URL, {"action": "approve", "run": run.pk})
    assert refused.status_code == 400
    assert "confirm" in refused.context["approve_form"].errors
    assert (
        client.post(URL, {"action": "approve", "run": run.pk, "confirm": "on"}).status_code == 302
    )
    run.refresh_from_db()
    assert run.approved_by == admin and run.approved_at is not None
    assert AuditEvent.objects.filter(object_type="retention_run", object_id=run.pk).exists()
    again = client.post(URL, {"action": "approve", "run": run.pk, "confirm": "on"})
    assert again.status_code == 400


def test_the_page_reads_a_fixed_number_of_queries(
    world: World, admin: User, django_assert_max_num_queries: object
) -> None:
    client = client_for(admin)
    for _ in range(3):
        client.post(URL, {"action": "dry_run"})
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        assert client.get(URL).status_code == 200
