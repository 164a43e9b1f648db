"""The family's forms for choosing who takes part, and the child's view of a measure or
meeting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.family.choices import ProposalAnswer
from laget.lib.forms import LagetForm, LongTextField


class ProposalAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=ProposalAnswer.choices)


class ChildViewForm(LagetForm):
    text = LongTextField(
        label=_("Hva synes du?"),
        required=False,
        rows=6,
        help_text=_(
            "Skriv med dine egne ord. De voksne som jobber med saken, kan lese det du skriver."
        ),
    )
    # The text the child started from: if someone changed it meanwhile, nothing is saved.
    was = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
