"""The stafettlogg forms: bad input lands on the right field and nothing is half-written;
a stale save shows the other person's change; the happy paths write through the services."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import AuditAction, AuditEvent
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind, LegalBasis, Outcome, ParticipantRole
from laget.cases.messages import MSG_CASE_CLOSED, MSG_SECOND_STAFETTHOLDER
from laget.cases.models import (
    MSG_EVALUATION_BEFORE_START,
    Case,
    Entry,
    LevelChange,
    Measure,
    Meeting,
    Participant,
    Transition,
)
from laget.cases.services.lifecycle import case_close, case_identify, case_open
from laget.cases.services.measures import measure_update
from laget.consent.models import Consent
from laget.lib.concurrency import MSG_CONFLICT
from laget.lib.forms import MSG_TEXT_TOO_LONG
from laget.orgs.actors import actor_for
from laget.people.models import Guardian, Subject
from laget.people.national_id import MSG_BAD_CHECKSUM, MSG_NOT_11_DIGITS, check_digits
from laget.testing.consents import given_consent
from laget.testing.world import World

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def url(name: str, case: Case | int, **kwargs: int) -> str:
    case_id = case if isinstance(case, int) else case.pk
    return reverse(f"cases:{name}", kwargs={"case_id": case_id, **kwargs})


def own_case(world: World, level: int = 1, label: str = "Jente, 5 år") -> Case:
    """A fresh case held by the stafettholder, for tests that change things."""
    user = world.users["stafettholder"]
    return case_open(
        actor=actor_for(user),
        user=user,
        unit_id=world.units["kindergarten"].pk,
        label=label,
        level=level,
    )


def consented_case(world: World, *units: str) -> tuple[Case, Consent]:
    """own_case, tied to a child whose guardians consent to the named units taking part."""
    case = own_case(world)
    user = world.users["stafettholder"]
    access = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
    case_identify(actor=actor_for(user), access=access, given_name="Sara", family_name="Lien")
    consent = given_consent(case, [world.units[u] for u in units], by=user)
    return case, consent


def holder_row(case: Case) -> Participant:
    return case.participants.get(role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True)


def errors(response: Any) -> dict[str, list[str]]:
    return {k: [str(m) for m in v] for k, v in response.context["form"].errors.items()}


def synthetic_id(valid: bool = True) -> str:
    first_nine = "018120500"  # 1 January 2020, synthetic month (+80)
    digits = check_digits(first_nine)
    assert digits is not None
    if not valid:
        digits = digits[0] + str((int(digits[1]) + 1) % 10)
    return first_nine + digits


# --- Bad input: a field error, nothing written -----------------------------------------------


def test_new_concern_with_invalid_national_id_shows_the_message_and_writes_nothing(
    world: World, client_for: Any
) -> None:
    before = (Case.objects.count(), Subject.objects.count(), AuditEvent.objects.count())
    response = client_for("stafettholder").post(
        reverse("cases:case_open"),
        {
            "unit": world.units["kindergarten"].pk,
            "level": 0,
            "kind": "child",
            "given_name": "Ola",
            "family_name": "Nordvik",
            "national_id": synthetic_id(valid=False),
        },
    )
    assert response.status_code == 200
    assert errors(response)["national_id"] == [str(MSG_BAD_CHECKSUM)]
    assert (Case.objects.count(), Subject.objects.count(), AuditEvent.objects.count()) == before


def test_identify_with_too_short_national_id_is_refused(world: World, client_for: Any) -> None:
    case = own_case(world)
    response = client_for("stafettholder").post(
        url("case_identify", case),
        {"kind": "child", "given_name": "Ola", "family_name": "Nordvik", "national_id": "12345"},
    )
    assert errors(response)["national_id"] == [str(MSG_NOT_11_DIGITS)]
    case.refresh_from_db()
    assert case.subject_id is None


def test_new_concern_and_person_are_one_transaction(
    world: World, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If tying the person fails, the case is not left behind without them."""

    def refuse(**kwargs: Any) -> None:
        raise ValidationError({"family_name": "nei"})

    monkeypatch.setattr("laget.cases.views.cases.case_identify", refuse)
    before = (Case.objects.count(), LevelChange.objects.count(), AuditEvent.objects.count())
    response = client_for("stafettholder").post(
        reverse("cases:case_open"),
        {
            "unit": world.units["kindergarten"].pk,
            "level": 0,
            "kind": "child",
            "given_name": "Ola",
            "family_name": "Nordvik",
        },
    )
    assert errors(response)["family_name"] == ["nei"]
    after = (Case.objects.count(), LevelChange.objects.count(), AuditEvent.objects.count())
    assert after == before


