"""Forms for units and staff. They validate input; orgs.services does the writing."""

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from laget.lib.forms import needed_when
from laget.orgs.models import UNIT_ROLES, Municipality, Role, Unit, UnitKind

MSG_UNIT_REQUIRED = _("Velg enheten personen skal jobbe i.")
MSG_NO_UNIT_FOR_ROLE = _("Kommunale roller hører ikke til en enhet. La enhet stå tom.")


def set_choices(form: forms.Form, name: str, choices: Sequence[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class OrgForm(forms.Form):
    def add_service_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for key, errors in exc.error_dict.items():
            messages = [m for e in errors for m in e.messages]
            if key != NON_FIELD_ERRORS and key in self.fields:
                self.add_error(key, messages)
            else:
                self.add_error(None, messages)


def _municipality_field(form: forms.Form, municipalities: Sequence[Municipality]) -> None:
    if len(municipalities) > 1:
        set_choices(form, "municipality", [(m.pk, m.name) for m in municipalities])
    else:
        del form.fields["municipality"]


class UnitForm(OrgForm):
    municipality = forms.TypedChoiceField(label=_("Kommune"), coerce=int)
    name = forms.CharField(label=_("Navn"), max_length=120)
    kind = forms.ChoiceField(label=_("Type"), choices=UnitKind.choices)

    def __init__(self, *args: Any, municipalities: Sequence[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _municipality_field(self, municipalities)


class StaffForm(OrgForm):
    municipality = forms.TypedChoiceField(label=_("Kommune"), coerce=int)
    role = forms.ChoiceField(label=_("Rolle"), widget=forms.RadioSelect)
    unit = forms.TypedChoiceField(label=_("Enhet"), coerce=int, required=False, empty_value=None)
    needed_when(unit, _("påkrevd for roller i en enhet"))
    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Etternavn"), max_length=150)
    username = forms.CharField(
        label=_("Brukernavn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    title = forms.CharField(label=_("Stilling"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    password = forms.CharField(
        label=_("Første passord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minst 8 tegn. Gi det til personen på en trygg måte."),
    )

    def __init__(
        self,
        *args: Any,
        municipalities: Sequence[Municipality],
        units: Iterable[Unit],
        roles: Iterable[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _municipality_field(self, municipalities)
        role_list = list(roles)
        set_choices(self, "role", [(r, Role(r).label) for r in role_list])
        if len(role_list) == 1:
            self.fields["role"].initial = role_list[0]
        unit_list = list(units)
        set_choices(self, "unit", [("", _("Ingen enhet")), *[(u.pk, u.name) for u in unit_list]])
        if not any(r not in UNIT_ROLES for r in role_list):
            # Only unit roles can be given: a unit is required.
            self.fields["unit"].required = True
            set_choices(self, "unit", [(u.pk, u.name) for u in unit_list])

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        role, unit = data.get("role"), data.get("unit")
        if role in UNIT_ROLES and unit is None and "unit" not in self.errors:
            self.add_error("unit", MSG_UNIT_REQUIRED)
        if role and role not in UNIT_ROLES and unit is not None:
            self.add_error("unit", MSG_NO_UNIT_FOR_ROLE)
        password = data.get("password")
        if password:
            try:
                validate_password(password)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class MunicipalityForm(OrgForm):
    level0_deadline_days = forms.IntegerField(
        label=_("Frist for å avgjøre en undring (dager)"),
        min_value=1,
        max_value=90,
        help_text=_(
            "En undring på nivå 0 skal avgjøres innen fristen: avsluttes, løftes til nivå 1–3 "
            "eller meldes til barnevernet. Gjelder undringer som opprettes fra nå av."
        ),
    )
    require_second_factor = forms.BooleanField(
        label=_("Krev tofaktorinnlogging"),
        required=False,
        help_text=_(
            "Ansatte som logger inn med brukernavn og passord, må i tillegg skrive inn en kode "
            "fra en autentiseringsapp. De som ikke har satt opp en app, må gjøre det neste gang "
            "de bruker Laget. Innlogging gjennom kommunens identitetsleverandør er ikke berørt."
        ),
    )
