"""Forms for measures (tiltak) and their evaluation."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.cases.choices import Arena, MeasureStatus, Outcome, Recurrence
from laget.cases.models import Meeting, Participant
from laget.lib.forms import DATE_INPUT, LongTextField, VersionedForm, needed_when, set_choices

CHILD_VIEW_HELP = _(
    "Hva barnet selv mener, med barnets egne ord. Når barnet er gammelt nok, kan det også "
    "skrive det selv på familiesiden."
)


class MeasureForm(VersionedForm):
    title = forms.CharField(
        label=_("Tiltak"), max_length=200, help_text=_("Hva skal gjøres, kort.")
    )
    goal = LongTextField(label=_("Mål"), rows=3, help_text=_("Hva skal bli bedre for barnet?"))
    arena = forms.ChoiceField(label=_("Arena"), choices=Arena.choices, widget=forms.RadioSelect)
    responsible = forms.TypedChoiceField(label=_("Ansvarlig"), coerce=int)
    start_date = forms.DateField(label=_("Startdato"), widget=DATE_INPUT)
    evaluation_date = forms.DateField(
        label=_("Evalueringsdato"),
        widget=DATE_INPUT,
        help_text=_("Når dere ser på om tiltaket virker."),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=MeasureStatus.choices, initial=MeasureStatus.PLANNED
    )
    recurrence = forms.ChoiceField(
        label=_("Gjentas tiltaket?"),
        choices=[("", _("Nei, det gjøres én gang eller i en periode")), *Recurrence.choices],
        required=False,
        help_text=_("For tiltak som er en del av hverdagen, som hver morgen på skolen eller SFO."),
    )
    meeting = forms.TypedChoiceField(
        label=_("Vedtatt i møte"), coerce=int, required=False, empty_value=None
    )
    child_view = LongTextField(
        label=_("Barnets syn"), required=False, rows=3, help_text=CHILD_VIEW_HELP
    )

    def __init__(
        self,
        *args: Any,
        responsible: Iterable[Participant],
        meetings: Iterable[Meeting],
        creating: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "responsible",
            [
                ("", _("Velg ansvarlig")),
                *[(p.pk, p.label) for p in responsible],
            ],
        )
        if creating:
            del self.fields["version"]
            set_choices(
                self,
                "meeting",
                [
                    ("", _("Ikke knyttet til et møte")),
                    *[(m.pk, str(m)) for m in meetings],
                ],
            )
        else:
            # The meeting a measure was decided in does not change afterwards.
            del self.fields["meeting"]


class EvaluationForm(VersionedForm):
    """One evaluation. The service holds the rules (not before the start, a next date after
    this one when the measure continues) and answers on the fields."""

    evaluated_on = forms.DateField(
        label=_("Evaluert dato"), widget=DATE_INPUT, help_text=_("Dagen dere evaluerte.")
    )
    outcome = forms.ChoiceField(
        label=_("Virket tiltaket?"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    text = LongTextField(
        label=_("Hva viste evalueringen"),
        rows=5,
        help_text=_("Hva som ble bedre, hva som ikke ble det, og hva barnet og familien sier."),
    )
    status = forms.ChoiceField(
        label=_("Tiltaket nå"),
        choices=[
            (MeasureStatus.COMPLETED, MeasureStatus.COMPLETED.label),
            (MeasureStatus.ACTIVE, _("Fortsetter")),
            (MeasureStatus.STOPPED, MeasureStatus.STOPPED.label),
        ],
        initial=MeasureStatus.COMPLETED,
        widget=forms.RadioSelect,
    )
    next_evaluation_on = forms.DateField(
        label=_("Neste evaluering"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Tiltaket følges opp til denne datoen, og merkes hvis den passeres."),
    )
    needed_when(next_evaluation_on, _("påkrevd når tiltaket fortsetter"))
