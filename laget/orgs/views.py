"""Organisation pages: the municipal admin manages units and staff, unit leaders their staff.

These pages show organisation data only, never case content. Anyone else gets 403.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.orgs import services
from laget.orgs.forms import MunicipalityForm, StaffForm, UnitForm
from laget.orgs.models import Municipality, Role, Unit
from laget.orgs.selectors import (
    admin_municipalities,
    managed_memberships,
    memberships_to_accept,
    staff_profile,
)

METHODS = ["GET", "HEAD", "POST"]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@dataclass(frozen=True)
class StaffScope:
    """Whom the user manages: the municipalities, the units and the roles they may give."""

    municipalities: list[Municipality]
    units: list[Unit]
    roles: list[str]
    is_admin: bool


def _staff_scope(user: User) -> StaffScope:
    admin_of = admin_municipalities(user)
    if admin_of:
        units = list(
            Unit.objects.filter(municipality__in=admin_of, is_active=True).order_by("name")
        )
        return StaffScope(admin_of, units, list(Role.values), is_admin=True)
    led = list(
        Unit.objects.filter(pk__in=staff_profile(user).led_unit_ids, is_active=True)
        .select_related("municipality")
        .order_by("name")
    )
    if not led:
        raise PermissionDenied
    municipalities = list({u.municipality_id: u.municipality for u in led}.values())
    return StaffScope(municipalities, led, [Role.EMPLOYEE], is_admin=False)


@login_required
@require_http_methods(["GET", "HEAD"])
def unit_list(request: HttpRequest) -> HttpResponse:
    municipalities = admin_municipalities(_user(request))
    if not municipalities:
        raise PermissionDenied
    units = Unit.objects.filter(municipality__in=municipalities).order_by("name")
    return render(
        request,
        "orgs/unit_list.html",
        {"units": units, "municipalities": municipalities, "title": _("Enheter")},
    )


@login_required
@require_http_methods(METHODS)
def unit_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    municipalities = admin_municipalities(user)
    if not municipalities:
        raise PermissionDenied
    form = UnitForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        municipality = next(
            (m for m in municipalities if m.pk == data.get("municipality")), municipalities[0]
        )
        try:
            services.unit_create(
                by=user, municipality=municipality, name=data["name"], kind=data["kind"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Enheten er opprettet."))
            return redirect("orgs:unit_list")
    return render(request, "orgs/form_page.html", {"form": form, "title": _("Ny enhet")})


@login_required
@require_http_methods(["GET", "HEAD"])
def staff_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    scope = _staff_scope(user)
    rows = managed_memberships(staff_profile(user))
    context = {
        "memberships": rows,
        "scope": scope,
        "to_accept": memberships_to_accept(user).count(),
        "title": _("Ansatte"),
    }
    return render(request, "orgs/staff_list.html", context)


@login_required
@require_http_methods(METHODS)
def staff_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    scope = _staff_scope(user)
    form = StaffForm(
        request.POST or None,
        municipalities=scope.municipalities,
        units=scope.units,
        roles=scope.roles,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next((u for u in scope.units if u.pk == data["unit"]), None)
        municipality = (
            unit.municipality
            if unit is not None
            else next(
                (m for m in scope.municipalities if m.pk == data.get("municipality")),
                scope.municipalities[0],
            )
        )
        try:
            created = services.staff_create(
                by=user,
                municipality=municipality,
                unit=unit,
                role=data["role"],
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                title=data["title"],
                password=data["password"],
            )
        except PermissionDenied:
            form.add_error("role", services.MSG_ROLE_NOT_ALLOWED)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            if created.memberships.filter(pending=True).exists():
                messages.success(
                    request,
                    _(
                        "Brukeren er opprettet. Tilgangen gjelder først når en leder i enheten "
                        "har godkjent den (eller en annen administrator, om enheten ikke har "
                        "leder)."
                    ),
                )
            else:
                messages.success(request, _("Brukeren er opprettet."))
            return redirect("orgs:staff_list")
    return render(request, "orgs/form_page.html", {"form": form, "title": _("Ny ansatt")})


@login_required
@require_http_methods(METHODS)
def municipality_settings(request: HttpRequest, municipality_id: int) -> HttpResponse:
    user = _user(request)
    administered = admin_municipalities(user)
    if not administered:
        raise PermissionDenied
    municipality = next((m for m in administered if m.pk == municipality_id), None)
    if municipality is None:
        # Another municipality's settings look like missing ones, to its admins too.
        raise Http404
    form = MunicipalityForm(
        request.POST or None,
        initial={
            "level0_deadline_days": municipality.level0_deadline_days,
            "require_second_factor": municipality.require_second_factor,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.municipality_update(
                by=user,
                municipality=municipality,
                level0_deadline_days=form.cleaned_data["level0_deadline_days"],
                require_second_factor=form.cleaned_data["require_second_factor"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Innstillingene er lagret."))
            return redirect("orgs:unit_list")
    title = _("Innstillinger for %(name)s") % {"name": municipality.name}
    return render(request, "orgs/form_page.html", {"form": form, "title": title})