def test_new_concern_needs_a_label_or_a_person(world: World, client_for: Any) -> None:
    before = Case.objects.count()
    response = client_for("stafettholder").post(
        reverse("cases:case_open"),
        {"unit": world.units["kindergarten"].pk, "level": 0, "kind": "child"},
    )
    assert "label" in errors(response)
    assert Case.objects.count() == before


def test_new_concern_only_in_the_users_own_units(world: World, client_for: Any) -> None:
    before = Case.objects.count()
    response = client_for("stafettholder").post(
        reverse("cases:case_open"),
        {"unit": world.units["school"].pk, "level": 0, "kind": "child", "label": "Gutt"},
    )
    assert "unit" in errors(response)
    assert Case.objects.count() == before


def test_evaluation_date_before_start_is_a_field_error(world: World, client_for: Any) -> None:
    case = own_case(world)
    before = Measure.objects.count()
    response = client_for("stafettholder").post(
        url("measure_create", case),
        {
            "title": "Samtale hver uke",
            "goal": "Bli tryggere",
            "arena": "kindergarten",
            "responsible": holder_row(case).pk,
            "start_date": "2026-03-10",
            "evaluation_date": "2026-03-01",
            "status": "planned",
        },
    )
    assert errors(response)["evaluation_date"] == [str(MSG_EVALUATION_BEFORE_START)]
    assert Measure.objects.count() == before


def test_second_stafettholder_is_a_field_error(world: World, client_for: Any) -> None:
    consent = given_consent(world.case, [world.units["school"]], by=world.users["stafettholder"])
    before = Participant.objects.count()
    response = client_for("stafettholder").post(
        url("participant_add", world.case),
        {
            "unit": world.units["school"].pk,
            "user": world.users["other_unit"].pk,
            "role": ParticipantRole.STAFETTHOLDER,
            "legal_basis": LegalBasis.CONSENT,
            "consent": consent.pk,
        },
    )
    assert errors(response)["role"] == [str(MSG_SECOND_STAFETTHOLDER)]
    assert Participant.objects.count() == before


def test_write_to_a_closed_case_shows_the_message_and_writes_nothing(
    world: World, client_for: Any
) -> None:
    case = own_case(world)
    user = world.users["stafettholder"]
    case_close(
        actor=actor_for(user),
        access=case_for(user, case.pk, need=Need.COORDINATE, audit=False),
        reason="Ferdig.",
    )
    writes = AuditEvent.objects.exclude(action=AuditAction.READ)
    before = (Entry.objects.count(), writes.count())
    response = client_for("stafettholder").post(
        url("entry_create", case),
        {"kind": EntryKind.NOTE, "text": "Etter avslutning", "audience": Audience.PROFESSIONALS},
    )
    assert response.status_code == 200
    assert str(MSG_CASE_CLOSED) in response.content.decode()
    assert response.context["form"].non_field_errors() == [str(MSG_CASE_CLOSED)]
    assert (Entry.objects.count(), writes.count()) == before


