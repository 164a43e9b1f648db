"""What the family sees and does in the portal, and what each of those leaves in the log."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind, Response
from laget.cases.models import Entry, MeetingAttendee
from laget.cases.services.lifecycle import case_close
from laget.cases.statutes import NATIONAL_BY_KEY, OWN_SERVICE
from laget.orgs.actors import actor_for
from laget.testing.family import PRIVATE_TEXT, Family
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def case_url(family: Family, name: str = "portal:case", **kwargs: int) -> str:
    return reverse(name, kwargs={"case_id": family.case.pk, **kwargs})


def test_case_page_shows_the_log_for_all_measures_meeting_and_stafettholder(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    body = client_as("own_guardian").get(case_url(family)).content.decode()
    assert "Emil Fjeldsrud" in body
    assert "Lo høyt i sandkassa i dag." in body
    assert PRIVATE_TEXT not in body
    # The measure: who does what, where, and when it is evaluated.
    assert "Fast voksen ved levering" in body
    assert "Kari Lundberg, Solstrålen barnehage" in body
    assert "Barnehage" in body
    # The next meeting and the stafettholder's contact details.
    assert "Solstrålen, møterom 1" in body
    assert "Jeg kommer" in body
    assert "mailto:kari@example.invalid" in body


def test_every_read_is_in_the_access_log_as_the_portal_user(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    before = AuditEvent.objects.count()
    client.get(case_url(family))
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert event is not None
    assert (event.action, event.via, event.case_id) == (
        AuditAction.READ,
        Via.PORTAL,
        family.case.pk,
    )
    user = family.users["own_guardian"]
    assert event.actor_id == user.pk
    # The row keeps the portal user's opaque username, not the name (kept encrypted on the
    # user); the family's access log shows the name through the user.
    assert event.actor_name == user.username and family.mother.name not in user.username
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM audit_auditevent WHERE actor_name LIKE %s",
            [f"%{family.mother.name}%"],
        )
        assert cursor.fetchone() == (0,)
    groups = client.get(case_url(family, "portal:access_log")).context["groups"]
    assert groups[0].who == family.mother.name and groups[0].by_family and groups[0].own


@pytest.mark.parametrize(
    ("role", "kind"), [("own_guardian", EntryKind.GLIMMER), ("child_over", EntryKind.COMMENT)]
)
def test_family_writes_a_glimmer_or_comment_for_everyone(
    role: str, kind: str, family: Family, client_as: Callable[[str], Client]
) -> None:
    case = family.case if role == "own_guardian" else family.teen_case
    url = reverse("portal:entry_create", kwargs={"case_id": case.pk})
    response = client_as(role).post(url, {"kind": kind, "text": "Sykla til skolen selv!"})
    assert response.status_code == 302
    (entry,) = [e for e in Entry.objects.filter(case=case) if e.text == "Sykla til skolen selv!"]
    assert entry.audience == Audience.ALL
    assert entry.author_unit_id is None
    if role == "own_guardian":
        assert entry.author_guardian_id == family.mother.pk
        assert entry.author_label == f"{family.mother.name} (foresatt)"
    else:
        assert entry.author_is_child
    assert AuditEvent.objects.filter(
        object_type="entry", object_id=entry.pk, action=AuditAction.CREATE, via=Via.PORTAL
    ).exists()


def test_staff_page_and_api_show_who_in_the_family_wrote(
    family: Family,
    client_as: Callable[[str], Client],
    client_for: Callable[[str], Client],
) -> None:
    client_as("own_guardian").post(
        case_url(family, "portal:entry_create"), {"kind": "glimmer", "text": "Sang i bilen."}
    )
    staff = client_for("stafettholder")
    page = staff.get(reverse("cases:case_detail", args=[family.case.pk])).content.decode()
    assert f"{family.mother.name} (foresatt)" in page
    assert "fra familien" in page
    rows = staff.get(reverse("api:entries", args=[family.case.pk])).json()
    row = next(r for r in rows if r["text"] == "Sang i bilen.")
    assert row["from_family"] is True
    assert row["author_guardian_name"] == family.mother.name
    assert row["author_unit_name"] is None


def test_a_family_entry_is_refused_in_a_closed_case(
    family: Family, world: World, client_as: Callable[[str], Client]
) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, family.case.pk, need=Need.COORDINATE, audit=False)
    case_close(actor=actor_for(holder), access=access, reason="Tiltakene virket.")
    client = client_as("own_guardian")
    response = client.post(
        case_url(family, "portal:entry_create"), {"kind": "comment", "text": "Hei"}
    )
    assert response.status_code == 200
    assert "Hei" not in [e.text for e in Entry.objects.filter(case=family.case)]
    assert "Saken er avsluttet" in client.get(case_url(family)).content.decode()


def test_the_guardian_answers_the_meeting_invitation(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    url = case_url(family, "portal:meeting_respond", meeting_id=family.meeting.pk)
    response = client_as("own_guardian").post(url, {"response": Response.DECLINED})
    assert response.status_code == 302
    row = MeetingAttendee.objects.get(meeting=family.meeting, guardian=family.mother)
    assert row.response == Response.DECLINED
    # The father's invitation is his own to answer.
    father = MeetingAttendee.objects.get(meeting=family.meeting, guardian=family.father)
    assert father.response == Response.INVITED


def test_an_invalid_answer_changes_nothing(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    url = case_url(family, "portal:meeting_respond", meeting_id=family.meeting.pk)
    client_as("own_guardian").post(url, {"response": "maybe"})
    row = MeetingAttendee.objects.get(meeting=family.meeting, guardian=family.mother)
    assert row.response == Response.INVITED


def test_access_log_shows_who_from_which_unit_did_what_newest_first(
    family: Family,
    client_as: Callable[[str], Client],
    client_for: Callable[[str], Client],
) -> None:
    client_for("participant").get(reverse("cases:case_detail", args=[family.case.pk]))
    response = client_as("own_guardian").get(case_url(family, "portal:access_log"))
    groups = response.context["groups"]
    assert groups[0].who == "Per Nystad"
    assert groups[0].where == "Fjordvik helsestasjon"
    assert [str(d) for d in groups[0].doings] == ["leste saken"]
    assert [g.at for g in groups] == sorted((g.at for g in groups), reverse=True)
    body = response.content.decode()
    assert "Per Nystad" in body and "Fjordvik helsestasjon" in body


def test_access_log_folds_away_those_who_only_saw_the_case_in_a_list(
    family: Family,
    client_as: Callable[[str], Client],
    client_for: Callable[[str], Client],
) -> None:
    client_for("participant").get(reverse("cases:my_cases"))
    response = client_as("own_guardian").get(case_url(family, "portal:access_log"))
    assert [g.who for g in response.context["listed_groups"]] == ["Per Nystad"]
    assert "Per Nystad" not in [g.who for g in response.context["groups"]]
    body = response.content.decode()
    folded = body[body.index('<details class="access-log__listed">') :]
    assert "Per Nystad" in folded and "så saken i listen over saker" in folded
    # Once he opens the case he is among those who read it, not folded away.
    client_for("participant").get(reverse("cases:case_detail", args=[family.case.pk]))
    response = client_as("own_guardian").get(case_url(family, "portal:access_log"))
    assert "Per Nystad" in [g.who for g in response.context["groups"]]
    assert response.context["listed_groups"] == []


def test_access_log_shows_the_familys_own_reads_as_one_group_a_day(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    """Paging by group: laget/family/tests/test_holdback_log.py."""
    client = client_as("own_guardian")
    for _ in range(30):
        client.get(case_url(family))
    first = client.get(case_url(family, "portal:access_log")).context["groups"][0]
    assert first.own and first.sentence == "Du leste saken 30 ganger i dag"
    last = client.get(case_url(family, "portal:access_log") + "?side=999")
    assert last.status_code == 200
    assert not last.context["page"].has_next()


def test_home_lists_only_the_familys_cases(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    body = client_as("own_guardian").get(reverse("portal:home")).content.decode()
    assert "Emil Fjeldsrud" in body
    assert "Sofie Lien" not in body and "Ida Storvik" not in body
    body = client_as("child_over").get(reverse("portal:home")).content.decode()
    assert "Sofie Lien" in body and "Emil Fjeldsrud" not in body
    body = client_as("guardian_without_pr").get(reverse("portal:home")).content.decode()
    assert "Vi finner ingen stafettlogg knyttet til deg" in body


def test_the_portal_speaks_english_through_the_switch(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    client.post(reverse("set_language"), {"language": "en", "next": "/familie/"})
    body = client.get(case_url(family)).content.decode()
    assert "Next meeting" in body
    assert "Neste møte" not in body


GET_PAGES = [
    ("portal:case", {}, "case"),
    ("portal:entry_create", {}, "case"),
    ("portal:access_log", {}, "access_log"),
    ("portal:consents", {}, "consent_list"),
]


@pytest.mark.parametrize(("name", "extra", "object_type"), GET_PAGES)
def test_each_page_of_a_case_writes_one_read_record(
    name: str,
    extra: dict[str, int],
    object_type: str,
    family: Family,
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("own_guardian")
    before = AuditEvent.objects.count()
    assert client.get(case_url(family, name, **extra)).status_code == 200
    rows = list(AuditEvent.objects.order_by("id")[before:])
    assert [(r.action, r.via, r.object_type, r.case_id) for r in rows] == [
        (AuditAction.READ, Via.PORTAL, object_type, family.case.pk)
    ]


def test_entry_and_consent_pages_record_what_was_read(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    client.get(case_url(family, "portal:entry", entry_id=world.entry.pk))
    client.get(case_url(family, "portal:consent", consent_id=world.consent.pk))
    rows = AuditEvent.objects.order_by("-id")[:2]
    assert {(r.object_type, r.object_id) for r in rows} == {
        ("entry", world.entry.pk),
        ("consent", world.consent.pk),
    }


def test_the_case_page_reads_in_a_fixed_number_of_queries(
    world: World,
    family: Family,
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("own_guardian")
    url = case_url(family)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        client.post(
            case_url(family, "portal:entry_create"), {"kind": "comment", "text": f"Hilsen {n}"}
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_access_log_page_names_who_may_read_now_with_the_statute_and_what_it_allows(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    response = client_as("own_guardian").get(case_url(family, "portal:access_log"))
    body = response.content.decode()
    own = NATIONAL_BY_KEY[OWN_SERVICE]
    # The opener takes part on the service's own concern: its reference and what it allows.
    assert f"{own.reference} – {own.title}" in body
