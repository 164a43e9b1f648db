"""The municipal admin's form for adding a statute to the municipality's list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.lib.forms import LagetForm, LongTextField
from laget.orgs.models import UnitKind


class LocalStatuteForm(LagetForm):
    reference = forms.CharField(
        label=_("Lovhenvisning"),
        max_length=200,
        help_text=_("Slik staben og familien skal se den, for eksempel «Forskrift om … § 3»."),
    )
    title = forms.CharField(
        label=_("Hva den gir adgang til"),
        max_length=200,
        help_text=_("Én kort setning i klarspråk. Familien ser den ved siden av henvisningen."),
    )
    unit_kinds = forms.MultipleChoiceField(
        label=_("Gjelder for"),
        choices=UnitKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bare enheter av disse typene kan delta i en sak med denne hjemmelen."),
    )
    reason = LongTextField(
        label=_("Begrunnelse"),
        rows=3,
        help_text=_("Hvorfor kommunen legger den til. Den blir lagret og kan ikke endres."),
    )
