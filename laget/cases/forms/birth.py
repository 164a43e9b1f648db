"""The form for registering the birth of the child of a log opened in pregnancy."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.lib.forms import DATE_INPUT, LagetForm
from laget.people.national_id import validate_national_id


class BirthForm(LagetForm):
    given_name = forms.CharField(label=_("Barnets fornavn"), max_length=100)
    family_name = forms.CharField(label=_("Barnets etternavn"), max_length=100)
    birth_date = forms.DateField(label=_("Fødselsdato"), widget=DATE_INPUT)
    national_id = forms.CharField(
        label=_("Barnets fødselsnummer"),
        max_length=20,
        required=False,
        validators=[validate_national_id],
        help_text=_("11 siffer, når barnet har fått det."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_national_id(self) -> str:
        return "".join(self.cleaned_data.get("national_id", "").split())

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "birth_date": data["birth_date"],
            "national_id": data.get("national_id", ""),
        }
