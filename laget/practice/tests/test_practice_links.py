"""Every link and form on a practice case's pages leads somewhere that opens for it: a page
practice does not open (the PDF, the transfer, the individual plan, the API…) is not offered,
instead of answering 404 when clicked."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from laget.practice.pages import PRACTICE_PAGES
from laget.practice.testing import work_the_practice_area
from laget.testing.world import World

pytestmark = pytest.mark.django_db

# Where a page leads: by GET (followed in turn), or by a form's POST (only checked).
_READS = ("href", "hx-get")
_WRITES = ("action", "hx-post", "formaction")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.reads: set[str] = set()
        self.writes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value or not value.startswith("/"):
                continue
            if name in _READS:
                self.reads.add(urlsplit(value).path)
            elif name in _WRITES:
                self.writes.add(urlsplit(value).path)


def _links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _about(path: str, case_id: int) -> str | None:
    """The view a path leads to, when it names the practice case (None otherwise)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if str(case_id) in {str(v) for v in match.kwargs.values()} or re.search(
        rf"\b{case_id}\b", path
    ):
        return match.view_name
    return None


def test_no_practice_page_offers_a_door_that_stays_shut(world: World, client: Client) -> None:
    owner = world.users["stafettholder"]
    client.force_login(owner)
    done = work_the_practice_area(owner, client)
    dead: set[tuple[str, str]] = set()
    for case in done.cases.values():
        seen: set[str] = set()
        todo = [reverse("cases:case_detail", kwargs={"case_id": case.pk})]
        while todo:
            path = todo.pop()
            if path in seen:
                continue
            seen.add(path)
            response = client.get(path)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            links = _links(response.content.decode())
            for link in links.reads | links.writes:
                view = _about(link, case.pk)
                if view is None:
                    continue
                if view not in PRACTICE_PAGES:
                    dead.add((path.replace(str(case.pk), "<id>"), view))
                elif link in links.reads:
                    todo.append(link)
    assert sorted(dead) == [], "\n".join(map(str, sorted(dead)))
