"""Test helpers for the access matrix (laget/tests/test_access_matrix.py)."""

from playwright.sync_api import Page

from laget.accounts.models import User
from laget.orgs.models import Municipality, Role, Unit, UnitKind
from laget.testing.world import PASSWORD, World, add_member, make_user

STEERING = {"coordinator", "admin"}

# (url name, method, roles allowed): every route of the app needs a row.
ACCESS_ROWS: list[tuple[str, str, set[str]]] = [
    ("monitoring:dashboard", "get", STEERING),
    ("monitoring:dashboard_units", "get", STEERING),
    ("monitoring:report_pdf", "get", STEERING),
    ("monitoring:sharing", "get", STEERING),
    ("monitoring:sharing", "post", {"admin"}),
    ("monitoring:aggregate", "get", STEERING),
]


def route_kwargs(name: str, world: World) -> dict[str, object]:
    """URL kwargs for the route named `name` in the access matrix's world: none are needed."""
    return {}


def steering_town(
    name: str, number: str, role: str = Role.COORDINATOR, region: str = ""
) -> tuple[Municipality, list[Unit], User]:
    """A municipality with a kindergarten, a health clinic and a school, and one steering user
    (coordinator or admin) who logs in with laget.testing.world.PASSWORD."""
    m = Municipality.objects.create(name=name, number=number, region=region)
    units = [
        Unit.objects.create(municipality=m, name=f"{name} {kind.label.lower()}", kind=kind)
        for kind in (UnitKind.KINDERGARTEN, UnitKind.HEALTH_CLINIC, UnitKind.SCHOOL)
    ]
    user = make_user(f"styring{number}", "Kim", "Åsvang")
    add_member(user, m, None, role)
    return m, units, user


def log_in(page: Page, base_url: str, user: User) -> None:
    page.goto(base_url + "/logg-inn/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
