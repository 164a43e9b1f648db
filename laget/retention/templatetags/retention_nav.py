"""Whether the navigation offers the retention page (laget/retention) to the user."""

from typing import Any

from django import template

from laget.accounts.models import User
from laget.retention.access import sets_retention

register = template.Library()


@register.simple_tag(takes_context=True)
def retention_link(context: dict[str, Any]) -> bool:
    user = getattr(context.get("request"), "user", None)
    return isinstance(user, User) and user.is_authenticated and sets_retention(user)
