"""Staff forms for consents. They validate input; consent.services does the writing."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.consent.models import ConsentParty
from laget.lib.forms import DATE_INPUT, LagetForm, LongTextField
from laget.orgs.models import Unit

MAX_SCAN_BYTES = 10 * 1024 * 1024
MSG_SCAN_TOO_BIG = _("Filen er for stor (høyst 10 MB).")
MSG_SCAN_TYPE = _("Last opp en PDF eller et bilde (JPEG eller PNG).")
SCAN_TYPES = {"application/pdf", "image/jpeg", "image/png"}


class ConsentRequestForm(LagetForm):
    units = forms.TypedMultipleChoiceField(
        label=_("Enheter som får være med"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    purpose = LongTextField(
        label=_("Hva samtykket gjelder"),
        rows=3,
        help_text=_("Skriv kort og forståelig hva samarbeidet skal handle om."),
    )
    expires_on = forms.DateField(
        label=_("Utløper"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Valgfritt. Familien får varsel 30 dager før."),
    )

    def __init__(self, *args: Any, units: Sequence[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]


class PartyForm(LagetForm):
    party = forms.TypedChoiceField(label=_("Hvem"), coerce=int)

    def __init__(self, *args: Any, parties: Sequence[ConsentParty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parties = {p.pk: p for p in parties}
        self.fields["party"].choices = [(p.pk, p.label) for p in parties]  # type: ignore[attr-defined]

    def chosen(self) -> ConsentParty:
        return self.parties[self.cleaned_data["party"]]


class PaperConsentForm(PartyForm):
    scanned_copy = forms.FileField(
        label=_("Skannet kopi av samtykket"), help_text=_("PDF eller bilde, høyst 10 MB.")
    )

    def clean_scanned_copy(self) -> Any:
        upload = self.cleaned_data["scanned_copy"]
        if upload.size > MAX_SCAN_BYTES:
            raise forms.ValidationError(MSG_SCAN_TOO_BIG, code="size")
        if getattr(upload, "content_type", "") not in SCAN_TYPES:
            raise forms.ValidationError(MSG_SCAN_TYPE, code="type")
        return upload


class WithdrawForm(PartyForm):
    note = forms.CharField(
        label=_("Hvordan ble det sagt fra"),
        max_length=500,
        required=False,
        help_text=_("F.eks. «mor ringte stafettholderen 26.11.»"),
    )


class RenewForm(LagetForm):
    expires_on = forms.DateField(label=_("Ny utløpsdato"), required=False, widget=DATE_INPUT)
    note = forms.CharField(label=_("Notat"), max_length=500, required=False)
