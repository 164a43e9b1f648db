"""Whether the navigation offers the program registry to the logged-in user."""

from typing import Any

from django import template

from laget.accounts.models import User
from laget.registry.access import registry_scope

register = template.Library()


@register.simple_tag(takes_context=True)
def registry_link(context: dict[str, Any]) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return not registry_scope(user).is_empty


@register.simple_tag(takes_context=True)
def registry_everything(context: dict[str, Any]) -> bool:
    """Whether the user administers the programs (and so sees their pages in the menu)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return registry_scope(user).everything
