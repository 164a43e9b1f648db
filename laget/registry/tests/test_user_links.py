"""A practitioner linked to their own Laget user, by consent: an employee on "Min opplæring" is
offered the unlinked practitioners with their e-mail (case aside, never an empty one) and links
or unlinks themselves; registry pages say only whether a practitioner is linked; a registry user
in scope removes a wrong link, one out of scope finds the practitioner missing; a qualification's
required training is then checked against the linked user. Every link and unlink is audited."""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laget.audit.models import AuditAction, AuditEvent
from laget.registry.messages import MSG_ALREADY_LINKED
from laget.registry.models import Practitioner, Qualification, QualificationType
from laget.registry.requirements import TrainingStatus, training_status
from laget.registry.services import qualification_add, qualification_type_save
from laget.registry.services.links import LINK
from laget.registry.testing import Registry, build_registry
from laget.registry.user_links import links_of, offered_to
from laget.testing.world import World, make_user
from laget.training.messages import MSG_TRAINING_REQUIRED
from laget.training.models import TrainingItem
from laget.training.services import training_complete
from laget.training.starter import CONVERSATION, install_starter_training

pytestmark = pytest.mark.django_db

Clients = Callable[[str], Client]
EMPLOYEE = "same_unit"


@pytest.fixture
def reg(db: None) -> Registry:
    return build_registry()


def practitioner(reg: Registry, ref: str, email: str, where: str = "elvdal") -> Practitioner:
    m = reg.municipalities[where]
    return Practitioner.objects.create(
        ref=ref, first_name="Lise", last_name="Berg", email=email, municipality=m, region=m.region
    )


def link_url(p: Practitioner) -> str:
    return reverse("registry:self_link", kwargs={"practitioner_id": p.pk})


def unlink_self_url(p: Practitioner) -> str:
    return reverse("registry:self_unlink", kwargs={"practitioner_id": p.pk})


def unlink_url(p: Practitioner) -> str:
    return reverse("registry:practitioner_unlink", kwargs={"practitioner_id": p.pk})


def detail_url(p: Practitioner) -> str:
    return reverse("registry:practitioner_detail", kwargs={"practitioner_id": p.pk})


def mine(client: Client) -> str:
    return client.get(reverse("training:mine")).content.decode()


def test_the_employee_is_offered_the_practitioner_with_their_email_and_links_themselves(
    reg: Registry, world: World, client_for: Clients
) -> None:
    user = world.users[EMPLOYEE]
    p = practitioner(reg, "L-1", f"  {user.email.upper()} ".strip())
    Qualification.objects.create(
        practitioner=p,
        type=reg.program.qualification_types.get(slug="veileder"),
        obtained_on=datetime.date(2024, 5, 1),
    )
    client = client_for(EMPLOYEE)
    page = mine(client)
    assert "Programregisteret har en utøver med din e-postadresse: Lise Berg" in page
    assert reg.program.qualification_types.get(slug="veileder").name in page
    assert "Er dette deg?" in page and link_url(p) in page
    # Nobody else is offered her.
    assert link_url(p) not in mine(client_for("stafettholder"))
    response = client.post(link_url(p))
    assert response.status_code == 302 and response["Location"] == reverse("training:mine")
    p.refresh_from_db()
    assert p.user == user
    event = AuditEvent.objects.get(object_type=LINK)
    assert (event.actor, event.action, event.object_id, event.case_id) == (
        user,
        AuditAction.CREATE,
        p.pk,
        None,
    )
    page = mine(client)
    assert "Du er koblet til utøveren Lise Berg" in page and unlink_self_url(p) in page
    assert "Er dette deg?" not in page
    # The registry sees that she is linked, not who she is in Laget.
    registrar = Client()
    registrar.force_login(reg.users["municipal"])
    html = registrar.get(detail_url(p)).content.decode()
    assert "Koblet" in html and unlink_url(p) in html
    assert user.username not in html and user.last_name not in html  # Lise Marheim in Laget
    listing = registrar.get(reverse("registry:practitioner_list")).content.decode()
    assert "Koblet til Laget" in listing and user.username not in listing


