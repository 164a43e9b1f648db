"""Handing over the baton: the new stafettholder sees the case marked "new to you" on "Mine
saker" until they open it; nobody else does. The mark costs no extra query."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditPrune, Via
from laget.cases.access import Need, case_for
from laget.cases.choices import LegalBasis, ParticipantRole
from laget.cases.models import BatonHandover, Case, Participant
from laget.cases.selectors import my_cases
from laget.cases.services.participants import baton_hand_over
from laget.cases.tests.test_query_counts import _open_cases, _page_queries
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db

MARK = "Ny for deg: du har fått stafetten"


def hand_to(world: World, to: Participant, *, by: str = "stafettholder") -> BatonHandover:
    holder = world.case.participants.get(role=ParticipantRole.STAFETTHOLDER)
    assert holder.user is not None
    return baton_hand_over(
        actor=actor_for(world.users[by], Via.SYSTEM),
        access=case_for(holder.user, world.case.pk, need=Need.COORDINATE, audit=False),
        to_participant_id=to.pk,
    )


def marked(client: Client, case: Case) -> bool:
    response = client.get(reverse("cases:my_cases"))
    assert response.status_code == 200
    (row,) = [c for c in response.context["cases"] if c.pk == case.pk]
    assert row.baton_new == (MARK in response.content.decode())
    return bool(row.baton_new)


def test_the_new_holder_sees_the_mark_until_they_open_the_case(
    world: World, client_for: Callable[[str], Client]
) -> None:
    per = client_for("participant")
    per.get(reverse("cases:case_detail", args=[world.case.pk]))  # a read before does not count
    hand_to(world, world.participant)
    assert marked(per, world.case)
    assert marked(per, world.case)  # the list itself is not opening the case
    assert per.get(reverse("cases:case_detail", args=[world.case.pk])).status_code == 200
    assert not marked(per, world.case)


def test_reading_the_case_through_the_api_counts_as_opening_it(
    world: World, client_for: Callable[[str], Client]
) -> None:
    per = client_for("participant")
    hand_to(world, world.participant)
    assert per.get(reverse("api:case", args=[world.case.pk])).status_code == 200
    assert not marked(per, world.case)


# The former holder still in the case, and the leader of the responsible unit (the others of
# the world do not have the case on their list).
@pytest.mark.parametrize("role", ["stafettholder", "unit_leader"])
def test_nobody_else_sees_the_mark(
    world: World, client_for: Callable[[str], Client], role: str
) -> None:
    hand_to(world, world.participant)
    assert not marked(client_for(role), world.case)


def test_the_mark_moves_with_the_baton_and_a_baton_handed_back_is_new_again(
    world: World, client_for: Callable[[str], Client]
) -> None:
    kari, per = client_for("stafettholder"), client_for("participant")
    kari_row = world.case.participants.get(user=world.users["stafettholder"])
    hand_to(world, world.participant)
    assert marked(per, world.case)
    hand_to(world, kari_row, by="participant")
    assert not marked(per, world.case)
    assert marked(kari, world.case)


def test_taking_the_baton_yourself_shows_no_mark(
    world: World, client_for: Callable[[str], Client]
) -> None:
    hand_to(world, world.participant, by="participant")
    assert not marked(client_for("participant"), world.case)


def test_a_handover_older_than_the_pruned_access_log_is_not_new(
    world: World, client_for: Callable[[str], Client]
) -> None:
    # The reads that showed the case opened may be pruned with the log's oldest rows.
    handover = hand_to(world, world.participant)
    AuditPrune.objects.create(
        at=timezone.now(),
        before=handover.at + datetime.timedelta(seconds=1),
        through_id=0,
        through_hash="0" * 64,
        through_key_id="test",
        rows=0,
        hash="1" * 64,
        key_id="test",
    )
    assert not marked(client_for("participant"), world.case)


def _hand_all_to(world: World, user: User, other: User) -> None:
    """Every case `other` holds goes to `user`, straight into the tables (as _open_cases)."""
    unit = world.units["kindergarten"]
    cases = list(
        Case.objects.filter(
            participants__user=other,
            participants__role=ParticipantRole.STAFETTHOLDER,
            participants__left_at__isnull=True,
        )
    )
    Participant.objects.filter(case__in=cases, user=other).update(role=ParticipantRole.PARTICIPANT)
    rows = Participant.objects.bulk_create(
        Participant(
            case=c,
            unit=unit,
            user=user,
            role=ParticipantRole.STAFETTHOLDER,
            legal_basis=LegalBasis.STATUTE,
            basis_ref="Egen tjeneste",
            statute_key="egen-tjeneste",
            added_by=other,
        )
        for c in cases
    )
    BatonHandover.objects.bulk_create(
        BatonHandover(case=row.case, to_participant=row, by=other) for row in rows
    )


def test_my_cases_costs_the_same_at_10_and_500_cases_handed_over(
    world: World, client_for: Callable[[str], Client]
) -> None:
    user, other = world.users["same_unit"], world.users["unit_leader"]
    counts = []
    for n in (10, 490):
        _open_cases(world, other, n)
        _hand_all_to(world, user, other)
        assert my_cases(user).filter(baton_new=True).count() >= n  # type: ignore[misc]
        counts.append(_page_queries(client_for("same_unit"), reverse("cases:my_cases")))
    assert counts[0] == counts[1]
