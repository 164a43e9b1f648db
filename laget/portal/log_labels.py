"""The access log in words the family understands: who, from where, did what, when."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from laget.audit.models import AuditAction, AuditEvent, Via

# What was read or changed, by the object type the audit row names.
OBJECTS = {
    "case": _("saken"),
    "case_list": _("listen over saker"),
    "entry": _("en loggføring"),
    "measure": _("et tiltak"),
    "meeting": _("et møte"),
    "meetingattendee": _("svar på en møteinvitasjon"),
    "participant": _("en deltaker"),
    "guardian": _("en foresatt"),
    "levelchange": _("en nivåendring"),
    "batonhandover": _("en overlevering av stafetten"),
    "transition": _("en overgang"),
    "consent": _("et samtykke"),
    "consent_list": _("samtykkene"),
    "access_log": _("tilgangsloggen"),
}
ACTIONS = {
    AuditAction.READ: pgettext_lazy("access log", "leste"),
    AuditAction.LIST: pgettext_lazy("access log", "så i listen"),
    AuditAction.CREATE: pgettext_lazy("access log", "la til"),
    AuditAction.UPDATE: pgettext_lazy("access log", "endret"),
    AuditAction.DELETE: pgettext_lazy("access log", "slettet"),
}


@dataclass(frozen=True)
class LogRow:
    at: datetime.datetime
    who: str
    where: str
    action: str
    what: str
    by_family: bool


def event_rows(events: Iterable[AuditEvent]) -> list[LogRow]:
    rows = []
    for e in events:
        by_family = e.via == Via.PORTAL
        where = e.actor_unit or (str(_("familien")) if by_family else "")
        if e.via == Via.SYSTEM and not e.actor_unit:
            where = str(_("systemet"))
        rows.append(
            LogRow(
                at=e.at,
                # A family member's row keeps an opaque name; their own name is the user's.
                who=e.actor.display_name if by_family and e.actor else e.actor_name,
                where=where,
                action=str(ACTIONS.get(AuditAction(e.action), e.action)),
                what=str(OBJECTS.get(e.object_type, e.object_type)),
                by_family=by_family,
            )
        )
    return rows
