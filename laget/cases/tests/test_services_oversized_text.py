"""Text longer than settings.LAGET_MAX_TEXT is refused with an error on its field, and the
action writes nothing at all (one transaction per action)."""

import datetime
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from laget.audit.models import AuditEvent
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import Arena, Audience, EntryKind, LegalBasis, Outcome
from laget.cases.models import (
    BatonHandover,
    Case,
    Entry,
    LevelChange,
    Measure,
    Meeting,
    Participant,
    Transition,
)
from laget.cases.services.entries import entry_create, entry_update
from laget.cases.services.lifecycle import (
    case_change_level,
    case_close,
    case_open,
    case_report_concern,
)
from laget.cases.services.measures import measure_create, measure_evaluate, measure_update
from laget.cases.services.meetings import meeting_create, meeting_update
from laget.cases.services.participants import baton_hand_over
from laget.cases.services.transitions import transition_create
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TABLES = (Case, LevelChange, Participant, BatonHandover, Measure, Entry, Meeting, Transition)


def too_long() -> str:
    return "x" * (settings.LAGET_MAX_TEXT + 1)


def snapshot() -> dict[str, object]:
    """Row counts, and the versions of everything editable: enough to see that nothing moved."""
    state: dict[str, object] = {model.__name__: model.objects.count() for model in TABLES}
    state["audit"] = AuditEvent.objects.count()
    state["versions"] = sorted(
        (model.__name__, pk, version)
        for model in (Case, Measure, Entry, Meeting)
        for pk, version in model.objects.values_list("pk", "version")
    )
    state["levels"] = list(Case.objects.order_by("pk").values_list("level", "closed_at"))
    return state


def holder(world: World) -> CaseAccess:
    return case_for(world.users["stafettholder"], world.case.pk, need=Need.COORDINATE, audit=False)


Call = Callable[[World, str], object]


def _open_with_observation(w: World, text: str) -> object:
    user = w.users["stafettholder"]
    return case_open(
        actor=actor_for(user),
        user=user,
        unit_id=w.units["kindergarten"].pk,
        label="Gutt, 3 år",
        observation=text,
    )


def _open_with_reason(w: World, text: str) -> object:
    user = w.users["stafettholder"]
    return case_open(
        actor=actor_for(user),
        user=user,
        unit_id=w.units["kindergarten"].pk,
        label="Gutt, 3 år",
        reason=text,
    )


# service → (call with the long text, the field that must carry the error)
CALLS: dict[str, tuple[Call, str]] = {
    "case_open.observation": (_open_with_observation, "text"),
    "case_open.reason": (_open_with_reason, "reason"),
    "case_change_level": (
        lambda w, t: case_change_level(
            actor=actor_for(w.users["stafettholder"]), access=holder(w), to_level=3, reason=t
        ),
        "reason",
    ),
    "case_report_concern": (
        lambda w, t: case_report_concern(
            actor=actor_for(w.users["stafettholder"]),
            access=holder(w),
            reason=t,
            child_welfare_unit_id=w.units["child_welfare"].pk,
        ),
        "reason",
    ),
    "case_close": (
        lambda w, t: case_close(
            actor=actor_for(w.users["stafettholder"]), access=holder(w), reason=t
        ),
        "reason",
    ),
    "baton_hand_over": (
        lambda w, t: baton_hand_over(
            actor=actor_for(w.users["stafettholder"]),
            access=holder(w),
            to_participant_id=w.participant.pk,
            note=t,
        ),
        "note",
    ),
    "entry_create": (
        lambda w, t: entry_create(
            actor=actor_for(w.users["stafettholder"]),
            access=holder(w),
            kind=EntryKind.OBSERVATION,
            text=t,
            audience=Audience.PROFESSIONALS,
        ),
        "text",
    ),
    "entry_update": (
        lambda w, t: entry_update(
            actor=actor_for(w.users["stafettholder"]),
            access=holder(w),
            entry=Entry.objects.get(pk=w.entry.pk),
            expected_version=1,
            text=t,
        ),
        "text",
    ),
    "measure_create": (
        lambda w, t: measure_create(
            actor=actor_for(w.users["stafettholder"]),
            access=holder(w),
            title="Tiltak",
            goal=t,
            arena=Arena.HOME,
            responsible_id=w.participant.pk,
            start_date=TODAY,
            evaluation_date=TODAY,
        ),
        "goal",
    ),
    "measure_update": (
        lambda w, t: measure_update(
            actor=actor_for(w.users["stafettholder"]),
            access=holder(w),
            measure=Measure.objects.get(pk=w.measure.pk),
            expected_version=1,
            goal=t,
        ),
        "goal",
    ),
    "measure_evaluate": (
        lambda w, t: measure_evaluate(
            actor=actor_for(w.users["stafettholder"]),
            access=holder(w),
            measure=Measure.objects.get(pk=w.measure.pk),
            expected_version=1,
            outcome=Outcome.WORKED,
            text=t,
        ),
        "text",
    ),
    "meeting_create": (
        lambda w, t: meeting_create(
            actor=actor_for(w.users["stafettholder"]),
            access=holder(w),
            starts_at=timezone.now(),
            place="Rom 3",
            agenda=t,
        ),
        "agenda",
    ),
    "meeting_update": (
        lambda w, t: meeting_update(
            actor=actor_for(w.users["stafettholder"]),
            access=holder(w),
            meeting=Meeting.objects.get(pk=w.meeting.pk),
            expected_version=1,
            minutes=t,
        ),
        "minutes",
    ),
    "transition_create": (
        lambda w, t: transition_create(
            actor=actor_for(w.users["stafettholder"]),
            access=holder(w),
            to_unit_id=w.units["school"].pk,
            date=TODAY + datetime.timedelta(days=60),
            meeting_at=timezone.now() + datetime.timedelta(days=50),
            place="Bakketun skole",
            legal_basis=LegalBasis.STATUTE,
            statute="samarbeid-opplaering",
            note=t,
        ),
        "note",
    ),
}


@pytest.mark.parametrize("service", sorted(CALLS))
def test_oversized_text_is_refused_on_its_field_and_nothing_is_written(
    world: World, service: str
) -> None:
    call, field = CALLS[service]
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        call(world, too_long())
    assert field in excinfo.value.message_dict
    assert snapshot() == before


@pytest.mark.parametrize("service", sorted(CALLS))
def test_text_of_exactly_the_maximum_length_is_accepted(world: World, service: str) -> None:
    call, _ = CALLS[service]
    call(world, "x" * settings.LAGET_MAX_TEXT)
