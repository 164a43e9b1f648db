"""A filled tool as people read it: each question with its answer in words (page and PDF)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from laget.cases.models import Participant
from laget.orgs.models import Unit
from laget.tools.models import FilledTool
from laget.tools.schema import (
    CHECKLIST,
    CONSENT_SIGNATURE,
    DATE,
    MULTIPLE_CHOICE,
    PERSON_OR_UNIT,
    SCALE,
    SINGLE_CHOICE,
)


@dataclass(frozen=True)
class AnswerRow:
    label: str
    answer: str


def _date(value: str) -> str:
    try:
        return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    except (TypeError, ValueError):
        return str(value)


def _answer(field: dict[str, Any], value: Any, filled: FilledTool) -> str:
    if value is None:
        return "–"
    kind = field["type"]
    labels = {o["value"]: o["label"] for o in field.get("options", [])}
    if kind == SINGLE_CHOICE:
        return labels.get(value, str(value))
    if kind in (MULTIPLE_CHOICE, CHECKLIST):
        return ", ".join(labels.get(v, str(v)) for v in value) or "–"
    if kind == SCALE:
        label = field["scale"].get("labels", {}).get(str(value))
        return f"{value} – {label}" if label else str(value)
    if kind == DATE:
        return _date(value)
    if kind == PERSON_OR_UNIT:
        if "participant_id" in value:
            p = (
                Participant.objects.filter(pk=value["participant_id"], case_id=filled.case_id)
                .select_related("user", "unit")
                .first()
            )
            return p.label if p is not None else "–"
        if "unit_id" in value:
            unit = Unit.objects.filter(pk=value["unit_id"]).first()
            return unit.name if unit is not None else "–"
        return str(value.get("text", ""))
    if kind == CONSENT_SIGNATURE:
        return _("Bekreftet av %(name)s %(date)s") % {
            "name": value.get("name", ""),
            "date": _date(value.get("date", "")),
        }
    return str(value)


def answer_rows(filled: FilledTool) -> list[AnswerRow]:
    """Every field of the version the tool was filled with, with its answer."""
    schema = filled.tool_version.schema
    return [
        AnswerRow(label=f["label"], answer=_answer(f, filled.answers.get(f["key"]), filled))
        for f in schema["fields"]
    ]
