"""The code field of the sign-in's second step, of setting up and of removing an authenticator."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

MSG_WRONG_CODE = _("Koden stemmer ikke. Sjekk at du skriver koden appen viser nå, og prøv igjen.")
MSG_TOO_MANY = _("For mange feil koder. Logg inn på nytt.")
ENROL_HELP = _("Seks sifre, uten mellomrom.")
REMOVE_HELP = _("En kode fra autentiseringsappen, eller en av gjenopprettingskodene.")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args: Any, help_text: StrOrPromise = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text
