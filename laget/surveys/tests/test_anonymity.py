"""Nothing in a response can point to a person: no user, no address, no time, no order."""

import uuid

import pytest
from django.db import connection, models

from laget.surveys.models import Answer, Response

pytestmark = pytest.mark.django_db

TIME_FIELDS = (models.DateField, models.DateTimeField, models.TimeField, models.DurationField)


@pytest.mark.parametrize(
    ("model", "allowed"),
    [
        (Response, {"id", "round_unit"}),
        (Answer, {"id", "response", "question", "option"}),
    ],
)
def test_responses_and_answers_have_no_user_time_or_address_columns(
    model: type[models.Model], allowed: set[str]
) -> None:
    fields = model._meta.concrete_fields
    assert {f.name for f in fields} == allowed
    assert not [f for f in fields if isinstance(f, TIME_FIELDS)]
    assert not [f for f in fields if isinstance(f, models.GenericIPAddressField)]
    assert not [
        f for f in fields if f.is_relation and f.related_model._meta.label == "accounts.User"
    ]
    # The table in the database holds the same columns, nothing added by hand.
    with connection.cursor() as cursor:
        columns = {
            c.name
            for c in connection.introspection.get_table_description(cursor, model._meta.db_table)
        }
    assert columns == {f.column for f in fields}


@pytest.mark.parametrize("model", [Response, Answer])
def test_ids_are_random_so_their_order_tells_nothing(model: type[models.Model]) -> None:
    pk = model._meta.pk
    assert isinstance(pk, models.UUIDField)
    assert pk.default is uuid.uuid4
    assert model._meta.ordering == []
