"""A report of concern holds the family's access log back; child welfare ends it or changes it.

The page is child welfare's: the members of the hold-back's unit while that unit takes part in
the case. Anyone else, the stafettholder who reported included, gets 404 and leaves no row.
"""

import datetime
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent
from laget.cases.access import Need, case_for
from laget.cases.choices import Decision
from laget.cases.models import Case, LevelChange
from laget.cases.services.lifecycle import case_report_concern
from laget.cases.services.participants import participant_leave
from laget.family.access import member_view
from laget.family.choices import HoldBackReason
from laget.family.holdbacks import (
    MSG_ENDS_BEFORE_TODAY,
    MSG_ENDS_TOO_LATE,
    MSG_NOT_IN_FORCE,
    hold_back_end,
)
from laget.family.models import HoldBack
from laget.family.views.holdbacks import MSG_CHOOSE
from laget.orgs.actors import actor_for
from laget.orgs.models import Role
from laget.portal.tests.conftest import client_as, family
from laget.testing.family import Family
from laget.testing.world import World, add_member, make_user

pytestmark = pytest.mark.django_db

__all__ = ["client_as", "family"]  # the portal's family fixtures, for the family roles

REPORT_REASON = "Barnet fortalte om slag hjemme."


def welfare_user(world: World, username: str = "hanne-bv") -> User:
    """An employee of world's child welfare service (the world has none)."""
    user = make_user(username, "Hanne", "Dahl")
    add_member(user, world.municipality, world.units["child_welfare"], Role.EMPLOYEE)
    return user


def file_report(world: World, case: Case) -> HoldBack:
    """The stafettholder reports a concern about the case's child to child welfare."""
    holder = world.users["stafettholder"]
    access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
    case_report_concern(
        actor=actor_for(holder),
        access=access,
        reason=REPORT_REASON,
        child_welfare_unit_id=world.units["child_welfare"].pk,
    )
    return HoldBack.objects.filter(case=case).latest("starts_at")


def page_url(case: Case) -> str:
    return reverse("family:hold_backs", kwargs={"case_id": case.pk})


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- The report records it --------------------------------------------------------------


def test_a_report_holds_the_familys_log_back_from_its_own_moment(world: World) -> None:
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    hold_back = file_report(world, world.case)
    change = LevelChange.objects.get(case=world.case, decision=Decision.REPORT)
    welfare = world.case.participants.get(unit=world.units["child_welfare"])

    assert hold_back.unit == world.units["child_welfare"]
    assert hold_back.reason == HoldBackReason.REPORT_ASSESSED
    assert hold_back.decided_by == world.users["stafettholder"]
    assert hold_back.starts_at == change.decided_at == welfare.joined_at
    assert hold_back.ends_on == timezone.localdate() + datetime.timedelta(
        days=settings.LAGET_HOLD_BACK_DAYS
    )
    rows = AuditEvent.objects.filter(id__gt=before)
    assert {(r.object_type, r.action) for r in rows} >= {
        ("levelchange", AuditAction.CREATE),
        ("holdback", AuditAction.CREATE),
    }
    assert all(r.at >= hold_back.starts_at for r in rows)
    assert hold_back.in_force()


def test_a_refused_report_holds_nothing_back(world: World) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    with pytest.raises(ValidationError):
        case_report_concern(
            actor=actor_for(holder),
            access=access,
            reason=REPORT_REASON,
            child_welfare_unit_id=world.units["school"].pk,
        )
    assert not HoldBack.objects.filter(case=world.case).exists()


def test_it_ends_by_itself_when_the_end_date_has_passed(world: World, family: Family) -> None:
    hold_back = file_report(world, world.case)
    case = Case.objects.get(pk=world.case.pk)
    assert member_view(case, guardian=family.mother).held_back_since == hold_back.starts_at
    HoldBack.objects.filter(pk=hold_back.pk).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert member_view(case, guardian=family.mother).held_back_since is None


# --- Who gets the page ------------------------------------------------------------------

# The world's roles that see world.case one way or another, and the family: none is child
# welfare, so the page is missing for them all.
NOT_CHILD_WELFARE = ["stafettholder", "participant", "unit_leader", "same_unit", "other_unit"]


@pytest.mark.parametrize("role", NOT_CHILD_WELFARE)
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_child_welfare_gets_the_page(
    role: str, method: str, world: World, client_for: Callable[[str], Client]
) -> None:
    hold_back = file_report(world, world.case)
    before = AuditEvent.objects.count()
    data = {"hold_back": hold_back.pk, "action": "end"} if method == "post" else None
    response = getattr(client_for(role), method)(page_url(world.case), data)
    assert response.status_code == 404
    assert AuditEvent.objects.count() == before
    assert HoldBack.objects.get(pk=hold_back.pk).in_force()


@pytest.mark.parametrize("role", ["own_guardian", "child_over"])
def test_the_family_gets_404(
    role: str, world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    file_report(world, world.case)
    assert client_as(role).get(page_url(world.case)).status_code == 404


def test_the_anonymous_are_sent_to_the_login(world: World) -> None:
    file_report(world, world.case)
    response = Client().get(page_url(world.case))
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]


def test_child_welfare_gets_its_page_and_the_read_is_audited(world: World) -> None:
    file_report(world, world.case)
    user = welfare_user(world)
    before = AuditEvent.objects.count()
    response = logged_in(user).get(page_url(world.case))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Avslutt nå" in body and REPORT_REASON not in body
    row = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert row is not None and (row.actor_id, row.action, row.case_id) == (
        user.pk,
        AuditAction.READ,
        world.case.pk,
    )


def test_child_welfare_without_a_report_in_the_case_gets_404(world: World) -> None:
    user = welfare_user(world)
    assert logged_in(user).get(page_url(world.case)).status_code == 404


