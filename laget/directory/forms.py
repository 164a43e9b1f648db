"""Forms of the service directory. They validate input; directory.services does the writing."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.directory.models import ALIAS_MAX, MSG_NAME_TOO_LONG, Service, ServiceKind
from laget.lib.forms import LagetForm
from laget.orgs.models import Municipality, Unit

MSG_CHOOSE_MUNICIPALITY = _("Velg kommunen tjenesten hører til.")


def split_names(value: str) -> list[str]:
    """ "PPT, P.P.T." → ["PPT", "P.P.T."]: comma-separated, blanks dropped."""
    return [part.strip() for part in value.split(",") if part.strip()]


class NameListField(forms.CharField):
    """A comma-separated list of names, cleaned to a list of strings."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        names = split_names(text)
        for name in names:
            if len(name) > ALIAS_MAX:
                raise forms.ValidationError(
                    MSG_NAME_TOO_LONG, code="max_length", params={"max": ALIAS_MAX}
                )
        return names


class ServiceForm(LagetForm):
    municipality = forms.TypedChoiceField(label=_("Kommune"), coerce=int)
    name = forms.CharField(label=_("Navn"), max_length=ALIAS_MAX)
    abbreviations = NameListField(
        label=_("Forkortelser"), help_text=_("Skill med komma, for eksempel: PPT, PP-tjenesten")
    )
    former_names = NameListField(
        label=_("Tidligere navn"),
        help_text=_("Navn folk fortsatt kan søke på. Skill med komma."),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=ServiceKind.choices)
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    target_group = forms.CharField(
        label=_("Målgruppe"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    how_to_refer = forms.CharField(
        label=_("Slik tar du kontakt eller henviser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    email = forms.EmailField(label=_("E-post"), required=False)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    web = forms.URLField(label=_("Nettside"), required=False, assume_scheme="https", max_length=200)
    unit = forms.TypedChoiceField(
        label=_("Enheten som driver tjenesten"), coerce=int, required=False, empty_value=None
    )
    is_active = forms.BooleanField(
        label=_("Aktiv – vises i katalogen og i søk"), required=False, initial=True
    )

    def __init__(
        self,
        *args: Any,
        municipalities: Sequence[Municipality],
        units: Sequence[Unit],
        instance: Service | None = None,
        **kwargs: Any,
    ) -> None:
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{
                        f: getattr(instance, f)
                        for f in (
                            "name",
                            "abbreviations",
                            "former_names",
                            "kind",
                            "description",
                            "target_group",
                            "how_to_refer",
                            "phone",
                            "email",
                            "address",
                            "web",
                            "is_active",
                        )
                    },
                    "unit": instance.unit_id,
                },
            )
        super().__init__(*args, **kwargs)
        municipality_field = self.fields["municipality"]
        assert isinstance(municipality_field, forms.ChoiceField)
        if instance is not None or len(municipalities) <= 1:
            del self.fields["municipality"]
        else:
            municipality_field.choices = [("", "–"), *[(m.pk, m.name) for m in municipalities]]
            municipality_field.error_messages["required"] = MSG_CHOOSE_MUNICIPALITY
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ChoiceField)
        unit_field.choices = [("", _("Ingen enhet")), *[(u.pk, u.name) for u in units]]
        if instance is None:
            # A new service is active; deactivating is a step of its own.
            del self.fields["is_active"]
