"""The access requests on the staff case page's "Familien" panel (family/_access_requests.html):
the requests not yet answered, each with its due date, for those who answer them
(laget.family.access_requests). One query, and none for anyone else."""

import datetime
from dataclasses import dataclass
from typing import Any

from django import template

from laget.cases.access import CaseAccess
from laget.family.access_requests import due_on, may_answer_access_requests, member_label
from laget.family.models import AccessRequest

register = template.Library()


@dataclass(frozen=True)
class OpenRequest:
    request: AccessRequest
    member: str
    due: datetime.date


@dataclass(frozen=True)
class AccessRequestPanel:
    shown: bool
    open: list[OpenRequest]


@register.simple_tag(takes_context=True)
def access_request_panel(context: dict[str, Any]) -> AccessRequestPanel:
    access: CaseAccess = context["access"]
    if not may_answer_access_requests(access):
        return AccessRequestPanel(False, [])
    rows = access.case.access_requests.filter(produced_at__isnull=True).select_related(
        "guardian", "case__subject"
    )
    found = [OpenRequest(r, member_label(r), due_on(r.received_on)) for r in rows]
    return AccessRequestPanel(True, sorted(found, key=lambda o: (o.due, o.request.pk)))
