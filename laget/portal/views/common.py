"""What every portal page does: who the user is, and that they are logged in to the portal."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from laget.accounts.models import User

View = Callable[..., HttpResponse]


def portal_login_required(view: View) -> View:
    """Like login_required, but to the portal's own login (ID-porten), not the staff's."""
    return login_required(view, login_url="portal:login")


def portal_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "views are wrapped in portal_login_required"
    return user


def case_url(case_id: int, anchor: str = "", **kwargs: Any) -> str:
    url = reverse("portal:case", kwargs={"case_id": case_id})
    return f"{url}#{anchor}" if anchor else url