def test_oversized_text_is_a_field_error(world: World, client_for: Any, settings: Any) -> None:
    case = own_case(world)
    too_long = "x" * (settings.LAGET_MAX_TEXT + 1)
    before = Entry.objects.count()
    response = client_for("stafettholder").post(
        url("entry_create", case),
        {"kind": EntryKind.NOTE, "text": too_long, "audience": Audience.PROFESSIONALS},
    )
    expected = MSG_TEXT_TOO_LONG % {"max": settings.LAGET_MAX_TEXT, "length": len(too_long)}
    assert errors(response)["text"] == [expected]
    assert Entry.objects.count() == before


def test_error_summary_links_to_the_field(world: World, client_for: Any) -> None:
    response = client_for("stafettholder").post(url("case_close", own_case(world)), {"reason": ""})
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_reason"' in html
    assert 'aria-describedby="id_reason_error"' in html
    assert "<title>Feil:" in html


# --- Two people saving the same thing -------------------------------------------------------


def test_stale_measure_save_shows_the_other_persons_change(world: World, client_for: Any) -> None:
    case = own_case(world)
    holder = holder_row(case)
    kari = client_for("stafettholder")
    kari.post(
        url("measure_create", case),
        {
            "title": "Fast voksen",
            "goal": "Trygg start på dagen",
            "arena": "kindergarten",
            "responsible": holder.pk,
            "start_date": TODAY.isoformat(),
            "evaluation_date": (TODAY + datetime.timedelta(days=14)).isoformat(),
            "status": "planned",
        },
    )
    measure = case.measures.get()
    form = {
        "title": "Fast voksen hver morgen",
        "goal": "Trygg start på dagen",
        "arena": "kindergarten",
        "responsible": holder.pk,
        "start_date": measure.start_date.isoformat(),
        "evaluation_date": measure.evaluation_date.isoformat(),
        "status": "active",
        "version": measure.version,
    }
    # Someone else saves first.
    user = world.users["stafettholder"]
    measure_update(
        actor=actor_for(user),
        access=case_for(user, case.pk, need=Need.WRITE, audit=False),
        measure=Measure.objects.get(pk=measure.pk),
        expected_version=measure.version,
        title="Fast voksen ved levering og henting",
    )
    response = kari.post(url("measure_update", case, measure_id=measure.pk), form)
    html = response.content.decode()
    assert response.status_code == 200
    assert str(MSG_CONFLICT) in html
    assert "Fast voksen ved levering og henting" in html  # the other's change, shown
    assert f'name="version" value="{measure.version + 1}"' in html
    measure.refresh_from_db()
    assert measure.title == "Fast voksen ved levering og henting"  # not overwritten
    # Seen the other change, the second person saves again on purpose.
    form["version"] = measure.version
    response = kari.post(url("measure_update", case, measure_id=measure.pk), form)
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Fast voksen hver morgen"


def test_stale_entry_save_is_refused(world: World, client_for: Any) -> None:
    case = own_case(world)
    client = client_for("stafettholder")
    client.post(
        url("entry_create", case),
        {"kind": EntryKind.NOTE, "text": "Første versjon", "audience": Audience.PROFESSIONALS},
    )
    entry = case.entries.get()
    data = {"kind": EntryKind.NOTE, "audience": Audience.PROFESSIONALS, "version": entry.version}
    assert (
        client.post(url("entry_update", case, entry_id=entry.pk), {**data, "text": "A"}).status_code
        == 302
    )
    response = client.post(url("entry_update", case, entry_id=entry.pk), {**data, "text": "B"})
    assert str(MSG_CONFLICT) in response.content.decode()
    entry.refresh_from_db()
    assert entry.text == "A"


def test_only_the_author_may_correct_an_entry(world: World, client_for: Any) -> None:
    response = client_for("participant").get(
        url("entry_update", world.case, entry_id=world.entry.pk)
    )
    assert response.status_code == 403


# --- The happy paths ------------------------------------------------------------------------