def test_the_match_ignores_case_and_never_matches_an_empty_email(
    reg: Registry, world: World, client_for: Clients
) -> None:
    user = world.users[EMPLOYEE]
    upper = practitioner(reg, "L-1", user.email.upper())
    assert list(offered_to(user)) == [upper]
    # Neither an empty e-mail on her side nor on the practitioner's matches.
    empty = practitioner(reg, "L-2", "")
    no_email = make_user("utenepost", "Uten", "Epost")
    no_email.email = ""
    no_email.save()
    assert not offered_to(no_email).exists()
    assert empty not in offered_to(user)
    assert client_for(EMPLOYEE).post(link_url(empty)).status_code == 404
    empty.refresh_from_db()
    assert empty.user is None


def test_a_practitioner_linked_to_someone_else_is_not_offered(
    reg: Registry, world: World, client_for: Clients
) -> None:
    user = world.users[EMPLOYEE]
    other = world.users["stafettholder"]
    p = practitioner(reg, "L-1", user.email)
    p.user = other
    p.save()
    assert "Er dette deg?" not in mine(client_for(EMPLOYEE))
    assert client_for(EMPLOYEE).post(link_url(p)).status_code == 404
    # Nor can she remove someone else's link.
    assert client_for(EMPLOYEE).post(unlink_self_url(p)).status_code == 404
    p.refresh_from_db()
    assert p.user == other
    assert not AuditEvent.objects.filter(object_type=LINK).exists()


def test_a_user_is_linked_to_one_practitioner_at_most(
    reg: Registry, world: World, client_for: Clients
) -> None:
    user = world.users[EMPLOYEE]
    first = practitioner(reg, "L-1", user.email)
    second = practitioner(reg, "L-2", user.email, where="asen")
    client = client_for(EMPLOYEE)
    page = mine(client)
    assert link_url(first) in page and link_url(second) in page
    client.post(link_url(first))
    assert link_url(second) not in mine(client)  # linked: nothing more is offered
    response = client.post(link_url(second), follow=True)
    assert str(MSG_ALREADY_LINKED) in response.content.decode()
    second.refresh_from_db()
    assert second.user is None
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Practitioner.objects.filter(pk=second.pk).update(user=user)


def test_the_employee_unlinks_themselves(reg: Registry, world: World, client_for: Clients) -> None:
    user = world.users[EMPLOYEE]
    p = practitioner(reg, "L-1", user.email)
    client = client_for(EMPLOYEE)
    client.post(link_url(p))
    response = client.post(unlink_self_url(p))
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.user is None
    actions = list(
        AuditEvent.objects.filter(object_type=LINK, object_id=p.pk)
        .order_by("pk")
        .values_list("actor", "action")
    )
    assert actions == [(user.pk, AuditAction.CREATE), (user.pk, AuditAction.DELETE)]
    # Offered again, since the e-mail still matches.
    assert link_url(p) in mine(client)


def test_someone_who_works_in_no_municipality_cannot_link(reg: Registry) -> None:
    outsider = make_user("utenfor", "Ute", "Nfor")
    p = practitioner(reg, "L-1", outsider.email)
    client = Client()
    client.force_login(outsider)
    assert client.post(link_url(p)).status_code == 403
    p.refresh_from_db()
    assert p.user is None


