"""A screenshot of every main journey at 360 px and 1280 px, from the demo municipality.

`./dev screenshots` runs this module alone and leaves the pictures in var/screenshots/<width>/
(ignored by git), so anyone can look at the whole product in a minute. In the suite it is a
smoke test of the same journeys: each page answers 200 to the person who uses it, and none
scrolls sideways on a phone.
"""

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext

from laget.accounts.access import FAMILY_BACKEND
from laget.cases.choices import ParticipantRole
from laget.cases.models import Case
from laget.demo import data
from laget.people.models import Guardian
from laget.portal.services import portal_user_for_guardian
from laget.surveys.models import Round

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 1280)
# Where the pictures go: LAGET_SCREENSHOTS, else var/screenshots in the checkout.
FOLDER = Path(os.environ.get("LAGET_SCREENSHOTS", settings.BASE_DIR / "var" / "screenshots"))


@dataclass(frozen=True)
class Shot:
    """One page of a journey: a name for the file, who looks (a demo username, "family" for the
    portal guardian, "" for a visitor) and where."""

    name: str
    who: str
    url: Callable[["Demo"], str]


@dataclass(frozen=True)
class Demo:
    """The demo objects the journeys open."""

    number: str
    level3_case: int
    family_case: int
    survey_round: int | None


def _case(name: str, **kwargs: Any) -> Callable[[Demo], str]:
    return lambda demo: reverse(name, kwargs={"case_id": demo.level3_case, **kwargs})


def _portal(name: str) -> Callable[[Demo], str]:
    return lambda demo: reverse(name, kwargs={"case_id": demo.family_case})


def _plain(name: str) -> Callable[[Demo], str]:
    return lambda _demo: reverse(name)


def _public(name: str, suffix: str = "") -> Callable[[Demo], str]:
    return lambda demo: reverse(name, kwargs={"municipality_number": demo.number}) + suffix


def _results(demo: Demo) -> str:
    assert demo.survey_round is not None
    return reverse("surveys:round_results", kwargs={"round_id": demo.survey_round})


JOURNEYS: tuple[Shot, ...] = (
    # A kindergarten teacher who holds the baton.
    Shot("my-cases", "ingrid", _plain("cases:my_cases")),
    Shot("case-level-3", "ingrid", _case("cases:case_detail")),
    Shot("new-entry", "ingrid", _case("cases:entry_create")),
    Shot("new-measure", "ingrid", _case("cases:measure_create")),
    Shot("new-meeting", "ingrid", _case("cases:meeting_create")),
    Shot("change-level", "ingrid", _case("cases:case_change_level")),
    # A health nurse and a unit leader.
    Shot("my-cases", "hanne", _plain("cases:my_cases")),
    Shot("unit-cases", "eva", _plain("cases:my_cases")),
    # A parent in the family portal.
    Shot("portal-home", "family", _plain("portal:home")),
    Shot("portal-case", "family", _portal("portal:case")),
    Shot("portal-access-log", "family", _portal("portal:access_log")),
    Shot("portal-consents", "family", _portal("portal:consents")),
    # The municipal coordinator.
    Shot("dashboard", "tobias", _plain("monitoring:dashboard")),
    Shot("dashboard-units", "tobias", _plain("monitoring:dashboard_units")),
    Shot("plans", "tobias", _plain("implementation:plan_list")),
    Shot("surveys", "tobias", _plain("surveys:survey_list")),
    Shot("survey-results", "tobias", _results),
    Shot("guide-editor", "tobias", _plain("guide:overview")),
    Shot("services-editor", "tobias", _plain("directory:service_list")),
    # The admin, the privacy officer and the archivist.
    Shot("units", "ragnhild", _plain("orgs:unit_list")),
    Shot("staff", "ragnhild", _plain("orgs:staff_list")),
    Shot("deletion", "ragnhild", _plain("retention:page")),
    Shot("log-review", "pia", _plain("logreview:review")),
    Shot("archive", "asle", _plain("archive:packages")),
    # The neighbouring unit leader with a log on its way to her.
    Shot("moving-inbox", "solveig", _plain("transfer:inbox")),
    # The regional program coordinator (TIBIR).
    Shot("practitioners", "torild", _plain("registry:practitioner_list")),
    Shot("courses", "torild", _plain("registry:course_list")),
    Shot("registry-report", "torild", _plain("registry:report")),
    Shot("registry-import", "torild", _plain("registry:import")),
    # A worried parent on the public guide.
    Shot("public-guide", "", _public("public:guide")),
    Shot("public-search", "", _public("public:search", "?q=sover+dårlig")),
    Shot("public-services", "", _public("directory:public_list")),
)


def _demo() -> Demo:
    with override_settings(LAGET_DEMO=True):
        call_command("seed_demo", stdout=StringIO())
    level3 = (
        Case.objects.filter(
            level=3,
            closed_at__isnull=True,
            participants__user__username="ingrid",
            participants__role=ParticipantRole.STAFETTHOLDER,
            participants__left_at__isnull=True,
        ).first()
        or Case.objects.filter(level=3, closed_at__isnull=True).order_by("pk").first()
    )
    assert level3 is not None
    guardian = _portal_guardian()
    family_case = Case.objects.filter(subject=guardian.subject).order_by("pk").first()
    assert family_case is not None
    survey_round = Round.objects.order_by("pk").values_list("pk", flat=True).first()
    return Demo(data.MUNICIPALITY_NUMBER, level3.pk, family_case.pk, survey_round)


def _portal_guardian() -> Guardian:
    name = data.PORTAL_GUARDIAN[0]
    return next(g for g in Guardian.objects.order_by("pk") if g.name == name)


def _context(browser: Browser, base: str, who: str, width: int) -> BrowserContext:
    """A browser context as `who`, logged in the way they log in (the family's session is the
    one the portal's login leaves)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
    context.set_default_timeout(10_000)
    if who == "family":
        client = Client()
        client.force_login(portal_user_for_guardian(_portal_guardian()), backend=FAMILY_BACKEND)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])
    elif who:
        page = context.new_page()
        page.goto(base + reverse("login"))
        page.get_by_label("Brukernavn").fill(who)
        page.get_by_label("Passord").fill(data.PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_load_state()
        page.close()
    return context


@pytest.mark.parametrize("width", WIDTHS)
def test_the_main_journeys_in_pictures(live_server: Any, browser: Browser, width: int) -> None:
    demo = _demo()
    folder = FOLDER / str(width)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    contexts: dict[str, BrowserContext] = {}
    problems: dict[str, object] = {}
    try:
        for number, shot in enumerate(JOURNEYS, start=1):
            if shot.who not in contexts:
                contexts[shot.who] = _context(browser, live_server.url, shot.who, width)
            page = contexts[shot.who].new_page()
            response = page.goto(live_server.url + shot.url(demo))
            label = f"{number:02d}-{shot.who or 'public'}-{shot.name}"
            page.screenshot(path=folder / f"{label}.png", full_page=True)
            wide = page.evaluate("document.documentElement.scrollWidth")
            status = response.status if response is not None else None
            if status != 200 or wide > width:
                problems[label] = (status, wide)
            page.close()
    finally:
        for context in contexts.values():
            context.close()
    assert problems == {}
    assert len(list(folder.glob("*.png"))) == len(JOURNEYS)
