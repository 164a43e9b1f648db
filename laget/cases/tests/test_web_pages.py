"""The stafettlogg pages: what they show, what they audit, and that every page renders."""

import re
from typing import Any

import pytest
from django.urls import reverse

from laget.audit.models import AuditAction, AuditEvent
from laget.cases.access import Need, case_for
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.models import Case
from laget.cases.services.lifecycle import case_close, case_open
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def case_urls(world: World) -> dict[str, str]:
    """Every case page, by URL name, with the kwargs it takes."""
    c = world.case.pk
    return {
        "case_detail": reverse("cases:case_detail", kwargs={"case_id": c}),
        "case_identify": reverse("cases:case_identify", kwargs={"case_id": c}),
        "guardian_add": reverse("cases:guardian_add", kwargs={"case_id": c}),
        "case_change_level": reverse("cases:case_change_level", kwargs={"case_id": c}),
        "case_report_concern": reverse("cases:case_report_concern", kwargs={"case_id": c}),
        "case_close": reverse("cases:case_close", kwargs={"case_id": c}),
        "participant_add": reverse("cases:participant_add", kwargs={"case_id": c}),
        "participant_people": reverse("cases:participant_people", kwargs={"case_id": c})
        + f"?unit={world.units['school'].pk}",
        "participant_leave": reverse(
            "cases:participant_leave",
            kwargs={"case_id": c, "participant_id": world.participant.pk},
        ),
        "baton_hand_over": reverse("cases:baton_hand_over", kwargs={"case_id": c}),
        "transition_create": reverse("cases:transition_create", kwargs={"case_id": c}),
        "measure_create": reverse("cases:measure_create", kwargs={"case_id": c}),
        "measure_update": reverse(
            "cases:measure_update", kwargs={"case_id": c, "measure_id": world.measure.pk}
        ),
        "measure_evaluate": reverse(
            "cases:measure_evaluate", kwargs={"case_id": c, "measure_id": world.measure.pk}
        ),
        "entry_create": reverse("cases:entry_create", kwargs={"case_id": c}),
        "entry_update": reverse(
            "cases:entry_update", kwargs={"case_id": c, "entry_id": world.entry.pk}
        ),
        "meeting_create": reverse("cases:meeting_create", kwargs={"case_id": c}),
        "meeting_update": reverse(
            "cases:meeting_update", kwargs={"case_id": c, "meeting_id": world.meeting.pk}
        ),
    }


CASE_PAGES = [
    "case_detail",
    "case_identify",
    "guardian_add",
    "case_change_level",
    "case_report_concern",
    "case_close",
    "participant_add",
    "participant_people",
    "participant_leave",
    "baton_hand_over",
    "transition_create",
    "measure_create",
    "measure_update",
    "measure_evaluate",
    "entry_create",
    "entry_update",
    "meeting_create",
    "meeting_update",
]


@pytest.mark.parametrize("name", CASE_PAGES)
def test_every_case_page_renders_for_the_stafettholder(
    world: World, client_for: object, name: str
) -> None:
    response = client_for("stafettholder").get(case_urls(world)[name])  # type: ignore[operator]
    assert response.status_code == 200


def test_my_cases_and_new_concern_render(client_for: object) -> None:
    client = client_for("stafettholder")  # type: ignore[operator]
    assert client.get(reverse("cases:my_cases")).status_code == 200
    assert client.get(reverse("cases:case_open")).status_code == 200


def test_anonymous_is_sent_to_login(world: World, client_for: object) -> None:
    response = client_for("anonymous").get(case_urls(world)["case_detail"])  # type: ignore[operator]
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_opening_the_case_page_writes_exactly_one_audit_record(
    world: World, client_for: object
) -> None:
    before = AuditEvent.objects.count()
    response = client_for("participant").get(case_urls(world)["case_detail"])  # type: ignore[operator]
    assert response.status_code == 200
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert len(events) == 1
    assert events[0].action == AuditAction.READ
    assert events[0].case_id == world.case.pk
    assert events[0].actor_id == world.users["participant"].pk


def test_my_cases_writes_one_list_record_per_case_shown(world: World, client_for: object) -> None:
    before = AuditEvent.objects.count()
    response = client_for("stafettholder").get(reverse("cases:my_cases"))  # type: ignore[operator]
    assert response.status_code == 200
    events = list(AuditEvent.objects.order_by("id")[before:])
    shown = sorted(c.pk for c in response.context["cases"])
    assert world.case.pk in shown
    assert [(e.action, e.object_type, e.case_id) for e in events] == [
        (AuditAction.LIST, "case_list", case_id) for case_id in shown
    ]


def test_my_cases_shows_holder_next_meeting_and_not_other_peoples_cases(
    world: World, client_for: object
) -> None:
    response = client_for("stafettholder").get(reverse("cases:my_cases"))  # type: ignore[operator]
    html = response.content.decode()
    assert "Emil Fjeldsrud" in html
    assert "Kari Lundberg" in html  # the stafettholder
    assert world.other_case.label not in html


