"""The monitoring pages: the municipal dashboard and its PDF, sharing, and the national view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.audit.models import AuditAction, Via
from laget.audit.services import audit_record
from laget.lib.dbrouting import reads_from_replica
from laget.monitoring.access import aggregate_rows_for
from laget.monitoring.aggregates import national_aggregate
from laget.monitoring.dashboard import YEARS_SHOWN, municipal_dashboard
from laget.monitoring.models import FigureSharing
from laget.monitoring.report import dashboard_pdf
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality
from laget.orgs.rules import administers, managed_municipality, managed_municipality_ids
from laget.orgs.selectors import admin_municipalities

GET = ["GET", "HEAD"]
MSG_SHARING_ON = _("Kommunen deler nå tallene sine regionalt og nasjonalt.")
MSG_SHARING_OFF = _("Kommunen deler ikke lenger tallene sine.")


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _year(request: HttpRequest) -> int:
    """The year asked for, if it is one of those the dashboard offers; else this year."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("ar", this_year))
    except ValueError:
        return this_year
    return year if this_year - YEARS_SHOWN < year <= this_year else this_year


@login_required
@require_http_methods(GET)
@reads_from_replica()
def dashboard(request: HttpRequest) -> HttpResponse:
    board = municipal_dashboard(managed_municipality(_user(request)), year=_year(request))
    return render(
        request,
        "monitoring/dashboard.html",
        {"dashboard": board, "title": _("Oppfølging av innføringen")},
    )


@login_required
@require_http_methods(GET)
@reads_from_replica()
def dashboard_units(request: HttpRequest) -> HttpResponse:
    """The dashboard's figures per unit rather than per kind of service."""
    board = municipal_dashboard(
        managed_municipality(_user(request)), year=_year(request), per_unit=True
    )
    return render(
        request,
        "monitoring/dashboard.html",
        {"dashboard": board, "title": _("Oppfølging av innføringen per enhet")},
    )


@login_required
@require_http_methods(GET)
@reads_from_replica()
def report_pdf(request: HttpRequest) -> HttpResponse:
    board = municipal_dashboard(managed_municipality(_user(request)), year=_year(request))
    response = HttpResponse(dashboard_pdf(board), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="styringsrapport-{board.year}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _admin_municipality(user: User) -> Municipality:
    """The municipality the user administers; 403 for everyone else."""
    municipalities = admin_municipalities(user)
    if not municipalities:
        raise PermissionDenied
    return municipalities[0]


@login_required
@require_http_methods([*GET, "POST"])
def sharing(request: HttpRequest) -> HttpResponse:
    """The municipality's admin decides whether its figures are shared; a coordinator reads it."""
    user = _user(request)
    if request.method == "POST":
        municipality = _admin_municipality(user)
        shares = request.POST.get("shares") == "on"
        with transaction.atomic():
            sharing, _created = FigureSharing.objects.update_or_create(
                municipality=municipality, defaults={"shares": shares, "changed_by": user}
            )
            # Whether figures leave the municipality is a privacy decision: in the access log.
            audit_record(
                actor=actor_for(user, Via.WEB),
                action=AuditAction.UPDATE,
                object_type="figure_sharing",
                object_id=sharing.pk,
            )
        messages.success(request, MSG_SHARING_ON if shares else MSG_SHARING_OFF)
        return redirect("monitoring:sharing")
    municipality = managed_municipality(user)
    current = FigureSharing.objects.filter(municipality=municipality).first()
    return render(
        request,
        "monitoring/sharing.html",
        {
            "municipality": municipality,
            "sharing": current,
            "may_change": administers(user, municipality.pk),
            "title": _("Deling av tall"),
        },
    )


@login_required
@require_http_methods(GET)
@reads_from_replica()
def aggregate(request: HttpRequest) -> HttpResponse:
    """Municipalities side by side: a program admin sees all, a regional coordinator their region,
    a municipality's coordinator or admin their own row; all see the national totals."""
    user = _user(request)
    result = national_aggregate(
        aggregate_rows_for(user), today=timezone.localdate(), own=managed_municipality_ids(user)
    )
    return render(
        request,
        "monitoring/aggregate.html",
        {"aggregate": result, "title": _("Tall på tvers av kommuner")},
    )
