"""A restricted guardian's portal on a 360 px phone, in real headless Chromium: the father of
household Fr (laget/testing/family.py) is shut out of one entry, the mother's own help, the
meeting at the protected place, every place, the participants and their units, and the others'
activity. Every page he has renders without sideways scrolling, shows none of it, never says
that something is withheld, and axe-core finds no serious or critical WCAG 2.1 A/AA issue."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page

from laget.testing.family import build_households
from laget.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = ("serious", "critical")
# What the father may not see (keys of Household.markers).
HIDDEN = (
    "entry_hidden",
    "entry_private",
    "measure_hidden",
    "meeting_hidden_place",
    "meeting_hidden_agenda",
    "meeting_place",
    "unit_home",
    "unit_health",
    "unit_ppt",
    "staff_home",
    "staff_health",
    "staff_ppt",
    "comment_mother",
    "comment_child",
    "activity_mother",
    "activity_child",
    "consent_own",
)
# What he does see.
SHOWN = ("entry", "measure", "comment_father", "meeting_agenda", "consent")
# Words that would tell him something is withheld.
TELLING = ("skjult", "skjerm", "begrens", "ikke tilgang til")


def _log_in(page: Page, live_server: Any, user: object) -> None:
    """The portal session of the member, as the login would leave it (the login itself is
    test_browser_portal.py's)."""
    client = Client()
    client.force_login(user, backend="laget.portal.oidc.PortalOIDCBackend")  # type: ignore[arg-type]
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_a_restricted_father_reads_his_portal_on_a_phone(
    live_server: Any, page: Page, axe: Any
) -> None:
    households = build_households(build_world("-r"), only=("Fr",))
    father = households.member("Fr:father")
    h = father.household
    _log_in(page, live_server, father.user)
    case = {"case_id": h.case.pk}
    pages = {
        "home": reverse("portal:home"),
        "case": reverse("portal:case", kwargs=case),
        "entry": reverse("portal:entry", kwargs={**case, "entry_id": h.things["entry"]}),
        "write": reverse("portal:entry_create", kwargs=case),
        "consents": reverse("portal:consents", kwargs=case),
        "consent": reverse("portal:consent", kwargs={**case, "consent_id": h.things["consent"]}),
        "access log": reverse("portal:access_log", kwargs=case),
    }
    seen = []
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, name
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"{name} scrolls sideways at 360 px"
        html = page.content()
        assert [k for k in HIDDEN if h.markers[k] in html] == [], name
        text = page.locator("main").inner_text().lower()
        assert [w for w in TELLING if w in text] == [], name
        violations = [v for v in axe(page) if v.get("impact") in SERIOUS]
        assert violations == [], f"{name}: {[(v['id'], v['help']) for v in violations]}"
        seen.append(html)
    assert [k for k in SHOWN if not any(h.markers[k] in html for html in seen)] == []
    # The entry he is shut out of looks missing, like any other that is not his.
    hidden = reverse("portal:entry", kwargs={**case, "entry_id": h.things["entry_hidden"]})
    response = page.goto(live_server.url + hidden)
    assert response is not None and response.status == 404
