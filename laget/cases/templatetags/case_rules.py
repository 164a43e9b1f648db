"""The case rules for the templates, so a page shows exactly what the services allow."""

from typing import Any

from django import template

from laget.accounts.models import User
from laget.cases import rules
from laget.cases.models import Entry

register = template.Library()


@register.simple_tag(takes_context=True)
def may_correct(context: dict[str, Any], entry: Entry) -> bool:
    """{% may_correct entry as correctable %}: the logged-in user may correct the entry now
    (the page's `access` is their access to the case)."""
    user = getattr(context.get("request"), "user", None)
    access = context.get("access")
    if not isinstance(user, User) or access is None:
        return False
    return rules.may_correct(entry, user=user, access=access)
