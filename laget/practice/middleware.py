"""Enters the practice scope (laget/lib/practice.py) for a practice case's allowed pages."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from laget.lib.practice import enter_practice_scope, is_practice_case, practice_scope
from laget.practice.pages import opens


class PracticeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Every request starts outside the scope, and whatever process_view enters ends here.
        with practice_scope(False):
            return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        match = request.resolver_match
        case_id = view_kwargs.get("case_id")
        if match is not None and is_practice_case(case_id) and opens(match.view_name, case_id):
            enter_practice_scope()
