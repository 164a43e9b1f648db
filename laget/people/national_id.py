"""Norwegian national identity numbers: fødselsnummer and D-number, checked by mod-11.

An 11-digit number DDMMYY III K1 K2. A D-number adds 4 to the first digit of the day.
Synthetic test numbers (month + 80, used by the tax authority's test data) are accepted
only when settings.LAGET_SYNTHETIC_IDS is on, so that demo and tests never need a real one.
Inside the practice scope (laget/lib/practice.py: a practice case's pages) it is the other way
round, whatever the setting: only a synthetic number is accepted, so that a practice case can
never name a real person.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from laget.lib.practice import in_practice_scope

MSG_NOT_11_DIGITS = _("Fødselsnummer og D-nummer har 11 siffer.")
MSG_BAD_CHECKSUM = _("Kontrollsifrene stemmer ikke. Sjekk at nummeret er skrevet riktig.")
MSG_BAD_DATE = _("De seks første sifrene er ikke en gyldig dato.")
MSG_SYNTHETIC = _("Dette er et syntetisk testnummer, som ikke kan brukes her.")
MSG_PRACTICE_REAL_ID = _(
    "I øvingsområdet kan du bare bruke syntetiske testnumre (måned + 80), aldri et ekte "
    "fødselsnummer."
)

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True)
class NationalId:
    value: str
    birth_date: datetime.date
    is_d_number: bool
    is_synthetic: bool


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if rest == 11:
        return 0
    if rest == 10:
        return None
    return rest


def check_digits(first_nine: str) -> str | None:
    """The two check digits for nine digits, or None when no valid number exists."""
    digits = [int(c) for c in first_nine]
    k1 = _check_digit(digits, _W1)
    if k1 is None:
        return None
    k2 = _check_digit([*digits, k1], _W2)
    if k2 is None:
        return None
    return f"{k1}{k2}"


def _century(year2: int, individual: int) -> int | None:
    if individual <= 499:
        return 1900
    if individual <= 749 and year2 >= 54:
        return 1800
    if individual >= 500 and year2 <= 39:
        return 2000
    if individual >= 900 and year2 >= 40:
        return 1900
    return None


def parse_national_id(raw: str) -> NationalId:
    value = "".join(raw.split())
    if len(value) != 11 or not value.isdigit():
        raise ValidationError(MSG_NOT_11_DIGITS, code="length")
    if check_digits(value[:9]) != value[9:]:
        raise ValidationError(MSG_BAD_CHECKSUM, code="checksum")
    day, month, year2 = int(value[0:2]), int(value[2:4]), int(value[4:6])
    is_d = day > 40
    if is_d:
        day -= 40
    is_synthetic = month > 80
    if is_synthetic:
        month -= 80
    century = _century(year2, int(value[6:9]))
    try:
        if century is None:
            raise ValueError
        birth = datetime.date(century + year2, month, day)
    except ValueError:
        raise ValidationError(MSG_BAD_DATE, code="date") from None
    if in_practice_scope():
        if not is_synthetic:
            raise ValidationError(MSG_PRACTICE_REAL_ID, code="real_in_practice")
    elif is_synthetic and not getattr(settings, "LAGET_SYNTHETIC_IDS", False):
        raise ValidationError(MSG_SYNTHETIC, code="synthetic")
    return NationalId(value=value, birth_date=birth, is_d_number=is_d, is_synthetic=is_synthetic)


def validate_national_id(raw: str) -> None:
    parse_national_id(raw)
