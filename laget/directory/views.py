"""Pages of the service directory.

Staff pages: the municipal coordinator or admin lists, creates, edits and deactivates the
municipality's services (others get 403); every logged-in staff user searches them.
Public pages under /tjenester/<kommunenummer>/: the active services, searchable, without login.
They show public information about services only, never anything about a person.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from laget.accounts.models import User
from laget.directory import selectors, services
from laget.directory.forms import ServiceForm
from laget.directory.models import Service
from laget.orgs.models import Municipality, Unit
from laget.orgs.rules import managed_municipalities, manages_municipality
from laget.orgs.selectors import staff_profile

METHODS = ["GET", "HEAD", "POST"]
READ = ["GET", "HEAD"]
# Longest query read from the search box; anything longer is cut.
QUERY_MAX = 100
RESULTS_MAX = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _query(request: HttpRequest) -> str:
    return request.GET.get("q", "").strip()[:QUERY_MAX]


def _editor_municipalities(user: User) -> list[Municipality]:
    municipalities = managed_municipalities(user)
    if not municipalities:
        raise PermissionDenied
    return municipalities


def _editable_service(user: User, service_id: int) -> Service:
    """A service of the user's municipality: 404 outside it, 403 for those who may not edit."""
    service = (
        Service.objects.select_related("municipality", "unit")
        .filter(pk=service_id, municipality_id__in=staff_profile(user).municipality_ids)
        .first()
    )
    if service is None:
        raise Http404
    if not manages_municipality(user, service.municipality_id):
        raise PermissionDenied
    return service


def _units(municipalities: list[Municipality]) -> list[Unit]:
    return list(
        Unit.objects.filter(municipality__in=municipalities, is_active=True).order_by("name")
    )


def _fields(form: ServiceForm) -> dict[str, object]:
    data = dict(form.cleaned_data)
    data.pop("municipality", None)
    unit_id = data.pop("unit", None)
    data["unit"] = Unit.objects.filter(pk=unit_id).first() if unit_id else None
    return data


@login_required
@require_http_methods(READ)
def service_list(request: HttpRequest) -> HttpResponse:
    municipalities = _editor_municipalities(_user(request))
    rows = selectors.all_services(m.pk for m in municipalities)
    return render(
        request,
        "directory/service_list.html",
        {"services": rows, "municipalities": municipalities, "title": _("Tjenestekatalogen")},
    )


@login_required
@require_http_methods(METHODS)
def service_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    municipalities = _editor_municipalities(user)
    form = ServiceForm(
        request.POST or None, municipalities=municipalities, units=_units(municipalities)
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("municipality")
        municipality = next((m for m in municipalities if m.pk == chosen), municipalities[0])
        try:
            service = services.service_create(by=user, municipality=municipality, **_fields(form))
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Tjenesten «%(name)s» er lagt til.") % {"name": service})
            return redirect("directory:service_list")
    return render(
        request,
        "directory/service_form.html",
        {"form": form, "title": _("Ny tjeneste"), "back_url": reverse("directory:service_list")},
    )


@login_required
@require_http_methods(METHODS)
def service_update(request: HttpRequest, service_id: int) -> HttpResponse:
    user = _user(request)
    service = _editable_service(user, service_id)
    form = ServiceForm(
        request.POST or None,
        municipalities=[service.municipality],
        units=_units([service.municipality]),
        instance=service,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(by=user, service=service, **_fields(form))
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("directory:service_list")
    title = _("Endre %(name)s") % {"name": service.name}
    return render(
        request,
        "directory/service_form.html",
        {
            "form": form,
            "title": title,
            "service": service,
            "back_url": reverse("directory:service_list"),
        },
    )


@login_required
@require_http_methods(METHODS)
def service_deactivate(request: HttpRequest, service_id: int) -> HttpResponse:
    user = _user(request)
    service = _editable_service(user, service_id)
    if request.method == "POST":
        services.service_deactivate(by=user, service=service)
        messages.success(
            request, _("«%(name)s» er ikke lenger aktiv i katalogen.") % {"name": service}
        )
        return redirect("directory:service_list")
    title = _("Deaktiver %(name)s") % {"name": service.name}
    return render(
        request, "directory/service_deactivate.html", {"service": service, "title": title}
    )


@login_required
@require_http_methods(READ)
def staff_search(request: HttpRequest) -> HttpResponse:
    """Search the directory of one's own municipality (any logged-in staff user)."""
    user = _user(request)
    ids = staff_profile(user).municipality_ids
    municipality = Municipality.objects.filter(pk__in=ids).order_by("name").first()
    if municipality is None:
        raise PermissionDenied
    query = _query(request)
    context = {
        "municipality": municipality,
        "query": query,
        "matches": selectors.search(municipality, query, limit=RESULTS_MAX) if query else [],
        "services": [] if query else list(selectors.public_services(municipality)),
        "may_edit": manages_municipality(user, municipality.pk),
        "title": _("Søk i tjenestekatalogen"),
        "public": False,
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "directory/_results.html", context)
    return render(request, "directory/staff_search.html", context)


def _public_municipality(number: str) -> Municipality:
    return get_object_or_404(Municipality, number=number)


# Public pages: the same for everyone, so shared caches may keep them for a while.
public_cache = cache_control(public=True, max_age=300)


@require_http_methods(READ)
@public_cache
@vary_on_headers("HX-Request")
def public_list(request: HttpRequest, municipality_number: str) -> HttpResponse:
    municipality = _public_municipality(municipality_number)
    query = _query(request)
    context = {
        "municipality": municipality,
        "query": query,
        "matches": selectors.search(municipality, query, limit=RESULTS_MAX) if query else [],
        "services": [] if query else list(selectors.public_services(municipality)),
        "public": True,
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "directory/_results.html", context)
    return render(request, "directory/public_list.html", context)


@require_http_methods(READ)
@public_cache
def public_detail(request: HttpRequest, municipality_number: str, service_id: int) -> HttpResponse:
    municipality = _public_municipality(municipality_number)
    found = selectors.services_by_ids(municipality, [service_id])
    if not found:
        raise Http404
    return render(
        request,
        "directory/public_detail.html",
        {"municipality": municipality, "service": found[0]},
    )
