"""The archive packages are the archivist's: every other role gets 404, as if the pages were not
there; the download is a read of the case, audited, never cached."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laget.accounts.models import User
from laget.archive.models import ArchivePackage, PackageState
from laget.archive.selectors import archived_and_confirmed
from laget.archive.testing import stored_package
from laget.audit.models import AuditAction, AuditEvent
from laget.orgs.models import Role
from laget.testing.world import ROLES, World, add_member, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(world: World) -> ArchivePackage:
    return stored_package(world.case)


def client(user: User | None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def urls(package: ArchivePackage) -> dict[str, str]:
    return {
        "list": reverse("archive:packages"),
        "download": reverse("archive:package_download", args=[package.pk]),
        "confirm": reverse("archive:package_confirm", args=[package.pk]),
    }


def privacy_officer(world: World) -> User:
    user = make_user("pia", "Pia", "Vernes")
    add_member(user, world.municipality, None, Role.PRIVACY_OFFICER)
    return user


OTHERS = [r for r in ROLES if r != "anonymous"] + ["privacy_officer", "other_archivist"]


@pytest.mark.parametrize("role", OTHERS)
def test_everyone_but_the_archivist_gets_404(
    role: str, world: World, made: ArchivePackage, other_archivist: User
) -> None:
    user = {
        "privacy_officer": lambda: privacy_officer(world),
        "other_archivist": lambda: other_archivist,
    }.get(role, lambda: world.users[role])()
    c = client(user)
    u = urls(made)
    listing = c.get(u["list"])
    if role == "other_archivist":  # their own municipality's list, without this package
        assert listing.status_code == 200 and made.reference not in listing.content.decode()
    else:
        assert listing.status_code == 404
    assert c.get(u["download"]).status_code == 404
    assert c.head(u["download"]).status_code == 404
    assert c.post(u["confirm"]).status_code == 404
    made.refresh_from_db()
    assert made.state == PackageState.PRODUCED
    assert not AuditEvent.objects.filter(
        object_type="archivepackage", action=AuditAction.READ
    ).exists()


def test_anonymous_is_sent_to_log_in(made: ArchivePackage) -> None:
    c = client(None)
    for method, url in (("get", "list"), ("get", "download"), ("post", "confirm")):
        response = getattr(c, method)(urls(made)[url])
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_archivist_lists_without_child_names(
    archivist: User, made: ArchivePackage, world: World
) -> None:
    page = client(archivist).get(urls(made)["list"])
    assert page.status_code == 200
    body = page.content.decode()
    assert made.reference in body and made.sha256[:32] in body and made.sha256[32:] in body
    for secret in ("Emil", "Fjeldsrud", "Gutt, 4 år", "Jente, 9 år"):
        assert secret not in body
    # The navigation offers the page, to the archivist only.
    assert f'href="{reverse("archive:packages")}" aria-current="page"' in body
    elsewhere = client(world.users["admin"]).get(reverse("cases:my_cases")).content.decode()
    assert f'href="{reverse("archive:packages")}"' not in elsewhere


def test_the_list_reads_a_fixed_number_of_queries(
    archivist: User, world: World, made: ArchivePackage
) -> None:
    c = client(archivist)
    c.get(urls(made)["list"])  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert c.get(urls(made)["list"]).status_code == 200
    template = ArchivePackage.objects.get(pk=made.pk)
    for n in range(30):
        template.pk = None
        template.case_id = 10_000 + n
        template.reference = f"2020/{10_000 + n}"
        template.save()
    with CaptureQueriesContext(connection) as many:
        page = c.get(urls(made)["list"])
    assert page.status_code == 200 and "2020/10029" in page.content.decode()
    assert len(many) == len(few)


def test_the_download_is_the_package_audited_and_not_cached(
    archivist: User, made: ArchivePackage, world: World
) -> None:
    response = client(archivist).get(urls(made)["download"])
    assert response.status_code == 200
    assert response.content == made.data
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition == f'attachment; filename="{made.filename}"'
    assert "Emil" not in disposition and "Fjeldsrud" not in disposition
    event = AuditEvent.objects.get(object_type="archivepackage", action=AuditAction.READ)
    assert (event.actor, event.case_id, event.object_id) == (archivist, world.case.pk, made.pk)


def test_the_archivist_confirms_once(archivist: User, made: ArchivePackage) -> None:
    c = client(archivist)
    response = c.post(urls(made)["confirm"])
    assert response.status_code == 302 and response["Location"] == reverse("archive:packages")
    made.refresh_from_db()
    assert made.state == PackageState.CONFIRMED
    assert made.confirmed_by == archivist and made.confirmed_at is not None
    first = made.confirmed_at
    c.post(urls(made)["confirm"])
    made.refresh_from_db()
    assert made.confirmed_at == first
    assert (
        AuditEvent.objects.filter(
            object_type="archivepackage", action=AuditAction.UPDATE, actor=archivist
        ).count()
        == 1
    )
    assert c.get(urls(made)["confirm"]).status_code == 405


def test_archived_and_confirmed_names_only_confirmed_cases(archivist: User, world: World) -> None:
    confirmed = stored_package(world.case)
    stored_package(world.other_case)
    client(archivist).post(urls(confirmed)["confirm"])
    ids = {world.case.pk, world.other_case.pk, 10**9}
    assert archived_and_confirmed(ids) == {world.case.pk}
    assert archived_and_confirmed([]) == set()
