"""The case endpoint represents a page with one serializer built once per process
(api.views.cases._page_representation): the same JSON as a fresh CaseDetailSerializer, page
after page."""

import pytest

from laget.api.serializers.cases import CaseDetailSerializer
from laget.api.views.cases import _page_representation
from laget.cases.access import case_for
from laget.cases.selectors import case_page
from laget.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["stafettholder", "participant"])
def test_the_shared_serializer_says_what_a_fresh_one_says(world: World, role: str) -> None:
    shared = _page_representation()
    for case_id in (world.case.pk, world.case.pk):
        page = case_page(case_for(world.users[role], case_id, audit=False), all_entries=False)
        fresh = CaseDetailSerializer(page).data  # type: ignore[arg-type]
        assert shared.to_representation(page) == fresh
        assert fresh["entries"] and fresh["measures"] and fresh["meetings"]
