"""The family side's language switch: any of the families' languages, remembered."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from laget.portal.language import remember


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """Open to anyone (the login page has the switch too); an unknown language is bokmål, an
    address elsewhere is the portal's front page."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("portal:home")
    response = HttpResponseRedirect(target)
    remember(request, response, request.POST.get("language", ""))
    return response
