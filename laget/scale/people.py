"""Who takes part in the load profile (laget/scale/locustfile.py), picked from generated data.

Staff who hold open logs, the municipalities' coordinators, families with a portal login and
API clients, spread over the municipalities round-robin (the same people for the same data).
They are signed in ahead, each with a session of the app's own store or an API token made by
knox as the token endpoint makes it: 1,200 password hashes (and the login throttle) would be
measured instead of the working day. `sign_in` writes what the locust process needs (the
cookie or token, and the paths of each person's cases and measures) to a JSON file that only
that process reads; `sign_out` ends the sessions and tokens again.
"""

import datetime
import itertools
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from laget.accounts.models import User, UserSession
from laget.accounts.sessions import ACTIVE, SIGNED_IN
from laget.cases.choices import MeasureStatus, ParticipantRole
from laget.cases.models import Measure, Participant
from laget.orgs.models import Membership, Role
from laget.people.models import Guardian
from laget.portal.access import family_cases

# The profile: 1,000 staff (of them one coordinator per municipality, at most 50),
# 200 family members and 20 API clients.
STAFF, COORDINATORS, FAMILY, API_CLIENTS = 1000, 50, 200, 20
CASES_EACH = 5  # the cases a person works on during the run (their first ones)


@dataclass(frozen=True)
class Sizes:
    staff: int = STAFF
    coordinators: int = COORDINATORS
    family: int = FAMILY
    api: int = API_CLIENTS


@dataclass
class SignedIn:
    """The people of one run: what the locust process reads, and what `sign_out` ends."""

    staff: list[dict[str, Any]] = field(default_factory=list)
    coordinators: list[dict[str, Any]] = field(default_factory=list)
    family: list[dict[str, Any]] = field(default_factory=list)
    api: list[dict[str, Any]] = field(default_factory=list)
    session_keys: list[str] = field(default_factory=list)
    token_ids: list[str] = field(default_factory=list)

    @property
    def users(self) -> int:
        return len(self.staff) + len(self.coordinators) + len(self.family) + len(self.api)

    def write(self, path: Path) -> None:
        data = {
            "cookie_name": settings.SESSION_COOKIE_NAME,
            "staff": self.staff,
            "coordinators": self.coordinators,
            "family": self.family,
            "api": self.api,
        }
        # Sessions and tokens: readable by this user only, deleted with the run's directory.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)


def round_robin(groups: Iterable[list[int]]) -> Iterator[int]:
    """The first of each group, then the second of each, and so on."""
    for row in itertools.zip_longest(*groups):
        yield from (x for x in row if x is not None)


def _holders() -> tuple[list[int], dict[int, list[int]]]:
    """Staff holding the baton in open logs, round-robin over the municipalities (largest
    first: the lowest number), and each one's open cases."""
    rows = (
        Participant.objects.filter(
            role=ParticipantRole.STAFETTHOLDER,
            left_at__isnull=True,
            user__is_active=True,
            case__closed_at__isnull=True,
        )
        # The benchmark's own cases keep their entries (scale_benchmark times them).
        .exclude(user__username__startswith="maaler-")
        .order_by("case__municipality__number", "user_id", "case_id")
        .values_list("case__municipality__number", "user_id", "case_id")
    )
    by_municipality: dict[str, list[int]] = {}
    cases: dict[int, list[int]] = {}
    for number, user_id, case_id in rows:
        users = by_municipality.setdefault(number, [])
        if user_id not in cases:
            users.append(user_id)
            cases[user_id] = []
        cases[user_id].append(case_id)
    return list(round_robin(by_municipality.values())), cases


def _measures(case_ids: list[int], today: datetime.date) -> dict[int, list[int]]:
    """Active measures that have started (an evaluation cannot come before the start)."""
    found: dict[int, list[int]] = {}
    for case_id, measure_id in (
        Measure.objects.filter(
            case_id__in=case_ids, status=MeasureStatus.ACTIVE, start_date__lte=today
        )
        .order_by("pk")
        .values_list("case_id", "pk")
    ):
        found.setdefault(case_id, []).append(measure_id)
    return found


