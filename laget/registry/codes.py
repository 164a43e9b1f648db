"""The values the registry's imports and forms take, found by code or by the name people use.

A `CodeBook` holds the valid values of one column (qualifications, interventions, count kinds,
active or not, municipalities, practitioners): each with its code ("pmto-terapeut", "0301",
"R-17"), its name ("Sertifisert PMTO-terapeut", "Oslo") and any other spellings. `resolve` is
the one function that reads a cell or a form value against a book: case does not matter, nor
does space around or inside it; a code wins over a name; a name two values share is refused
with their codes, so nothing is guessed. The import page lists the same books.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.orgs.models import Municipality
from laget.registry.models import (
    CountKind,
    Intervention,
    Practitioner,
    Program,
    QualificationType,
)

T = TypeVar("T")

MSG_EMPTY = _("Feltet må fylles ut.")
MSG_AMBIGUOUS = _("Flere har dette navnet (%(codes)s). Skriv koden.")
MSG_UNKNOWN_QUALIFICATION = _("Ukjent kvalifikasjon. Se gyldige koder og navn på importsiden.")
MSG_UNKNOWN_INTERVENTION = _("Ukjent intervensjon. Se gyldige koder og navn på importsiden.")
MSG_UNKNOWN_COUNT_KIND = _("Skriv «registrert» eller «anslått».")
MSG_UNKNOWN_ACTIVE = _("Skriv «ja» eller «nei».")
MSG_UNKNOWN_MUNICIPALITY = _("Ukjent kommune. Skriv kommunenummeret eller kommunens navn.")
MSG_UNKNOWN_PRACTITIONER = _("Ingen utøver med denne referansen eller dette navnet.")


def normalize(value: object) -> str:
    """The form every code and name is compared in: no case, single spaces, none around."""
    return " ".join(str(value if value is not None else "").split()).casefold()


class CodeError(ValueError):
    """A value that is not in the book (or names several): str() is the message to show."""


@dataclass(frozen=True)
class Code(Generic[T]):
    code: str
    name: str
    value: T
    aliases: tuple[str, ...] = ()


@dataclass
class CodeBook(Generic[T]):
    """The valid values of one column. `prepare` turns a typed value into the code's form
    first (e.g. a municipality number written without its leading zero)."""

    title: str
    column: str
    entries: list[Code[T]]
    unknown: str
    prepare: Callable[[str], str] = lambda text: text
    _codes: dict[str, Code[T]] = field(init=False, repr=False)
    _names: dict[str, list[Code[T]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._codes = {normalize(e.code): e for e in self.entries}
        self._names = {}
        for e in self.entries:
            for name in {normalize(e.name), *(normalize(a) for a in e.aliases)}:
                if name and e not in self._names.setdefault(name, []):
                    self._names[name].append(e)


def resolve(book: CodeBook[T], value: object) -> T:
    """The value `value` names in `book`, by code or by name. CodeError if it names none or,
    by a name, more than one."""
    key = normalize(book.prepare(normalize(value)))
    if not key:
        raise CodeError(str(MSG_EMPTY))
    by_code = book._codes.get(key)
    if by_code is not None:
        return by_code.value
    found = book._names.get(key, [])
    if len(found) == 1:
        return found[0].value
    if found:
        raise CodeError(str(MSG_AMBIGUOUS % {"codes": ", ".join(sorted(e.code for e in found))}))
    raise CodeError(str(book.unknown))


# --- The books ---------------------------------------------------------------------------


def program_codes(programs: Iterable[Program]) -> CodeBook[Program]:
    return CodeBook(
        str(_("Programmer")),
        "program",
        [Code(p.slug, p.name, p) for p in programs],
        str(_("Ukjent program.")),
    )


def qualification_codes(program: Program) -> CodeBook[QualificationType]:
    types = QualificationType.objects.filter(program=program).order_by("order", "name")
    return CodeBook(
        str(_("Kvalifikasjoner")),
        "kvalifikasjon",
        [Code(t.slug, t.name, t) for t in types],
        str(MSG_UNKNOWN_QUALIFICATION),
    )


def intervention_codes(program: Program) -> CodeBook[Intervention]:
    interventions = Intervention.objects.filter(program=program).order_by("order", "name")
    return CodeBook(
        str(_("Intervensjoner")),
        "intervensjon",
        [Code(i.slug, i.name, i) for i in interventions],
        str(MSG_UNKNOWN_INTERVENTION),
    )


def count_kind_codes() -> CodeBook[str]:
    return CodeBook(
        str(_("Type antall")),
        "type",
        [
            Code("registrert", str(_("Registrert")), str(CountKind.REGISTERED), ("registered",)),
            Code("anslått", str(_("Anslått")), str(CountKind.ESTIMATED), ("anslatt", "estimated")),
        ],
        str(MSG_UNKNOWN_COUNT_KIND),
    )


def active_codes() -> CodeBook[bool]:
    return CodeBook(
        str(_("Aktiv i året")),
        "aktiv",
        [
            Code("ja", str(_("Aktiv")), True, ("j", "1", "x", "yes", "true")),
            Code("nei", str(_("Ikke aktiv")), False, ("n", "0", "no", "false", "sluttet")),
        ],
        str(MSG_UNKNOWN_ACTIVE),
    )


def _municipality_number(text: str) -> str:
    return text.zfill(4) if text.isdigit() and len(text) < 4 else text


def _municipality_aliases(name: str) -> tuple[str, ...]:
    short = name.removesuffix(" kommune")
    return (short, f"{short} kommune")


def municipality_codes(municipalities: Iterable[Municipality]) -> CodeBook[Municipality]:
    """Municipalities by number (leading zeros optional) or name, with or without
    "kommune"."""
    entries = [
        Code(m.number, m.name, m, _municipality_aliases(m.name))
        for m in sorted(municipalities, key=lambda m: m.number)
    ]
    return CodeBook(
        str(_("Kommuner")),
        "kommunenummer",
        entries,
        str(MSG_UNKNOWN_MUNICIPALITY),
        prepare=_municipality_number,
    )


def practitioner_label(practitioner: Practitioner) -> str:
    """How a practitioner is shown where one is chosen: name – reference – municipality (or
    employer)."""
    where = (
        practitioner.municipality.name
        if practitioner.municipality_id and practitioner.municipality
        else practitioner.employer_name or practitioner.region
    )
    return f"{practitioner.first_name} {practitioner.last_name} – {practitioner.ref} – {where}"


def practitioner_codes(practitioners: Iterable[Practitioner]) -> CodeBook[Practitioner]:
    """Practitioners by reference or full name (give them with their municipality)."""
    rows = practitioners
    return CodeBook(
        str(_("Utøvere")),
        "ref",
        [Code(p.ref, f"{p.first_name} {p.last_name}", p, (practitioner_label(p),)) for p in rows],
        str(MSG_UNKNOWN_PRACTITIONER),
    )


# --- A form field over a book --------------------------------------------------------------


class CodeField(forms.ChoiceField):
    """A choice whose options are a book's codes, labelled by `label_of`; what is posted is
    read with `resolve`, so a code or a name typed by a script or a person counts alike."""

    def __init__(self, *, label_of: Callable[[Code[Any]], str] | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.book: CodeBook[Any] | None = None
        self.label_of = label_of or (lambda e: f"{e.name} ({e.code})")

    def set_book(self, book: CodeBook[Any], *, empty: str | None = None) -> None:
        self.book = book
        options = [(e.code, self.label_of(e)) for e in book.entries]
        self.choices = [("", empty), *options] if empty is not None else options

    def validate(self, value: Any) -> None:
        # The value is checked by `clean` against the book, not against the options' codes.
        forms.Field.validate(self, value)

    def clean(self, value: Any) -> Any:
        text = self.to_python(value)
        self.validate(text)
        if text in self.empty_values:
            return None
        assert self.book is not None, "set_book() first"
        try:
            return resolve(self.book, text)
        except CodeError as e:
            raise forms.ValidationError(str(e), code="invalid_choice") from e
