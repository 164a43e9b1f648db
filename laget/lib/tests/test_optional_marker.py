"""Every form field tells the truth about whether it must be filled in.

One convention, one place: laget/_field.html writes "(valgfritt)" after the label of a field
that is not required, or the field's `condition` ("påkrevd når …", lib.forms.needed_when) when a
rule needs it in some cases. No label or help text says "valgfritt" by hand, and a field that
a form or service requires in some cases is not shown as optional. The tests walk every form
class in the project."""

import ast
import importlib
import inspect
import pkgutil
import re
import textwrap
from collections.abc import Iterator

import pytest
from django import forms
from django.template.loader import render_to_string

import laget

# The load profile's locust script is run by locust (gevent), never imported by the app.
SKIP = (".tests", ".migrations", ".demo", ".testing", "conftest", "locustfile")

# Optional fields that a rule needs in some cases, and where that rule lives. Each must say
# when (its `condition`) instead of "valgfritt".
CONDITIONAL = [
    ("laget.cases.forms.lifecycle.CaseOpenForm", "label"),  # form: a label or a person
    ("laget.cases.forms.meetings.MeetingForm", "place"),  # service: place or video link
    ("laget.cases.forms.meetings.MeetingForm", "video_url"),
    ("laget.cases.forms.meetings.TransitionForm", "place"),
    ("laget.cases.forms.meetings.TransitionForm", "video_url"),
    ("laget.cases.forms.measures.EvaluationForm", "next_evaluation_on"),  # when it goes on
    ("laget.cases.forms.participants.ParticipantAddForm", "consent"),  # by the legal basis
    ("laget.cases.forms.participants.ParticipantAddForm", "statute"),
    ("laget.orgs.forms.StaffForm", "unit"),  # for roles in a unit
    ("laget.plans.forms.DecisionForm", "statute_other"),  # «Annen lovhjemmel»
    ("laget.registry.forms.PractitionerForm", "employer_name"),  # municipality or employer
    ("laget.registry.forms.PractitionerForm", "region"),  # without a municipality
    ("laget.registry.forms.CourseForm", "region"),
    ("laget.registry.forms.ActivityForm", "reason_left"),  # when not active
    ("laget.family.forms.RestrictionForm", "note"),  # «annen grunn»
    ("laget.implementation.forms.MilestoneForm", "done_on"),  # when reached
    ("laget.transfer.forms.ProposeForm", "to_unit"),  # a unit or another installation
    ("laget.transfer.forms.ProposeForm", "to_installation"),
]

# A form's own clean() that adds one of these to a field is requiring it.
REQUIRING = re.compile(r"REQUIRED|_OR_|NEEDS|MISSING")


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(laget.__path__, "laget."):
        if not any(part in module.name for part in SKIP):
            importlib.import_module(module.name)
    found = {c for c in _subclasses(forms.BaseForm) if c.__module__.startswith("laget.")}
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


FORMS = _project_forms()
FIELDS = [
    (f"{cls.__module__}.{cls.__qualname__}", name, field)
    for cls in FORMS
    for name, field in cls.base_fields.items()  # type: ignore[attr-defined]
]


def _render(name: str, field: forms.Field) -> str:
    form = forms.Form()
    form.fields = {name: field}
    return render_to_string("laget/_field.html", {"field": form[name]})


def test_the_walk_finds_the_forms() -> None:
    names = {f"{c.__module__}.{c.__qualname__}" for c in FORMS}
    assert {form for form, _ in CONDITIONAL} <= names
    assert len(FIELDS) > 200


@pytest.mark.parametrize(("form", "name", "field"), FIELDS, ids=[f"{f}.{n}" for f, n, _ in FIELDS])
def test_no_label_or_help_says_optional_by_hand(form: str, name: str, field: forms.Field) -> None:
    text = f"{field.label or ''} {field.help_text or ''}".lower()
    assert "valgfri" not in text, f"{form}.{name}: the field template marks optional fields"


@pytest.mark.django_db
def test_every_field_is_marked_by_whether_it_is_required() -> None:
    wrong = []
    for form, name, field in FIELDS:
        if field.widget.is_hidden or isinstance(field.widget, forms.CheckboxInput):
            continue  # a tick box is its own answer; nothing to mark
        html = _render(name, field)
        condition = getattr(field, "condition", None)
        if field.required:
            ok = "(valgfritt)" not in html
        elif condition:
            ok = f"({condition})" in html and "(valgfritt)" not in html
        else:
            ok = "(valgfritt)" in html
        if not ok:
            wrong.append(f"{form}.{name}")
    assert wrong == []


@pytest.mark.parametrize(("form", "name"), CONDITIONAL, ids=[f"{f}.{n}" for f, n in CONDITIONAL])
def test_a_field_needed_in_some_cases_says_when(form: str, name: str) -> None:
    cls = next(c for c in FORMS if f"{c.__module__}.{c.__qualname__}" == form)
    field = cls.base_fields[name]  # type: ignore[attr-defined]
    assert not field.required
    assert str(getattr(field, "condition", "")).startswith("påkrevd")


def _fields_required_in_clean(cls: type) -> Iterator[str]:
    """Fields the class's own methods add a «must be filled in» error to."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "add_error"
            and len(node.args) == 2
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[1], ast.Name)
            and REQUIRING.search(node.args[1].id)
        ):
            yield str(node.args[0].value)


def test_a_field_a_form_requires_in_some_cases_is_not_marked_optional() -> None:
    wrong = []
    for cls in FORMS:
        for name in _fields_required_in_clean(cls):
            field = cls.base_fields.get(name)  # type: ignore[attr-defined]
            if field is not None and not field.required and not getattr(field, "condition", ""):
                wrong.append(f"{cls.__module__}.{cls.__qualname__}.{name}")
    assert wrong == []
