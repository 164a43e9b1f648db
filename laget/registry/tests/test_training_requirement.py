"""A program's qualification can require training in Laget: a practitioner linked to a Laget
user who has not completed it is refused the qualification with a field error (added directly
or through a course); one without a link is not checked, and their page says so."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from laget.orgs.models import Role
from laget.registry.messages import MSG_TRAINING_NOT_NATIONAL
from laget.registry.models import Course, CourseParticipant, Qualification, QualificationType, Term
from laget.registry.requirements import TrainingStatus, training_status
from laget.registry.services import course_complete, qualification_add, qualification_type_save
from laget.registry.testing import Registry, build_registry
from laget.testing.world import add_member, make_user
from laget.training.editor import training_item_create, training_item_delete
from laget.training.messages import MSG_ITEM_IN_USE, MSG_TRAINING_REQUIRED
from laget.training.models import TrainingItem, TrainingKind
from laget.training.services import training_complete
from laget.training.starter import CONVERSATION, install_starter_training

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def reg(db: None) -> Registry:
    return build_registry()


def requiring(reg: Registry, slug: str = "veileder") -> tuple[QualificationType, TrainingItem]:
    install_starter_training(by=None)
    item = TrainingItem.objects.get(municipality=None, slug=CONVERSATION)
    qt = reg.program.qualification_types.get(slug=slug)
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


def test_a_linked_practitioner_without_the_training_is_refused(reg: Registry) -> None:
    qt, item = requiring(reg)
    p = reg.practitioners["elvdal"]
    p.user = make_user("eli", "Eli", "Dalstrøm")
    p.save()
    by = reg.users["municipal"]
    assert training_status(p, qt) == TrainingStatus.MISSING
    with pytest.raises(ValidationError) as e:
        qualification_add(by=by, practitioner=p, type=qt, obtained_on=D(2026, 1, 5))
    assert e.value.message_dict == {"type": [str(MSG_TRAINING_REQUIRED) % {"title": item.title}]}
    assert not Qualification.objects.exists()
    training_complete(by=p.user, item=item)
    assert training_status(p, qt) == TrainingStatus.MET
    qualification_add(by=by, practitioner=p, type=qt, obtained_on=D(2026, 1, 5))
    assert Qualification.objects.filter(practitioner=p, type=qt).exists()


def test_an_unlinked_practitioner_is_not_checked_and_the_page_says_so(reg: Registry) -> None:
    qt, item = requiring(reg)
    p = reg.practitioners["elvdal"]
    by = reg.users["municipal"]
    assert training_status(p, qt) == TrainingStatus.UNLINKED
    qualification_add(by=by, practitioner=p, type=qt, obtained_on=D(2026, 1, 5))
    client = Client()
    client.force_login(by)
    html = client.get(
        reverse("registry:practitioner_detail", kwargs={"practitioner_id": p.pk})
    ).content.decode()
    assert f"Krever opplæringen «{item.title}»" in html
    assert str(TrainingStatus.UNLINKED.label) in html


def test_a_course_is_not_completed_while_a_linked_participant_lacks_the_training(
    reg: Registry,
) -> None:
    qt, item = requiring(reg)
    course = Course.objects.create(qualification_type=qt, year=2026, term=Term.SPRING, region="Øst")
    linked, unlinked = reg.practitioners["elvdal"], reg.practitioners["asen"]
    linked.user = make_user("eli", "Eli", "Dalstrøm")
    linked.save()
    for p in (linked, unlinked):
        CourseParticipant.objects.create(course=course, practitioner=p)
    by = reg.users["program_admin"]
    with pytest.raises(ValidationError) as e:
        course_complete(by=by, course=course, completed_ids=[linked.pk, unlinked.pk])
    assert list(e.value.message_dict) == ["completed"]
    assert not Qualification.objects.exists()
    assert not CourseParticipant.objects.filter(completed=True).exists()
    training_complete(by=linked.user, item=item)
    granted = course_complete(by=by, course=course, completed_ids=[linked.pk, unlinked.pk])
    assert {q.practitioner for q in granted} == {linked, unlinked}


def test_only_national_training_can_be_required(reg: Registry) -> None:
    own = TrainingItem.objects.create(
        municipality=reg.municipalities["elvdal"], slug="lokal", title="Lokal",
        kind=TrainingKind.TEXT,
    )  # fmt: skip
    qt = reg.program.qualification_types.get(slug="veileder")
    with pytest.raises(ValidationError) as e:
        qualification_type_save(
            by=reg.users["program_admin"],
            program=reg.program,
            qualification_type=qt,
            slug=qt.slug,
            name=qt.name,
            kind=qt.kind,
            required_training=own,
        )
    assert e.value.message_dict == {"required_training": [str(MSG_TRAINING_NOT_NATIONAL)]}


def test_the_qualification_form_offers_only_national_training_so_a_municipal_item_is_free(
    reg: Registry,
) -> None:
    """A municipality's own item is never a qualification's requirement: the form does not
    offer it, the service refuses it (above), and should a row name one all the same, the
    training editor refuses to delete it with a message instead of failing."""
    install_starter_training(by=None)
    elvdal = reg.municipalities["elvdal"]
    coordinator = make_user("elvkoord", "Elin", "Koord")
    add_member(coordinator, elvdal, None, Role.COORDINATOR)
    own = training_item_create(by=coordinator, municipality=elvdal, title="Lokal", kind="text")
    qt = reg.program.qualification_types.get(slug="veileder")
    client = Client()
    client.force_login(reg.users["program_admin"])
    url = reverse(
        "registry:program_qualification_edit",
        kwargs={"program_id": reg.program.pk, "qualification_type_id": qt.pk},
    )
    field = client.get(url).context["form"].fields["required_training"]
    offered = set(field.queryset)
    assert own not in offered and offered == set(TrainingItem.objects.filter(municipality=None))
    QualificationType.objects.filter(pk=qt.pk).update(required_training=own)  # by hand
    with pytest.raises(ValidationError) as e:
        training_item_delete(by=coordinator, item=own, completions_seen=0)
    assert e.value.messages == [str(MSG_ITEM_IN_USE)]
    assert TrainingItem.objects.filter(pk=own.pk).exists()
