"""Undoing a move in the action guide («Gå videre til …» on the case page).

The person who moved the case may move it back for a short time. What may be undone is kept in
their session (no personal data: ids and the guide's step slugs), so only they see «Angre», and
only in the browser they moved it from. It holds while nothing else has moved the case since.
"""

import datetime
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone

from laget.cases.models import Case
from laget.guide.models import Step

UNDO_WINDOW = datetime.timedelta(minutes=15)
SESSION_KEY = "laget_step_undo"


@dataclass(frozen=True)
class StepUndo:
    case_id: int
    user_id: int
    level: int
    from_step: str
    to_step: str
    at: datetime.datetime

    @property
    def until(self) -> datetime.datetime:
        return self.at + UNDO_WINDOW


def remember(request: HttpRequest, *, case: Case, from_step: Step, to_step: Step) -> None:
    """The move just made, so that its author can take it back."""
    request.session[SESSION_KEY] = {
        "case": case.pk,
        "user": request.user.pk,
        "level": case.level,
        "from": from_step.slug,
        "to": to_step.slug,
        "at": timezone.now().isoformat(),
    }


def forget(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def pending(request: HttpRequest, case: Case, current_step: str) -> StepUndo | None:
    """The move of this case this person may still undo: theirs, within the window, and the
    case still where they left it (same level, same step). `current_step` is the slug of the
    step the case is at now (whatnow.step_at)."""
    raw = request.session.get(SESSION_KEY)
    if not isinstance(raw, dict):
        return None
    try:
        undo = StepUndo(
            case_id=int(raw["case"]),
            user_id=int(raw["user"]),
            level=int(raw["level"]),
            from_step=str(raw["from"]),
            to_step=str(raw["to"]),
            at=datetime.datetime.fromisoformat(str(raw["at"])),
        )
    except (KeyError, TypeError, ValueError):
        return None
    if (
        undo.case_id != case.pk
        or undo.user_id != request.user.pk
        or timezone.now() > undo.until
        or case.is_closed
        or case.level != undo.level
        or current_step != undo.to_step
    ):
        return None
    return undo
