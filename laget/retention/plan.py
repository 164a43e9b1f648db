"""What a retention run takes away for one municipality, and why: the one place the policy
becomes rows. A dry run reports the plan; a real run carries out the same plan, so it takes
exactly what the dry run listed (for the same data and moment).

Every part names its model, the ids of its rows (fixed when the plan is made, before anything
changes), the rule and whether the rows are deleted or anonymised (kept with only what the
figures count, see anonymise.py).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from laget.archive.selectors import archived_and_confirmed
from laget.audit.periods import months_before
from laget.cases.models import Case, Participant
from laget.consent.models import Consent, ConsentEvent, ConsentParty, ConsentState, EventKind
from laget.notify.models import Notification, Status
from laget.orgs.models import Municipality
from laget.retention.anonymise import case_parts, consent_events, counting_key_parts
from laget.retention.models import LegalHold, RetentionPolicy
from laget.retention.parts import (
    ANONYMISE,
    BLOCKED_ARCHIVE,
    BLOCKED_HOLD,
    DELETE,
    RULE_CLOSED_CASE,
    RULE_CONSENT,
    RULE_NOTIFICATION,
    RULE_OUTSIDE_FIGURES,
    RULE_SCAN,
    Blocked,
    Part,
)


@dataclass(frozen=True)
class Plan:
    municipality: Municipality
    now: datetime.datetime
    parts: tuple[Part, ...]
    blocked: tuple[Blocked, ...]
    # Scanned copies whose files go from storage once the run has committed.
    files: tuple[str, ...] = ()

    def report(self) -> dict[str, Any]:
        """Kinds, counts, rules, ids or reference numbers: never a name or a text."""
        return {
            "at": self.now.isoformat(),
            "items": [
                {
                    "kind": p.kind,
                    "rule": p.rule,
                    "action": p.action,
                    "count": p.count,
                    "ids": p.listed(),
                }
                for p in self.parts
                if p.count
            ],
            "blocked": [
                {"kind": b.kind, "reason": b.reason, "count": len(b.ids), "ids": list(b.ids)}
                for b in self.blocked
                if b.ids
            ],
        }


def policy_for(municipality: Municipality) -> RetentionPolicy:
    """The municipality's policy, or (unsaved) the defaults of the settings."""
    found = RetentionPolicy.objects.filter(municipality=municipality).first()
    if found is not None:
        return found
    return RetentionPolicy(
        municipality=municipality,
        closed_case_months=settings.LAGET_RETENTION_CLOSED_CASE_MONTHS,
        consent_months=settings.LAGET_RETENTION_CONSENT_MONTHS,
        scan_months=settings.LAGET_RETENTION_SCAN_MONTHS,
        notification_months=settings.LAGET_RETENTION_NOTIFICATION_MONTHS,
    )


def held_case_ids(municipality: Municipality) -> set[int]:
    return set(
        LegalHold.objects.filter(
            released_at__isnull=True, case__municipality=municipality
        ).values_list("case_id", flat=True)
    )


def plan_for(municipality: Municipality, now: datetime.datetime | None = None) -> Plan:
    now = now or timezone.now()
    policy = policy_for(municipality)
    held = held_case_ids(municipality)
    cases = Case.objects.filter(municipality=municipality)

    # Closed logs past their time: anonymised, unless held or not yet archived.
    due = set(
        cases.filter(
            closed_at__lt=months_before(now, policy.closed_case_months),
            anonymised_at__isnull=True,
        ).values_list("id", flat=True)
    )
    on_hold = due & held
    due -= on_hold
    unarchived: set[int] = set()
    if policy.archives_in_laget and due:
        unarchived = due - archived_and_confirmed(due)
        due -= unarchived
    going = sorted(due)
    parts = list(case_parts(going, now, rule=RULE_CLOSED_CASE))
    parts += counting_key_parts(municipality, now, going, rule=RULE_OUTSIDE_FIGURES)

    # A held log keeps everything; a log that goes loses its consents and notifications under
    # its own rule (listed there, not again here).
    spared = held | due
    consent_parts, files = _consent_parts(policy, now, spared)
    parts += consent_parts
    files += _case_files(going)
    parts.append(_notification_part(policy, now, spared))
    blocked = (
        Blocked("case", BLOCKED_HOLD, tuple(sorted(on_hold))),
        Blocked("case", BLOCKED_ARCHIVE, tuple(sorted(unarchived))),
    )
    return Plan(municipality, now, tuple(parts), blocked, tuple(files))


