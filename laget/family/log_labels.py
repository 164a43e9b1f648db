"""The access log in words the family understands, grouped by person, unit and day:
"Hanne Dahl ved Bakketun helsestasjon leste saken 3 ganger 4. desember".

The rows come already filtered by the member's view (laget.family.access: FamilyView.audit);
this module only groups and words them. The grouping is done by the database and the page is
a page of groups, so a page costs the same few queries however long the log is. The portal's
access log page (`log_page`) and the family's copy (`log_groups`, laget/family/copy.py) word
the same groups the same way.
"""

import datetime
from dataclasses import dataclass
from typing import cast

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Case, Count, Max, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, npgettext_lazy, pgettext, pgettext_lazy

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.family.access import FamilyView
from laget.orgs.models import Unit

# What was read or changed, by the object type the audit row names.
OBJECTS: dict[str, Promise] = {
    "case": gettext_lazy("saken"),
    "case_list": gettext_lazy("listen over saker"),
    "entry": gettext_lazy("en loggføring"),
    "measure": gettext_lazy("et tiltak"),
    "meeting": gettext_lazy("et møte"),
    "meetingattendee": gettext_lazy("svar på en møteinvitasjon"),
    "participant": gettext_lazy("en deltaker"),
    "guardian": gettext_lazy("en foresatt"),
    "levelchange": gettext_lazy("en nivåendring"),
    "batonhandover": gettext_lazy("en overlevering av stafetten"),
    "transition": gettext_lazy("en overgang"),
    "consent": gettext_lazy("et samtykke"),
    "consent_list": gettext_lazy("samtykkene"),
    "access_log": gettext_lazy("tilgangsloggen"),
    "holdback": gettext_lazy("en utsettelse av innsynet"),
    "care_order": gettext_lazy("omsorgsovertakelsen"),
    "subject": gettext_lazy("opplysninger om barnet"),
    "withdrawalnotice": gettext_lazy("et varsel om at samtykket ble trukket"),
    # The family's copy (laget/family/copy.py), downloaded or produced for an access request.
    "family_copy": gettext_lazy("en kopi av saken"),
    # The individual plan (laget/plans).
    "plandecision": gettext_lazy("vedtaket om individuell plan"),
    "plancoordinator": gettext_lazy("koordinatoren"),
    "planhandover": gettext_lazy("overleveringen til individuell plan"),
    "individual_plan_package": gettext_lazy("overleveringspakken til individuell plan"),
    # The archive (laget/archive), moving the log (laget/transfer) and retention.
    "archivepackage": gettext_lazy("arkivkopien av saken"),
    "transfer": gettext_lazy("forslaget om å flytte saken"),
    "transfer_list": gettext_lazy("forslaget om å flytte saken"),
    "transfer_export": gettext_lazy("flyttepakken"),
    "transfer_import": gettext_lazy("flyttepakken"),
    "legal_hold": gettext_lazy("en sperre mot sletting"),
    # The population register (laget/cases/services/register.py, laget/cases/register_feed.py).
    "register_lookup": gettext_lazy("opplysninger fra Folkeregisteret"),
    "register_change": gettext_lazy("en endring fra Folkeregisteret"),
    "registernotice": gettext_lazy("et varsel om en endring fra Folkeregisteret"),
}
# An object type without words of its own is not named: its name could tell more than the
# member may know (a restriction, say).
SOMETHING = gettext_lazy("noe i saken")
# The action alone, as a label (the family's copy in JSON names it beside the object).
ACTIONS: dict[str, Promise] = {
    AuditAction.READ: pgettext_lazy("access log", "leste"),
    # A list of cases that showed this one ("case_list"): "så saken i listen over saker".
    AuditAction.LIST: pgettext_lazy("access log", "så saken i"),
    AuditAction.CREATE: pgettext_lazy("access log", "la til"),
    AuditAction.UPDATE: pgettext_lazy("access log", "endret"),
    AuditAction.DELETE: pgettext_lazy("access log", "slettet"),
}
# What was done, as a whole clause: the translation orders verb, object and count as its
# language needs, and conjugates the verb for "you" (the member) or for someone else, which
# many of the families' languages do. %(what)s is one of OBJECTS; %(n)s the number of times
# (2 or more: once is said without a number).
YOU, SOMEONE = "you", "someone"
ONCE: dict[tuple[str, str], Promise] = {
    (AuditAction.READ, YOU): pgettext_lazy("access log, you", "leste %(what)s"),
    (AuditAction.READ, SOMEONE): pgettext_lazy("access log, someone", "leste %(what)s"),
    (AuditAction.LIST, YOU): pgettext_lazy("access log, you", "så saken i %(what)s"),
    (AuditAction.LIST, SOMEONE): pgettext_lazy("access log, someone", "så saken i %(what)s"),
    (AuditAction.CREATE, YOU): pgettext_lazy("access log, you", "la til %(what)s"),
    (AuditAction.CREATE, SOMEONE): pgettext_lazy("access log, someone", "la til %(what)s"),
    (AuditAction.UPDATE, YOU): pgettext_lazy("access log, you", "endret %(what)s"),
    (AuditAction.UPDATE, SOMEONE): pgettext_lazy("access log, someone", "endret %(what)s"),
    (AuditAction.DELETE, YOU): pgettext_lazy("access log, you", "slettet %(what)s"),
    (AuditAction.DELETE, SOMEONE): pgettext_lazy("access log, someone", "slettet %(what)s"),
}
TIMES: dict[tuple[str, str], Promise] = {
    (AuditAction.READ, YOU): npgettext_lazy(
        "access log, you", "leste %(what)s %(n)s gang", "leste %(what)s %(n)s ganger", "n"
    ),
    (AuditAction.READ, SOMEONE): npgettext_lazy(
        "access log, someone", "leste %(what)s %(n)s gang", "leste %(what)s %(n)s ganger", "n"
    ),
    (AuditAction.LIST, YOU): npgettext_lazy(
        "access log, you",
        "så saken i %(what)s %(n)s gang",
        "så saken i %(what)s %(n)s ganger",
        "n",
    ),
    (AuditAction.LIST, SOMEONE): npgettext_lazy(
        "access log, someone",
        "så saken i %(what)s %(n)s gang",
        "så saken i %(what)s %(n)s ganger",
        "n",
    ),
    (AuditAction.CREATE, YOU): npgettext_lazy(
        "access log, you", "la til %(what)s %(n)s gang", "la til %(what)s %(n)s ganger", "n"
    ),
    (AuditAction.CREATE, SOMEONE): npgettext_lazy(
        "access log, someone", "la til %(what)s %(n)s gang", "la til %(what)s %(n)s ganger", "n"
    ),
    (AuditAction.UPDATE, YOU): npgettext_lazy(
        "access log, you", "endret %(what)s %(n)s gang", "endret %(what)s %(n)s ganger", "n"
    ),
    (AuditAction.UPDATE, SOMEONE): npgettext_lazy(
        "access log, someone", "endret %(what)s %(n)s gang", "endret %(what)s %(n)s ganger", "n"
    ),
    (AuditAction.DELETE, YOU): npgettext_lazy(
        "access log, you", "slettet %(what)s %(n)s gang", "slettet %(what)s %(n)s ganger", "n"
    ),
    (AuditAction.DELETE, SOMEONE): npgettext_lazy(
        "access log, someone",
        "slettet %(what)s %(n)s gang",
        "slettet %(what)s %(n)s ganger",
        "n",
    ),
}
# An action without words of its own: none today (a test holds ONCE and TIMES to every
# AuditAction), but a row keeps the action it was written with.
SOMETHING_DONE: dict[str, Promise] = {
    YOU: pgettext_lazy("access log, you", "gjorde noe med %(what)s"),
    SOMEONE: pgettext_lazy("access log, someone", "gjorde noe med %(what)s"),
}
_ACTION_ORDER = list(ACTIONS)
_OBJECT_ORDER = list(OBJECTS)

