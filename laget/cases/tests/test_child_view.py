"""The child's voice: `child_view` on every measure and meeting. Staff fill it in on the web and
through the API, and the case page shows it; from LAGET_CHILD_VOICE_AGE the child writes it
in the portal themselves — only the child: for everyone else the page is missing."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.api.tests.helpers import patch, post, url
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Arena
from laget.cases.models import Measure, Meeting
from laget.cases.services.lifecycle import case_close
from laget.cases.services.measures import measure_create
from laget.family.choices import Part, RestrictionReason, RestrictionState
from laget.family.models import Restriction
from laget.family.voice import MSG_CHILD_VIEW_CHANGED
from laget.orgs.actors import actor_for
from laget.people.models import Subject
from laget.portal.services import portal_user_for_guardian
from laget.portal.tests.conftest import client_as, family
from laget.testing.family import Family
from laget.testing.world import World

pytestmark = pytest.mark.django_db

__all__ = ["client_as", "family"]

ClientFor = Callable[[str], Client]
TODAY = timezone.localdate()
VIEW = "Jeg liker at det er en fast voksen som tar imot meg."


# Staff: the web forms, the API and the case page.


def test_staff_write_the_childs_view_of_a_measure_on_the_web(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("stafettholder")
    holder_row = world.case.participants.get(user=world.users["stafettholder"])
    response = client.post(
        reverse("cases:measure_create", args=[world.case.pk]),
        {
            "title": "Lekegruppe",
            "goal": "Venner i barnehagen",
            "arena": Arena.KINDERGARTEN,
            "responsible": holder_row.pk,
            "start_date": TODAY,
            "evaluation_date": TODAY + datetime.timedelta(days=14),
            "status": "planned",
            "child_view": f"  {VIEW}  ",
        },
    )
    assert response.status_code == 302
    (measure,) = [m for m in world.case.measures.all() if m.title == "Lekegruppe"]
    assert measure.child_view == VIEW

    edit = reverse("cases:measure_update", args=[world.case.pk, measure.pk])
    form = client.get(edit).context["form"]
    assert form.initial["child_view"] == VIEW
    data = {**form.initial, "child_view": "Det er gøy.", "responsible": holder_row.pk}
    assert client.post(edit, data).status_code == 302
    assert Measure.objects.get(pk=measure.pk).child_view == "Det er gøy."
    page = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    assert "Barnets syn" in page and "Det er gøy." in page


def test_staff_write_the_childs_view_of_a_meeting_on_the_web(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("stafettholder")
    edit = reverse("cases:meeting_update", args=[world.case.pk, world.meeting.pk])
    form = client.get(edit).context["form"]
    data = {
        **{k: v for k, v in form.initial.items() if v is not None},
        "starts_at": timezone.localtime(world.meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "child_view": VIEW,
    }
    assert client.post(edit, data).status_code == 302
    assert Meeting.objects.get(pk=world.meeting.pk).child_view == VIEW
    page = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    assert VIEW in page


def test_staff_write_and_read_the_childs_view_through_the_api(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("stafettholder")
    holder_row = world.case.participants.get(user=world.users["stafettholder"])
    created = post(
        client,
        url("measures", case_id=world.case.pk),
        {
            "title": "Lesestund",
            "goal": "Roligere kvelder",
            "arena": "home",
            "responsible": holder_row.pk,
            "start_date": TODAY.isoformat(),
            "evaluation_date": (TODAY + datetime.timedelta(days=7)).isoformat(),
            "child_view": VIEW,
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["child_view"] == VIEW
    measure_id = created.json()["id"]
    changed = patch(
        client,
        url("measure", case_id=world.case.pk, measure_id=measure_id),
        {"version": created.json()["version"], "child_view": "Kjedelig."},
    )
    assert changed.status_code == 200 and changed.json()["child_view"] == "Kjedelig."

    meeting = post(
        client,
        url("meetings", case_id=world.case.pk),
        {
            "starts_at": (timezone.now() + datetime.timedelta(days=3)).isoformat(),
            "place": "Solstrålen",
            "child_view": VIEW,
        },
    )
    assert meeting.status_code == 201, meeting.content
    meeting_id = meeting.json()["id"]
    again = patch(
        client,
        url("meeting", case_id=world.case.pk, meeting_id=meeting_id),
        {"version": meeting.json()["version"], "child_view": ""},
    )
    assert again.status_code == 200 and again.json()["child_view"] == ""
    read = client.get(url("meeting", case_id=world.case.pk, meeting_id=world.meeting.pk))
    assert "child_view" in read.json()


# The child in the portal.


def measure_url(case_id: int, measure_id: int) -> str:
    return reverse(
        "portal:child_view_measure", kwargs={"case_id": case_id, "measure_id": measure_id}
    )


def meeting_url(case_id: int, meeting_id: int) -> str:
    return reverse(
        "portal:child_view_meeting", kwargs={"case_id": case_id, "meeting_id": meeting_id}
    )


def teen_measure(world: World, family: Family) -> Measure:
    teacher = family.teen_meeting.created_by
    access = case_for(teacher, family.teen_case.pk, need=Need.WRITE, audit=False)
    return measure_create(
        actor=actor_for(teacher),
        access=access,
        title="Fast plass i klasserommet",
        goal="Roligere skoledager",
        arena=Arena.SCHOOL,
        responsible_id=access.participant.pk if access.participant else 0,
        start_date=TODAY,
        evaluation_date=TODAY + datetime.timedelta(days=21),
    )


def set_age(family: Family, years: int) -> None:
    born = datetime.date(TODAY.year - years, 1, 1)
    Subject.objects.filter(cases=family.teen_case).update(birth_date=born)


@pytest.mark.parametrize("age", [12, 13, 16])
def test_the_child_writes_their_view_of_a_measure(
    world: World, family: Family, client_as: Callable[[str], Client], age: int
) -> None:
    set_age(family, age)
    measure = teen_measure(world, family)
    client = client_as("child_over")
    case_page = client.get(reverse("portal:case", kwargs={"case_id": family.teen_case.pk}))
    assert measure_url(family.teen_case.pk, measure.pk) in case_page.content.decode()
    page = client.get(measure_url(family.teen_case.pk, measure.pk))
    assert page.status_code == 200 and measure.title in page.content.decode()

    response = client.post(measure_url(family.teen_case.pk, measure.pk), {"text": VIEW, "was": ""})
    assert response.status_code == 302
    assert Measure.objects.get(pk=measure.pk).child_view == VIEW
    event = AuditEvent.objects.filter(case_id=family.teen_case.pk).order_by("-pk").first()
    assert event is not None
    assert (event.via, event.action, event.object_type, event.object_id) == (
        Via.PORTAL,
        AuditAction.UPDATE,
        "measure",
        measure.pk,
    )
    shown = client.get(reverse("portal:case", kwargs={"case_id": family.teen_case.pk}))
    assert VIEW in shown.content.decode()


def test_the_child_writes_their_view_of_a_meeting(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("child_over")
    target = meeting_url(family.teen_case.pk, family.teen_meeting.pk)
    assert (
        target
        in client.get(
            reverse("portal:case", kwargs={"case_id": family.teen_case.pk})
        ).content.decode()
    )
    assert client.post(target, {"text": VIEW, "was": ""}).status_code == 302
    assert Meeting.objects.get(pk=family.teen_meeting.pk).child_view == VIEW


def test_a_child_under_the_voice_age_has_no_page(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    set_age(family, 11)
    measure = teen_measure(world, family)
    client = client_as("child_over")
    assert client.get(measure_url(family.teen_case.pk, measure.pk)).status_code == 404


@pytest.mark.parametrize(
    "role", ["own_guardian", "guardian_without_pr", "other_guardian", "child_under", "staff"]
)
def test_nobody_but_the_child_writes_the_childs_view(
    world: World, family: Family, client_as: Callable[[str], Client], role: str
) -> None:
    """Not even the parent of a child old enough: the guardian gets the page missing."""
    client = client_as(role)
    for case_id, measure_id, meeting_id in (
        (family.case.pk, world.measure.pk, family.meeting.pk),
        (family.teen_case.pk, teen_measure(world, family).pk, family.teen_meeting.pk),
    ):
        for target in (measure_url(case_id, measure_id), meeting_url(case_id, meeting_id)):
            assert client.get(target).status_code == 404, (role, target)
            assert (
                client.post(target, {"text": "Skrevet av noen andre", "was": ""}).status_code == 404
            )
    written = [m.child_view for m in Measure.objects.all()]
    written += [m.child_view for m in Meeting.objects.all()]
    assert "Skrevet av noen andre" not in written


def test_a_guardian_of_a_child_old_enough_cannot_write_for_them(
    world: World, family: Family
) -> None:
    """Eva Lien, the teenager's mother, logs in: the child's pages are not hers."""
    mother = family.teen_case.subject.guardians.get()  # type: ignore[union-attr]
    user: User = portal_user_for_guardian(mother)
    client = Client()
    client.force_login(user, backend="laget.portal.oidc.PortalOIDCBackend")
    target = meeting_url(family.teen_case.pk, family.teen_meeting.pk)
    assert client.get(target).status_code == 404
    assert client.post(target, {"text": "Mor skriver", "was": ""}).status_code == 404


def test_another_cases_measure_is_missing(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("child_over")
    assert client.get(measure_url(family.teen_case.pk, world.measure.pk)).status_code == 404
    assert client.get(meeting_url(family.teen_case.pk, family.meeting.pk)).status_code == 404


def test_a_change_meanwhile_is_not_overwritten(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    Meeting.objects.filter(pk=family.teen_meeting.pk).update(child_view="Sagt til læreren.")
    client = client_as("child_over")
    target = meeting_url(family.teen_case.pk, family.teen_meeting.pk)
    response = client.post(target, {"text": VIEW, "was": ""})
    assert response.status_code == 200
    assert str(MSG_CHILD_VIEW_CHANGED) in response.content.decode()
    assert "Sagt til læreren." in response.content.decode()
    assert Meeting.objects.get(pk=family.teen_meeting.pk).child_view == "Sagt til læreren."
    # Sent again from what is there now, it is saved.
    form = response.context["form"]
    assert form["was"].value() == "Sagt til læreren."
    again = client.post(target, {"text": VIEW, "was": "Sagt til læreren."})
    assert again.status_code == 302
    assert Meeting.objects.get(pk=family.teen_meeting.pk).child_view == VIEW


def test_a_closed_case_takes_no_view(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    teacher = family.teen_meeting.created_by
    access = case_for(teacher, family.teen_case.pk, need=Need.COORDINATE, audit=False)
    case_close(actor=actor_for(teacher), access=access, reason="Ferdig")
    client = client_as("child_over")
    target = meeting_url(family.teen_case.pk, family.teen_meeting.pk)
    assert 'name="text"' not in client.get(target).content.decode()
    client.post(target, {"text": VIEW, "was": ""})
    assert Meeting.objects.get(pk=family.teen_meeting.pk).child_view == ""


def test_a_measure_hidden_from_the_child_is_missing(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    measure = teen_measure(world, family)
    Restriction.objects.create(
        case=family.teen_case,
        is_child=True,
        parts=[Part.MEASURES],
        reason=RestrictionReason.CHILD_SAFETY,
        state=RestrictionState.IN_FORCE,
        proposed_by=world.users["other_unit"],
        decided_by=world.users["other_unit"],
        decided_at=timezone.now(),
    )
    client = client_as("child_over")
    assert client.get(measure_url(family.teen_case.pk, measure.pk)).status_code == 404