def _ended_on(
    consent: Consent, refused_at: dict[int, datetime.datetime], today: datetime.date
) -> datetime.date | None:
    """The day a consent stopped counting, or None while it counts (or is still asked for)."""
    if consent.state == ConsentState.WITHDRAWN and consent.withdrawn_at:
        return timezone.localdate(consent.withdrawn_at)
    if consent.state == ConsentState.REFUSED:
        return timezone.localdate(refused_at.get(consent.pk, consent.requested_at))
    if consent.state in (ConsentState.GIVEN, ConsentState.EXPIRED) and consent.expires_on:
        return consent.expires_on if consent.expires_on < today else None
    return None


def _consent_parts(
    policy: RetentionPolicy, now: datetime.datetime, spared: set[int]
) -> tuple[list[Part], list[str]]:
    consents = list(
        # Practice cases (laget/practice) are removed by their reset, not by retention.
        Consent.objects.filter(case__municipality=policy.municipality, case__is_practice=False)
        .exclude(case_id__in=spared)
        .filter(
            Q(state__in=[ConsentState.WITHDRAWN, ConsentState.REFUSED, ConsentState.EXPIRED])
            | Q(state=ConsentState.GIVEN, expires_on__isnull=False)
        )
        .only("id", "reference", "state", "withdrawn_at", "expires_on", "requested_at")
        .order_by("id")
    )
    refused_at = dict(
        ConsentEvent.objects.filter(consent__in=[c.pk for c in consents], kind=EventKind.REFUSED)
        .values_list("consent_id")
        .annotate(last=models.Max("at"))
        .order_by()
    )
    today = timezone.localdate(now)
    consent_cutoff = months_before(today, policy.consent_months)
    scan_cutoff = months_before(today, policy.scan_months)
    ended = {c.pk: _ended_on(c, refused_at, today) for c in consents}
    gone = [c for c in consents if (e := ended[c.pk]) is not None and e < consent_cutoff]
    gone_ids = tuple(c.pk for c in gone)
    scanned = ConsentParty.objects.exclude(scanned_copy="")
    scan_due = [
        c.pk
        for c in consents
        if (e := ended[c.pk]) is not None and e < scan_cutoff and c.pk not in gone_ids
    ]
    scans = list(
        scanned.filter(consent_id__in=scan_due).order_by("id").values_list("id", "scanned_copy")
    )
    files = [name for _, name in scans]
    files += scanned.filter(consent_id__in=gone_ids).values_list("scanned_copy", flat=True)
    # A participant who joined on a consent that no longer counts keeps its reference
    # (basis_ref) but not the row: access already ended with the consent.
    basis = tuple(
        Participant.objects.filter(consent_id__in=gone_ids)
        .order_by("id")
        .values_list("id", flat=True)
    )
    return [
        Part("participant_basis", RULE_CONSENT, ANONYMISE, Participant, basis, {"consent": None}),
        consent_events(Q(consent_id__in=gone_ids), RULE_CONSENT),
        Part(
            "consent",
            RULE_CONSENT,
            DELETE,
            Consent,
            gone_ids,
            refs=tuple(c.reference for c in gone),
        ),
        Part(
            "scanned_copy",
            RULE_SCAN,
            ANONYMISE,
            ConsentParty,
            tuple(pk for pk, _ in scans),
            {"scanned_copy": ""},
        ),
    ], files


def _case_files(case_ids: list[int]) -> list[str]:
    return list(
        ConsentParty.objects.filter(consent__case_id__in=case_ids)
        .exclude(scanned_copy="")
        .values_list("scanned_copy", flat=True)
    )


def _notification_part(policy: RetentionPolicy, now: datetime.datetime, spared: set[int]) -> Part:
    in_municipality = Case.objects.filter(pk=OuterRef("case_id"), municipality=policy.municipality)
    ids = (
        Notification.objects.filter(
            Exists(in_municipality),
            status__in=[Status.SENT, Status.FAILED],
            created_at__lt=months_before(now, policy.notification_months),
        )
        .exclude(case_id__in=spared)
        .order_by("id")
        .values_list("id", flat=True)
    )
    return Part("notification", RULE_NOTIFICATION, DELETE, Notification, tuple(ids))
