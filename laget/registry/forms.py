"""Forms for editing the registry: courses, participants, practitioners and activity years.

They only check the input; the services (laget/registry/services/) decide scope and save, and
their field errors come back onto the form (`add_service_errors`). The choices of municipality
and practitioner offered are those the user sees; the services check again.
"""

from typing import Any

from django import forms
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.lib.forms import DATE_INPUT, LagetForm, needed_when
from laget.orgs.models import Municipality
from laget.registry import access
from laget.registry.codes import CodeField, practitioner_codes
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
    needed_when(region, _("påkrevd uten kommune"))
    municipality = municipality_field()
    registration_deadline = forms.DateField(
        label=_("Påmeldingsfrist"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Rapporten viser fristen så lenge ingen er påmeldt."),
    )

    @staticmethod
    def initial_for(course: Course) -> dict[str, Any]:
        return {
            "registration_deadline": course.registration_deadline,
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
    needed_when(employer_name, _("påkrevd uten kommune"))
    region = model_field(
        Practitioner, "region", required=False, help_text=_("Kan stå tom når du velger kommune.")
    )
    needed_when(region, _("påkrevd uten kommune"))

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


# Most practitioners the participant picker offers at once; the search narrows the rest.
PICKER_MAX = 200


def participant_candidates(user: User, course: Course, query: str = "") -> QuerySet[Practitioner]:
    """The practitioners the user may add to the course, narrowed by `query`: every word must
    be in the name, the reference, the municipality or the employer."""
    candidates = access.practitioners_for(user).exclude(courses=course)
    for word in query.split()[:5]:
        candidates = candidates.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(ref__icontains=word)
            | Q(municipality__name__icontains=word)
            | Q(employer_name__icontains=word)
        )
    return candidates.select_related("municipality").order_by("last_name", "first_name", "ref")


class ParticipantAddForm(LagetForm):
    """Choose a participant by name, shown with reference and municipality. What is posted
    is read with codes.resolve: the reference (the options' value) or a unique name. The
    options are a page of those the search finds (`more`: there are more)."""

    practitioner = CodeField(
        label=_("Velg utøver"),
        label_of=lambda e: e.aliases[0],
        help_text=_("Navn – referanse – kommune eller arbeidsgiver."),
    )

    def __init__(
        self, *args: Any, user: User, course: Course, query: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["practitioner"]
        assert isinstance(field, CodeField)
        # Posted: any candidate may be named; shown: those the search finds, a page of them.
        candidates = participant_candidates(user, course, "" if self.is_bound else query)
        shown = list(candidates if self.is_bound else candidates[: PICKER_MAX + 1])
        self.more = not self.is_bound and len(shown) > PICKER_MAX
        field.set_book(
            practitioner_codes(shown[:PICKER_MAX] if self.more else shown),
            empty=str(_("Velg utøver")),
        )


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
    needed_when(reason_left, _("påkrevd når utøveren ikke er aktiv"))
    families = forms.IntegerField(label=_("Familier"), min_value=0, max_value=32767, initial=0)
    supervision_hours = forms.IntegerField(
        label=_("Veiledning (timer)"), min_value=0, max_value=32767, initial=0
    )


class FallingShortForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=YEAR_MIN, max_value=YEAR_MAX)
