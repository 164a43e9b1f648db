"""Proposing, withdrawing, declining and accepting a transfer (laget/transfer/services.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import AuditEvent, Via
from laget.audit.services import audit_chain_broken_at
from laget.cases.access import Need, case_for, visible_cases
from laget.cases.choices import ParticipantRole
from laget.cases.models import Case, Participant
from laget.cases.services.lifecycle import case_close
from laget.family.access import consent_parties
from laget.notify.content import content_for
from laget.notify.models import Notification
from laget.orgs.actors import actor_for
from laget.testing.world import ROLES, World
from laget.transfer import messages as msg
from laget.transfer.models import Transfer, TransferState
from laget.transfer.services import transfer_decline, transfer_withdraw
from laget.transfer.tests.conftest import DESCRIPTION, accept, propose

pytestmark = pytest.mark.django_db

STAFF_OF_A = [r for r in ROLES if r != "anonymous"]


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict if hasattr(exc.value, "error_dict") else {"": exc.value.messages}


def test_propose_records_the_consent_and_tells_the_receiving_leader(
    proposed: Transfer, world: World, world_b: World
) -> None:
    guardians, _ = consent_parties(world.case)
    assert guardians, "the world's case has guardians (its consent gave them)"
    assert set(proposed.consent_guardians.all()) == set(guardians)
    assert proposed.state == TransferState.PROPOSED
    assert proposed.from_municipality == world.municipality
    assert proposed.to_municipality == world_b.municipality
    assert proposed.level == world.case.level
    sent = Notification.objects.filter(event=f"transfer:{proposed.pk}")
    assert [n.recipient for n in sent] == [world_b.users["unit_leader"].email]
    # The link goes to the leaders' proposals, not to a case page they may not open yet; the
    # e-mail names nothing.
    content = content_for(sent[0])
    assert reverse("transfer:inbox") in content.body
    assert reverse("cases:case_detail", kwargs={"case_id": world.case.pk}) not in content.body
    assert world.case.display_name not in content.body + content.subject
    assert AuditEvent.objects.filter(object_type="transfer", case_id=world.case.pk).exists()


def test_only_the_stafettholder_proposes(world: World, world_b: World) -> None:
    leader = world.users["unit_leader"]
    access = case_for(leader, world.case.pk, need=Need.COORDINATE, audit=False)
    with pytest.raises(ValidationError) as exc:
        propose(world, world_b, actor=actor_for(leader), access=access)
    assert _errors(exc) == {"": [msg.MSG_ONLY_HOLDER]}


def test_a_unit_of_the_same_municipality_is_refused(world: World, world_b: World) -> None:
    with pytest.raises(ValidationError) as exc:
        propose(world, world_b, to_unit_id=world.units["school"].pk)
    assert _errors(exc) == {"to_unit": [msg.MSG_UNIT_NOT_ELSEWHERE]}


def test_an_inactive_unit_is_refused(world: World, world_b: World) -> None:
    unit = world_b.units["school"]
    unit.is_active = False
    unit.save()
    with pytest.raises(ValidationError) as exc:
        propose(world, world_b, to_unit_id=unit.pk)
    assert _errors(exc) == {"to_unit": [msg.MSG_UNIT_NOT_ELSEWHERE]}


def test_every_party_of_the_family_must_have_agreed(world: World, world_b: World) -> None:
    guardians, _ = consent_parties(world.case)
    with pytest.raises(ValidationError) as exc:
        propose(world, world_b, consent_guardian_ids=[guardians[0].pk])
    missing = ", ".join(g.name for g in guardians[1:])
    assert _errors(exc) == {"consent_guardians": [msg.MSG_CONSENT_MISSING % {"who": missing}]}


def test_a_consent_in_the_future_is_refused(world: World, world_b: World) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        propose(world, world_b, consent_date=tomorrow)
    assert _errors(exc) == {"consent_date": [msg.MSG_CONSENT_DATE_FUTURE]}


def test_a_description_is_required(world: World, world_b: World) -> None:
    with pytest.raises(ValidationError) as exc:
        propose(world, world_b, description="  ")
    assert _errors(exc) == {"description": [msg.MSG_DESCRIPTION_REQUIRED]}


def test_one_open_transfer_per_case(proposed: Transfer, world: World, world_b: World) -> None:
    with pytest.raises(ValidationError) as exc:
        propose(world, world_b, to_unit_id=world_b.units["school"].pk)
    assert _errors(exc) == {"": [msg.MSG_ALREADY_PROPOSED]}
    # The database holds the rule too.
    clone = Transfer.objects.get(pk=proposed.pk)
    clone.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_withdrawn_the_case_may_be_proposed_again(
    proposed: Transfer, world: World, world_b: World
) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, audit=False)
    done = transfer_withdraw(actor=actor_for(holder), access=access)
    assert done.state == TransferState.WITHDRAWN
    assert done.decided_by == holder
    again = propose(world, world_b)
    assert again.state == TransferState.PROPOSED


def test_decline_needs_a_reason_and_leaves_the_case_alone(
    proposed: Transfer, world: World, world_b: World
) -> None:
    leader = world_b.users["unit_leader"]
    with pytest.raises(ValidationError) as exc:
        transfer_decline(actor=actor_for(leader), by=leader, transfer_id=proposed.pk, reason=" ")
    assert _errors(exc) == {"reason": [msg.MSG_REASON_REQUIRED]}
    done = transfer_decline(
        actor=actor_for(leader), by=leader, transfer_id=proposed.pk, reason="Familien bor her ikke."
    )
    assert done.state == TransferState.DECLINED
    assert Transfer.objects.get(pk=done.pk).decline_reason == "Familien bor her ikke."
    case = Case.objects.get(pk=world.case.pk)
    assert case.municipality == world.municipality
    assert world.case in visible_cases(world.users["stafettholder"])


@pytest.mark.parametrize("role", ["unit_leader", "admin", "same_unit"])
def test_only_a_leader_of_the_receiving_unit_decides(
    proposed: Transfer, world: World, world_b: World, role: str
) -> None:
    # B's admin, B's kindergarten employee, and A's own leader: none leads the receiving unit.
    for user in (world_b.users[role], world.users[role]):
        if role == "unit_leader" and user == world_b.users["unit_leader"]:
            continue
        with pytest.raises(Http404):
            transfer_decline(actor=actor_for(user), by=user, transfer_id=proposed.pk, reason="x")


def test_the_new_holder_must_work_in_the_receiving_unit(proposed: Transfer, world_b: World) -> None:
    with pytest.raises(ValidationError) as exc:
        accept(world_b, proposed, holder="other_unit")
    assert _errors(exc) == {"new_holder": [msg.MSG_NOT_MEMBER]}


def test_accepted_the_case_with_its_history_belongs_to_the_new_municipality(
    proposed: Transfer, world: World, world_b: World
) -> None:
    case = world.case
    before = {
        "levels": case.level_changes.count(),
        "measures": case.measures.count(),
        "entries": case.entries.count(),
        "meetings": case.meetings.count(),
        "consents": case.consents.count(),
        "audit": AuditEvent.objects.filter(case_id=case.pk).count(),
    }
    done = accept(world_b, proposed)
    case = Case.objects.get(pk=case.pk)
    assert done.state == TransferState.ACCEPTED
    assert done.new_holder == world_b.users["same_unit"]
    assert case.municipality == world_b.municipality
    assert case.unit == world_b.units["kindergarten"]
    assert case.level == world.case.level
    after = {
        "levels": case.level_changes.count(),
        "measures": case.measures.count(),
        "entries": case.entries.count(),
        "meetings": case.meetings.count(),
        "consents": case.consents.count(),
    }
    assert after == {k: v for k, v in before.items() if k != "audit"}
    # The case's own access log stays keyed by the case, and grows with the move.
    assert AuditEvent.objects.filter(case_id=case.pk).count() > before["audit"]
    assert audit_chain_broken_at() is None
    active = list(case.participants.filter(left_at__isnull=True))
    assert [(p.user, p.unit, p.role) for p in active] == [
        (world_b.users["same_unit"], world_b.units["kindergarten"], ParticipantRole.STAFETTHOLDER)
    ]
    ended = Participant.objects.filter(case=case, unit__municipality=world.municipality)
    assert ended.exists() and not ended.filter(left_at__isnull=True).exists()
    assert case.handovers.last().to_participant == active[0]  # type: ignore[union-attr]
    assert not case.same_child_notices.filter(handled_at__isnull=True).exists()


@pytest.mark.parametrize("role", STAFF_OF_A)
def test_accepted_no_one_of_the_old_municipality_sees_the_case(
    accepted: Transfer, world: World, role: str
) -> None:
    user = world.users[role]
    assert not visible_cases(user).filter(pk=world.case.pk).exists()
    with pytest.raises(Http404):
        case_for(user, world.case.pk, audit=False)


def test_closed_later_by_the_new_municipality_the_old_still_see_nothing(
    accepted: Transfer, world: World, world_b: World
) -> None:
    """A closed case stays readable for a while to its last stafettholder and the responsible
    unit's leaders: those are the new municipality's, not the old one's."""
    holder = world_b.users["same_unit"]
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    case_close(actor=actor_for(holder), access=access, reason="Tiltakene virker.")
    for role in STAFF_OF_A:
        assert not visible_cases(world.users[role]).filter(pk=world.case.pk).exists(), role
    assert visible_cases(holder).filter(pk=world.case.pk).exists()


