"""The municipality's list of statutes, and the admin's additions to it. Organisation data:
no case content, so nothing here reads a case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.cases.forms.statutes import LocalStatuteForm
from laget.cases.models import LocalStatute
from laget.cases.services.statutes import local_statute_create
from laget.cases.statutes import NATIONAL, kinds_label
from laget.cases.views.common import current_user, web_actor
from laget.orgs.selectors import admin_municipalities


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def statute_list(request: HttpRequest) -> HttpResponse:
    """The admin of a municipality (`?kommune=` for one of several) reviews the list and adds
    to it with a reason."""
    municipalities = admin_municipalities(current_user(request))
    if not municipalities:
        raise PermissionDenied
    wanted = request.GET.get("kommune", "")
    municipality = next((m for m in municipalities if str(m.pk) == wanted), municipalities[0])
    form = LocalStatuteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            local_statute_create(
                actor=web_actor(request), municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Lovhjemmelen er lagt til i listen."))
            return redirect(f"{reverse('cases:statute_list')}?kommune={municipality.pk}")
    local = LocalStatute.objects.filter(municipality=municipality).select_related("created_by")
    return render(
        request,
        "cases/statute_list.html",
        {
            "title": _("Lovhjemler for %(name)s") % {"name": municipality.name},
            "municipality": municipality,
            "national": [(s, kinds_label(s.kinds)) for s in NATIONAL],
            "local": [(s, kinds_label(s.unit_kinds)) for s in local],
            "form": form,
        },
    )
