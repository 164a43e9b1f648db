"""Logging in to the portal with ID-porten (OpenID Connect), and out again."""

from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import auth
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from laget.accounts.models import User
from laget.lib.demo import demo_enabled
from laget.portal.access import family_cases
from laget.portal.oidc import UNKNOWN_PERSON, is_configured, oidc_setting

FAILED = "feil"
ID_PORTEN_LOCALES = frozenset({"nb", "nn", "en", "se"})


@require_http_methods(["GET", "HEAD"])
def login(request: HttpRequest) -> HttpResponse:
    if isinstance(request.user, User) and bool(family_cases(request.user)):
        return redirect("portal:home")
    return render(
        request,
        "portal/login.html",
        {
            "configured": is_configured(),
            "failed": FAILED in request.GET,
            "next": request.GET.get("next", ""),
            "demo": demo_enabled(),
        },
    )


class LoginStart(OIDCAuthenticationRequestView):
    """Sends the browser to the provider with state, nonce and PKCE (the library's work)."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs: Any) -> None:
        # The library reads the endpoints here; this reads them in dispatch, where a provider
        # that cannot be reached is a message to the family rather than a crash.
        View.__init__(self, **kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_configured():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except requests.RequestException:
            return redirect(f"{reverse('portal:login')}?{FAILED}=1")
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        return super().dispatch(request, *args, **kwargs)

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        # ID-porten speaks bokmål, nynorsk, English and Northern Sami; for the family's other
        # languages the login is in bokmål (a language it does not know may be refused).
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        params = {"ui_locales": language if language in ID_PORTEN_LOCALES else "nb"}
        if settings.LAGET_OIDC_ACR_VALUES:
            params["acr_values"] = settings.LAGET_OIDC_ACR_VALUES
        return params


class LoginCallback(OIDCAuthenticationCallbackView):
    """The provider's answer. The library refuses an unknown or replayed state; the backend
    (laget.portal.oidc) finds the person. No family record: a page saying so, no session."""

    get_settings = staticmethod(oidc_setting)

    @property
    def failure_url(self) -> str:
        return f"{reverse('portal:login')}?{FAILED}=1"

    @property
    def success_url(self) -> str:
        next_url: str | None = self.request.session.get("oidc_login_next")
        return next_url or resolve_url("portal:home")

    def login_failure(self) -> HttpResponse:
        if getattr(self.request, UNKNOWN_PERSON, False):
            self.request.session.flush()
            return render(self.request, "portal/no_case.html")
        response: HttpResponse = super().login_failure()
        return response


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Ends the session here, then at the provider when it offers that (ID-porten does)."""
    id_token = request.session.get("oidc_id_token")
    auth.logout(request)
    after = request.build_absolute_uri(reverse("portal:login"))
    end_session = oidc_setting("LAGET_OIDC_END_SESSION_ENDPOINT", "") if is_configured() else ""
    if end_session and id_token:
        query = urlencode(
            {
                "id_token_hint": id_token,
                "post_logout_redirect_uri": after,
                "state": get_random_string(32),
            }
        )
        return redirect(f"{end_session}?{query}")
    return redirect(after)
