"""Forms for the individual plan: they validate what was typed; the services decide."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.cases.models import Participant
from laget.lib.forms import DATE_INPUT, LagetForm, LongTextField, needed_when, set_choices
from laget.plans.choices import PlanStatute


class DecisionForm(LagetForm):
    decided_on = forms.DateField(label=_("Vedtaksdato"), widget=DATE_INPUT)
    decided_by = forms.CharField(
        label=_("Vedtatt av"),
        max_length=200,
        help_text=_("Navn og rolle, eller instansen, slik det står i vedtaket."),
    )
    statute = forms.ChoiceField(
        label=_("Lovhjemmel"), choices=PlanStatute.choices, widget=forms.RadioSelect
    )
    statute_other = forms.CharField(
        label=_("Annen lovhenvisning"),
        max_length=200,
        required=False,
        help_text=_("Bare når du har valgt «Annen lovhjemmel»."),
    )
    needed_when(statute_other, _("påkrevd ved «Annen lovhjemmel»"))
    grounds = LongTextField(label=_("Begrunnelse"), rows=4)
    correction_reason = LongTextField(
        label=_("Hvorfor rettes vedtaket?"),
        rows=2,
        required=False,
        help_text=_("Det forrige vedtaket blir stående i historikken med denne begrunnelsen."),
    )

    def __init__(self, *args: Any, correcting: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not correcting:
            del self.fields["correction_reason"]


class WithdrawForm(LagetForm):
    reason = LongTextField(label=_("Hvorfor trekkes vedtaket tilbake?"), rows=3)


def _person_choices(candidates: Iterable[Participant]) -> list[tuple[Any, Any]]:
    return [("", _("Velg person")), *[(p.pk, p.label) for p in candidates]]


class CoordinatorForm(LagetForm):
    participant = forms.TypedChoiceField(label=_("Koordinator"), coerce=int)
    from_date = forms.DateField(label=_("Koordinator fra"), widget=DATE_INPUT)

    def __init__(self, *args: Any, candidates: Iterable[Participant], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("from_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        set_choices(self, "participant", _person_choices(candidates))


class HandoverForm(CoordinatorForm):
    note = LongTextField(
        label=_("Merknad til koordinatoren"),
        rows=3,
        required=False,
        help_text=_("Følger med i overleveringen. Skriv ikke mer enn planen trenger."),
    )
