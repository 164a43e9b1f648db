"""Forms for the survey builder and for answering. They only validate; services write."""

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.lib.forms import DATE_INPUT, LagetForm
from laget.orgs.models import Unit
from laget.surveys.models import Question, QuestionKind, Round, RoundKind, RoundSource
from laget.surveys.services import MSG_ANSWER_MISSING


class QuestionnaireForm(LagetForm):
    name = forms.CharField(label=_("Navn på skjemaet"), max_length=150)


class QuestionForm(LagetForm):
    text = forms.CharField(label=_("Spørsmål"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Type"), choices=QuestionKind.choices, widget=forms.RadioSelect
    )
    options = forms.CharField(
        label=_("Svaralternativer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Ett alternativ per linje, i den rekkefølgen de skal vises. På en skala går "
            "linjene fra lavest til høyest. Ja eller nei får alternativene av seg selv."
        ),
    )
    slug = forms.SlugField(
        label=_("Nøkkel"),
        max_length=40,
        required=False,
        help_text=_("For å sammenligne spørsmålet mellom skjemaer, f.eks. «bruk»."),
    )

    is_use_frequency = forms.BooleanField(
        label=_("Dette spørsmålet måler hvor ofte veilederen brukes"),
        required=False,
        help_text=_(
            "Svarene vises da i diagrammet over bruk per tjeneste på oversikten. Bare ett "
            "spørsmål per skjema, med ett valg eller en skala, fra sjeldnest til oftest."
        ),
    )

    def option_labels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines()]

    @classmethod
    def initial_for(cls, question: Question) -> dict[str, Any]:
        return {
            "text": question.text,
            "kind": question.kind,
            "slug": question.slug,
            "is_use_frequency": question.is_use_frequency,
            "options": "\n".join(o.label for o in question.options.all()),
        }


def _invited_field(unit: Unit) -> str:
    return f"invited_{unit.pk}"


class RoundForm(LagetForm):
    name = forms.CharField(label=_("Navn på runden"), max_length=150)
    kind = forms.ChoiceField(label=_("Type runde"), choices=RoundKind.choices)
    opens_on = forms.DateField(label=_("Åpner"), widget=DATE_INPUT)
    closes_on = forms.DateField(label=_("Stenger"), widget=DATE_INPUT)
    previous = forms.ModelChoiceField(
        label=_("Sammenlign med runde"),
        queryset=Round.objects.none(),
        required=False,
        help_text=_("En tidligere runde, for å se endringen."),
    )

    def __init__(
        self, *args: Any, units: Iterable[Unit], rounds: Iterable[Round], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        previous = self.fields["previous"]
        assert isinstance(previous, forms.ModelChoiceField)
        previous.queryset = rounds  # type: ignore[assignment]
        self.units = list(units)
        for unit in self.units:
            self.fields[_invited_field(unit)] = forms.IntegerField(
                label=f"{unit.name} ({unit.get_kind_display()})",
                min_value=0,
                max_value=100_000,
                required=False,
                help_text=_("Antall ansatte som får lenken. Tomt eller 0: ikke med."),
            )

    def unit_fields(self) -> list[forms.BoundField]:
        return [self[_invited_field(unit)] for unit in self.units]

    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("name", "kind", "opens_on", "closes_on", "previous")]

    def invited(self) -> dict[Unit, int]:
        return {u: self.cleaned_data.get(_invited_field(u)) or 0 for u in self.units}

    @staticmethod
    def defaults(today: datetime.date | None = None) -> dict[str, Any]:
        today = today or timezone.localdate()
        return {"opens_on": today, "closes_on": today + datetime.timedelta(days=21)}


class PastRoundForm(RoundForm):
    """A round that took place before Laget: its real dates and its answers or counts."""

    source = forms.ChoiceField(
        label=_("Hva filen inneholder"),
        choices=[
            (RoundSource.ANSWERS, _("Ett svar per rad (en rad per person)")),
            (RoundSource.COUNTS, _("Antall per tjeneste, spørsmål og svaralternativ")),
        ],
        widget=forms.RadioSelect,
        initial=RoundSource.ANSWERS,
    )
    file = forms.FileField(
        label=_("Fil med svarene (CSV eller XLSX)"),
        help_text=_(
            "Første rad er overskrifter. Ett svar per rad: kolonnen «Enhet» og én kolonne per "
            "spørsmål (nøkkelen eller teksten), med svaralternativet i cellene. Antall: "
            "kolonnene «Tjeneste», «Spørsmål», «Svar» og «Antall»."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opens_on"].help_text = _("Datoen runden åpnet.")
        self.fields["closes_on"].help_text = _("Datoen runden stengte, før i dag.")

    def other_fields(self) -> list[forms.BoundField]:
        return [*super().other_fields(), self["source"], self["file"]]


def answer_field(question: Question) -> str:
    return f"q{question.pk}"


class AnswerForm(LagetForm):
    """One radio group per question; the value is the option's id."""

    def __init__(self, *args: Any, questions: Iterable[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            self.fields[answer_field(q)] = forms.TypedChoiceField(
                label=q.text,
                choices=[(o.pk, o.label) for o in q.options.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": MSG_ANSWER_MISSING},
            )

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[answer_field(q)] for q in self.questions}
