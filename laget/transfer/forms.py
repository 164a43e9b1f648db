"""Forms for proposing, accepting and declining a transfer. They only validate: the services
decide (laget/transfer/services.py)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.lib.forms import DATE_INPUT, LagetForm, LongTextField, needed_when, set_choices
from laget.orgs.models import Unit
from laget.people.models import Guardian

MSG_OR_INSTALLATION = _("eller en annen installasjon nedenfor")
MSG_EVERY_PARTY = _("alle som må samtykke")


class ProposeForm(LagetForm):
    to_unit = forms.TypedChoiceField(
        label=_("Enheten som skal ta imot saken"), coerce=int, required=False, empty_value=None
    )
    needed_when(to_unit, _("påkrevd hvis ikke kommunen under er valgt"))
    to_installation = forms.ChoiceField(
        label=_("Eller: en kommune som bruker en annen installasjon av Laget"),
        required=False,
        help_text=_("Saken sendes da som en signert fil som kommunens administrator overfører."),
    )
    needed_when(to_installation, _("påkrevd hvis ikke enheten over er valgt"))
    description = forms.CharField(
        label=_("Kort, nøytral beskrivelse"),
        max_length=300,
        help_text=_(
            "Dette er alt mottakerne leser før de svarer. Ingen navn, for eksempel "
            "«Gutt, 7 år, familien flytter i august»."
        ),
    )
    consent_guardians = forms.TypedMultipleChoiceField(
        label=_("Hvem i familien har samtykket til flyttingen"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_child = forms.BooleanField(label=_("Barnet har samtykket"), required=False)
    consent_date = forms.DateField(
        label=_("Dato for samtykket"), widget=DATE_INPUT, initial=timezone.localdate
    )

    def __init__(
        self,
        *args: object,
        units: list[Unit],
        guardians: list[Guardian],
        peers: list[str],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        set_choices(
            self,
            "to_unit",
            [("", "—"), *((u.pk, f"{u.municipality.name}: {u.name}") for u in units)],
        )
        set_choices(self, "consent_guardians", [(g.pk, g.name) for g in guardians])
        if peers:
            set_choices(self, "to_installation", [("", "—"), *((p, p) for p in peers)])
            needed_when(self.fields["to_unit"], MSG_OR_INSTALLATION)
        else:
            del self.fields["to_installation"]
            self.fields["to_unit"].required = True
        needed_when(self.fields["consent_guardians"], MSG_EVERY_PARTY)


class AcceptForm(LagetForm):
    new_holder = forms.TypedChoiceField(label=_("Ny stafettholder"), coerce=int)

    def __init__(self, *args: object, members: list[User], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        set_choices(self, "new_holder", [("", "—"), *((u.pk, u.display_name) for u in members)])


class DeclineForm(LagetForm):
    reason = LongTextField(
        label=_("Hvorfor tar dere ikke imot saken?"),
        help_text=_("Stafettholderen i den andre kommunen leser dette. Ingen navn."),
    )
