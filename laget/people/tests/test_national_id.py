"""Fødselsnummer and D-number: mod-11 check digits, a real date, synthetic numbers only in tests.

No real number appears here: fixed examples are either synthetic (month + 80, the tax
authority's test range) or built with check_digits() for a birth date late in 2039, which no
living person has. The property tests generate digit strings at random and store none of them.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from laget.people.national_id import (
    MSG_BAD_CHECKSUM,
    MSG_BAD_DATE,
    MSG_NOT_11_DIGITS,
    MSG_SYNTHETIC,
    check_digits,
    parse_national_id,
    validate_national_id,
)

synthetic_ids = override_settings(LAGET_SYNTHETIC_IDS=True)
no_synthetic_ids = override_settings(LAGET_SYNTHETIC_IDS=False)


def build(ddmmyy: str, first_individual: int = 500) -> str:
    """A valid number for the six date digits: the first individual number with check digits."""
    for individual in range(first_individual, 1000):
        nine = f"{ddmmyy}{individual:03d}"
        digits = check_digits(nine)
        if digits is not None:
            return nine + digits
    raise AssertionError(f"no individual number from {first_individual} fits {ddmmyy}")


def refusal(raw: str) -> list[str]:
    with pytest.raises(ValidationError) as excinfo:
        validate_national_id(raw)
    return excinfo.value.messages


# Synthetic: 14 March 2021 (month 03 + 80 = 83); D-number: day 14 + 40 = 54.
SYNTHETIC_FNR = build("148321")
SYNTHETIC_D_NUMBER = build("548321")
# Constructed, not synthetic: 30 November 2039 and its D-number form.
FUTURE_FNR = build("301139")
FUTURE_D_NUMBER = build("701139")


@synthetic_ids
def test_synthetic_fodselsnummer_is_accepted_with_its_birth_date() -> None:
    parsed = parse_national_id(SYNTHETIC_FNR)
    assert parsed.birth_date == datetime.date(2021, 3, 14)
    assert parsed.is_synthetic
    assert not parsed.is_d_number


@synthetic_ids
def test_synthetic_d_number_is_accepted_with_day_minus_40() -> None:
    parsed = parse_national_id(SYNTHETIC_D_NUMBER)
    assert parsed.birth_date == datetime.date(2021, 3, 14)
    assert parsed.is_d_number
    assert parsed.is_synthetic


@no_synthetic_ids
def test_constructed_fodselsnummer_and_d_number_are_accepted_without_the_synthetic_setting() -> (
    None
):
    assert parse_national_id(FUTURE_FNR).birth_date == datetime.date(2039, 11, 30)
    d_number = parse_national_id(FUTURE_D_NUMBER)
    assert d_number.birth_date == datetime.date(2039, 11, 30)
    assert d_number.is_d_number
    assert not d_number.is_synthetic


@synthetic_ids
def test_spaces_inside_the_number_are_ignored() -> None:
    spaced = f"{SYNTHETIC_FNR[:6]} {SYNTHETIC_FNR[6:]}"
    assert parse_national_id(spaced).value == SYNTHETIC_FNR


@no_synthetic_ids
def test_synthetic_number_is_refused_when_the_setting_is_off() -> None:
    assert refusal(SYNTHETIC_FNR) == [str(MSG_SYNTHETIC)]
    assert refusal(SYNTHETIC_D_NUMBER) == [str(MSG_SYNTHETIC)]


@synthetic_ids
@pytest.mark.parametrize("position", [9, 10])
def test_wrong_check_digit_is_refused(position: int) -> None:
    digit = (int(SYNTHETIC_FNR[position]) + 1) % 10
    wrong = SYNTHETIC_FNR[:position] + str(digit) + SYNTHETIC_FNR[position + 1 :]
    assert refusal(wrong) == [str(MSG_BAD_CHECKSUM)]


@synthetic_ids
@pytest.mark.parametrize(
    "raw",
    [
        "",
        SYNTHETIC_FNR[:10],
        SYNTHETIC_FNR + "0",
        SYNTHETIC_FNR[:10] + "x",
        "abcdefghijk",
        SYNTHETIC_FNR[:5] + "-" + SYNTHETIC_FNR[6:],
    ],
    ids=["empty", "ten-digits", "twelve-digits", "letter", "letters", "dash"],
)
def test_wrong_length_or_letters_are_refused(raw: str) -> None:
    assert refusal(raw) == [str(MSG_NOT_11_DIGITS)]


@synthetic_ids
@pytest.mark.parametrize(
    "ddmmyy",
    [
        "308221",  # 30 February (synthetic month 02 + 80)
        "329121",  # month 11, day 32
        "019321",  # month 13
        "000121",  # day 0 (not synthetic, but no such date)
        "290239",  # 29 February 2039 is not a leap day
    ],
)
def test_impossible_date_is_refused(ddmmyy: str) -> None:
    assert refusal(build(ddmmyy)) == [str(MSG_BAD_DATE)]


@synthetic_ids
def test_individual_number_outside_every_century_range_is_refused() -> None:
    # 750–899 with a two-digit year from 40 to 99 belongs to no century.
    number = build("018145", first_individual=750)
    assert 750 <= int(number[6:9]) <= 899
    assert refusal(number) == [str(MSG_BAD_DATE)]


# --- properties ------------------------------------------------------------------------------

# (individual numbers, two-digit years, century), from the tax authority's allocation rules.
CENTURIES = (
    (range(0, 500), range(0, 100), 1900),
    (range(500, 750), range(54, 100), 1800),
    (range(500, 1000), range(0, 40), 2000),
    (range(900, 1000), range(40, 100), 1900),
)


def expected_birth_date(nine: str) -> datetime.date | None:
    """An independent reading of the date part: D-number day + 40, synthetic month + 80."""
    day, month, year2, individual = int(nine[:2]), int(nine[2:4]), int(nine[4:6]), int(nine[6:])
    if day > 40:
        day -= 40
    if month > 80:
        month -= 80
    for individuals, years, century in CENTURIES:
        if individual in individuals and year2 in years:
            try:
                return datetime.date(century + year2, month, day)
            except ValueError:
                return None
    return None


def two_digits(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:02d}")


digits9 = st.text(alphabet="0123456789", min_size=9, max_size=9)
# Mostly plausible dates, so that both sides of the property are exercised.
plausible9 = st.builds(
    lambda day, month, rest: day + month + rest,
    st.one_of(two_digits(1, 31), two_digits(41, 71)),
    st.one_of(two_digits(1, 12), two_digits(81, 92)),
    st.text(alphabet="0123456789", min_size=5, max_size=5),
)
nine_digits = st.one_of(digits9, plausible9).filter(lambda s: check_digits(s) is not None)


@settings(max_examples=400, database=None, deadline=None)
@given(nine_digits)
def test_number_with_valid_check_digits_validates_exactly_when_its_date_is_valid(
    nine: str,
) -> None:
    number = nine + str(check_digits(nine))
    with synthetic_ids:
        try:
            parsed = parse_national_id(number)
        except ValidationError as error:
            assert expected_birth_date(nine) is None
            assert error.messages == [str(MSG_BAD_DATE)]
        else:
            assert parsed.birth_date == expected_birth_date(nine)


@settings(max_examples=200, database=None, deadline=None)
@given(nine_digits, st.integers(0, 10), st.integers(1, 9))
def test_changing_any_single_digit_makes_a_valid_number_invalid(
    nine: str, position: int, shift: int
) -> None:
    number = nine + str(check_digits(nine))
    changed_digit = (int(number[position]) + shift) % 10
    changed = number[:position] + str(changed_digit) + number[position + 1 :]
    with synthetic_ids, pytest.raises(ValidationError) as excinfo:
        parse_national_id(changed)
    # Mod 11 is prime and no weight is 0 mod 11, so every single-digit error breaks a check.
    assert excinfo.value.code == "checksum"
