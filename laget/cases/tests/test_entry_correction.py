"""Only the author corrects an entry, while they still write in the case and it is open
(cases.rules.may_correct); the log page, the form, the API and the service all ask it."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import Audience, EntryKind
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.models import Case, Entry
from laget.cases.rules import CorrectionRefused, correction_refused, may_correct
from laget.cases.services.entries import entry_create, entry_update
from laget.cases.services.lifecycle import case_close, case_open
from laget.orgs.actors import actor_for
from laget.testing.world import World

AUTHOR, OTHER, CASE = 7, 8, 1


def _access(*, may_write: bool = True, closed: bool = False) -> CaseAccess:
    case = Case(pk=CASE, closed_at=timezone.now() if closed else None)
    return CaseAccess(case=case, participant=None, may_write=may_write, may_coordinate=False)


STAFF_ENTRY = {"case_id": CASE, "author_id": AUTHOR, "author_unit_id": 3}
FAMILY_ENTRY = {"case_id": CASE, "author_id": AUTHOR, "author_guardian_id": 4}
TABLE = [
    ("the author", STAFF_ENTRY, AUTHOR, {}, None),
    ("someone else", STAFF_ENTRY, OTHER, {}, "not_author"),
    ("an entry of another case", {**STAFF_ENTRY, "case_id": 2}, AUTHOR, {}, "not_author"),
    ("the family's entry", FAMILY_ENTRY, AUTHOR, {}, "not_author"),
    (
        "the author who no longer writes in the case",
        STAFF_ENTRY,
        AUTHOR,
        {"may_write": False},
        "no_write_access",
    ),
    ("the author, case closed", STAFF_ENTRY, AUTHOR, {"closed": True}, "case_closed"),
]


@pytest.mark.parametrize(("who", "entry", "user_id", "access", "refused"), TABLE)
def test_who_may_correct(
    who: str, entry: dict[str, int], user_id: int, access: dict[str, bool], refused: str | None
) -> None:
    got = correction_refused(Entry(**entry), user=User(pk=user_id), access=_access(**access))
    assert got == (CorrectionRefused(refused) if refused is not None else None), who
    assert may_correct(Entry(**entry), user=User(pk=user_id), access=_access(**access)) is (
        refused is None
    )


def _closed_case_with_my_entry(world: World) -> tuple[Case, Entry]:
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    case = case_open(
        actor=actor, user=holder, unit_id=world.units["kindergarten"].pk, label="Gutt, 7", level=1
    )
    access = case_for(holder, case.pk, need=Need.WRITE, audit=False)
    entry = entry_create(
        actor=actor, access=access, kind=EntryKind.NOTE, text="Notat", audience=Audience.ALL
    )
    case_close(
        actor=actor,
        access=case_for(holder, case.pk, need=Need.COORDINATE, audit=False),
        reason="Tiltakene virket.",
    )
    return case, entry


@pytest.mark.django_db
def test_the_log_offers_the_correction_to_the_author_only(world: World, client_for: Any) -> None:
    page = reverse("cases:case_detail", kwargs={"case_id": world.case.pk})
    link = reverse(
        "cases:entry_update", kwargs={"case_id": world.case.pk, "entry_id": world.entry.pk}
    )
    assert link in client_for("stafettholder").get(page).content.decode()
    assert link not in client_for("participant").get(page).content.decode()


@pytest.mark.django_db
def test_on_a_closed_case_the_author_is_told_it_is_closed(world: World, client_for: Any) -> None:
    case, entry = _closed_case_with_my_entry(world)
    client = client_for("stafettholder")
    link = reverse("cases:entry_update", kwargs={"case_id": case.pk, "entry_id": entry.pk})
    page = client.get(reverse("cases:case_detail", kwargs={"case_id": case.pk}))
    assert link not in page.content.decode()
    form = client.get(link)
    assert form.status_code == 200
    assert str(MSG_CASE_CLOSED) in form.content.decode()
    saved = client.post(
        link, {"kind": EntryKind.NOTE, "text": "Endret", "audience": Audience.ALL, "version": 1}
    )
    assert str(MSG_CASE_CLOSED) in saved.content.decode()
    entry.refresh_from_db()
    assert entry.text == "Notat"


@pytest.mark.django_db
def test_the_service_refuses_everyone_but_the_author(world: World) -> None:
    participant = world.users["participant"]
    access = case_for(participant, world.case.pk, need=Need.WRITE, audit=False)
    with pytest.raises(PermissionDenied):
        entry_update(
            actor=actor_for(participant),
            access=access,
            entry=world.entry,
            expected_version=world.entry.version,
            text="Ikke min",
        )


@pytest.mark.django_db
def test_the_service_refuses_the_author_on_a_closed_case(world: World) -> None:
    case, entry = _closed_case_with_my_entry(world)
    holder = world.users["stafettholder"]
    access = case_for(holder, case.pk, need=Need.WRITE, audit=False)
    with pytest.raises(ValidationError) as exc:
        entry_update(
            actor=actor_for(holder), access=access, entry=entry, expected_version=1, text="Ny"
        )
    assert exc.value.messages == [str(MSG_CASE_CLOSED)]
