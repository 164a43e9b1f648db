"""The password forms: Django's own (its validators, AUTH_PASSWORD_VALIDATORS, decide what a
good password is), with a plain hint instead of Django's list and a reset that only queues."""

from typing import Any

from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from laget.accounts.tasks import send_password_reset
from laget.lib.ratelimit import over_limit

PASSWORD_HINT = _(
    "Minst 12 tegn. Ikke et vanlig passord, ikke bare tall og ikke likt brukernavnet eller navnet "
    "ditt. Flere ord etter hverandre er lett å huske og vanskelig å gjette."
)
# Mails to one address within the hour; past it, the answer is the same and nothing is sent.
RESET_MAILS_PER_HOUR = 3


class _Hint:
    fields: dict[str, Any]

    def _hint(self) -> None:
        self.fields["new_password1"].help_text = PASSWORD_HINT
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"


class NewPasswordForm(_Hint, SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._hint()


class ChangePasswordForm(_Hint, PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._hint()


class ResetRequestForm(PasswordResetForm):
    def save(self, *args: Any, **kwargs: Any) -> None:
        """Queue one mail for each active user with a password and this address (Django's
        get_users). Whether there was one is never told."""
        email = self.cleaned_data["email"]
        for user in self.get_users(email):
            if not over_limit(f"accounts:reset:user:{user.pk}", RESET_MAILS_PER_HOUR, 3600):
                send_password_reset.enqueue(user.pk)
