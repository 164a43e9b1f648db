"""Forms for meetings and for transitions between units (which come with a handover meeting)."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.cases.choices import LegalBasis, MeetingKind, MeetingStatus
from laget.cases.forms.legal_basis import (
    ConsentField,
    StatuteField,
    check_legal_basis,
    set_consent_choices,
    set_statute_choices,
)
from laget.cases.forms.measures import CHILD_VIEW_HELP
from laget.cases.models import Participant
from laget.cases.statutes import Statute
from laget.consent.models import Consent
from laget.lib.forms import (
    DATE_INPUT,
    DATETIME_FORMATS,
    DATETIME_INPUT,
    LagetForm,
    LongTextField,
    VersionedForm,
    needed_when,
    set_choices,
)
from laget.orgs.models import Unit
from laget.people.models import Guardian

VIDEO_HELP = _("Oppgi sted, videolenke eller begge.")
PLACE_CONDITION = _("påkrevd uten videolenke")
VIDEO_CONDITION = _("påkrevd uten sted")


class MeetingForm(VersionedForm):
    kind = forms.ChoiceField(
        label=_("Type møte"), choices=MeetingKind.choices, initial=MeetingKind.COORDINATION
    )
    starts_at = forms.DateTimeField(
        label=_("Tidspunkt"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )
    place = needed_when(
        forms.CharField(label=_("Sted"), max_length=200, required=False, help_text=VIDEO_HELP),
        PLACE_CONDITION,
    )
    video_url = needed_when(
        forms.URLField(label=_("Videolenke"), required=False, assume_scheme="https"),
        VIDEO_CONDITION,
    )
    agenda = LongTextField(label=_("Saksliste"), required=False, rows=4)
    child_view = LongTextField(
        label=_("Barnets syn"), required=False, rows=3, help_text=CHILD_VIEW_HELP
    )
    participants = forms.TypedMultipleChoiceField(
        label=_("Deltakere som inviteres"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guardians = forms.TypedMultipleChoiceField(
        label=_("Foresatte som inviteres"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=MeetingStatus.choices, initial=MeetingStatus.PLANNED
    )
    minutes = LongTextField(
        label=_("Referat"),
        required=False,
        rows=8,
        help_text=_("Hva som ble sagt og bestemt. Nye tiltak legger du inn som tiltak."),
    )
    next_starts_at = forms.DateTimeField(
        label=_("Neste møte"),
        required=False,
        widget=DATETIME_INPUT,
        input_formats=DATETIME_FORMATS,
        help_text=_(
            "Har dere avtalt et nytt møte? Fyll inn tidspunktet, så settes det opp med samme "
            "sted og de samme deltakerne."
        ),
    )

    def __init__(
        self,
        *args: Any,
        participants: Iterable[Participant],
        guardians: Iterable[Guardian],
        creating: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "participants", [(p.pk, p.label) for p in participants])
        guardian_list = list(guardians)
        if guardian_list:
            set_choices(
                self,
                "guardians",
                [
                    (g.pk, f"{g.name} ({g.relation})" if g.relation else g.name)
                    for g in guardian_list
                ],
            )
        else:
            del self.fields["guardians"]
        if creating:
            for name in ("version", "status", "minutes", "next_starts_at"):
                del self.fields[name]


class TransitionForm(LagetForm):
    to_unit = forms.TypedChoiceField(label=_("Til enhet"), coerce=int)
    date = forms.DateField(label=_("Dato for overgangen"), widget=DATE_INPUT)
    meeting_at = forms.DateTimeField(
        label=_("Overgangsmøte"),
        widget=DATETIME_INPUT,
        input_formats=DATETIME_FORMATS,
        help_text=_("Alle deltakerne og de foresatte blir invitert."),
    )
    place = needed_when(
        forms.CharField(label=_("Sted"), max_length=200, required=False, help_text=VIDEO_HELP),
        PLACE_CONDITION,
    )
    video_url = needed_when(
        forms.URLField(label=_("Videolenke"), required=False, assume_scheme="https"),
        VIDEO_CONDITION,
    )
    legal_basis = forms.ChoiceField(
        label=_("Rettsgrunnlag for den nye enheten"),
        choices=LegalBasis.choices,
        widget=forms.RadioSelect,
    )
    consent = ConsentField()
    statute = StatuteField()
    note = LongTextField(label=_("Notat"), required=False, rows=3)

    service_fields = {"unit": "to_unit"}

    def __init__(
        self,
        *args: Any,
        units: Iterable[Unit],
        consents: Iterable[Consent],
        statutes: Iterable[Statute],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "to_unit", [("", _("Velg enhet")), *[(u.pk, u.name) for u in units]])
        set_consent_choices(self, consents)
        set_statute_choices(self, statutes)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_legal_basis(self, data)
        return data
