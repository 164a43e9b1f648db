"""The format of a tool: a form, with optional scoring, written as data (JSON).

A tool version's `schema` is one JSON object::

    {
      "fields": [ <field>, ... ],          # at least one
      "scoring": <scoring>,                # optional
      "bands": [ <band>, ... ]             # with scoring: at least one
    }

Every field has ``key`` (letters, digits, ``_``; unique in the tool), ``type``, ``label``, and
optionally ``help`` (a hint shown under the label) and ``required`` (default false). By type:

``text``              free text; ``"multiline": true`` for a text area. Answer: a string.
``single_choice``     ``options``: ``[{"value", "label", "points"?}, ...]``. Answer: one value.
``multiple_choice``   ``options`` as above. Answer: a list of values.
``checklist``         ``options`` as above, shown as points to tick off. Answer: a list of values.
``scale``             a graded scale: ``"scale": {"min": 0, "max": 4, "labels": {"0": "Ikke
                      i det hele tatt", "4": "Svært mye"}}``; whole numbers from min to max,
                      labels optional per step (keys are the numbers as strings).
                      Answer: a whole number.
``date``              Answer: ``"YYYY-MM-DD"``.
``person_or_unit``    who: one of ``{"participant_id": n}`` (a participant of the case),
                      ``{"unit_id": n}`` (a unit of the municipality) or ``{"text": "..."}``.
``consent_signature`` ``"statement"``: the text that is confirmed. Answer:
                      ``{"name": "...", "date": "YYYY-MM-DD", "confirmed": true}``.

Option values are unique within a field; ``points`` are numbers (default 0).

``scoring`` says how the tool's score is computed from the answers::

    {"method": "sum", "fields": ["a", "b"]}   # points of the chosen options / scale values, added
    {"method": "max", "fields": ["a", "b"]}   # the highest of them: "the highest band reached"

The fields named must be choice, checklist or scale fields. An unanswered field counts 0.
``bands`` are ordered by ``from`` (strictly rising numbers)::

    {"from": 0, "label": "Vær oppmerksom", "interpretation": "What this means, and what to do"}

A score v falls in the last band whose ``from`` ≤ v: ``from`` is inclusive, and a band ends
where the next one starts (exclusive). A score below the first ``from`` has no band.

A band whose result obliges the professional to notify says so explicitly, with who must be
told (one or both, no repeats)::

    {"from": 8, "label": "...", "requires_report": ["child_welfare", "police"]}

A tool filled with such a result is an alarm in the case (laget/cases/tools/alarms.py): it
stands out in the log and leads to the report of concern until one is recorded.

`validate_schema` checks all of this and names the path of every problem, e.g.
``fields[2].options mangler``; `clean_answers` checks answers against a schema and returns them
normalised, with errors keyed by field key.
"""

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TEXT = "text"
SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
CHECKLIST = "checklist"
SCALE = "scale"
DATE = "date"
PERSON_OR_UNIT = "person_or_unit"
CONSENT_SIGNATURE = "consent_signature"

FIELD_TYPES = (
    TEXT,
    SINGLE_CHOICE,
    MULTIPLE_CHOICE,
    CHECKLIST,
    SCALE,
    DATE,
    PERSON_OR_UNIT,
    CONSENT_SIGNATURE,
)
OPTION_TYPES = (SINGLE_CHOICE, MULTIPLE_CHOICE, CHECKLIST)
SCORED_TYPES = (*OPTION_TYPES, SCALE)
METHODS = ("sum", "max")
# Who a band's `requires_report` may name: the municipality's child welfare service, the police.
CHILD_WELFARE = "child_welfare"
POLICE = "police"
REPORT_TO = (CHILD_WELFARE, POLICE)
MAX_TEXT = 20000

KEY_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,49}$")

