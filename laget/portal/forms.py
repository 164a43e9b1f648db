"""The family's forms: a comment or a glimmer, and an answer to a meeting invitation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.cases.choices import EntryKind, Response
from laget.lib.forms import LagetForm, LongTextField

FAMILY_KINDS = [
    (EntryKind.COMMENT.value, _("Kommentar")),
    (EntryKind.GLIMMER.value, _("Lysglimt – et godt øyeblikk")),
]


class FamilyEntryForm(LagetForm):
    kind = forms.ChoiceField(
        label=_("Hva vil du skrive?"), choices=FAMILY_KINDS, widget=forms.RadioSelect
    )
    text = LongTextField(
        label=_("Tekst"),
        rows=6,
        help_text=_("Alle som deltar i saken, kan lese det du skriver."),
    )


class MeetingAnswerForm(forms.Form):
    response = forms.ChoiceField(
        choices=[
            (Response.ACCEPTED.value, Response.ACCEPTED.label),
            (Response.DECLINED.value, Response.DECLINED.label),
        ]
    )
