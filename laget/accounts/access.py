"""Who reaches the account pages: a logged-in member of staff. A family member signed in
through the portal has no password and no API token here; for them the pages are missing."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from laget.accounts.models import User

# The portal's login backend (laget/portal/oidc.py), named here without importing the portal.
FAMILY_BACKEND = "laget.portal.oidc.PortalOIDCBackend"

View = Callable[..., HttpResponse]


def is_family_session(request: HttpRequest) -> bool:
    return request.session.get(BACKEND_SESSION_KEY) == FAMILY_BACKEND


def staff_account(view: View) -> View:
    """login_required, and 404 for a family session."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if is_family_session(request):
            raise Http404
        return view(request, *args, **kwargs)

    return login_required(guarded)


def account_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user
