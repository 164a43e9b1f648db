"""Staff forms for consents. They validate input; consent.services does the writing."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.consent.models import ConsentParty
from laget.consent.rules import ConsentAction
from laget.lib.forms import DATE_INPUT, LagetForm, LongTextField
from laget.orgs.models import Unit
from laget.people.models import Guardian

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
        help_text=_(
            "La stå tom når samtykket ikke har noen utløpsdato. Familien får varsel 30 dager før."
        ),
    )
    for_guardian = forms.TypedChoiceField(
        label=_("Hvem samtykket gjelder"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "Gjelder samtykket bare ett familiemedlems egen hjelp, er det bare hen som ser det "
            "og svarer på det. Ingen andre i familien kan avslå eller trekke det tilbake."
        ),
    )

    def __init__(
        self,
        *args: Any,
        units: Sequence[Unit],
        members: Sequence[Guardian] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]
        self.fields["for_guardian"].choices = [  # type: ignore[attr-defined]
            ("", _("Hele saken (alle som skal samtykke)")),
            *((g.pk, _("Egen hjelp for %(name)s") % {"name": g.name}) for g in members),
        ]


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


CARE_ANSWERS = {
    ConsentAction.GIVE: _("Barnevernet samtykker"),
    ConsentAction.REFUSE: _("Barnevernet samtykker ikke"),
    ConsentAction.WITHDRAW: _("Barnevernet trekker samtykket tilbake"),
}


class CareAnswerForm(LagetForm):
    """Child welfare's own answer, for the care it holds (the choices: what it may do now)."""

    answer = forms.ChoiceField(label=_("Svar"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, actions: frozenset[ConsentAction], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = [  # type: ignore[attr-defined]
            (action.value, label) for action, label in CARE_ANSWERS.items() if action in actions
        ]


class RenewForm(LagetForm):
    expires_on = forms.DateField(label=_("Ny utløpsdato"), required=False, widget=DATE_INPUT)
    note = forms.CharField(label=_("Notat"), max_length=500, required=False)
