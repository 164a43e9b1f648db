"""A working day at Laget, for locust, run by laget/scale/load.py in a process of its own.

Staff who hold logs open their cases, open a case, write an entry and evaluate a measure, the
way a browser does it (the form first, its CSRF token, the POST, the case page it leads to);
coordinators look at the municipal dashboard; families read their child's log in the portal;
API clients read cases with a token. Who they are — their session or token, and the paths of
their cases and measures — comes from the JSON file named by LAGET_LOAD_PEOPLE
(laget/scale/people.py). Each person waits LAGET_LOAD_THINK seconds on average between actions.

Every answer must be exactly the expected one (200 for a page, 302 after a saved form, no
redirect to a login): anything else counts as an error. No Django here: this runs under gevent.
"""

import datetime
import json
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gevent
from locust import FastHttpUser, between, task
from requests.cookies import create_cookie

PEOPLE: dict[str, Any] = json.loads(Path(os.environ["LAGET_LOAD_PEOPLE"]).read_text("utf-8"))
THINK = float(os.environ.get("LAGET_LOAD_THINK", "10"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
EVALUATED_ON = re.compile(r'name="evaluated_on" value="([\d-]+)"')
# Which case or measure a person turns to next: not a secret.
_random = random.Random()  # noqa: S311
pick, uniform = _random.choice, _random.uniform
TEXT = "Skrevet under lasttesten: rolig dag, god kontakt i samlingsstunden."


class Person(FastHttpUser):
    abstract = True
    wait_time = between(THINK * 0.5, THINK * 1.5)
    people: Iterator[dict[str, Any]] = iter(())

    def on_start(self) -> None:
        self.me = next(self.people)
        if "session" in self.me:
            cookie = create_cookie(PEOPLE["cookie_name"], self.me["session"], domain=self.host_name)
            self.client.cookiejar.set_cookie(cookie)
        # People start at different moments, not all at once as locust spawns them.
        gevent.sleep(uniform(0, THINK))

    @property
    def host_name(self) -> str:
        return str(self.host).split("//", 1)[-1].split(":", 1)[0]

    def fetch(self, path: str, name: str, **kwargs: Any) -> str:
        """GET a page that must answer 200; its text ('' when it did not)."""
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")
                return ""
            return str(r.text or "")

    def missing(self, name: str, what: str) -> bool:
        """A write that could not be tried counts as a failed one."""
        self.environment.events.request.fire(
            request_type="POST",
            name=name,
            response_time=0,
            response_length=0,
            exception=RuntimeError(what),
            context={},
        )
        return False

    def submit(self, path: str, name: str, form: str, data: dict[str, str]) -> bool:
        """POST a form with the CSRF token from its page; saved means a redirect (302)."""
        token = CSRF.search(form)
        if token is None:
            return self.missing(name, "the form has no CSRF token")
        body = {"csrfmiddlewaretoken": token.group(1), **data}
        with self.client.post(
            path, data=body, name=name, allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code != 302:
                r.failure(f"{r.status_code}")
                return False
        return True


class Staff(Person):
    """A stafettholder through the day: mostly reading, now and then writing."""

    fixed_count = len(PEOPLE["staff"])
    people = iter(PEOPLE["staff"])

    @task(3)
    def my_cases(self) -> None:
        self.fetch("/", "my cases")

    @task(5)
    def open_case(self) -> None:
        self.fetch(pick(self.me["cases"])["page"], "case page")

    @task(2)
    def write_entry(self) -> None:
        case = pick(self.me["cases"])
        form = self.fetch(case["entry"], "entry form")
        data = {"kind": "observation", "text": TEXT, "audience": "professionals", "meeting": ""}
        if form and self.submit(case["entry"], "entry write", form, data):
            self.fetch(case["page"], "case page")

    @task(1)
    def evaluate_measure(self) -> None:
        if not self.me["measures"]:
            return self.open_case()
        measure = pick(self.me["measures"])
        form = self.fetch(measure["evaluate"], "evaluation form")
        version, day = VERSION.search(form), EVALUATED_ON.search(form)
        if form and (version is None or day is None):
            self.missing("evaluation write", "the form has no version or date")
        if version is None or day is None:
            return None
        evaluated = datetime.date.fromisoformat(day.group(1))
        data = {
            "version": version.group(1),
            "evaluated_on": evaluated.isoformat(),
            "outcome": "partly",
            "text": TEXT,
            "status": "active",  # continues, so the measure can be evaluated again
            "next_evaluation_on": (evaluated + datetime.timedelta(days=30)).isoformat(),
        }
        if self.submit(measure["evaluate"], "evaluation write", form, data):
            self.fetch(measure["page"], "case page")
        return None


class Coordinator(Person):
    fixed_count = len(PEOPLE["coordinators"])
    people = iter(PEOPLE["coordinators"])

    """Starts on the municipal dashboard (their front page) and comes back to it."""

    @task
    def dashboard(self) -> None:
        self.fetch(self.me["dashboard"], "dashboard")


class Family(Person):
    fixed_count = len(PEOPLE["family"])
    people = iter(PEOPLE["family"])

    @task(1)
    def home(self) -> None:
        self.fetch(self.me["home"], "portal home")

    @task(2)
    def case(self) -> None:
        self.fetch(pick(self.me["cases"]), "portal case")


class ApiClient(Person):
    """A municipality's own system reading through the API with its token."""

    fixed_count = len(PEOPLE["api"])
    people = iter(PEOPLE["api"])

    def api(self, path: str, name: str) -> None:
        self.fetch(path, name, headers={"Authorization": f"Token {self.me['token']}"})

    @task(1)
    def cases(self) -> None:
        self.api(self.me["list"], "API cases")

    @task(3)
    def case(self) -> None:
        self.api(pick(self.me["cases"]), "API case")

    @task(1)
    def entries(self) -> None:
        self.api(pick(self.me["entries"]), "API entries")


# Users of a class with no people (a tiny data set) are not started.
for _cls in (Staff, Coordinator, Family, ApiClient):
    if not _cls.fixed_count:
        _cls.abstract = True
del _cls