def test_overdue_level0_worry_is_flagged_in_my_cases(world: World, client_for: object) -> None:
    user = world.users["same_unit"]
    case = case_open(
        actor=actor_for(user), user=user, unit_id=world.units["kindergarten"].pk, label="Jente, 3"
    )
    Case.objects.filter(pk=case.pk).update(level0_due="2020-01-01")
    html = client_for("same_unit").get(reverse("cases:my_cases")).content.decode()  # type: ignore[operator]
    assert "Undringen skulle vært avgjort" in html


def test_case_page_shows_every_section(world: World, client_for: object) -> None:
    html = client_for("stafettholder").get(case_urls(world)["case_detail"]).content.decode()  # type: ignore[operator]
    for text in (
        world.measure.title,
        world.entry.text,
        "Solstrålen, møterom 1",  # the meeting
        "Oda Brekkestø",  # a former participant
        world.consent.reference,  # the legal basis of a participant
        "Trenger helsestasjonen med.",  # level history reason
        "Alle deltakere, også familien",  # the audience of the glimmer
    ):
        assert text in html, text


def test_no_personal_data_in_the_page_title(world: World, client_for: object) -> None:
    html = client_for("stafettholder").get(case_urls(world)["case_detail"]).content.decode()  # type: ignore[operator]
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None
    assert "Emil" not in title.group(1)
    assert "Fjeldsrud" not in title.group(1)


def test_participant_sees_write_links_but_not_coordination_links(
    world: World, client_for: object
) -> None:
    html = client_for("participant").get(case_urls(world)["case_detail"]).content.decode()  # type: ignore[operator]
    urls = case_urls(world)
    assert urls["measure_create"] in html
    assert urls["case_change_level"] not in html
    assert urls["case_close"] not in html
    # Only the author corrects an entry.
    assert urls["entry_update"] not in html


def test_closed_case_is_shown_read_only_without_actions(world: World, client_for: object) -> None:
    user = world.users["stafettholder"]
    actor = actor_for(user)
    case = case_open(
        actor=actor, user=user, unit_id=world.units["kindergarten"].pk, label="Gutt, 7", level=1
    )
    access = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    case_close(actor=actor, access=access, reason="Tiltakene virket.")
    html = (
        client_for("stafettholder")
        .get(  # type: ignore[operator]
            reverse("cases:case_detail", kwargs={"case_id": case.pk})
        )
        .content.decode()
    )
    assert str(MSG_CASE_CLOSED) in html
    assert reverse("cases:entry_create", kwargs={"case_id": case.pk}) not in html
    assert reverse("cases:case_close", kwargs={"case_id": case.pk}) not in html


def test_page_has_lang_skip_link_and_labelled_fields(world: World, client_for: object) -> None:
    html = client_for("stafettholder").get(case_urls(world)["measure_create"]).content.decode()  # type: ignore[operator]
    assert '<html lang="nb">' in html
    assert 'href="#main"' in html
    for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\sid="(id_[a-z_]+)"', html):
        if re.search(rf'<input[^>]*type="hidden"[^>]*id="{field_id}"', html):
            continue
        assert f'for="{field_id}"' in html, field_id


def test_language_switch_to_english_and_back(world: World, client_for: object) -> None:
    client = client_for("stafettholder")  # type: ignore[operator]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("cases:my_cases")).content.decode()
    assert '<html lang="en">' in html
    assert "My cases" in html
    assert "Level 2 – two services working together" in html
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert "Mine saker" in client.get(reverse("cases:my_cases")).content.decode()


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        ("coordinator", "/oppfolging/"),
        ("admin", "/oppfolging/"),
        ("stafettholder", None),
        ("unit_leader", None),
    ],
)
def test_a_coordinator_starts_on_the_dashboard_and_staff_on_their_cases(
    world: World, client_for: Any, role: str, lands_on: str | None
) -> None:
    client = client_for(role)
    response = client.get(reverse("cases:my_cases"))
    if lands_on is None:
        assert response.status_code == 200
        assert response.templates[0].name == "cases/my_cases.html"
    else:
        assert response.status_code == 302 and response["Location"] == lands_on
        # The list is still there when asked for.
        assert client.get(reverse("cases:my_cases") + "?vis=alle").status_code == 200


@pytest.mark.parametrize(
    ("role", "offered"),
    [("coordinator", False), ("admin", False), ("stafettholder", True), ("unit_leader", True)],
)
def test_the_menu_offers_mine_saker_to_those_it_is_the_start_of(
    world: World, client_for: Any, role: str, offered: bool
) -> None:
    page = client_for(role).get(reverse("directory:search")).content.decode()
    link = f'href="{reverse("cases:my_cases")}"'
    # The brand link to the front page is always there; the menu item only for those it serves.
    assert (page.count(link) == 2) is offered
    assert ("Mine saker" in page) is offered
