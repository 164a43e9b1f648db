"""Which organisation pages the navigation offers the logged-in user."""

from typing import Any

from django import template

from laget.accounts.models import User
from laget.orgs.rules import (
    administered_municipality_ids,
    managed_municipality_ids,
    manages_staff,
    starts_on_dashboard,
)
from laget.orgs.selectors import staff_profile

register = template.Library()


@register.simple_tag(takes_context=True)
def org_links(context: dict[str, Any]) -> dict[str, bool]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {
            "units": False,
            "staff": False,
            "monitoring": False,
            "grants": False,
            "log_review": False,
            "archive": False,
            "my_cases": False,
            "training": False,
            "practice": False,
        }
    profile = staff_profile(user)
    is_admin = bool(administered_municipality_ids(profile))
    return {
        "units": is_admin,
        "staff": manages_staff(profile),
        # The implementation's steering pages: plans, surveys, the dashboard.
        "monitoring": bool(managed_municipality_ids(profile)),
        # The review of who was given access (orgs:grant_list).
        "grants": is_admin or bool(profile.privacy_officer_municipality_ids),
        # The privacy officer's log review (laget/logreview).
        "log_review": bool(profile.privacy_officer_municipality_ids),
        # The archivist's archive packages (laget/archive).
        "archive": bool(profile.archivist_municipality_ids),
        # Everyone's start, except a coordinator's or admin's who works in no unit.
        "my_cases": not starts_on_dashboard(profile),
        # The training pages (laget/training): everyone who works in a municipality.
        "training": bool(profile.municipality_ids),
        # The practice area (laget/practice): everyone who works in a unit.
        "practice": profile.is_staff_member,
    }
