"""Staff sign-in at the municipality's identity provider (laget/signin/oidc.py), and back."""

import logging
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from django.conf import settings
from django.contrib import auth
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from laget.signin import oidc
from laget.signin.views.password import OIDC_FAILED

logger = logging.getLogger(__name__)

# The states of the logins this session started at the staff provider, so that a state
# started for the family portal (or planted from elsewhere) is not taken here.
STAFF_STATES = "laget_staff_oidc_states"
KEEP_STATES = 10


def _failed() -> HttpResponse:
    return redirect(f"{reverse('login')}?{OIDC_FAILED}=1")


class Start(OIDCAuthenticationRequestView):
    """Sends the browser to the provider with state, nonce and PKCE (the library's work)."""

    get_settings = staticmethod(oidc.staff_setting)

    def __init__(self, **kwargs: Any) -> None:
        # The library reads the endpoints here; this reads them in dispatch, where a provider
        # that cannot be reached is a message rather than a crash.
        View.__init__(self, **kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not oidc.is_configured():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except requests.RequestException:
            return _failed()
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session[STAFF_STATES] = [*request.session.get(STAFF_STATES, []), state][
            -KEEP_STATES:
        ]
        return response

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        params = {"ui_locales": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)}
        if oidc.acr_values():
            params["acr_values"] = " ".join(oidc.acr_values())
        return params


class Callback(View):
    """The provider's answer. A state this session did not start here is refused (400); the
    backend checks the tokens and finds the staff user; a person who is no staff user gets a
    page saying so and no session."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc.is_configured():
            raise Http404
        state, code = request.GET.get("state"), request.GET.get("code")
        states: dict[str, Any] = request.session.get("oidc_states") or {}
        mine: list[str] = request.session.get(STAFF_STATES, [])
        if state and (state in mine or state in states):
            # Whatever comes of it, a state is used once.
            request.session[STAFF_STATES] = [s for s in mine if s != state]
            started = states.pop(state, None)
            request.session["oidc_states"] = states
        else:
            started = None
        if request.GET.get("error") or not code or not state:
            return _failed()
        if started is None or state not in mine:
            raise SuspiciousOperation("the sign-in's state was not started by this session")
        try:
            user = oidc.StaffOIDCBackend().sign_in(
                request, nonce=started["nonce"], code_verifier=started.get("code_verifier")
            )
        except oidc.NotStaff as refusal:
            logger.info("Staff sign-in refused: %s", refusal)
            request.session.flush()
            context = {"provider": oidc.provider_name()}
            return render(request, "signin/no_access.html", context)
        except (SuspiciousOperation, requests.RequestException) as error:
            logger.warning("Staff sign-in failed at the provider: %s", type(error).__name__)
            return _failed()
        next_url = request.session.get("oidc_login_next")
        auth.login(request, user, backend=oidc.BACKEND)
        return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
