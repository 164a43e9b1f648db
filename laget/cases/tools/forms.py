"""A tool's fill form, built from the schema of the version being filled in a case; and the
form that records the report of concern a tool result called for."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laget.cases.forms.lifecycle import ReportForm
from laget.cases.models import Participant
from laget.lib.forms import DATE_INPUT, LagetForm
from laget.orgs.models import Unit
from laget.tools.schema import (
    CHECKLIST,
    CONSENT_SIGNATURE,
    DATE,
    MULTIPLE_CHOICE,
    PERSON_OR_UNIT,
    SCALE,
    SINGLE_CHOICE,
    TEXT,
)

MSG_REQUIRED_HINT = gettext_lazy("må fylles ut")
NAME = "__name"
DATE_PART = "__date"
TEXT_PART = "__text"


def scale_choices(field: Mapping[str, Any]) -> list[tuple[str, str]]:
    scale = field["scale"]
    labels = scale.get("labels", {})
    rows = []
    for step in range(scale["min"], scale["max"] + 1):
        label = labels.get(str(step))
        rows.append((str(step), f"{step} – {label}" if label else str(step)))
    return rows


class ToolFillForm(LagetForm):
    """One form field per schema field (two or three for a reference or a signature); the
    service checks the answers again against the schema, keyed by field key."""

    def __init__(
        self,
        *args: Any,
        schema: Mapping[str, Any],
        participants: Sequence[Participant],
        units: Sequence[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.schema = schema
        for field in schema["fields"]:
            self._add(field, participants, units)

    def _add(
        self, field: Mapping[str, Any], participants: Sequence[Participant], units: Sequence[Unit]
    ) -> None:
        key, kind, label = field["key"], field["type"], field["label"]
        required = bool(field.get("required"))
        common: dict[str, Any] = {"label": label, "help_text": field.get("help", "")}
        options = [(o["value"], o["label"]) for o in field.get("options", [])]
        made: forms.Field
        if kind == TEXT:
            widget = forms.Textarea(attrs={"rows": 4}) if field.get("multiline") else None
            made = forms.CharField(required=required, widget=widget, **common)
        elif kind == SINGLE_CHOICE:
            made = forms.ChoiceField(
                choices=options, required=required, widget=forms.RadioSelect, **common
            )
        elif kind in (MULTIPLE_CHOICE, CHECKLIST):
            made = forms.MultipleChoiceField(
                choices=options,
                required=required,
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        elif kind == SCALE:
            made = forms.ChoiceField(
                choices=scale_choices(field),
                required=required,
                widget=forms.RadioSelect,
                **common,
            )
        elif kind == DATE:
            made = forms.DateField(required=required, widget=DATE_INPUT, **common)
        elif kind == PERSON_OR_UNIT:
            choices: list[tuple[str, Any]] = [("", _("Velg …"))]
            if participants:
                choices.append(
                    (_("Deltakere i saken"), [(f"p:{p.pk}", p.label) for p in participants])
                )
            if units:
                choices.append((_("Enheter i kommunen"), [(f"u:{u.pk}", u.name) for u in units]))
            made = forms.ChoiceField(choices=choices, required=False, **common)
            self.fields[key + TEXT_PART] = forms.CharField(
                required=False,
                label=_("%(label)s – eller skriv hvem") % {"label": label},
            )
        elif kind == CONSENT_SIGNATURE:
            self.fields[key + NAME] = forms.CharField(
                required=False, label=_("%(label)s: navn") % {"label": label}
            )
            self.fields[key + DATE_PART] = forms.DateField(
                required=False,
                label=_("%(label)s: dato") % {"label": label},
                widget=DATE_INPUT,
                initial=datetime.date.today,
            )
            made = forms.BooleanField(
                required=False,
                label=field.get("statement") or _("Jeg bekrefter samtykket"),
                help_text=field.get("help", ""),
            )
        else:  # pragma: no cover - the schema was validated
            raise AssertionError(kind)
        if kind in (PERSON_OR_UNIT, CONSENT_SIGNATURE) and required:
            setattr(made, "condition", MSG_REQUIRED_HINT)  # noqa: B010  (read by _field.html)
        self.fields[key] = made
        if kind == PERSON_OR_UNIT:  # the select first, then the free text
            self.fields[key + TEXT_PART] = self.fields.pop(key + TEXT_PART)
        if kind == CONSENT_SIGNATURE:
            self.fields[key] = self.fields.pop(key)

    def answers(self) -> dict[str, Any]:
        """The cleaned form as the service's answers (the service validates them)."""
        data = self.cleaned_data
        answers: dict[str, Any] = {}
        for field in self.schema["fields"]:
            key, kind = field["key"], field["type"]
            value = data.get(key)
            if kind == SCALE:
                answers[key] = int(value) if value else None
            elif kind == DATE:
                answers[key] = value.isoformat() if value else None
            elif kind == PERSON_OR_UNIT:
                text = (data.get(key + TEXT_PART) or "").strip()
                if value:
                    prefix, pk = value.split(":", 1)
                    name = "participant_id" if prefix == "p" else "unit_id"
                    answers[key] = {name: int(pk)}
                elif text:
                    answers[key] = {"text": text}
            elif kind == CONSENT_SIGNATURE:
                name = (data.get(key + NAME) or "").strip()
                date = data.get(key + DATE_PART)
                if name or value:
                    answers[key] = {
                        "name": name,
                        "date": date.isoformat() if date else "",
                        "confirmed": bool(value),
                    }
            else:
                answers[key] = value
        return {k: v for k, v in answers.items() if v not in (None, "", [])}


class ToolReportForm(ReportForm):
    """Recording the report of concern a tool result called for: the case's report form, and
    whether the police were told too when the result said so."""

    police_notified = forms.BooleanField(
        label=gettext_lazy("Politiet er også varslet"), required=False
    )

    def __init__(self, *args: Any, police: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not police:
            del self.fields["police_notified"]
