"""Forms for opening, identifying, moving, reporting and closing a case, and for guardians."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.cases.choices import Level
from laget.cases.models import Participant
from laget.lib.forms import DATE_INPUT, LagetForm, LongTextField, needed_when, set_choices
from laget.orgs.models import Unit
from laget.people.models import FamilyRole, ProtectedAddress, SubjectKind
from laget.people.national_id import validate_national_id

MSG_LABEL_OR_PERSON = _("Skriv en merkelapp, eller fornavn og etternavn på personen.")
MSG_BOTH_NAMES = _("Skriv både fornavn og etternavn.")

LABEL_HELP = _(
    "Uten navn eller fødselsnummer, for eksempel «Gutt, 4 år, avdeling Blåbær». "
    "Saken kan knyttes til en person senere."
)
NATIONAL_ID_HELP = _("11 siffer.")


class PersonFields(LagetForm):
    """The person a case is about; all optional here, the subclass decides what is required."""

    kind = forms.ChoiceField(
        label=_("Hvem gjelder saken"),
        choices=SubjectKind.choices,
        initial=SubjectKind.CHILD,
        widget=forms.RadioSelect,
    )
    given_name = forms.CharField(label=_("Fornavn"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Etternavn"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Fødselsdato"), required=False, widget=DATE_INPUT)
    due_date = forms.DateField(
        label=_("Termindato"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Bare for gravide."),
    )
    national_id = forms.CharField(
        label=_("Fødselsnummer eller D-nummer"),
        max_length=20,
        required=False,
        validators=[validate_national_id],
        help_text=NATIONAL_ID_HELP,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_national_id(self) -> str:
        return "".join(self.cleaned_data.get("national_id", "").split())

    def has_person(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("given_name") or data.get("family_name"))

    def person_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "birth_date": data.get("birth_date"),
            "due_date": data.get("due_date"),
            "national_id": data.get("national_id", ""),
        }

    def _check_names(self) -> None:
        data = self.cleaned_data
        if bool(data.get("given_name")) != bool(data.get("family_name")):
            missing = "family_name" if data.get("given_name") else "given_name"
            self.add_error(missing, MSG_BOTH_NAMES)


class CaseOpenForm(PersonFields):
    unit = forms.TypedChoiceField(label=_("Enhet"), coerce=int)
    label = needed_when(
        forms.CharField(label=_("Merkelapp"), max_length=80, required=False, help_text=LABEL_HELP),
        _("påkrevd når saken ikke knyttes til en person nå"),
    )
    level = forms.TypedChoiceField(
        label=_("Nivå"),
        coerce=int,
        choices=Level.choices,
        initial=Level.WONDERING,
        widget=forms.RadioSelect,
        help_text=_(
            "Nivå 0 er en undring som må avgjøres innen fristen. Du kan starte på nivå 1–3 "
            "når det trengs, for eksempel når foreldrene selv ber om samarbeid på nivå 3."
        ),
    )
    reason = LongTextField(
        label=_("Hva bekymrer deg"),
        required=False,
        rows=3,
        help_text=_("Kort begrunnelse for at saken opprettes."),
    )
    observation = LongTextField(
        label=_("Første observasjon"),
        required=False,
        rows=5,
        help_text=_(
            "Hva du så eller hørte, når og hvor. Blir en loggføring som bare fagpersonene kan lese."
        ),
    )

    field_order = ["unit", "label", "level", "reason", "observation"]

    def __init__(self, *args: Any, units: Iterable[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_list = list(units)
        set_choices(self, "unit", [(u.pk, u.name) for u in unit_list])
        if len(unit_list) == 1:
            self.fields["unit"].initial = unit_list[0].pk

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        self._check_names()
        if not data.get("label") and not self.has_person():
            self.add_error("label", MSG_LABEL_OR_PERSON)
        return data


class IdentifyForm(PersonFields):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_name"].required = True
        self.fields["family_name"].required = True

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        self._check_names()
        return data


class GuardianForm(LagetForm):
    name = forms.CharField(label=_("Navn"), max_length=200)
    relation = forms.CharField(
        label=_("Relasjon til barnet"),
        max_length=50,
        required=False,
        help_text=_("For eksempel mor, far, fosterfar."),
    )
    # The role says whether the member has parental responsibility (people.RESPONSIBLE_ROLES)
    # and what they may read and do (laget.family.access).
    role = forms.ChoiceField(
        label=_("Rolle i familien"),
        choices=FamilyRole.choices,
        initial=FamilyRole.GUARDIAN,
        required=False,
        widget=forms.RadioSelect,
    )
    protected_address = forms.ChoiceField(
        label=_("Adressesperre"),
        choices=ProtectedAddress.choices,
        required=False,
        help_text=_("Slik folkeregisteret har det."),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("E-post"), required=False)
    national_id = forms.CharField(
        label=_("Fødselsnummer eller D-nummer"),
        max_length=20,
        required=False,
        validators=[validate_national_id],
        help_text=NATIONAL_ID_HELP,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class LevelForm(LagetForm):
    to_level = forms.TypedChoiceField(
        label=_("Nytt nivå"), coerce=int, choices=Level.choices, widget=forms.RadioSelect
    )
    reason = LongTextField(label=_("Begrunnelse"), rows=4)
    stafettholder = forms.TypedChoiceField(
        label=_("Stafettholder"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Fra nivå 1 må én person ha stafetten. Velg blant deltakerne i saken."),
    )

    service_fields = {"level": "to_level"}

    def __init__(
        self, *args: Any, holder_candidates: Iterable[Participant] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if holder_candidates is None:
            # The case already has a stafettholder: the field would only confuse.
            del self.fields["stafettholder"]
        else:
            set_choices(
                self,
                "stafettholder",
                [
                    ("", _("Velg person")),
                    *[(p.pk, p.label) for p in holder_candidates],
                ],
            )


class ReportForm(LagetForm):
    child_welfare_unit = forms.TypedChoiceField(label=_("Barneverntjeneste"), coerce=int)
    reason = LongTextField(
        label=_("Hva meldingen gjelder"),
        rows=5,
        help_text=_("Kort om hva som er meldt og når. Selve meldingen sendes på vanlig måte."),
    )

    def __init__(self, *args: Any, units: Iterable[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_list = list(units)
        set_choices(self, "child_welfare_unit", [(u.pk, u.name) for u in unit_list])
        if len(unit_list) == 1:
            self.fields["child_welfare_unit"].initial = unit_list[0].pk


class CloseForm(LagetForm):
    reason = LongTextField(label=_("Begrunnelse for å avslutte"), rows=4)


class RegisterLookupForm(LagetForm):
    """The child's number for a lookup in the population register. The proposal's members are
    chosen with checkboxes beside it; the register is asked again on confirming, so the page's
    hidden copy of the number is the only thing taken from the post."""

    national_id = forms.CharField(
        label=_("Barnets fødselsnummer eller D-nummer"),
        max_length=20,
        validators=[validate_national_id],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_national_id(self) -> str:
        return "".join(self.cleaned_data.get("national_id", "").split())
