"""The case page asks once which kinds of rows a case has none of; those cost no query after."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from laget.cases.access import case_for
from laget.cases.empty_relations import FAMILY_ANSWERS, known_empty, mark_empty_relations
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def test_an_empty_relation_reads_as_empty_without_a_query(world: World) -> None:
    case = case_for(world.users["stafettholder"], world.case.pk, audit=False).case
    mark_empty_relations(case)
    with CaptureQueriesContext(connection) as ctx:
        assert list(case.care_orders.filter(ended_on__isnull=True).select_related("unit")) == []
        assert case.plan_decisions.select_related("recorded_by").first() is None
        assert list(case.hold_backs.order_by("-starts_at")) == []
        assert list(case.closing_requests.all()) == []
    assert ctx.captured_queries == []
    assert known_empty(case, "restrictions")
    assert known_empty(case, FAMILY_ANSWERS)


def test_a_relation_with_rows_is_read_as_before(world: World) -> None:
    case = case_for(world.users["stafettholder"], world.case.pk, audit=False).case
    mark_empty_relations(case)
    assert not known_empty(case, "measures")
    assert not known_empty(case, "consents")
    with CaptureQueriesContext(connection) as ctx:
        assert [m.pk for m in case.measures.all()] == [world.measure.pk]
    assert len(ctx.captured_queries) == 1


def test_the_marks_belong_to_one_case_object(world: World) -> None:
    marked = case_for(world.users["stafettholder"], world.case.pk, audit=False).case
    mark_empty_relations(marked)
    fresh = case_for(world.users["stafettholder"], world.case.pk, audit=False).case
    assert not known_empty(fresh, "care_orders")
    with CaptureQueriesContext(connection) as ctx:
        assert list(fresh.care_orders.all()) == []
    assert len(ctx.captured_queries) == 1
