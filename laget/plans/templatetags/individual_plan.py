"""The individual plan on the case page (plans/_case_facts.html): the decision and the
coordinator beside the stafettholder. Read once per page, in three queries."""

from typing import Any

from django import template

from laget.cases.access import CaseAccess
from laget.plans.selectors import PlanState, plan_state

register = template.Library()


@register.simple_tag(takes_context=True)
def individual_plan(context: dict[str, Any]) -> PlanState:
    access: CaseAccess = context["access"]
    return plan_state(access.case)
