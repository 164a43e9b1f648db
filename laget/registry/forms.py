"""Forms for editing the registry: courses, participants, practitioners and activity years.

Every choice of municipality or practitioner is limited to the user's scope, and a saved row
must stay inside it (a municipality of theirs, or for a regional coordinator their region).
"""

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.registry import access
from laget.registry.models import Course, Practitioner, QualificationType

YEAR_MIN = 1990
YEAR_MAX = 2100


class ScopedForm(forms.ModelForm[Any]):
    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = access.municipalities_for(user).order_by("name")
        field.required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        municipality: Municipality | None = data.get("municipality")
        region = (data.get("region") or "").strip()
        if municipality is not None and not region and municipality.region:
            region = municipality.region
            data["region"] = region
        if not region:
            self.add_error("region", _("Skriv regionen."))
        elif "municipality" not in self.errors:
            self._check_scope(municipality, region)
        return data

    def _check_scope(self, municipality: Municipality | None, region: str) -> None:
        scope = access.registry_scope(self.user)
        if scope.everything:
            return
        if municipality is not None and municipality.pk in scope.municipality_ids:
            return
        if scope.covers_region(region):
            return
        if not scope.regions:
            self.add_error("municipality", _("Velg en kommune i ditt område."))
        else:
            self.add_error("region", _("Regionen ligger utenfor ditt område."))


class CourseForm(ScopedForm):
    year = forms.IntegerField(label=_("År"), min_value=YEAR_MIN, max_value=YEAR_MAX)

    class Meta:
        model = Course
        fields = ["qualification_type", "year", "term", "status", "region", "municipality"]
        labels = {"term": _("Semester"), "status": _("Status")}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["region"].required = False
        qt = self.fields["qualification_type"]
        assert isinstance(qt, forms.ModelChoiceField)
        qt.queryset = QualificationType.objects.select_related("program").order_by(
            "program__name", "order", "name"
        )
        qt.label = _("Kvalifikasjon kurset gir")


class PractitionerForm(ScopedForm):
    class Meta:
        model = Practitioner
        fields = [
            "ref",
            "first_name",
            "last_name",
            "email",
            "municipality",
            "employer_name",
            "region",
        ]
        help_texts = {
            "employer_name": _("Fyll ut når arbeidsgiveren ikke er en kommune."),
            "region": _("Kan stå tom når du velger kommune."),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["region"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("municipality") is None and not (data.get("employer_name") or "").strip():
            self.add_error("employer_name", _("Velg kommune eller skriv arbeidsgiveren."))
        return data


class ParticipantAddForm(forms.Form):
    practitioner = forms.ModelChoiceField(
        label=_("Legg til deltaker"), queryset=Practitioner.objects.none()
    )

    def __init__(self, *args: Any, user: User, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["practitioner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = access.practitioners_for(user).exclude(courses=course)


class ActivityForm(forms.Form):
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

    def add_service_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for key, errors in exc.error_dict.items():
            messages = [m for e in errors for m in e.messages]
            self.add_error(
                key if key != NON_FIELD_ERRORS and key in self.fields else None, messages
            )


class FallingShortForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=YEAR_MIN, max_value=YEAR_MAX)
