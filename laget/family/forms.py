"""Forms for the staff's decisions about a family: restrictions, care orders, members' roles and
protected addresses. They only check the input; the rules are in laget.family.services."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from laget.cases.models import Entry, Measure, Meeting
from laget.family.choices import Part, RestrictionReason
from laget.family.services import (
    MSG_CHOOSE_DECISION,
    MSG_CHOOSE_MEMBER,
    MSG_CHOOSE_PROTECTION,
    MSG_CHOOSE_REASON,
    MSG_CHOOSE_ROLE,
    MSG_NOT_IN_CASE,
    MSG_NOT_YOUR_CHILD_WELFARE,
    MSG_UNKNOWN_PART,
)
from laget.lib.forms import DATE_INPUT, LagetForm, LongTextField, needed_when, set_choices
from laget.lib.languages import FAMILY_LANGUAGE_CHOICES
from laget.orgs.models import Unit
from laget.people.interpreting import INTERPRETER_CHOICES
from laget.people.models import FamilyRole, Guardian, ProtectedAddress, Subject

# The form's value for "no protection" (the model's is the empty string, which a required
# choice would take for no answer).
NO_PROTECTION = "ingen"
CHILD = "barnet"
APPROVE = "approve"
REFUSE = "refuse"
# How much of an entry's text the list of entries shows.
SNIPPET = 60


def _parts_field(label: Any, help_text: Any = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=Part.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"invalid_choice": MSG_UNKNOWN_PART},
    )


def _objects_field(label: Any) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=label,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": MSG_NOT_IN_CASE},
    )


def _short_date(value: Any) -> str:
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def entry_label(entry: Entry) -> str:
    text = " ".join(entry.text.split())
    if len(text) > SNIPPET:
        text = text[:SNIPPET].rstrip() + "…"
    return f"{_short_date(entry.created_at)} – {entry.get_kind_display()}: {text}"


def meeting_label(meeting: Meeting) -> str:
    place = f", {meeting.place}" if meeting.place else ""
    return f"{_short_date(meeting.starts_at)} – {meeting.get_kind_display()}{place}"


def member_choices(guardians: Iterable[Guardian], subject: Subject | None) -> list[tuple[str, str]]:
    rows = [(str(g.pk), f"{g.name} ({g.get_role_display().lower()})") for g in guardians]
    if subject is not None:
        rows.append((CHILD, f"{subject.full_name} ({_('barnet')})"))
    return rows


class ProtectionField(forms.ChoiceField):
    """The population register's address protection; "none" is an answer too."""

    def __init__(self, **kwargs: Any) -> None:
        choices = [
            (NO_PROTECTION, _("Ingen adressesperre")),
            *[(v, label) for v, label in ProtectedAddress.choices if v],
        ]
        super().__init__(
            label=_("Adressesperre"),
            choices=choices,
            widget=forms.RadioSelect,
            help_text=_(
                "Slik folkeregisteret har det. Med adressesperre får ingen andre i familien se "
                "adressen eller navnet på barnehagen, skolen eller helsestasjonen."
            ),
            error_messages={
                "required": MSG_CHOOSE_PROTECTION,
                "invalid_choice": MSG_CHOOSE_PROTECTION,
            },
            **kwargs,
        )

    def clean(self, value: Any) -> str:
        chosen = super().clean(value)
        return "" if chosen == NO_PROTECTION else str(chosen)


def protection_initial(value: str) -> str:
    return value or NO_PROTECTION


