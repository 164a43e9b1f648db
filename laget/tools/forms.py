"""Forms of the tools app: the staff forms (a tool's fill form is laget/cases/tools/forms.py)."""

import json
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from laget.lib.forms import LagetForm
from laget.orgs.models import Municipality
from laget.tools.models import ToolKind

MSG_BAD_JSON = gettext_lazy("Ikke gyldig JSON: %(error)s")


class ToolDefinitionForm(LagetForm):
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), label=gettext_lazy("Kommune")
    )
    name = forms.CharField(label=gettext_lazy("Navn"), max_length=200)
    slug = forms.SlugField(
        label=gettext_lazy("Kortnavn"),
        max_length=80,
        help_text=gettext_lazy("Små bokstaver, tall og bindestrek, f.eks. bekymringsskala."),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Type"), choices=ToolKind.choices)
    description = forms.CharField(
        label=gettext_lazy("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, municipalities: Sequence[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Municipality.objects.filter(pk__in=[m.pk for m in municipalities])
        if len(municipalities) == 1:
            field.initial = municipalities[0].pk
            field.widget = forms.HiddenInput()


class SchemaForm(LagetForm):
    schema = forms.CharField(
        label=gettext_lazy("Skjema (JSON)"),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "code"}),
        help_text=gettext_lazy("Feltene, poengreglene og nivåene, i formatet verktøyene bruker."),
    )

    def clean_schema(self) -> Any:
        text = self.cleaned_data["schema"]
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(MSG_BAD_JSON, params={"error": str(exc)}) from None