# One group: who (as the row kept them), from where, by which door, on which day.
_KEY = ("day", "actor_id", "actor_name", "actor_unit", "by_family", "by_system")


@dataclass(frozen=True)
class Doing:
    # The AuditAction, and the object in words (one of OBJECTS, or SOMETHING).
    code: str
    what: str
    times: int
    # Only saw the case in a list of cases (the case was not opened).
    listed: bool = False

    @property
    def action(self) -> str:
        """The action alone, as a label."""
        return str(ACTIONS.get(self.code, self.code))

    def clause(self, person: str = SOMEONE) -> str:
        """What was done, in a whole clause for `person` (YOU or SOMEONE)."""
        values = {"what": self.what, "n": self.times}
        if (self.code, person) not in ONCE:
            return SOMETHING_DONE[person] % values
        if self.times == 1:
            return ONCE[self.code, person] % values
        return TIMES[self.code, person] % values

    def __str__(self) -> str:
        return self.clause(SOMEONE)


@dataclass(frozen=True)
class LogGroup:
    """What one person (or the system) did in the case on one day."""

    day: datetime.date
    # The latest moment of the day they did something.
    at: datetime.datetime
    who: str
    where: str
    by_family: bool
    # The member themselves.
    own: bool
    doings: tuple[Doing, ...]
    # A staff member whose unit the member may not be told (laget.family.access: a unit that
    # tells where a protected member lives, participants withheld): neither name nor unit.
    neutral: bool = False

    @property
    def only_listed(self) -> bool:
        """Everything in the group is the case showing in someone's list of cases: the page
        folds these away, since nobody opened the case."""
        return all(d.listed for d in self.doings)

    @property
    def did(self) -> str:
        person = YOU if self.own else SOMEONE
        parts = [d.clause(person) for d in self.doings]
        if len(parts) == 1:
            return parts[0]
        first = pgettext("access log, between clauses", ", ").join(parts[:-1])
        return _("%(first)s og %(last)s") % {"first": first, "last": parts[-1]}

    @property
    def when(self) -> str:
        return day_words(self.day)

    @property
    def sentence(self) -> str:
        return self.sentence_with(self.when)

    @property
    def full_sentence(self) -> str:
        """The sentence with its full stop, as the page shows it: one full stop even where the
        sentence already ends in one (a short numeric date, "26.10.", in some languages), and
        the language's own mark where it has one (Tigrinya "።")."""
        return end_sentence(self.sentence)

    def sentence_with(self, when: str) -> str:
        """The sentence with the day in other words (the copy gives the full date, since it is
        read later than "i dag")."""
        values = {"who": self.who, "where": self.where, "did": self.did, "when": when}
        if self.own:
            return _("Du %(did)s %(when)s") % values
        if self.neutral:
            return _("En tjeneste i kommunen %(did)s %(when)s") % values
        if self.by_family:
            return _("%(who)s i familien %(did)s %(when)s") % values
        if self.where:
            return _("%(who)s ved %(where)s %(did)s %(when)s") % values
        if self.who:
            return _("%(who)s %(did)s %(when)s") % values
        return _("Systemet %(did)s %(when)s") % values


