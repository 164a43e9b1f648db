"""Optimistic locking: a save names the version it started from; a stale one is refused and the
caller is handed the row as it now is, never a silent overwrite."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from laget.cases.models import Entry
from laget.lib.concurrency import MSG_CONFLICT, ConflictError, save_versioned
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def load(world: World) -> Entry:
    return Entry.objects.get(pk=world.entry.pk)


def test_save_with_the_current_version_applies_and_bumps_the_version(world: World) -> None:
    entry = load(world)
    stamp = entry.updated_at
    saved = save_versioned(entry, expected_version=1, fields={"text": "Ny tekst"})
    assert saved is entry
    assert (entry.text, entry.version) == ("Ny tekst", 2)
    row = load(world)
    assert (row.text, row.version) == ("Ny tekst", 2)
    assert row.updated_at > stamp


def test_save_from_a_stale_copy_raises_conflict_with_the_saved_row(world: World) -> None:
    first, second = load(world), load(world)
    save_versioned(first, expected_version=1, fields={"text": "Første"})
    with pytest.raises(ConflictError) as excinfo:
        save_versioned(second, expected_version=1, fields={"text": "Andre"})
    current = excinfo.value.current
    assert isinstance(current, Entry)
    assert (current.text, current.version) == ("Første", 2)
    assert excinfo.value.message == MSG_CONFLICT
    assert load(world).text == "Første"


def test_expected_version_older_than_the_loaded_row_raises_conflict(world: World) -> None:
    save_versioned(load(world), expected_version=1, fields={"text": "Første"})
    fresh = load(world)
    with pytest.raises(ConflictError) as excinfo:
        save_versioned(fresh, expected_version=1, fields={"text": "Andre"})
    assert excinfo.value.current.text == "Første"  # type: ignore[attr-defined]
    assert load(world).version == 2


def test_invalid_change_is_refused_and_leaves_the_version_alone(world: World) -> None:
    entry = load(world)
    with pytest.raises(ValidationError) as excinfo:
        save_versioned(
            entry, expected_version=1, fields={"text": "x" * (settings.LAGET_MAX_TEXT + 1)}
        )
    assert "text" in excinfo.value.message_dict
    row = load(world)
    assert (row.text, row.version) == (world.entry.text, 1)


def test_fields_not_named_are_not_written(world: World) -> None:
    entry = load(world)
    entry.audience = "professionals"  # changed in memory, but not part of this save
    save_versioned(entry, expected_version=1, fields={"text": "Bare teksten"})
    assert load(world).audience == world.entry.audience
