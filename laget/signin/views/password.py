"""Signing in with username and password, then (when owed) the second factor's code."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from laget.signin import oidc
from laget.signin.devices import Verdict, check_code, recovery_codes_left
from laget.signin.forms import MSG_TOO_MANY, MSG_WRONG_CODE, CodeForm
from laget.signin.middleware import pending
from laget.signin.second_factor import MSG_OTP_WAIT, Step, mark_passed, session_step

# Wrong codes one session may give before it must start again with the password (each device
# also makes every wrong code wait longer: laget/signin/devices.py).
MAX_WRONG_CODES = 5
WRONG_CODES = "laget_signin_wrong_codes"
# On the login page after a sign-in at the identity provider that did not go through.
OIDC_FAILED = "oidc-feil"


def safe_next(request: HttpRequest) -> str:
    """The page to go on to after signing in, when it is one of ours."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed else ""


def step_url(step: Step, next_url: str) -> str:
    url = reverse("login_code" if step is Step.CODE else "second_factor")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def signed_in(request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL))


class PasswordLogin(LoginView):
    """Django's LoginView (AuthenticationForm, so every attempt goes through
    auth.authenticate and the lockout sees it); a session that owes a second factor is sent
    on to it."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        owed = pending(request)
        if owed is not None:
            return redirect(step_url(owed[1], self.get_redirect_url()))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        auth.login(self.request, user)
        step = session_step(self.request.session, user)
        if step is not None:
            return redirect(step_url(step, self.get_redirect_url()))
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        if oidc.is_configured():
            context["provider"] = oidc.provider_name()
            context["provider_failed"] = OIDC_FAILED in self.request.GET
        return context


@require_http_methods(["GET", "HEAD", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator, or a recovery code (used up)."""
    owed = pending(request)
    if owed is None:
        return redirect(settings.LOGIN_REDIRECT_URL if request.user.is_authenticated else "login")
    user, step = owed
    if step is Step.ENROL:
        return redirect(step_url(step, safe_next(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verdict = check_code(user=user, code=form.cleaned_data["code"])
        if verdict in (Verdict.TOTP, Verdict.RECOVERY):
            request.session.pop(WRONG_CODES, None)
            mark_passed(request.session, verdict)
            return signed_in(request)
        if verdict is Verdict.WAIT:
            form.add_error("code", MSG_OTP_WAIT)
        else:
            wrong = request.session.get(WRONG_CODES, 0) + 1
            if wrong >= MAX_WRONG_CODES:
                auth.logout(request)
                messages.error(request, MSG_TOO_MANY)
                return redirect("login")
            request.session[WRONG_CODES] = wrong
            form.add_error("code", MSG_WRONG_CODE)
    context = {
        "form": form,
        "next": safe_next(request),
        "recovery_left": recovery_codes_left(user),
    }
    return render(request, "signin/code.html", context)
