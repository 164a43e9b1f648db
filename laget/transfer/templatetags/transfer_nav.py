"""Whether the navigation offers the list of proposed moves (laget/transfer) to the user."""

from typing import Any

from django import template

from laget.accounts.models import User
from laget.transfer.access import sees_inbox

register = template.Library()


@register.simple_tag(takes_context=True)
def transfer_link(context: dict[str, Any]) -> bool:
    user = getattr(context.get("request"), "user", None)
    return isinstance(user, User) and user.is_authenticated and sees_inbox(user)
