"""The commands that write invented data run only with LAGET_DEMO and only on a database that
holds nothing else (issue 12, reproduction 7: `seed_demo` and `scale_generate` ran against any
database and created staff with a printed, shared password)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from laget.accounts.models import User
from laget.lib.demo import MSG_DEMO_OFF
from laget.orgs.models import Municipality

pytestmark = pytest.mark.django_db

WRITERS = [
    ("seed_demo", "--without-neighbours"),
    ("scale_generate", "--municipalities", "1", "--children", "40", "--open-logs", "4"),
]


def _rows() -> tuple[int, int]:
    return Municipality.objects.count(), User.objects.count()


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_without_the_demo_setting_nothing_is_written(command: tuple[str, ...]) -> None:
    before = _rows()
    with override_settings(LAGET_DEMO=False), pytest.raises(CommandError) as refused:
        call_command(*command)
    assert str(refused.value) == MSG_DEMO_OFF
    assert _rows() == before


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_a_database_with_a_real_municipality_is_refused(command: tuple[str, ...]) -> None:
    Municipality.objects.create(name="Ekteby", number="4699")
    before = _rows()
    with override_settings(LAGET_DEMO=True), pytest.raises(CommandError, match="refusing"):
        call_command(*command)
    assert _rows() == before


def test_the_benchmark_needs_the_demo_setting() -> None:
    with override_settings(LAGET_DEMO=False), pytest.raises(CommandError) as refused:
        call_command("scale_benchmark", "--no-write")
    assert str(refused.value) == MSG_DEMO_OFF
