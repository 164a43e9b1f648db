"""Forms for bringing units and people into a case and for handing over the baton."""

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.cases.choices import LegalBasis, ParticipantRole
from laget.cases.forms.legal_basis import (
    ConsentField,
    StatuteField,
    check_legal_basis,
    set_consent_choices,
    set_statute_choices,
)
from laget.cases.models import Participant
from laget.cases.statutes import Statute
from laget.consent.models import Consent
from laget.lib.forms import LagetForm, LongTextField, set_choices
from laget.orgs.models import Unit

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
    consent = ConsentField()
    statute = StatuteField()

    def __init__(
        self,
        *args: Any,
        units: Iterable[Unit],
        people: PeopleByUnit,
        consents: Iterable[Consent],
        statutes: Iterable[Statute],
        people_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "unit", [("", _("Velg enhet")), *[(u.pk, u.name) for u in units]])
        set_choices(self, "user", people_choices(people))
        set_consent_choices(self, consents)
        set_statute_choices(self, statutes)
        if people_url:
            # With htmx the person list narrows to the chosen unit; without it, all are grouped.
            self.fields["unit"].widget.attrs.update(
                {"hx-get": people_url, "hx-target": "#id_user", "hx-trigger": "change"}
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_legal_basis(self, data)
        return data


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
