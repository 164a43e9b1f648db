"""Shared pieces for Laget's forms: long text, dates, versions, service errors, conflicts.
A low layer: every app's forms build on it, and it knows no app."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from laget.lib.concurrency import MSG_CONFLICT

MSG_TEXT_TOO_LONG = _("Teksten er for lang: høyst %(max)s tegn, du har skrevet %(length)s.")
FieldT = TypeVar("FieldT", bound=forms.Field)
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


def needed_when(field: FieldT, when: Any) -> FieldT:
    """An optional field that a rule needs in some cases (a label or a person, a place or a
    video link). The label says when, in place of "valgfritt": laget/_field.html shows
    `condition` instead of the optional marker. The form's clean or the service checks it."""
    field.condition = when  # type: ignore[attr-defined]
    return field


class LongTextField(forms.CharField):
    """Free text bounded by settings.LAGET_MAX_TEXT, read when the form is checked."""

    def __init__(self, *, rows: int = 4, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        limit = settings.LAGET_MAX_TEXT
        if value and len(value) > limit:
            raise ValidationError(
                MSG_TEXT_TOO_LONG, code="max_length", params={"max": limit, "length": len(value)}
            )


class LagetForm(forms.Form):
    """Base form: maps the services' ValidationErrors onto fields and shows conflicts."""

    # Service error keys that are called something else in this form.
    service_fields: Mapping[str, str] = {}

    def add_service_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for key, errors in exc.error_dict.items():
            field = self.service_fields.get(key, key)
            messages = [m for e in errors for m in e.messages]
            if field != NON_FIELD_ERRORS and field in self.fields:
                self.add_error(field, messages)
            else:
                self.add_error(None, messages)

    def show_conflict(self, current: models.Model) -> None:
        """Take the version now saved, so that the next save is an informed one."""
        data = self.data.copy()  # type: ignore[attr-defined]
        data[self.add_prefix("version")] = str(getattr(current, "version", ""))
        self.data = data
        self.add_error(None, MSG_CONFLICT)


class VersionedForm(LagetForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _display(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def saved_values(
    form: forms.Form, obj: models.Model, extra: Iterable[tuple[str, str]] = ()
) -> list[tuple[str, str]]:
    """What the other person saved, field by field, as (label, value) for the conflict panel."""
    rows: list[tuple[str, str]] = []
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.HiddenInput) or not hasattr(obj, name):
            continue
        getter = getattr(obj, f"get_{name}_display", None)
        value = getter() if callable(getter) else getattr(obj, name)
        rows.append((str(field.label or name), _display(value)))
    rows.extend(extra)
    return rows


def set_choices(form: forms.Form, name: str, choices: Sequence[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices
