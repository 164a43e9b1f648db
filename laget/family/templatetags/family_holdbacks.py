"""The staff case page's panel on a held-back family access log (family/_holdback_panel.html):
everyone in the case sees that it is in force and until when; child welfare gets the link to
end or change it. Who manages it is laget.family.holdbacks's rule."""

from dataclasses import dataclass
from typing import Any

from django import template

from laget.cases.access import CaseAccess
from laget.family.holdbacks import hold_backs_in_force, managed_hold_backs, managing_unit_ids
from laget.family.models import HoldBack

register = template.Library()


@dataclass(frozen=True)
class Panel:
    hold_backs: list[HoldBack]
    manages: bool


@register.simple_tag(takes_context=True)
def hold_back_panel(context: dict[str, Any]) -> Panel:
    access: CaseAccess = context["access"]
    user = context["request"].user
    in_force = list(hold_backs_in_force(access.case))
    units = managing_unit_ids(user, access)
    manages = any(h.unit_id in units for h in in_force) or (
        bool(units) and managed_hold_backs(user, access).exists()
    )
    return Panel(hold_backs=in_force, manages=manages)
