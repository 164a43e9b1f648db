"""Which HTTP methods a URL pattern's view answers, for the access matrix's coverage test.

Django's method decorators (`require_http_methods`, `require_GET`, `require_POST`,
`require_safe`) leave no attribute on the view; the list lives in the closure of the wrapper
they return, which `functools.wraps` links to through `__wrapped__`. Class-based views (Django
and DRF) list theirs as handler methods; both answer HEAD with GET (View.setup).
"""

from collections.abc import Callable, Iterator
from typing import Any

from django.urls import URLPattern, URLResolver

# What a view without a method decorator answers: everything.
EVERY_METHOD = frozenset({"get", "head", "post", "put", "patch", "delete", "options"})


def _declared(view: Callable[..., Any]) -> set[str] | None:
    seen: set[int] = set()
    current: Any = view
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        code = getattr(current, "__code__", None)
        closure = getattr(current, "__closure__", None)
        if code is not None and closure and "request_method_list" in code.co_freevars:
            cell = closure[code.co_freevars.index("request_method_list")]
            return {m.lower() for m in cell.cell_contents}
        current = getattr(current, "__wrapped__", None)
    return None


def accepted_methods(view: Callable[..., Any]) -> frozenset[str]:
    """The lower-case HTTP methods the view answers with anything but 405."""
    cls = getattr(view, "view_class", None) or getattr(view, "cls", None)
    if cls is not None:
        names = {m for m in cls.http_method_names if hasattr(cls, m)}
        if "get" in names:
            names.add("head")
        return frozenset(names)
    declared = _declared(view)
    return EVERY_METHOD if declared is None else frozenset(declared)


def served_routes(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, frozenset[str]]]:
    """(namespaced URL name, methods) of every URL pattern; an unnamed one as "?<pattern>"."""
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else ""
            yield from served_routes(p.url_patterns, prefix + ns)
        else:
            name = prefix + p.name if p.name else f"?{prefix}{p.pattern}"
            yield name, accepted_methods(p.callback)