def end_sentence(sentence: str) -> str:
    ended = pgettext("access log", "%(sentence)s.") % {"sentence": sentence}
    stop = ended.removeprefix(sentence)
    if stop and sentence.endswith(stop):
        return sentence
    return ended


def day_words(day: datetime.date, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    if day == today:
        return _("i dag")
    if day == today - datetime.timedelta(days=1):
        return _("i går")
    date = formats.date_format(day, "MONTH_DAY_FORMAT" if day.year == today.year else "DATE_FORMAT")
    # "4. desember" reads well in Norwegian as it is; English wants "on 4 December".
    return pgettext("access log day", "%(date)s") % {"date": date}


def _keyed(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    return events.annotate(
        day=TruncDate("at"),
        by_family=Case(
            When(via=Via.PORTAL, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        by_system=Case(
            When(Q(via=Via.SYSTEM) & Q(actor__isnull=True), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def _groups(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    """One row per group, newest day first and, within a day, the latest active first."""
    return (
        _keyed(events)
        .order_by()
        .values(*_KEY)
        .annotate(last=Max("at"), last_id=Max("id"))
        .order_by("-day", "-last", "-last_id")
    )


def _midnight(day: datetime.date, days_after: int = 0) -> datetime.datetime:
    moment = datetime.datetime.combine(day + datetime.timedelta(days=days_after), datetime.time())
    return timezone.make_aware(moment)


def _key(row: dict) -> tuple:
    return tuple(row[k] for k in _KEY)


def _doings(counts: list[tuple[str, str, int]]) -> tuple[Doing, ...]:
    def order(item: tuple[str, str, int]) -> tuple[int, int, str]:
        action, object_type, _times = item
        known = object_type in OBJECTS
        return (
            _ACTION_ORDER.index(action) if action in ACTIONS else len(ACTIONS),
            _OBJECT_ORDER.index(object_type) if known else len(OBJECTS),
            object_type,
        )

    doings: dict[tuple[str, str], int] = {}
    for action, object_type, times in sorted(counts, key=order):
        key = (action, str(OBJECTS.get(object_type, SOMETHING)))
        doings[key] = doings.get(key, 0) + times
    return tuple(
        Doing(action, what, times, listed=action == AuditAction.LIST)
        for (action, what), times in doings.items()
    )


def _units(municipality_id: int, names: set[str]) -> dict[str, Unit]:
    """The units the rows name (a row keeps the unit's name as it was; one renamed or gone
    since is not found, and is not named: see `log_page`)."""
    if not names:
        return {}
    units = Unit.objects.filter(municipality_id=municipality_id, name__in=names)
    return {u.name: u for u in units}


def log_page(
    events: QuerySet[AuditEvent],
    *,
    view: FamilyView,
    municipality_id: int,
    number: str | None,
    per_page: int,
) -> tuple[Page, list[LogGroup]]:
    """The page `number` of the groups (Paginator's rules: a bad number is the first page, one
    past the end the last), and the groups on it in words, staff named only where the
    member's view shows their unit. Five queries at most: the count, the page's groups, what
    each did, their units, and the names of the family members among them."""
    paginator = Paginator(_groups(events), per_page)
    page = paginator.get_page(number)
    rows = list(page.object_list)
    return page, _worded(rows, events, view=view, municipality_id=municipality_id)


def log_groups(
    events: QuerySet[AuditEvent], *, view: FamilyView, municipality_id: int
) -> list[LogGroup]:
    """Every group of the log in words, newest first (the whole log, as the family's copy
    holds it). Four queries at most, however long the log is."""
    # _groups() yields the grouped values (dicts), as the paginated page does.
    rows = cast(list[dict], list(_groups(events)))
    return _worded(rows, events, view=view, municipality_id=municipality_id)


def _worded(
    rows: list[dict], events: QuerySet[AuditEvent], *, view: FamilyView, municipality_id: int
) -> list[LogGroup]:
    """The groups `rows` in words, staff named only where the member's view shows their unit."""
    own_user_id = view.own_user_id
    if not rows:
        return []
    days = [row["day"] for row in rows]
    wanted = {_key(row) for row in rows}
    # The page's days as a span of time, so that the (case, at) index is used.
    detail = (
        _keyed(events)
        .filter(at__gte=_midnight(min(days)), at__lt=_midnight(max(days), 1))
        .order_by()
        .values(*_KEY, "action", "object_type")
        .annotate(times=Count("id"))
    )
    counts: dict[tuple, list[tuple[str, str, int]]] = {}
    for row in detail:
        key = _key(row)
        if key in wanted:
            counts.setdefault(key, []).append((row["action"], row["object_type"], row["times"]))
    family_ids = {row["actor_id"] for row in rows if row["by_family"] and row["actor_id"]}
    # A family member's row keeps an opaque name; their name is the user's (kept encrypted).
    users = User.objects.in_bulk(family_ids) if family_ids else {}
    staff_rows = [r for r in rows if not r["by_family"] and not r["by_system"]]
    units = _units(municipality_id, {r["actor_unit"] for r in staff_rows if r["actor_unit"]})
    groups = []
    for row in rows:
        user = users.get(row["actor_id"])
        by_family = row["by_family"]
        who, where = row["actor_name"], row["actor_unit"]
        neutral = False
        if row["by_system"]:
            who, where = "", ""
        elif by_family:
            who = user.display_name if user is not None else who
            where = ""
        elif not view.shows_unit(units.get(where)):
            who, where, neutral = "", "", True
        groups.append(
            LogGroup(
                day=row["day"],
                at=row["last"],
                who=who,
                where=where,
                by_family=by_family,
                own=by_family and own_user_id is not None and row["actor_id"] == own_user_id,
                doings=_doings(counts.get(_key(row), [])),
                neutral=neutral,
            )
        )
    return groups
