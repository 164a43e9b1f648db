"""No response of Laget is kept in a browser's or a proxy's cache.

Case pages, PDFs, API answers and the portal hold children's health, violence and family
details; a shared office PC must not keep them after the person logs out. Deny by default:
every response Django makes says so. Two kinds are left as they are: static files, served by
WhiteNoise before this runs, and a page its view marked `public` (the service directory's
public pages, public information about services, no person in them).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "public" in response.get("Cache-Control", ""):
            return response
        add_never_cache_headers(response)
        response["Pragma"] = "no-cache"
        return response