def test_a_registry_user_in_scope_removes_a_wrong_link_and_one_out_of_scope_gets_404(
    reg: Registry, world: World
) -> None:
    user = world.users[EMPLOYEE]
    in_sjovik = practitioner(reg, "L-1", user.email, where="sjovik")
    in_sjovik.user = user
    in_sjovik.save()
    # The municipal registrar of Elvdal and the regional coordinator of Øst: Sjøvik is in Vest.
    for role in ("municipal", "regional"):
        client = Client()
        client.force_login(reg.users[role])
        assert client.post(unlink_url(in_sjovik)).status_code == 404, role
        in_sjovik.refresh_from_db()
        assert in_sjovik.user == user
    # Without a registry role: refused as the registry's pages are.
    nobody = Client()
    nobody.force_login(reg.users["none"])
    assert nobody.post(unlink_url(in_sjovik)).status_code == 403
    # The program admin sees everything and removes it.
    admin = Client()
    admin.force_login(reg.users["program_admin"])
    response = admin.post(unlink_url(in_sjovik))
    assert response.status_code == 302 and response["Location"] == detail_url(in_sjovik)
    in_sjovik.refresh_from_db()
    assert in_sjovik.user is None
    event = AuditEvent.objects.get(object_type=LINK)
    assert (event.actor, event.action, event.object_id) == (
        reg.users["program_admin"],
        AuditAction.DELETE,
        in_sjovik.pk,
    )
    # Again: nothing to remove, said on the page.
    page = admin.post(unlink_url(in_sjovik), follow=True).content.decode()
    assert "ikke koblet til en bruker i Laget" in page


def requiring_conversation(reg: Registry) -> tuple[QualificationType, TrainingItem]:
    install_starter_training(by=None)
    item = TrainingItem.objects.get(municipality=None, slug=CONVERSATION)
    qt = reg.program.qualification_types.get(slug="veileder")
    qt = qualification_type_save(
        by=reg.users["program_admin"],
        program=reg.program,
        qualification_type=qt,
        slug=qt.slug,
        name=qt.name,
        kind=qt.kind,
        intervention=qt.intervention,
        min_families=qt.min_families,
        period_months=qt.period_months,
        min_supervision_hours=qt.min_supervision_hours,
        required_training=item,
        order=qt.order,
    )
    return qt, item


def test_once_linked_the_required_training_is_checked_for_the_linked_user(
    reg: Registry, world: World, client_for: Clients
) -> None:
    qt, item = requiring_conversation(reg)
    user = world.users[EMPLOYEE]
    p = practitioner(reg, "L-1", user.email)
    assert training_status(p, qt) == TrainingStatus.UNLINKED
    client_for(EMPLOYEE).post(link_url(p))
    p.refresh_from_db()
    assert training_status(p, qt) == TrainingStatus.MISSING
    by = reg.users["municipal"]
    with pytest.raises(ValidationError) as e:
        qualification_add(by=by, practitioner=p, type=qt, obtained_on=datetime.date(2026, 1, 5))
    assert e.value.message_dict == {"type": [str(MSG_TRAINING_REQUIRED) % {"title": item.title}]}
    training_complete(by=user, item=item)
    assert training_status(p, qt) == TrainingStatus.MET
    qualification_add(by=by, practitioner=p, type=qt, obtained_on=datetime.date(2026, 1, 5))
    assert Qualification.objects.filter(practitioner=p, type=qt).exists()


def mine_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("training:mine")).status_code == 200
    return len(captured.captured_queries)


def test_my_training_takes_as_many_queries_with_three_offers_as_with_one(
    reg: Registry, world: World, client_for: Clients
) -> None:
    user = world.users[EMPLOYEE]
    client = client_for(EMPLOYEE)
    first = practitioner(reg, "L-1", user.email)
    one = mine_queries(client)
    types = list(reg.program.qualification_types.all()[:3])
    for n, where in enumerate(("asen", "sjovik"), start=2):
        p = practitioner(reg, f"L-{n}", user.email, where=where)
        for qt in types:
            Qualification.objects.create(
                practitioner=p, type=qt, obtained_on=datetime.date(2024, 1, n)
            )
    assert len(links_of(user).offers) == 3
    assert mine_queries(client) == one
    assert first in links_of(user).offers
