"""Forms for bringing units and people into a case and for handing over the baton."""

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.cases.choices import LegalBasis, ParticipantRole
from laget.cases.forms.common import LagetForm, LongTextField, set_choices
from laget.cases.models import Participant
from laget.orgs.models import Unit

BASIS_HELP = _(
    "Samtykke: skriv hvor samtykket finnes (for eksempel «Samtykke signert 3. mars»). "
    "Lovhjemmel: skriv paragrafen."
)

PeopleByUnit = Sequence[tuple[Unit, Sequence[User]]]


def people_choices(groups: PeopleByUnit) -> list[tuple[Any, Any]]:
    choices: list[tuple[Any, Any]] = [("", _("Hele enheten"))]
    for unit, people in groups:
        if people:
            choices.append((unit.name, [(u.pk, u.display_name) for u in people]))
    return choices


class ParticipantAddForm(LagetForm):
    unit = forms.TypedChoiceField(label=_("Enhet"), coerce=int)
    user = forms.TypedChoiceField(
        label=_("Person"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Velg en person i enheten, eller la hele enheten delta."),
    )
    role = forms.ChoiceField(
        label=_("Rolle i saken"),
        choices=ParticipantRole.choices,
        initial=ParticipantRole.PARTICIPANT,
        widget=forms.RadioSelect,
    )
    legal_basis = forms.ChoiceField(
        label=_("Rettsgrunnlag"), choices=LegalBasis.choices, widget=forms.RadioSelect
    )
    basis_ref = forms.CharField(label=_("Henvisning"), max_length=200, help_text=BASIS_HELP)

    def __init__(
        self,
        *args: Any,
        units: Iterable[Unit],
        people: PeopleByUnit,
        people_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "unit", [("", _("Velg enhet")), *[(u.pk, u.name) for u in units]])
        set_choices(self, "user", people_choices(people))
        if people_url:
            # With htmx the person list narrows to the chosen unit; without it, all are grouped.
            self.fields["unit"].widget.attrs.update(
                {"hx-get": people_url, "hx-target": "#id_user", "hx-trigger": "change"}
            )


class BatonForm(LagetForm):
    to_participant = forms.TypedChoiceField(label=_("Ny stafettholder"), coerce=int)
    note = LongTextField(
        label=_("Notat til overleveringen"),
        required=False,
        rows=3,
        help_text=_("Hva den nye stafettholderen bør vite."),
    )

    def __init__(self, *args: Any, candidates: Iterable[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "to_participant",
            [
                ("", _("Velg person")),
                *[(p.pk, p.label) for p in candidates],
            ],
        )
