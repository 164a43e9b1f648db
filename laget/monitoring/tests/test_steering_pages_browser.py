"""Every steering page of plans, surveys and figures at 360 px: no serious axe finding and no
sideways scrolling."""

import datetime
import random
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from laget.demo.monitoring import NEIGHBOURS, seed_neighbours
from laget.demo.surveys import seed_demo_surveys
from laget.implementation.demo import seed_demo_plans
from laget.monitoring.models import FigureSharing
from laget.monitoring.testing import log_in, steering_town
from laget.orgs.models import Role
from laget.surveys.models import Questionnaire, Round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_steering_pages_pass_axe_on_a_phone(live_server: Any, page: Page, axe: Any) -> None:
    m, units, admin = steering_town("Tindeby", "7902", Role.ADMIN, "Fiktiv demokommune")
    plan = seed_demo_plans(m, units)
    seed_demo_surveys(m, units, datetime.date.today(), random.Random(3))
    FigureSharing.objects.create(municipality=m, shares=True)
    seed_neighbours()
    questionnaire = Questionnaire.objects.get(municipality=m)
    round_ = Round.objects.filter(questionnaire=questionnaire).latest("opens_on")
    milestone = plan.milestones.first()
    assert milestone is not None and len(NEIGHBOURS) > 0

    log_in(page, live_server.url, admin)
    urls = [
        reverse("implementation:plan_list"),
        reverse("implementation:plan_detail", kwargs={"plan_id": plan.pk}),
        reverse("implementation:sic_compare", kwargs={"plan_id": plan.pk}),
        reverse(
            "implementation:milestone_edit",
            kwargs={"plan_id": plan.pk, "milestone_id": milestone.pk},
        ),
        reverse("surveys:survey_list"),
        reverse("surveys:questionnaire_detail", kwargs={"questionnaire_id": questionnaire.pk}),
        reverse("surveys:round_detail", kwargs={"round_id": round_.pk}),
        reverse("surveys:round_results", kwargs={"round_id": round_.pk}),
        reverse("surveys:past_round_create", kwargs={"questionnaire_id": questionnaire.pk}),
        reverse("monitoring:aggregate"),
        reverse("monitoring:sharing"),
    ]
    problems = {}
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, url
        serious = [v["id"] for v in axe(page) if v.get("impact") in ("serious", "critical")]
        width = page.evaluate("document.documentElement.scrollWidth")
        if serious or width > 360:
            problems[url] = (serious, width)
    assert problems == {}