def test_child_welfare_that_has_left_the_case_gets_404(world: World) -> None:
    file_report(world, world.case)
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    welfare = world.case.participants.get(unit=world.units["child_welfare"])
    participant_leave(actor=actor_for(holder), access=access, participant_id=welfare.pk)
    assert logged_in(welfare_user(world)).get(page_url(world.case)).status_code == 404


def test_a_hold_back_of_another_case_is_404(world: World, family: Family) -> None:
    file_report(world, world.case)
    other = HoldBack.objects.create(
        case=family.teen_case,
        unit=world.units["child_welfare"],
        reason=HoldBackReason.POLICE,
        decided_by=world.users["other_unit"],
        ends_on=timezone.localdate(),
    )
    response = logged_in(welfare_user(world)).post(
        page_url(world.case), {"hold_back": other.pk, "action": "end"}
    )
    assert response.status_code == 404
    assert HoldBack.objects.get(pk=other.pk).in_force()


# --- Ending and changing ----------------------------------------------------------------


def test_child_welfare_ends_it_now(world: World, family: Family) -> None:
    hold_back = file_report(world, world.case)
    user = welfare_user(world)
    response = logged_in(user).post(
        page_url(world.case), {"hold_back": hold_back.pk, "action": "end"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("cases:case_detail", args=[world.case.pk]) + "#utsatt-innsyn"
    )
    hold_back.refresh_from_db()
    assert hold_back.ended_by == user and hold_back.ended_at is not None
    assert not hold_back.in_force()
    assert AuditEvent.objects.filter(
        actor=user, action=AuditAction.UPDATE, object_type="holdback", object_id=hold_back.pk
    ).exists()
    case = Case.objects.get(pk=world.case.pk)
    assert member_view(case, guardian=family.mother).held_back_since is None


def test_child_welfare_sets_another_end_date_and_reason(world: World) -> None:
    hold_back = file_report(world, world.case)
    user = welfare_user(world)
    ends_on = timezone.localdate() + datetime.timedelta(days=settings.LAGET_HOLD_BACK_MAX_DAYS)
    prefix = f"hb{hold_back.pk}"
    response = logged_in(user).post(
        page_url(world.case),
        {
            "hold_back": hold_back.pk,
            "action": "change",
            f"{prefix}-ends_on": ends_on.isoformat(),
            f"{prefix}-reason": HoldBackReason.POLICE,
        },
    )
    assert response.status_code == 302
    hold_back.refresh_from_db()
    assert (hold_back.ends_on, hold_back.reason) == (ends_on, HoldBackReason.POLICE)
    assert hold_back.in_force()
    assert AuditEvent.objects.filter(
        actor=user, action=AuditAction.UPDATE, object_type="holdback"
    ).exists()


@pytest.mark.parametrize(
    ("days", "message"),
    [(settings.LAGET_HOLD_BACK_MAX_DAYS + 1, MSG_ENDS_TOO_LATE), (-1, MSG_ENDS_BEFORE_TODAY)],
    ids=["past_the_maximum", "before_today"],
)
def test_an_end_date_out_of_bounds_is_refused_on_the_field(
    days: int, message: str, world: World
) -> None:
    hold_back = file_report(world, world.case)
    prefix = f"hb{hold_back.pk}"
    ends_on = timezone.localdate() + datetime.timedelta(days=days)
    before = AuditEvent.objects.filter(object_type="holdback").count()
    response = logged_in(welfare_user(world)).post(
        page_url(world.case),
        {
            "hold_back": hold_back.pk,
            "action": "change",
            f"{prefix}-ends_on": ends_on.isoformat(),
            f"{prefix}-reason": HoldBackReason.POLICE,
        },
    )
    assert response.status_code == 200
    form = dict((h.pk, f) for h, f, _latest in response.context["rows"])[hold_back.pk]
    expected = str(message).split("%")[0]
    assert any(expected in e for e in form.errors["ends_on"])
    hold_back.refresh_from_db()
    assert hold_back.reason == HoldBackReason.REPORT_ASSESSED
    assert AuditEvent.objects.filter(object_type="holdback").count() == before


def test_an_empty_post_asks_what_to_do(world: World) -> None:
    file_report(world, world.case)
    response = logged_in(welfare_user(world)).post(page_url(world.case), {})
    assert response.status_code == 200
    assert str(MSG_CHOOSE) in response.content.decode()


def test_an_ended_hold_back_is_not_ended_again(world: World) -> None:
    hold_back = file_report(world, world.case)
    user = welfare_user(world)
    access = case_for(user, world.case.pk, audit=False)
    hold_back_end(actor=actor_for(user), access=access, hold_back_id=hold_back.pk)
    response = logged_in(user).post(
        page_url(world.case), {"hold_back": hold_back.pk, "action": "end"}
    )
    assert response.status_code == 200
    assert str(MSG_NOT_IN_FORCE) in response.content.decode()


# --- The case page's panel --------------------------------------------------------------


def test_the_case_page_tells_staff_and_links_child_welfare(
    world: World, client_for: Callable[[str], Client]
) -> None:
    detail = reverse("cases:case_detail", args=[world.case.pk])
    assert "utsatt-innsyn" not in client_for("stafettholder").get(detail).content.decode()
    file_report(world, world.case)
    holder_page = client_for("stafettholder").get(detail).content.decode()
    assert "Familiens innsyn er utsatt" in holder_page
    assert page_url(world.case) not in holder_page
    welfare_page = logged_in(welfare_user(world)).get(detail).content.decode()
    assert "Familiens innsyn er utsatt" in welfare_page
    assert page_url(world.case) in welfare_page