MSG_REQUIRED = gettext_lazy("Dette feltet må fylles ut.")
MSG_NOT_A_CHOICE = gettext_lazy("Velg et av alternativene.")
MSG_NOT_IN_SCALE = gettext_lazy("Velg et tall fra %(min)s til %(max)s.")
MSG_NOT_A_DATE = gettext_lazy("Skriv en dato (åååå-mm-dd).")
MSG_NOT_TEXT = gettext_lazy("Skriv tekst.")
MSG_TEXT_TOO_LONG = gettext_lazy("Teksten er for lang: høyst %(max)s tegn.")
MSG_UNKNOWN_PARTICIPANT = gettext_lazy("Velg en deltaker i saken.")
MSG_UNKNOWN_UNIT = gettext_lazy("Velg en enhet i kommunen.")
MSG_PERSON_OR_UNIT = gettext_lazy("Velg en deltaker eller en enhet, eller skriv hvem.")
MSG_SIGNATURE = gettext_lazy("Skriv navn og dato, og bekreft.")
MSG_UNKNOWN_FIELD = gettext_lazy("Verktøyet har ikke feltet «%(key)s».")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(item: Mapping[str, Any], name: str, path: str, errors: list[str], *, need: bool) -> None:
    value = item.get(name)
    if value is None:
        if need:
            errors.append(_("%(path)s.%(name)s mangler") % {"path": path, "name": name})
    elif not isinstance(value, str) or (need and not value.strip()):
        errors.append(_("%(path)s.%(name)s må være tekst") % {"path": path, "name": name})


def _check_options(field: Mapping[str, Any], path: str, errors: list[str]) -> None:
    options = field.get("options")
    if options is None:
        errors.append(_("%(path)s.options mangler") % {"path": path})
        return
    if not isinstance(options, list) or not options:
        errors.append(_("%(path)s.options må være en liste med minst ett valg") % {"path": path})
        return
    seen: set[str] = set()
    for j, option in enumerate(options):
        opath = f"{path}.options[{j}]"
        if not isinstance(option, dict):
            errors.append(_("%(path)s må være et objekt") % {"path": opath})
            continue
        _text(option, "value", opath, errors, need=True)
        _text(option, "label", opath, errors, need=True)
        value = option.get("value")
        if isinstance(value, str):
            if value in seen:
                errors.append(_("%(path)s.value finnes allerede") % {"path": opath})
            seen.add(value)
        if "points" in option and not _is_number(option["points"]):
            errors.append(_("%(path)s.points må være et tall") % {"path": opath})


def _check_scale(field: Mapping[str, Any], path: str, errors: list[str]) -> None:
    scale = field.get("scale")
    if scale is None:
        errors.append(_("%(path)s.scale mangler") % {"path": path})
        return
    if not isinstance(scale, dict):
        errors.append(_("%(path)s.scale må være et objekt") % {"path": path})
        return
    low, high = scale.get("min"), scale.get("max")
    for name, value in (("min", low), ("max", high)):
        if not _is_int(value):
            errors.append(
                _("%(path)s.scale.%(name)s må være et heltall") % {"path": path, "name": name}
            )
    if _is_int(low) and _is_int(high) and not low < high:  # type: ignore[operator]
        errors.append(_("%(path)s.scale.max må være større enn min") % {"path": path})
    labels = scale.get("labels", {})
    if not isinstance(labels, dict):
        errors.append(_("%(path)s.scale.labels må være et objekt") % {"path": path})
        return
    for key, label in labels.items():
        lpath = f"{path}.scale.labels.{key}"
        if not re.fullmatch(r"-?\d+", str(key)) or (
            _is_int(low) and _is_int(high) and not low <= int(key) <= high  # type: ignore[operator]
        ):
            errors.append(_("%(path)s er ikke et trinn på skalaen") % {"path": lpath})
        if not isinstance(label, str):
            errors.append(_("%(path)s må være tekst") % {"path": lpath})


def _check_fields(fields: object, errors: list[str]) -> dict[str, str]:
    """The fields' keys and types, appending the problems found."""
    types: dict[str, str] = {}
    if fields is None:
        errors.append(_("fields mangler"))
        return types
    if not isinstance(fields, list) or not fields:
        errors.append(_("fields må være en liste med minst ett felt"))
        return types
    for i, field in enumerate(fields):
        path = f"fields[{i}]"
        if not isinstance(field, dict):
            errors.append(_("%(path)s må være et objekt") % {"path": path})
            continue
        key = field.get("key")
        if key is None:
            errors.append(_("%(path)s.key mangler") % {"path": path})
        elif not isinstance(key, str) or not KEY_RE.match(key):
            errors.append(
                _("%(path)s.key må begynne med en bokstav og ha bare bokstaver, tall og _")
                % {"path": path}
            )
        elif key in types:
            errors.append(_("%(path)s.key «%(key)s» finnes allerede") % {"path": path, "key": key})
        kind = field.get("type")
        if kind is None:
            errors.append(_("%(path)s.type mangler") % {"path": path})
        elif kind not in FIELD_TYPES:
            errors.append(
                _("%(path)s.type må være en av: %(types)s")
                % {"path": path, "types": ", ".join(FIELD_TYPES)}
            )
        _text(field, "label", path, errors, need=True)
        _text(field, "help", path, errors, need=False)
        if "required" in field and not isinstance(field["required"], bool):
            errors.append(_("%(path)s.required må være true eller false") % {"path": path})
        if kind in OPTION_TYPES:
            _check_options(field, path, errors)
        elif kind == SCALE:
            _check_scale(field, path, errors)
        elif kind == CONSENT_SIGNATURE:
            _text(field, "statement", path, errors, need=False)
        if isinstance(key, str) and isinstance(kind, str):
            types.setdefault(key, kind)
    return types


