"""Who may use an endpoint. Case access is decided by laget.cases.access.case_for alone; this
module only builds the audit Actor for API requests and guards the organisation endpoints."""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from laget.accounts.models import User
from laget.audit.models import Via
from laget.audit.services import Actor
from laget.cases.access import CaseAccess, Need, case_for
from laget.orgs.actors import actor_for
from laget.orgs.rules import manages_staff
from laget.orgs.selectors import staff_profile


def request_user(request: Request) -> User:
    """The logged-in user (the views' IsAuthenticated permission has already run)."""
    user = request.user
    assert isinstance(user, User)
    return user


def api_actor(request: Request) -> Actor:
    return actor_for(request_user(request), Via.API)


def api_case(
    request: Request, case_id: int, need: Need = Need.READ, *, audit: bool = True
) -> CaseAccess:
    """The case through the one access rule, audited as coming through the API.

    Writes pass audit=False: the service records the write itself.
    """
    return case_for(
        request_user(request), case_id, need=need, actor=api_actor(request), audit=audit
    )


class ManagesStaff(BasePermission):
    """Municipal admins (any role) and unit leaders (employees of their unit) manage staff."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated:
            return False
        return manages_staff(staff_profile(user))
