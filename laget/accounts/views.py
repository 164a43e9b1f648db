"""The user's own account: changing the password, resetting a forgotten one by an e-mail link,
and "Mine innlogginger", the browser sessions and API tokens, each of which can be ended.

A new password ends every other session and every token: whoever may have had the old one is
out. The reset's answer is the same whether the address is known or not.
"""

from typing import Any

from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from knox.models import AuthToken

from laget.accounts.access import account_user, staff_account
from laget.accounts.forms import ChangePasswordForm, NewPasswordForm, ResetRequestForm
from laget.accounts.services import session_end, token_revoke, user_sign_out_everywhere
from laget.accounts.sessions import handle_of, live_sessions
from laget.lib.client import client_address
from laget.lib.ratelimit import over_limit

MSG_PASSWORD_CHANGED = gettext_lazy(
    "Passordet er endret. Du er logget ut på alle andre nettlesere, og API-nøklene dine er slettet."
)
MSG_RESET_SENT = gettext_lazy(
    "Hvis adressen hører til en bruker i Laget, har vi sendt en lenke dit. Den virker i to "
    "timer. Kommer det ingen e-post, spør lederen din."
)
MSG_RESET_DONE = gettext_lazy("Passordet er endret. Logg inn med det nye passordet.")
MSG_TOO_MANY = gettext_lazy("For mange forespørsler fra denne maskinen. Prøv igjen om en time.")
# Reset requests from one address within the hour.
RESETS_PER_ADDRESS = 10


@method_decorator(staff_account, name="dispatch")
class PasswordChange(auth_views.PasswordChangeView):
    http_method_names = ["get", "head", "post"]
    template_name = "accounts/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("account_sessions")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not account_user(request).has_usable_password():
            # Signed in through the municipality's identity provider: no password here.
            return render(request, self.template_name, {"no_password": True})
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)  # saves, and keeps this session (a new key)
        user_sign_out_everywhere(user=form.user, keep_session=self.request.session.session_key)
        messages.success(self.request, str(MSG_PASSWORD_CHANGED))
        return response


class ResetRequest(auth_views.PasswordResetView):
    http_method_names = ["get", "head", "post"]
    template_name = "registration/password_reset_form.html"
    form_class = ResetRequestForm
    success_url = reverse_lazy("login")

    def form_valid(self, form: Any) -> HttpResponse:
        key = f"accounts:reset:address:{client_address(self.request)}"
        if over_limit(key, RESETS_PER_ADDRESS, 3600):
            return render(
                self.request, "registration/too_many.html", {"message": MSG_TOO_MANY}, status=429
            )
        form.save()
        messages.info(self.request, str(MSG_RESET_SENT))
        return redirect(self.get_success_url())


class ResetConfirm(auth_views.PasswordResetConfirmView):
    http_method_names = ["get", "head", "post"]
    template_name = "registration/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("login")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        user_sign_out_everywhere(user=user)
        # The link proves the mailbox: a lockout on the username ends with the new password.
        axes_reset(username=user.get_username())
        messages.success(self.request, str(MSG_RESET_DONE))
        return response


@staff_account
@require_safe
def sessions_page(request: HttpRequest) -> HttpResponse:
    user = account_user(request)
    current = handle_of(request.session.session_key or "")
    now = timezone.now()
    tokens = AuthToken.objects.filter(Q(expiry__isnull=True) | Q(expiry__gt=now), user=user)
    return render(
        request,
        "accounts/sessions.html",
        {
            "sessions": list(live_sessions(user)),
            "current": current,
            "tokens": list(tokens.order_by("-created")),
        },
    )


@staff_account
@require_POST
def sessions_end(request: HttpRequest) -> HttpResponse:
    """The button's value says what to end: `session:<handle>`, `token:<digest>` or `others`
    (every other session and every token). Only the user's own are ever found."""
    user = account_user(request)
    kind, _sep, ref = request.POST.get("end", "").partition(":")
    current = request.session.session_key or ""
    if kind == "session" and ref and ref == handle_of(current):
        logout(request)
        return redirect("login")
    if kind == "session" and session_end(user=user, handle=ref):
        messages.success(request, _("Innloggingen er avsluttet."))
    elif kind == "token" and token_revoke(user=user, digest=ref):
        messages.success(request, _("API-nøkkelen er slettet."))
    elif kind == "others":
        user_sign_out_everywhere(user=user, keep_session=current)
        messages.success(request, _("Du er logget ut alle andre steder."))
    return redirect("account_sessions")