class RestrictionForm(LagetForm):
    member = forms.ChoiceField(
        label=_("Hvem gjelder det"),
        widget=forms.RadioSelect,
        error_messages={"required": MSG_CHOOSE_MEMBER, "invalid_choice": MSG_CHOOSE_MEMBER},
    )
    whole_log = forms.BooleanField(
        label=_("Hele loggen"),
        required=False,
        help_text=_("Familiemedlemmet ser da ingenting av saken."),
    )
    parts = _parts_field(
        _("Deler av loggen"),
        _(
            "Det som er valgt, blir borte for familiemedlemmet overalt: sidene, e-post, "
            "invitasjoner, utskrifter og tilgangsloggen."
        ),
    )
    entries = _objects_field(_("Bestemte loggføringer"))
    measures = _objects_field(_("Bestemte tiltak"))
    meetings = _objects_field(_("Bestemte møter"))
    reason = forms.ChoiceField(
        label=_("Grunn"),
        choices=RestrictionReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": MSG_CHOOSE_REASON, "invalid_choice": MSG_CHOOSE_REASON},
    )
    note = LongTextField(
        label=_("Merknad"),
        required=False,
        rows=3,
        max_length=2000,
        help_text=_("Bare for dem som koordinerer saken. Familien ser den aldri."),
    )
    needed_when(note, _("påkrevd ved «annen grunn»"))

    service_fields = {"guardian": "member", "is_child": "member"}

    def __init__(
        self,
        *args: Any,
        guardians: Iterable[Guardian],
        subject: Subject | None,
        entries: Iterable[Entry],
        measures: Iterable[Measure],
        meetings: Iterable[Meeting],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "member", member_choices(guardians, subject))
        set_choices(self, "entries", [(e.pk, entry_label(e)) for e in entries])
        set_choices(self, "measures", [(m.pk, m.title) for m in measures])
        set_choices(self, "meetings", [(m.pk, meeting_label(m)) for m in meetings])
        for name in ("entries", "measures", "meetings"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            if not field.choices:
                del self.fields[name]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        child = data["member"] == CHILD
        return {
            "guardian_id": None if child else int(data["member"]),
            "child": child,
            "whole_log": data["whole_log"],
            "parts": data["parts"],
            "entry_ids": data.get("entries", []),
            "measure_ids": data.get("measures", []),
            "meeting_ids": data.get("meetings", []),
            "reason": data["reason"],
            "note": data["note"],
        }


class DecisionForm(LagetForm):
    decision = forms.ChoiceField(
        label=_("Avgjørelse"),
        choices=[(APPROVE, _("Godkjenn skjermingen")), (REFUSE, _("Ikke godkjenn"))],
        widget=forms.RadioSelect,
        error_messages={"required": MSG_CHOOSE_DECISION, "invalid_choice": MSG_CHOOSE_DECISION},
    )


class GrantsForm(LagetForm):
    parent_parts = _parts_field(
        _("Foreldrene kan lese"),
        _(
            "Det barnevernet gir de biologiske foreldrene innsyn i. Uten noe valgt ser de "
            "ingenting av saken."
        ),
    )
    foster_parts = _parts_field(
        _("Fosterforeldrene kan lese"),
        _("Uten noe valgt ser fosterforeldrene ingenting av saken."),
    )


class CareOrderForm(GrantsForm):
    unit = forms.TypedChoiceField(
        label=_("Barneverntjeneste"),
        coerce=int,
        error_messages={"invalid_choice": MSG_NOT_YOUR_CHILD_WELFARE},
    )
    starts_on = forms.DateField(label=_("Gjelder fra"), widget=DATE_INPUT)

    field_order = ["unit", "starts_on", "parent_parts", "foster_parts"]

    def __init__(self, *args: Any, units: Iterable[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_list = list(units)
        set_choices(self, "unit", [(u.pk, u.name) for u in unit_list])
        if len(unit_list) == 1:
            self.fields["unit"].initial = unit_list[0].pk


class CareOrderEndForm(LagetForm):
    ended_on = forms.DateField(
        label=_("Opphører fra"),
        widget=DATE_INPUT,
        help_text=_("Fra denne dagen har foreldrene omsorgen igjen."),
    )


class LanguageNeedsForm(LagetForm):
    language = forms.ChoiceField(
        label=_("Språk"),
        choices=[("", _("Ikke valgt (bokmål)")), *FAMILY_LANGUAGE_CHOICES],
        required=False,
        help_text=_(
            "E-poster, møteinnkallinger og kopien av loggen skrives på dette språket. Velger "
            "familiemedlemmet selv et språk i familiesiden, gjelder det."
        ),
    )
    interpreter = forms.ChoiceField(
        label=_("Tolk"),
        choices=INTERPRETER_CHOICES,
        required=False,
        help_text=_(
            "Et møte der familiemedlemmet er invitert, kan ikke merkes klart før tolk er bestilt."
        ),
    )


class MemberForm(LanguageNeedsForm):
    field_order = ["role", "protected_address", "language", "interpreter"]
    role = forms.ChoiceField(
        label=_("Rolle i familien"),
        choices=FamilyRole.choices,
        widget=forms.RadioSelect,
        help_text=_("Hva familiemedlemmet kan lese og gjøre i familiesiden, følger av rollen."),
        error_messages={"required": MSG_CHOOSE_ROLE, "invalid_choice": MSG_CHOOSE_ROLE},
    )
    protected_address = ProtectionField()


class ChildProtectionForm(LanguageNeedsForm):
    field_order = ["protected_address", "language", "interpreter"]
    protected_address = ProtectionField()