def _check_scoring(schema: Mapping[str, Any], types: Mapping[str, str], errors: list[str]) -> None:
    scoring = schema.get("scoring")
    bands = schema.get("bands")
    if scoring is None:
        if bands is not None:
            errors.append(_("bands uten scoring: scoring mangler"))
        return
    if not isinstance(scoring, dict):
        errors.append(_("scoring må være et objekt"))
        return
    method = scoring.get("method")
    if method is None:
        errors.append(_("scoring.method mangler"))
    elif method not in METHODS:
        errors.append(_("scoring.method må være en av: %(m)s") % {"m": ", ".join(METHODS)})
    names = scoring.get("fields")
    if names is None:
        errors.append(_("scoring.fields mangler"))
    elif not isinstance(names, list) or not names:
        errors.append(_("scoring.fields må være en liste med minst ett felt"))
    else:
        for j, name in enumerate(names):
            if name not in types:
                errors.append(
                    _("scoring.fields[%(j)s]: feltet «%(name)s» finnes ikke")
                    % {"j": j, "name": name}
                )
            elif types[name] not in SCORED_TYPES:
                errors.append(
                    _("scoring.fields[%(j)s]: feltet «%(name)s» kan ikke gi poeng")
                    % {"j": j, "name": name}
                )
    if bands is None:
        errors.append(_("bands mangler"))
        return
    if not isinstance(bands, list) or not bands:
        errors.append(_("bands må være en liste med minst ett nivå"))
        return
    previous: float | None = None
    for k, band in enumerate(bands):
        path = f"bands[{k}]"
        if not isinstance(band, dict):
            errors.append(_("%(path)s må være et objekt") % {"path": path})
            continue
        start = band.get("from")
        if start is None:
            errors.append(_("%(path)s.from mangler") % {"path": path})
        elif not _is_number(start):
            errors.append(_("%(path)s.from må være et tall") % {"path": path})
        else:
            if previous is not None and not start > previous:
                errors.append(
                    _("%(path)s.from må være større enn forrige nivås from") % {"path": path}
                )
            previous = start
        _text(band, "label", path, errors, need=True)
        _text(band, "interpretation", path, errors, need=False)
        _check_report(band, path, errors)


BAND_KEYS = frozenset({"from", "label", "interpretation", "requires_report"})


def _check_report(band: Mapping[str, Any], path: str, errors: list[str]) -> None:
    # A misspelt key would silently drop the alarm: every key of a band must be known.
    errors.extend(
        _("%(path)s.%(name)s er ikke en kjent nøkkel") % {"path": path, "name": name}
        for name in sorted(set(band) - BAND_KEYS)
    )
    if "requires_report" not in band:
        return
    report_to = band["requires_report"]
    if (
        not isinstance(report_to, list)
        or not report_to
        or any(who not in REPORT_TO for who in report_to)
        or len(set(report_to)) != len(report_to)
    ):
        errors.append(
            _("%(path)s.requires_report må være en liste uten gjentakelser med: %(who)s")
            % {"path": path, "who": ", ".join(REPORT_TO)}
        )


def schema_errors(schema: object) -> list[str]:
    """Every problem of a schema, each naming its path; empty when the schema is valid."""
    errors: list[str] = []
    if not isinstance(schema, dict):
        return [_("Skjemaet må være et JSON-objekt")]
    unknown = sorted(set(schema) - {"fields", "scoring", "bands"})
    errors.extend(_("%(name)s er ikke en kjent nøkkel") % {"name": name} for name in unknown)
    types = _check_fields(schema.get("fields"), errors)
    _check_scoring(schema, types, errors)
    return errors


def validate_schema(schema: object) -> None:
    """Raise ValidationError({"schema": [...]}) listing every problem of the schema."""
    errors = schema_errors(schema)
    if errors:
        raise ValidationError({"schema": errors}, code="invalid_schema")


