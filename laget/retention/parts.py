"""A part of a retention run: which rows of one model go, by which rule, deleted or
anonymised. Made by plan.py (and anonymise.py for a closed log), carried out by run.py."""

from dataclasses import dataclass, field
from typing import Any

from django.db import models

DELETE = "delete"
ANONYMISE = "anonymise"

# The rules, as the report and the deletion records name them.
RULE_CLOSED_CASE = "closed_case"
RULE_OUTSIDE_FIGURES = "outside_figures"
RULE_CONSENT = "consent_ended"
RULE_SCAN = "scan_ended"
RULE_NOTIFICATION = "notification_sent"

# Why a log past its time is kept.
BLOCKED_HOLD = "legal_hold"
BLOCKED_ARCHIVE = "not_archived"


@dataclass(frozen=True)
class Part:
    kind: str
    rule: str
    action: str
    model: type[models.Model]
    # Ints, but a session's key and a token's digest are strings.
    ids: tuple[Any, ...]
    # For ANONYMISE: the columns set, e.g. {"text": ""}.
    changes: dict[str, Any] = field(default_factory=dict)
    # What the report lists instead of the id, e.g. a consent's reference number.
    refs: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.ids)

    def listed(self) -> list[int | str]:
        return list(self.refs or self.ids)


@dataclass(frozen=True)
class Blocked:
    kind: str
    reason: str
    ids: tuple[int, ...]
