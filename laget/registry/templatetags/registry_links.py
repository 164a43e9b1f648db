"""The program registry's part of "Min opplæring" (laget/training): the practitioner the user is
linked to, or those offered to them (laget/registry/user_links.py). A tag owned by the registry,
so that the training app imports nothing of it (the layer contract)."""

from typing import Any

from django import template

from laget.accounts.models import User
from laget.registry.user_links import links_of

register = template.Library()


@register.inclusion_tag("registry/_self_link.html", takes_context=True)
def registry_self_link(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {}
    links = links_of(user)
    return {"linked": links.linked, "offers": links.offers, "csrf_token": context.get("csrf_token")}
