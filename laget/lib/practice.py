"""What every layer needs to know about practice cases (laget/practice), with no query.

A practice case is known by its id alone: practice cases are numbered from PRACTICE_ID_FLOOR
up, real cases from 1 (a bigint sequence that will never come near a quadrillion). So the
access log and the outbox, which hold a case id and nothing else, refuse a practice case without
reading it, in every process: web, API, the worker and the jobs. The case's own row says the
same (cases.Case.is_practice, tied to the id by a database constraint).

The practice scope: code that may work on a practice case runs inside `practice_scope()`. The
practice middleware enters it for the real case pages practice allows, the practice app's
services for starting a scenario. Outside it no case door opens a practice case, and inside it
a national id must be a synthetic one (laget.people.national_id)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Below 2**53, so that an id stays exact wherever it is read as a JavaScript number.
PRACTICE_ID_FLOOR = 10**15

_SCOPE: ContextVar[bool] = ContextVar("laget_practice_scope", default=False)


def is_practice_case(case_id: object) -> bool:
    """Whether the case with this id is a practice case (ids as ints or strings)."""
    try:
        return int(case_id) >= PRACTICE_ID_FLOOR  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def in_practice_scope() -> bool:
    return _SCOPE.get()


@contextmanager
def practice_scope(on: bool = True) -> Iterator[None]:
    """Run the block inside (or, with on=False, outside) the practice scope."""
    token = _SCOPE.set(on)
    try:
        yield
    finally:
        _SCOPE.reset(token)


def enter_practice_scope() -> None:
    """Enter the scope until the enclosing practice_scope() block ends (the middleware's
    block around each request restores what was before)."""
    _SCOPE.set(True)
