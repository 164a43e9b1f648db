"""The counterpart's people are fictional and the same every time: every identifier is a valid
synthetic test number (month + 80), which no real person has."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from laget.folkeregister.client import RegisterConfig
from laget.folkeregister.counterpart.population import CHANGES, build_world
from laget.people.national_id import parse_national_id


@override_settings(LAGET_SYNTHETIC_IDS=True)
def test_every_identifier_is_a_valid_synthetic_number() -> None:
    world = build_world()
    entries = [(entry, person) for person in world.people.values() for entry in person.ids]
    assert len({entry.value for entry, _ in entries}) == len(entries)
    for entry, person in entries:
        parsed = parse_national_id(entry.value)
        assert parsed.is_synthetic
        assert parsed.is_d_number == (entry.kind == "D_NUMMER")
        assert parsed.birth_date == person.birth


def test_the_population_is_the_same_every_time() -> None:
    first, second = build_world(), build_world()
    assert first == second
    assert [e.sequence for e in first.events] == list(range(1, len(first.events) + 1))


def test_the_changes_come_in_order_of_their_dates() -> None:
    dates = [when for when, _ in CHANGES]
    assert dates == sorted(dates)
    assert build_world(0).events == []


@override_settings(
    LAGET_FOLKEREGISTER_URL="https://register.example/api",
    LAGET_FOLKEREGISTER_TOKEN_URL="",
    LAGET_FOLKEREGISTER_CLIENT_ID="",
)
def test_a_missing_setting_is_named() -> None:
    with pytest.raises(ImproperlyConfigured) as raised:
        RegisterConfig.from_settings()
    assert "LAGET_FOLKEREGISTER_TOKEN_URL" in str(raised.value)
    assert "LAGET_FOLKEREGISTER_CLIENT_ID" in str(raised.value)
