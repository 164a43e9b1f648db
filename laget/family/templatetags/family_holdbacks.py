"""The staff case page's panel on a held-back family access log (family/_holdback_panel.html):
everyone in the case sees that it is in force and until when; child welfare gets the link to
end or change it. Who manages it is laget.family.holdbacks's rule."""

from dataclasses import dataclass
from typing import Any

from django import template

from laget.cases.access import CaseAccess
from laget.family.holdbacks import managing_unit_ids
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
    # One read of the case's hold-backs (few), sorted and sifted here: the same rules as
    # hold_backs_in_force and managed_hold_backs.
    every = sorted(
        access.case.hold_backs.select_related("unit"),
        key=lambda h: (h.starts_at, h.pk),
    )
    in_force = [h for h in every if h.in_force()]
    units = managing_unit_ids(user, access)
    return Panel(hold_backs=in_force, manages=any(h.unit_id in units for h in every))
