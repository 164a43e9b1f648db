"""Access that ends and access that waits: ending a membership, deactivating a user, accepting
or declining a pending membership, and the privacy officer's review of every grant.

A membership or user the user may not act on answers 404, like a missing one; the lists answer
403 to those with no part in them, like the other organisation pages. orgs.services decides.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.accounts.models import User
from laget.orgs import services
from laget.orgs.models import Membership
from laget.orgs.rules import manages_staff
from laget.orgs.selectors import (
    deactivations,
    grants,
    managed_memberships,
    may_deactivate,
    memberships_to_accept,
    reviewed_municipalities,
    staff_profile,
)

METHODS = ["GET", "HEAD", "POST"]
GRANTS_PER_PAGE = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _confirm(
    request: HttpRequest, *, title: str, question: str, button: str, errors: list[str]
) -> HttpResponse:
    return render(
        request,
        "orgs/confirm.html",
        {
            "title": title,
            "question": question,
            "button": button,
            "errors": errors,
            "back_url": reverse("orgs:staff_list"),
        },
    )


@login_required
@require_http_methods(METHODS)
def membership_end(request: HttpRequest, membership_id: int) -> HttpResponse:
    by = _user(request)
    membership = managed_memberships(staff_profile(by)).filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.membership_end(by=by, membership=membership)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Medlemskapet er avsluttet."))
            return redirect("orgs:staff_list")
    place = membership.unit.name if membership.unit else membership.municipality.name
    question = _(
        "Skal %(name)s ikke lenger være %(role)s i %(place)s? Personen mister med en gang "
        "tilgangen til sakene sine gjennom denne enheten og blir logget ut. Stafettholderne i "
        "sakene får beskjed."
    ) % {
        "name": membership.user.display_name,
        "role": membership.get_role_display().lower(),
        "place": place,
    }
    return _confirm(
        request,
        title=_("Avslutt medlemskap"),
        question=question,
        button=_("Ja, avslutt"),
        errors=errors,
    )


@login_required
@require_http_methods(METHODS)
def user_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    by = _user(request)
    target = User.objects.filter(pk=user_id).first()
    if target is None or not may_deactivate(by, target):
        raise Http404
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.user_deactivate(by=by, user=target)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Brukeren er deaktivert."))
            return redirect("orgs:staff_list")
    question = _(
        "Skal brukeren til %(name)s deaktiveres? Alle medlemskap og all tilgang til saker "
        "avsluttes med en gang, og personen blir logget ut overalt. Stafettholderne i sakene "
        "får beskjed."
    ) % {"name": target.display_name}
    return _confirm(
        request,
        title=_("Deaktiver bruker"),
        question=question,
        button=_("Ja, deaktiver"),
        errors=errors,
    )


@login_required
@require_http_methods(METHODS)
def user_sign_out(request: HttpRequest, user_id: int) -> HttpResponse:
    by = _user(request)
    target = User.objects.filter(pk=user_id).first()
    if target is None or not may_deactivate(by, target):
        raise Http404
    if request.method == "POST":
        services.user_sign_out(by=by, user=target)
        messages.success(request, _("Brukeren er logget ut overalt."))
        return redirect("orgs:staff_list")
    question = _(
        "Skal %(name)s logges ut på alle nettlesere, og API-nøklene slettes? Tilgangen beholdes: "
        "personen kan logge inn igjen med en gang. Har noen andre sett passordet, må det også "
        "byttes."
    ) % {"name": target.display_name}
    return _confirm(
        request,
        title=_("Logg ut overalt"),
        question=question,
        button=_("Ja, logg ut"),
        errors=[],
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def membership_pending(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not manages_staff(user):
        raise PermissionDenied
    return render(
        request,
        "orgs/pending_list.html",
        {"memberships": memberships_to_accept(user), "title": _("Til godkjenning")},
    )


def _decide(request: HttpRequest, membership_id: int, *, accept: bool) -> HttpResponse:
    by = _user(request)
    membership = Membership.objects.filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    if accept:
        services.membership_accept(by=by, membership=membership)
        messages.success(request, _("Medlemskapet er godkjent og gjelder fra nå."))
    else:
        services.membership_decline(by=by, membership=membership)
        messages.success(request, _("Medlemskapet er avslått."))
    return redirect("orgs:membership_pending")


@login_required
@require_POST
def membership_accept(request: HttpRequest, membership_id: int) -> HttpResponse:
    return _decide(request, membership_id, accept=True)


@login_required
@require_POST
def membership_decline(request: HttpRequest, membership_id: int) -> HttpResponse:
    return _decide(request, membership_id, accept=False)


@login_required
@require_http_methods(["GET", "HEAD"])
def grant_list(request: HttpRequest) -> HttpResponse:
    """Who gave what access to whom, when, and who accepted or ended it."""
    municipalities = reviewed_municipalities(_user(request))
    if not municipalities:
        raise PermissionDenied
    page = Paginator(grants(municipalities), GRANTS_PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        "orgs/grant_list.html",
        {
            "page": page,
            "deactivated": deactivations(municipalities)[:GRANTS_PER_PAGE],
            "municipalities": municipalities,
            "title": _("Tildelte tilganger"),
        },
    )
