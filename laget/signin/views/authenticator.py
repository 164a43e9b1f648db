"""Setting up the authenticator (TOTP) and its recovery codes, and removing them: from the
account, or right after the password when the municipality requires it and there is none."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.accounts.access import is_family_session, staff_account
from laget.accounts.models import User
from laget.signin.devices import (
    Verdict,
    authenticator_confirm,
    check_code,
    enrolment,
    has_authenticator,
    recovery_codes_left,
    second_factor_remove,
)
from laget.signin.forms import ENROL_HELP, MSG_WRONG_CODE, REMOVE_HELP, CodeForm
from laget.signin.middleware import pending
from laget.signin.second_factor import MSG_OTP_WAIT, Step, is_required, mark_passed
from laget.signin.views.password import safe_next, step_url


def _status(request: HttpRequest, user: User, form: CodeForm | None = None) -> HttpResponse:
    """The account's authenticator is on: how many recovery codes are left, and removing it."""
    context = {
        "form": form or CodeForm(help_text=REMOVE_HELP),
        "recovery_left": recovery_codes_left(user),
        "required": is_required(user),
    }
    return render(request, "signin/authenticator_on.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    owed = pending(request)
    if owed is not None:
        user, step = owed
        if step is Step.CODE:
            return redirect(step_url(step, safe_next(request)))
        forced = True
    elif is_family_session(request):
        raise Http404  # a family member signed in through the portal has no staff account
    elif isinstance(request.user, User):
        user, forced = request.user, False
        if has_authenticator(user):
            return _status(request, user)
    else:
        return redirect_to_login(request.get_full_path())
    form = CodeForm(request.POST or None, help_text=ENROL_HELP)
    if request.method == "POST" and form.is_valid():
        codes = authenticator_confirm(user=user, code=form.cleaned_data["code"])
        if codes is not None:
            mark_passed(request.session, Verdict.TOTP)
            onward = (
                safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL)
                if forced
                else reverse("second_factor")
            )
            context: dict[str, Any] = {"codes": codes, "onward": onward}
            return render(request, "signin/recovery_codes.html", context)
        form.add_error("code", MSG_WRONG_CODE)
    context = {
        "form": form,
        "enrolment": enrolment(user),
        "forced": forced,
        "next": safe_next(request),
    }
    return render(request, "signin/authenticator_setup.html", context)


@require_POST
@staff_account
def remove(request: HttpRequest) -> HttpResponse:
    """Removing the authenticator (to set up a new one) takes a current code."""
    user = request.user
    assert isinstance(user, User)
    if not has_authenticator(user):
        return redirect("second_factor")
    form = CodeForm(request.POST, help_text=REMOVE_HELP)
    if form.is_valid():
        verdict = check_code(user=user, code=form.cleaned_data["code"])
        if verdict in (Verdict.TOTP, Verdict.RECOVERY):
            second_factor_remove(user=user)
            messages.success(request, _("Autentiseringsappen og gjenopprettingskodene er fjernet."))
            return redirect("second_factor")
        form.add_error("code", MSG_OTP_WAIT if verdict is Verdict.WAIT else MSG_WRONG_CODE)
    return _status(request, user, form)