# Answers ----------------------------------------------------------------------------------


def _is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _option_values(field: Mapping[str, Any]) -> list[str]:
    return [o["value"] for o in field["options"]]


def _clean_date(value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError(MSG_NOT_A_DATE, code="invalid")
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValidationError(MSG_NOT_A_DATE, code="invalid") from None


def _clean_text(value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError(MSG_NOT_TEXT, code="invalid")
    if len(value) > MAX_TEXT:
        raise ValidationError(MSG_TEXT_TOO_LONG, code="max_length", params={"max": MAX_TEXT})
    return value.strip()


def _clean_one(
    field: Mapping[str, Any],
    value: object,
    known_participant: Callable[[int], bool],
    known_unit: Callable[[int], bool],
) -> object:
    kind = field["type"]
    if kind == TEXT:
        return _clean_text(value)
    if kind == SINGLE_CHOICE:
        if value not in _option_values(field):
            raise ValidationError(MSG_NOT_A_CHOICE, code="invalid_choice")
        return value
    if kind in (MULTIPLE_CHOICE, CHECKLIST):
        values = _option_values(field)
        if not isinstance(value, list) or any(v not in values for v in value):
            raise ValidationError(MSG_NOT_A_CHOICE, code="invalid_choice")
        return [v for v in values if v in value]  # the form's order, no duplicates
    if kind == SCALE:
        scale = field["scale"]
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            value = int(value)
        if not _is_int(value) or not scale["min"] <= value <= scale["max"]:
            raise ValidationError(
                MSG_NOT_IN_SCALE, code="invalid", params={"min": scale["min"], "max": scale["max"]}
            )
        return value
    if kind == DATE:
        return _clean_date(value)
    if kind == PERSON_OR_UNIT:
        if not isinstance(value, dict) or len(value) != 1:
            raise ValidationError(MSG_PERSON_OR_UNIT, code="invalid")
        ((name, inner),) = value.items()
        if name == "participant_id":
            if not _is_int(inner) or not known_participant(inner):
                raise ValidationError(MSG_UNKNOWN_PARTICIPANT, code="unknown")
        elif name == "unit_id":
            if not _is_int(inner) or not known_unit(inner):
                raise ValidationError(MSG_UNKNOWN_UNIT, code="unknown")
        elif name == "text":
            inner = _clean_text(inner)
            if not inner:
                raise ValidationError(MSG_PERSON_OR_UNIT, code="invalid")
        else:
            raise ValidationError(MSG_PERSON_OR_UNIT, code="invalid")
        return {name: inner}
    if kind == CONSENT_SIGNATURE:
        if (
            not isinstance(value, dict)
            or set(value) != {"name", "date", "confirmed"}
            or value["confirmed"] is not True
            or not isinstance(value["name"], str)
            or not value["name"].strip()
        ):
            raise ValidationError(MSG_SIGNATURE, code="invalid")
        return {
            "name": _clean_text(value["name"]),
            "date": _clean_date(value["date"]),
            "confirmed": True,
        }
    raise AssertionError(kind)  # the schema was validated


def clean_answers(
    schema: Mapping[str, Any],
    answers: object,
    *,
    known_participant: Callable[[int], bool] = lambda _pk: False,
    known_unit: Callable[[int], bool] = lambda _pk: False,
) -> dict[str, Any]:
    """The answers checked against a valid schema and normalised; unanswered optional fields
    are left out. Raises ValidationError keyed by field key."""
    if not isinstance(answers, dict):
        raise ValidationError({"answers": _("Svarene må være et JSON-objekt.")}, code="invalid")
    fields = {f["key"]: f for f in schema["fields"]}
    errors: dict[str, list[ValidationError]] = {}
    for key in answers:
        if key not in fields:
            errors[str(key)] = [ValidationError(MSG_UNKNOWN_FIELD, params={"key": key})]
    cleaned: dict[str, Any] = {}
    for key, field in fields.items():
        value = answers.get(key)
        if isinstance(value, str) and field["type"] != TEXT:
            value = value.strip()
        if _is_empty(value) or (
            field["type"] == TEXT and isinstance(value, str) and not value.strip()
        ):
            if field.get("required"):
                errors[key] = [ValidationError(MSG_REQUIRED, code="required")]
            continue
        try:
            cleaned[key] = _clean_one(field, value, known_participant, known_unit)
        except ValidationError as exc:
            errors[key] = [exc]
    if errors:
        raise ValidationError(errors)
    return cleaned
