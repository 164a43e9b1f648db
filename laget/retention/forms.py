"""The retention page's forms: they validate, the services save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.retention.models import RetentionPolicy

MSG_SCAN_AFTER_CONSENT = _("Den skannede kopien kan ikke beholdes lenger enn samtykket selv.")


class PolicyForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = [
            "closed_case_months",
            "archives_in_laget",
            "consent_months",
            "scan_months",
            "notification_months",
        ]

    def clean(self) -> dict:
        data = super().clean() or {}
        scan, consent = data.get("scan_months"), data.get("consent_months")
        if scan is not None and consent is not None and scan > consent:
            self.add_error("scan_months", MSG_SCAN_AFTER_CONSENT)
        return data


class HoldForm(forms.Form):
    case_id = forms.IntegerField(label=_("Saksnummer (id)"), min_value=1)
    reason = forms.CharField(
        label=_("Begrunnelse (uten navn)"),
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("For eksempel: klagesak, tilsyn")}),
    )


class HoldReleaseForm(forms.Form):
    hold = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ApproveForm(forms.Form):
    run = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Jeg har lest rapporten, og dette kan slettes eller anonymiseres"), required=True
    )
