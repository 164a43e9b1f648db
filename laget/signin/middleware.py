"""A session that has given its password but still owes its second factor is anonymous to
every view and to the API: only the sign-in's own pages see whose it is (`pending`)."""

from collections.abc import Callable
from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from laget.signin.second_factor import Step, session_step

PENDING = "_laget_signin_pending"


def _seen_user(request: HttpRequest, user: Any) -> Any:
    step = session_step(request.session, user)
    if step is None:
        return user
    setattr(request, PENDING, (user, step))
    return AnonymousUser()


def pending(request: HttpRequest) -> tuple[Any, Step] | None:
    """The user this session signed in with a password, and what it still owes; None when it
    owes nothing (or nobody is signed in)."""
    request.user.is_authenticated  # noqa: B018 - resolves the lazy user, and with it PENDING
    found: tuple[Any, Step] | None = getattr(request, PENDING, None)
    return found


class SecondFactorMiddleware:
    """After AuthenticationMiddleware (and the session timeouts): wraps request.user, lazily,
    so a request that never looks at the user costs nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        request.user = SimpleLazyObject(lambda: _seen_user(request, user))  # type: ignore[assignment]

        def resolved() -> Any:
            seen = request.user
            seen.is_authenticated  # noqa: B018 - resolves the lazy object
            return getattr(seen, "_wrapped", seen)

        async def auser() -> Any:
            return await sync_to_async(resolved)()

        request.auser = auser
        return self.get_response(request)
