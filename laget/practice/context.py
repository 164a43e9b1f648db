"""`practice_mode` for every template: the banner and the colour of practice pages (base.html).
Decided without a query: the practice area's own pages, and a practice case's pages (inside
the practice scope)."""

from django.http import HttpRequest

from laget.lib.practice import in_practice_scope


def practice_mode(request: HttpRequest) -> dict[str, bool]:
    match = getattr(request, "resolver_match", None)
    own_page = match is not None and match.namespace == "practice"
    return {"practice_mode": own_page or in_practice_scope()}
