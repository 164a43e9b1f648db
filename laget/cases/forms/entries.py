"""The form for log entries, glimmers (lysglimt) included."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.cases.choices import Audience, EntryKind
from laget.cases.models import Meeting
from laget.lib.forms import LongTextField, VersionedForm, set_choices

AUDIENCE_HELP = _(
    "«Alle deltakere» betyr alle i saken, også foreldrene når de får tilgang til loggen. "
    "«Bare fagpersonene» kan leses av de ansatte som deltar i saken, ikke av familien. "
    "Alle som leser, blir registrert i tilgangsloggen."
)


class EntryForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Type"), choices=EntryKind.choices, widget=forms.RadioSelect)
    text = LongTextField(label=_("Tekst"), rows=8)
    audience = forms.ChoiceField(
        label=_("Hvem kan lese"),
        choices=Audience.choices,
        initial=Audience.PROFESSIONALS,
        widget=forms.RadioSelect,
        help_text=AUDIENCE_HELP,
    )
    meeting = forms.TypedChoiceField(
        label=_("Fra møte"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self, *args: Any, meetings: Iterable[Meeting] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if meetings is None:
            # Editing: the version is required, the meeting link stays as it was.
            del self.fields["meeting"]
        else:
            del self.fields["version"]
            set_choices(
                self,
                "meeting",
                [
                    ("", _("Ikke knyttet til et møte")),
                    *[(m.pk, str(m)) for m in meetings],
                ],
            )
