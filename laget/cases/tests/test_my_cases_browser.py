""" "Mine saker" on a laptop and on a phone: a card's values wrap between words, never inside
one ("Måkeber get barnehag e" was how a unit's name read at 1280 px)."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from laget.monitoring.testing import log_in
from laget.orgs.models import Unit
from laget.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Long enough to wrap in a card at both widths; every word short enough (under
# hyphenate-limit-chars) that the browser has no reason to split one.
UNIT_NAME = "Måkeberget barnehage avdeling Blåbærlia og Tyttebærlia"

# Every word of every card value and title, with the number of line boxes it is laid out on:
# a word on more than one is broken mid-word.
BROKEN_WORDS = """
() => {
  const broken = [];
  for (const el of document.querySelectorAll('.case-card h2, .case-card .facts dd')) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}
"""

# The lines the unit's name is laid out on, so the test knows it did wrap.
UNIT_LINES = """
() => {
  const dd = [...document.querySelectorAll('.case-card .facts dd')]
    .find(el => el.textContent.includes('Måkeberget'));
  const range = document.createRange();
  range.selectNodeContents(dd);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
}
"""


@pytest.mark.parametrize("width", [1280, 360])
def test_card_values_wrap_between_words(live_server: Any, page: Page, width: int) -> None:
    world = build_world()
    Unit.objects.filter(pk=world.case.unit_id).update(name=UNIT_NAME)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, world.users["stafettholder"])

    response = page.goto(live_server.url + reverse("cases:my_cases"))

    assert response is not None and response.status == 200
    expect(page.get_by_text(UNIT_NAME)).to_be_visible()
    assert page.evaluate(UNIT_LINES) >= 2
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
