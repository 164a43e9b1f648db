"""The family side in each of its languages on a 360 px phone, in real headless Chromium: the
member picks the language in the switch on the login page, logs in, and reads the portal's
main pages. Every page is in that language (`lang`, and right to left for Arabic), no element
reaches outside the screen, and axe-core finds no serious or critical WCAG 2.1 A/AA issue."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from laget.lib.languages import FAMILY_LANGUAGES, Language
from laget.testing.family import Family, build_family
from laget.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = ("serious", "critical")
# Elements outside the screen on purpose: text for screen readers, the skip link until focused.
OFF_SCREEN_ON_PURPOSE = ".visually-hidden, .visually-hidden *, .skip-link"
OUTSIDE = """(allowed) => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter((e) => !e.matches(allowed))
    .filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && (r.left < -1 || r.right > width + 1);
    })
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`);
}"""


def _session(page: Page, live_server: Any, user: object) -> None:
    """The portal session of the member, as the login leaves it (the login itself is
    test_browser_portal.py's); the login signal remembers their language too."""
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


def _check(page: Page, axe: Any, language: Language, where: str) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language.code)
    expect(html).to_have_attribute("dir", "rtl" if language.bidi else "ltr")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, where
    assert page.evaluate(OUTSIDE, OFF_SCREEN_ON_PURPOSE) == [], where
    violations = [v for v in axe(page) if v.get("impact") in SERIOUS]
    assert violations == [], f"{where}: {[(v['id'], v['help']) for v in violations]}"


def _pages(family: Family) -> dict[str, str]:
    case = {"case_id": family.case.pk}
    consent = family.case.consents.order_by("pk").first()
    assert consent is not None
    return {
        "home": reverse("portal:home"),
        "case": reverse("portal:case", kwargs=case),
        "write": reverse("portal:entry_create", kwargs=case),
        "consents": reverse("portal:consents", kwargs=case),
        "consent": reverse("portal:consent", kwargs={**case, "consent_id": consent.pk}),
        "access log": reverse("portal:access_log", kwargs=case),
    }


@pytest.mark.parametrize("language", FAMILY_LANGUAGES, ids=lambda language: language.code)
def test_the_portal_in_each_family_language_on_a_phone(
    live_server: Any, page: Page, axe: Any, language: Language
) -> None:
    family = build_family(build_world(f"-l{language.code}"))
    page.goto(live_server.url + reverse("portal:login"))
    page.locator("#family-language").select_option(language.code)
    page.locator(".lang-switch--family button[type=submit]").click()
    page.wait_for_load_state()
    _check(page, axe, language, "login")
    with translation.override(language.code):
        heading = translation.gettext("Familiesiden")
    # The choice is remembered on the member at their next login, on any device.
    user = family.users["own_guardian"]
    user.language = language.code
    user.save(update_fields=["language"])
    page.context.clear_cookies()
    _session(page, live_server, user)
    for where, path in _pages(family).items():
        page.goto(live_server.url + path)
        if where == "home":
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        _check(page, axe, language, where)