def test_accepted_the_new_stafettholder_and_leader_see_it(
    accepted: Transfer, world: World, world_b: World
) -> None:
    holder = case_for(world_b.users["same_unit"], world.case.pk, audit=False)
    assert holder.is_stafettholder and holder.can_coordinate
    leader = case_for(world_b.users["unit_leader"], world.case.pk, audit=False)
    assert leader.leads_case_unit
    # The case page's statutes: the old participations' keys still read (basis_ref).
    for p in world.case.participants.all():
        assert p.basis_label


def test_accepted_the_new_stafettholder_is_told(accepted: Transfer, world_b: World) -> None:
    sent = Notification.objects.filter(event=f"transfer:{accepted.pk}:accepted")
    assert [n.recipient for n in sent] == [world_b.users["same_unit"].email]


def test_a_decided_transfer_cannot_be_decided_again(accepted: Transfer, world_b: World) -> None:
    leader = world_b.users["unit_leader"]
    with pytest.raises(ValidationError) as exc:
        transfer_decline(actor=actor_for(leader), by=leader, transfer_id=accepted.pk, reason="x")
    assert _errors(exc) == {"": [msg.MSG_NOT_OPEN]}


def test_the_closing_record_keeps_no_content(accepted: Transfer, world: World) -> None:
    record = Transfer.objects.get(pk=accepted.pk)
    assert record.case_number == world.case.pk
    assert record.from_unit == world.units["kindergarten"]
    assert record.decided_at is not None
    # The description is the only free text, and it is encrypted at rest.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM transfer_transfer WHERE id = %s", [record.pk])
        (stored,) = cursor.fetchone()
    assert DESCRIPTION not in stored


def test_the_texts_are_encrypted_at_rest(world: World) -> None:
    """The helper laget/cases/tests/test_encrypted_at_rest.py uses fills both columns."""
    from django.db import connection

    from laget.lib.crypto import decrypt
    from laget.transfer.testing import transfer_rows

    row = transfer_rows(world.case, world.users["stafettholder"], "Klartekst")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT description, decline_reason FROM transfer_transfer WHERE id = %s", [row.pk]
        )
        stored = cursor.fetchone()
    assert [decrypt(v) for v in stored] == ["Klartekst: beskrivelse", "Klartekst: avslag"]
    assert not any("Klartekst" in v for v in stored)


def test_actor_via_is_recorded(proposed: Transfer, world: World) -> None:
    row = AuditEvent.objects.filter(object_type="transfer", object_id=proposed.pk).get()
    assert row.via == Via.WEB
    assert row.actor == world.users["stafettholder"]
