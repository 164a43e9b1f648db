"""What the practice area shows: the user's practice cases and the scenario library."""

from dataclasses import dataclass

from laget.accounts.models import User
from laget.cases.access import practice_cases
from laget.cases.models import Case
from laget.practice.models import ScenarioRun
from laget.practice.scenarios import SCENARIOS, SCENARIOS_BY_KEY, Scenario


@dataclass(frozen=True)
class PracticeCase:
    case: Case
    scenario: Scenario | None


@dataclass(frozen=True)
class PracticeArea:
    cases: list[PracticeCase]
    scenarios: tuple[Scenario, ...]


def practice_area(user: User) -> PracticeArea:
    """Two queries: the cases, and which scenario each came from."""
    cases = list(practice_cases(user).select_related("subject", "unit").order_by("-opened_at"))
    runs = dict(
        ScenarioRun.objects.filter(case__in=[c.pk for c in cases]).values_list(
            "case_id", "scenario"
        )
    )
    return PracticeArea(
        cases=[PracticeCase(c, SCENARIOS_BY_KEY.get(runs.get(c.pk, ""))) for c in cases],
        scenarios=SCENARIOS,
    )
