"""Forms for implementation plans: they only validate; the services write."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from laget.implementation.models import MilestoneStatus, PhaseDefinition, PhaseModel, Plan
from laget.lib.forms import DATE_INPUT, LagetForm, LongTextField, needed_when
from laget.orgs.models import Municipality, Unit
from laget.registry.models import Program


def _program_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Program i registeret"),
        queryset=Program.objects.all(),
        required=False,
        help_text=_("Tomt for program som ikke er i registeret, som BTI."),
    )


class PlanEditForm(LagetForm):
    name = forms.CharField(label=_("Navn"), max_length=200)
    program = _program_field()
    steering_group = LongTextField(
        label=_("Styringsgruppe"),
        rows=4,
        required=False,
        help_text=_("Én person per linje, med rolle."),
    )
    shares_progress = forms.BooleanField(
        label=_("Del fremdriften anonymt med andre kommuner"), required=False
    )


class PlanCreateForm(PlanEditForm):
    phase_model = forms.ModelChoiceField(label=_("Fasemodell"), queryset=PhaseModel.objects.none())
    started_on = forms.DateField(label=_("Startet"), widget=DATE_INPUT)
    field_order = ["name", "program", "phase_model", "started_on"]

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["phase_model"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = PhaseModel.objects.filter(
            Q(municipality=None) | Q(municipality=municipality)
        )


class PhaseModelForm(LagetForm):
    name = forms.CharField(label=_("Navn"), max_length=100)
    phases = LongTextField(
        label=_("Faser"), rows=5, help_text=_("Én fase per linje, i rekkefølge.")
    )


class PlanForm(LagetForm):
    """A form whose phase and unit choices come from the plan."""

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        phase = self.fields.get("phase")
        if isinstance(phase, forms.ModelChoiceField):
            phase.queryset = PhaseDefinition.objects.filter(model_id=plan.phase_model_id)
        unit = self.fields.get("unit")
        if isinstance(unit, forms.ModelChoiceField):
            unit.queryset = Unit.objects.filter(
                municipality_id=plan.municipality_id, is_active=True
            )


def _phase() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=_("Fase"), queryset=PhaseDefinition.objects.none())


def _unit() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=_("Enhet"), queryset=Unit.objects.none())


def _date(label: StrOrPromise, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_INPUT, required=required)


class PhaseAdvanceForm(PlanForm):
    phase = _phase()
    entered_on = _date(_("Gikk inn i fasen"))

    def __init__(self, *args: Any, plan: Plan, later: list[PhaseDefinition], **kwargs: Any):
        super().__init__(*args, plan=plan, **kwargs)
        field = self.fields["phase"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = PhaseDefinition.objects.filter(pk__in=[p.pk for p in later])


class MilestoneForm(PlanForm):
    title = forms.CharField(label=_("Milepæl"), max_length=200)
    phase = _phase()
    owner = forms.CharField(
        label=_("Ansvarlig"), max_length=200, help_text=_("En rolle eller et navn.")
    )
    due_on = _date(_("Frist"))
    status = forms.ChoiceField(label=_("Status"), choices=MilestoneStatus.choices)
    done_on = _date(_("Nådd dato"), required=False)
    needed_when(done_on, _("påkrevd når milepælen er nådd"))


class ActivityForm(PlanForm):
    title = forms.CharField(label=_("Aktivitet"), max_length=200)
    unit = _unit()
    phase = _phase()
    due_on = _date(_("Frist"), required=False)
    done_on = _date(_("Ferdig dato"), required=False)


class AgentForm(PlanForm):
    name = forms.CharField(label=_("Navn"), max_length=200)
    unit = _unit()
    since = _date(_("Ambassadør fra"))
    active = forms.BooleanField(label=_("Aktiv"), required=False, initial=True)


class MeetingForm(PlanForm):
    held_on = _date(_("Dato"))
    notes = LongTextField(label=_("Referat"), rows=6, required=False)


class DecisionForm(PlanForm):
    text = LongTextField(label=_("Vedtak"), rows=3)
    responsible = forms.CharField(label=_("Ansvarlig"), max_length=200, required=False)
    due_on = _date(_("Frist"), required=False)


class SicForm(PlanForm):
    completed_on = _date(_("Fullført"), required=False)
