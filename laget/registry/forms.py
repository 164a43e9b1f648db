"""Forms for editing the registry: courses, participants, practitioners and activity years.

They only check the input; the services (laget/registry/services/) decide scope and save, and
their field errors come back onto the form (`add_service_errors`). The choices of municipality
and practitioner offered are those the user sees; the services check again.
"""

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.lib.forms import LagetForm
from laget.orgs.models import Municipality
from laget.registry import access
from laget.registry.models import YEAR_MAX, YEAR_MIN, Course, Practitioner, QualificationType


def model_field(model: type[models.Model], name: str, **kwargs: Any) -> Any:
    """The form field Django makes for the model field (label, length, choices, required)."""
    return model._meta.get_field(name).formfield(**kwargs)  # type: ignore[union-attr]


def municipality_field() -> forms.ModelChoiceField[Municipality]:
    return forms.ModelChoiceField(
        label=_("Kommune"), queryset=Municipality.objects.none(), required=False
    )


class PlacedForm(LagetForm):
    """A row placed in a municipality and/or a region: the municipalities offered are the
    user's."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = access.municipalities_for(user).order_by("name")


class CourseForm(PlacedForm):
    qualification_type = forms.ModelChoiceField(
        label=_("Kvalifikasjon kurset gir"),
        queryset=QualificationType.objects.select_related("program").order_by(
            "program__name", "order", "name"
        ),
    )
    year = forms.IntegerField(label=_("År"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    term = model_field(Course, "term", label=_("Semester"))
    status = model_field(Course, "status", label=_("Status"))
    region = model_field(Course, "region", required=False)
    municipality = municipality_field()

    @staticmethod
    def initial_for(course: Course) -> dict[str, Any]:
        return {
            "qualification_type": course.qualification_type_id,
            "year": course.year,
            "term": course.term,
            "status": course.status,
            "region": course.region,
            "municipality": course.municipality_id,
        }


class PractitionerForm(PlacedForm):
    ref = model_field(Practitioner, "ref")
    first_name = model_field(Practitioner, "first_name")
    last_name = model_field(Practitioner, "last_name")
    email = model_field(Practitioner, "email")
    municipality = municipality_field()
    employer_name = model_field(
        Practitioner,
        "employer_name",
        help_text=_("Fyll ut når arbeidsgiveren ikke er en kommune."),
    )
    region = model_field(
        Practitioner, "region", required=False, help_text=_("Kan stå tom når du velger kommune.")
    )

    @staticmethod
    def initial_for(practitioner: Practitioner) -> dict[str, Any]:
        return {
            "ref": practitioner.ref,
            "first_name": practitioner.first_name,
            "last_name": practitioner.last_name,
            "email": practitioner.email,
            "municipality": practitioner.municipality_id,
            "employer_name": practitioner.employer_name,
            "region": practitioner.region,
        }


class ParticipantAddForm(LagetForm):
    practitioner = forms.ModelChoiceField(
        label=_("Legg til deltaker"), queryset=Practitioner.objects.none()
    )

    def __init__(self, *args: Any, user: User, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["practitioner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = access.practitioners_for(user).exclude(courses=course)


class ActivityForm(LagetForm):
    year = forms.IntegerField(label=_("År"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    active = forms.TypedChoiceField(
        label=_("Status"),
        choices=[("1", _("Aktiv")), ("0", _("Ikke aktiv"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    reason_left = forms.CharField(
        label=_("Grunn til å slutte"),
        max_length=200,
        required=False,
        help_text=_("Må fylles ut når utøveren ikke er aktiv."),
    )
    families = forms.IntegerField(label=_("Familier"), min_value=0, max_value=32767, initial=0)
    supervision_hours = forms.IntegerField(
        label=_("Veiledning (timer)"), min_value=0, max_value=32767, initial=0
    )


class FallingShortForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=YEAR_MIN, max_value=YEAR_MAX)