def test_new_concern_with_a_person_opens_and_identifies_the_case(
    world: World, client_for: Any
) -> None:
    response = client_for("stafettholder").post(
        reverse("cases:case_open"),
        {
            "unit": world.units["kindergarten"].pk,
            "level": 3,
            "kind": "child",
            "given_name": "Ola",
            "family_name": "Nordvik",
            "national_id": synthetic_id(),
            "reason": "Foreldrene ber om samarbeid.",
            "observation": "Gråter ofte ved levering.",
        },
    )
    assert response.status_code == 302
    case = Case.objects.latest("pk")
    assert response["Location"] == url("case_detail", case)
    assert case.level == 3
    assert case.subject is not None and case.subject.full_name == "Ola Nordvik"
    assert holder_row(case).user == world.users["stafettholder"]
    assert case.entries.get().text == "Gråter ofte ved levering."


def test_a_level0_worry_is_raised_to_level1_with_a_chosen_stafettholder(
    world: World, client_for: Any
) -> None:
    case = own_case(world, level=0)
    client = client_for("stafettholder")
    page = client.get(url("case_change_level", case))
    assert "stafettholder" in page.context["form"].fields
    person = case.participants.get()
    # The opener is the only one who can take the baton: chosen in advance.
    assert page.context["form"].initial["stafettholder"] == person.pk
    response = client.post(
        url("case_change_level", case),
        {"to_level": 1, "reason": "Tiltak i barnehagen.", "stafettholder": person.pk},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.level == 1
    assert holder_row(case).pk == person.pk


def test_level_form_hides_the_stafettholder_choice_when_there_is_one(
    world: World, client_for: Any
) -> None:
    page = client_for("stafettholder").get(url("case_change_level", world.case))
    assert "stafettholder" not in page.context["form"].fields


def test_measure_is_created_and_evaluated(world: World, client_for: Any) -> None:
    case = own_case(world)
    client = client_for("stafettholder")
    response = client.post(
        url("measure_create", case),
        {
            "title": "Bildekalender",
            "goal": "Forutsigbar dag",
            "arena": "home",
            "responsible": holder_row(case).pk,
            "start_date": TODAY.isoformat(),
            "evaluation_date": TODAY.isoformat(),
            "status": "active",
        },
    )
    assert response.status_code == 302
    measure = case.measures.get()
    response = client.post(
        url("measure_evaluate", case, measure_id=measure.pk),
        {
            "evaluated_on": TODAY.isoformat(),
            "outcome": Outcome.PARTLY,
            "text": "Bedre morgener, fortsatt urolig om kvelden.",
            "status": "completed",
            "version": measure.version,
        },
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == "completed"
    assert [e.outcome for e in measure.evaluations.all()] == [Outcome.PARTLY]


def test_glimmer_form_starts_as_a_glimmer_for_everyone(world: World, client_for: Any) -> None:
    case = own_case(world)
    client = client_for("stafettholder")
    form = client.get(url("entry_create", case) + "?type=lysglimt").context["form"]
    assert (form["kind"].value(), form["audience"].value()) == (EntryKind.GLIMMER, Audience.ALL)
    response = client.post(
        url("entry_create", case),
        {"kind": EntryKind.GLIMMER, "text": "Delte matpakken.", "audience": Audience.ALL},
    )
    assert response.status_code == 302
    assert case.entries.get().kind == EntryKind.GLIMMER


def test_participant_is_added_and_leaves(world: World, client_for: Any) -> None:
    case, consent = consented_case(world, "school")
    client = client_for("stafettholder")
    response = client.post(
        url("participant_add", case),
        {
            "unit": world.units["school"].pk,
            "user": "",
            "role": ParticipantRole.PARTICIPANT,
            "legal_basis": LegalBasis.CONSENT,
            "consent": consent.pk,
        },
    )
    assert response.status_code == 302
    school = case.participants.get(unit=world.units["school"])
    assert school.user is None and school.consent == consent
    response = client.post(url("participant_leave", case, participant_id=school.pk))
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.left_at is not None


def test_people_fragment_lists_the_staff_of_one_unit_without_an_audit_read(
    world: World, client_for: Any
) -> None:
    before = AuditEvent.objects.count()
    response = client_for("stafettholder").get(
        url("participant_people", world.case) + f"?unit={world.units['school'].pk}"
    )
    html = response.content.decode()
    assert "Nils Tverrå" in html
    assert "Per Nystad" not in html
    assert AuditEvent.objects.count() == before


def test_form_pages_are_audited_as_reads_and_posts_are_not_double_counted(
    world: World, client_for: Any
) -> None:
    case = own_case(world)
    client = client_for("stafettholder")
    before = AuditEvent.objects.count()
    client.get(url("entry_create", case))
    assert AuditEvent.objects.count() == before + 1  # the form shows case content
    client.post(
        url("entry_create", case),
        {"kind": EntryKind.NOTE, "text": "Notat", "audience": Audience.PROFESSIONALS},
    )
    assert AuditEvent.objects.count() == before + 2  # the service's CREATE only


def test_stafettholder_who_may_not_leave_gets_the_message(world: World, client_for: Any) -> None:
    case = own_case(world)
    holder = holder_row(case)
    response = client_for("stafettholder").post(
        url("participant_leave", case, participant_id=holder.pk)
    )
    assert response.status_code == 200
    assert response.context["errors"]
    holder.refresh_from_db()
    assert holder.left_at is None


def test_baton_is_handed_over(world: World, client_for: Any) -> None:
    case, consent = consented_case(world, "health_clinic")
    client = client_for("stafettholder")
    client.post(
        url("participant_add", case),
        {
            "unit": world.units["health_clinic"].pk,
            "user": world.users["participant"].pk,
            "role": ParticipantRole.PARTICIPANT,
            "legal_basis": LegalBasis.CONSENT,
            "consent": consent.pk,
        },
    )
    per = case.participants.get(user=world.users["participant"])
    response = client.post(url("baton_hand_over", case), {"to_participant": per.pk, "note": "Ok"})
    assert response.status_code == 302
    assert holder_row(case).pk == per.pk


def test_meeting_is_planned_and_minuted(world: World, client_for: Any) -> None:
    case = own_case(world)
    client = client_for("stafettholder")
    holder = holder_row(case)
    # Three days ago: a meeting is marked held only once it has started.
    starts = (timezone.localtime() - datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url("meeting_create", case),
        {
            "kind": "coordination",
            "starts_at": starts,
            "video_url": "https://møte.example/abc",
            "participants": [holder.pk],
        },
    )
    assert response.status_code == 302, errors(response)
    meeting = case.meetings.get()
    response = client.post(
        url("meeting_update", case, meeting_id=meeting.pk),
        {
            "kind": "coordination",
            "starts_at": starts,
            "place": "Møterom 2",
            "video_url": "",
            "agenda": "",
            "participants": [holder.pk],
            "status": "held",
            "minutes": "Vi ble enige om bildekalender.",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302, errors(response)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.place) == ("held", "Møterom 2")
    assert [a.participant_id for a in meeting.attendees.all()] == [holder.pk]


def test_meeting_needs_a_place_or_video(world: World, client_for: Any) -> None:
    case = own_case(world)
    before = Meeting.objects.count()
    response = client_for("stafettholder").post(
        url("meeting_create", case),
        {"kind": "coordination", "starts_at": "2026-05-01T10:00"},
    )
    assert "place" in errors(response)
    assert Meeting.objects.count() == before


def test_identify_guardian_report_transition_and_close(world: World, client_for: Any) -> None:
    case = own_case(world)
    client = client_for("stafettholder")
    ok = client.post(
        url("case_identify", case),
        {"kind": "child", "given_name": "Sara", "family_name": "Lien", "birth_date": "2020-02-02"},
    )
    assert ok.status_code == 302, errors(ok)
    ok = client.post(
        url("guardian_add", case),
        {"name": "Mona Lien", "relation": "mor", "has_parental_responsibility": "on"},
    )
    assert ok.status_code == 302, errors(ok)
    assert Guardian.objects.filter(subject__cases=case).count() == 1
    ok = client.post(
        url("case_report_concern", case),
        {"child_welfare_unit": world.units["child_welfare"].pk, "reason": "Meldt i dag."},
    )
    assert ok.status_code == 302, errors(ok)
    # Mona Lien gives her consent (in the family portal) to the school taking part.
    consent = given_consent(case, [world.units["school"]], by=world.users["stafettholder"])
    ok = client.post(
        url("transition_create", case),
        {
            "to_unit": world.units["school"].pk,
            "date": "2026-08-15",
            "meeting_at": "2026-06-01T09:00",
            "place": "Bakketun skole",
            "legal_basis": LegalBasis.CONSENT,
            "consent": consent.pk,
        },
    )
    assert ok.status_code == 302, errors(ok)
    assert Transition.objects.filter(case=case).count() == 1
    assert case.participants.get(unit=world.units["school"]).consent == consent
    ok = client.post(url("case_close", case), {"reason": "Overført og avsluttet."})
    assert ok.status_code == 302, errors(ok)
    case.refresh_from_db()
    assert case.is_closed


def test_a_refused_post_shown_again_is_audited_as_one_read_and_no_write(
    world: World, client_for: Any
) -> None:
    case = own_case(world)
    before = list(AuditEvent.objects.values_list("pk", flat=True))
    response = client_for("stafettholder").post(url("entry_create", case), {"kind": EntryKind.NOTE})
    assert response.status_code == 200
    new = AuditEvent.objects.exclude(pk__in=before)
    assert [(e.action, e.object_type, e.case_id) for e in new] == [
        (AuditAction.READ, "case", case.pk)
    ]


def test_a_conflict_shown_to_the_user_is_audited_as_a_read_of_that_object(
    world: World, client_for: Any
) -> None:
    case = own_case(world)
    measure = case.measures.create(
        title="Lesestund",
        goal="Ro før leggetid",
        arena="home",
        responsible=holder_row(case),
        start_date=TODAY,
        evaluation_date=TODAY,
        created_by=world.users["stafettholder"],
        version=2,
    )
    before = list(AuditEvent.objects.values_list("pk", flat=True))
    response = client_for("stafettholder").post(
        url("measure_update", case, measure_id=measure.pk),
        {
            "title": "Lesestund hver kveld",
            "goal": "Ro før leggetid",
            "arena": "home",
            "responsible": holder_row(case).pk,
            "start_date": TODAY.isoformat(),
            "evaluation_date": TODAY.isoformat(),
            "status": "planned",
            "version": 1,
        },
    )
    assert response.status_code == 200
    assert response.context["conflict"]
    new = AuditEvent.objects.exclude(pk__in=before)
    assert [(e.action, e.object_type, e.object_id) for e in new] == [
        (AuditAction.READ, "measure", measure.pk)
    ]


@pytest.mark.parametrize(
    ("role", "arena"),
    [("stafettholder", "kindergarten"), ("participant", "health_clinic")],
)
def test_a_new_measure_starts_today_with_me_responsible_in_my_units_arena(
    world: World, client_for: Any, role: str, arena: str
) -> None:
    form = (
        client_for(role)
        .get(reverse("cases:measure_create", kwargs={"case_id": world.case.pk}))
        .context["form"]
    )
    mine = world.case.participants.get(user=world.users[role], left_at=None)
    assert form.initial == {
        "start_date": timezone.localdate(),
        "responsible": mine.pk,
        "arena": arena,
    }
