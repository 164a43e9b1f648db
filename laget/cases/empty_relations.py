"""Which of a case's kinds of rows the case page need not read: one query instead of a dozen.

The page and its panels read many kinds of rows that most cases have none of (care orders,
restrictions, plans, hold-backs, transitions, the family's answers ...). Each read is a round
trip and the ORM's work to build it, about a millisecond of Python. One query asks which of
them exist; an empty relation is then marked as read and empty on the case (Django's prefetch
cache holds an empty queryset that yields nothing without even building its SQL), so
`case.<relation>.filter(...).select_related(...)` anywhere on the page costs neither a query
nor the ORM's work. The marks live on the case object of one request.
"""

from collections.abc import Iterator
from typing import Any

from django.db import connections
from django.db.models import Field, Model, QuerySet
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.db.models.query import BaseIterable

from laget.cases.models import Case, Meeting, MeetingAttendee, Participant
from laget.family.models import LeaveOutRequest, ParticipantAnswer

# Relations of Case read by the case page (selectors.case_page, the plans, family and consent
# panels); entries, participants and level changes are always there.
RELATIONS = (
    "measures",
    "meetings",
    "handovers",
    "transitions",
    "same_child_notices",
    "consents",
    "closing_requests",
    "restrictions",
    "care_orders",
    "hold_backs",
    "access_requests",
    "plan_decisions",
    "plan_coordinators",
)
# Not a relation of the case: the family's answers on participants and meetings.
FAMILY_ANSWERS = "family_answers"


def _table(model: type[Model]) -> str:
    return connections["default"].ops.quote_name(model._meta.db_table)


def _column(model: type[Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, Field) and field.column, name
    return connections["default"].ops.quote_name(field.column)


def _relation(name: str) -> ForeignObjectRel:
    rel = Case._meta.get_field(name)
    assert isinstance(rel, ForeignObjectRel) and rel.one_to_many, name
    return rel


def _exists_sql() -> str:
    """SELECT EXISTS(...), ... with one parameter, the case id, per EXISTS. From the models'
    own table and column names, nothing from a request (hence the noqa: S608 below)."""
    parts = []
    for name in RELATIONS:
        rel = _relation(name)
        related: type[Model] = rel.related_model  # type: ignore[assignment]
        parts.append(
            f"EXISTS (SELECT 1 FROM {_table(related)} WHERE {rel.field.column} = %s)"  # noqa: S608
        )
    participants = (
        f"SELECT {_column(Participant, 'id')} FROM {_table(Participant)} "  # noqa: S608
        f"WHERE {_column(Participant, 'case')} = %s"
    )
    attendees = (
        f"SELECT a.{_column(MeetingAttendee, 'id')} FROM {_table(MeetingAttendee)} a "  # noqa: S608
        f"JOIN {_table(Meeting)} m ON m.{_column(Meeting, 'id')} = a.{_column(MeetingAttendee, 'meeting')} "
        f"WHERE m.{_column(Meeting, 'case')} = %s"
    )
    parts.append(
        f"EXISTS (SELECT 1 FROM {_table(ParticipantAnswer)} "  # noqa: S608
        f"WHERE {_column(ParticipantAnswer, 'participant')} IN ({participants})) "
        f"OR EXISTS (SELECT 1 FROM {_table(LeaveOutRequest)} "
        f"WHERE {_column(LeaveOutRequest, 'attendee')} IN ({attendees}))"
    )
    return "SELECT " + ", ".join(parts)


class _NoRows(BaseIterable):
    """What an empty relation yields. Chaining (filter, select_related, order_by) keeps it."""

    def __iter__(self) -> Iterator[Any]:
        return iter(())


def _no_rows(model: type[Model]) -> QuerySet[Any]:
    empty = model._default_manager.none()
    empty._iterable_class = _NoRows
    return empty


_SQL: str | None = None


def mark_empty_relations(case: Case) -> None:
    """One query; afterwards each empty relation in RELATIONS reads as empty without a query,
    and known_empty(case, FAMILY_ANSWERS) says whether the family has answered anything."""
    global _SQL
    if _SQL is None:
        _SQL = _exists_sql()
    with connections[case._state.db or "default"].cursor() as cursor:
        cursor.execute(_SQL, [case.pk] * _SQL.count("%s"))
        row = cursor.fetchone()
    cache: dict[str, object] = case.__dict__.setdefault("_prefetched_objects_cache", {})
    empty: set[str] = set()
    for name, present in zip((*RELATIONS, FAMILY_ANSWERS), row, strict=True):
        if present:
            continue
        empty.add(name)
        if name in RELATIONS:
            rel = _relation(name)
            related: type[Model] = rel.related_model  # type: ignore[assignment]
            cache.setdefault(rel.cache_name, _no_rows(related))
    case._empty_relations = frozenset(empty)  # type: ignore[attr-defined]


def known_empty(case: Case, name: str) -> bool:
    """True when mark_empty_relations found no rows of `name` for this case in this request."""
    return name in getattr(case, "_empty_relations", ())