class _Signer:
    def __init__(self, signed: SignedIn) -> None:
        self.signed = signed
        self.store = import_module(settings.SESSION_ENGINE).SessionStore
        self.now = int(time.time())

    def session(self, user: User) -> str:
        """A signed-in session, as a password login leaves it (both clocks started)."""
        session = self.store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[SIGNED_IN] = session[ACTIVE] = self.now
        session.create()
        key = str(session.session_key)
        self.signed.session_keys.append(key)
        return key

    def token(self, user: User) -> str:
        instance, token = AuthToken.objects.create(user=user)
        self.signed.token_ids.append(instance.pk)
        return str(token)


def sign_in(sizes: Sizes = Sizes()) -> SignedIn:
    """Pick the people and sign them in. Fewer than asked when the data has fewer."""
    signed = SignedIn()
    signer = _Signer(signed)
    today = timezone.localdate()
    order, cases_of = _holders()
    wanted_staff = max(sizes.staff - sizes.coordinators, 0)
    picked = order[: wanted_staff + sizes.api]
    api_ids, staff_ids = picked[wanted_staff:], picked[:wanted_staff]
    mine = {u: cases_of[u][:CASES_EACH] for u in picked}
    measures = _measures([c for cs in mine.values() for c in cs], today)
    users = User.objects.in_bulk(picked)
    for user_id in staff_ids:
        signed.staff.append(
            {
                "session": signer.session(users[user_id]),
                "cases": [_case_paths(c) for c in mine[user_id]],
                "measures": [
                    _measure_paths(c, m) for c in mine[user_id] for m in measures.get(c, [])
                ],
            }
        )
    for user_id in api_ids:
        signed.api.append(
            {
                "token": signer.token(users[user_id]),
                "cases": [reverse("api:case", args=[c]) for c in mine[user_id]],
                "entries": [reverse("api:entries", args=[c]) for c in mine[user_id]],
                "list": reverse("api:cases"),
            }
        )
    coordinators = (
        Membership.objects.filter(role=Role.COORDINATOR, user__is_active=True)
        .exclude(user__username__startswith="maaler-")
        .select_related("user")
        .order_by("municipality__number", "user_id")
    )
    seen: set[int] = set()
    for membership in coordinators:
        if len(signed.coordinators) >= min(sizes.coordinators, sizes.staff):
            break
        if membership.municipality_id in seen:
            continue
        seen.add(membership.municipality_id)
        signed.coordinators.append(
            {
                "session": signer.session(membership.user),
                "dashboard": reverse("monitoring:dashboard"),
            }
        )
    _family(signed, signer, sizes.family)
    return signed


def _family(signed: SignedIn, signer: _Signer, wanted: int) -> None:
    """Guardians with a portal login whose child's log is open and shown to them."""
    candidates = (
        Guardian.objects.filter(
            user__isnull=False, user__is_active=True, subject__cases__closed_at__isnull=True
        )
        .order_by("subject__municipality__number", "user_id")
        .values_list("subject__municipality__number", "user_id")
    )
    by_municipality: dict[str, list[int]] = {}
    for number, user_id in candidates:
        users = by_municipality.setdefault(number, [])
        if user_id not in users:
            users.append(user_id)
    for user_id in round_robin(by_municipality.values()):
        if len(signed.family) >= wanted:
            return
        user = User.objects.get(pk=user_id)
        cases = [c.pk for c in family_cases(user) if not c.is_closed][:CASES_EACH]
        if cases:
            signed.family.append(
                {
                    "session": signer.session(user),
                    "home": reverse("portal:home"),
                    "cases": [reverse("portal:case", args=[c]) for c in cases],
                }
            )


def _case_paths(case_id: int) -> dict[str, str]:
    return {
        "page": reverse("cases:case_detail", args=[case_id]),
        "entry": reverse("cases:entry_create", args=[case_id]),
    }


def _measure_paths(case_id: int, measure_id: int) -> dict[str, str]:
    return {
        "page": reverse("cases:case_detail", args=[case_id]),
        "evaluate": reverse("cases:measure_evaluate", args=[case_id, measure_id]),
    }


def sign_out(signed: SignedIn) -> None:
    """End the run's sessions and tokens (the data stays)."""
    UserSession.objects.filter(session_key__in=signed.session_keys).delete()
    AuthToken.objects.filter(pk__in=signed.token_ids).delete()
