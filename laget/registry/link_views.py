"""Linking a practitioner to their own Laget user (the rule: laget/registry/user_links.py).

The employee's two actions come from "Min opplæring" (laget/training), which shows the offer
through this app's template tag (templatetags/registry_links.py): the training app does not
know the registry (the layer contract in pyproject.toml). The registry's own action removes a
wrong link from a practitioner's page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from laget.accounts.models import User
from laget.registry import access, services
from laget.training.access import staff_municipality_ids


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _employee(request: HttpRequest) -> User:
    """Those "Min opplæring" is for: staff of a municipality (403 for anyone else)."""
    user = _user(request)
    staff_municipality_ids(user)
    return user


@login_required
@require_POST
def self_link(request: HttpRequest, practitioner_id: int) -> HttpResponse:
    user = _employee(request)
    try:
        practitioner = services.practitioner_link_self(by=user, practitioner_id=practitioner_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Du er koblet til utøveren %(name)s i programregisteret.") % {"name": practitioner},
        )
    return redirect("training:mine")


@login_required
@require_POST
def self_unlink(request: HttpRequest, practitioner_id: int) -> HttpResponse:
    user = _employee(request)
    services.practitioner_unlink_self(by=user, practitioner_id=practitioner_id)
    messages.success(request, _("Koblingen til programregisteret er fjernet."))
    return redirect("training:mine")


@login_required
@require_POST
def practitioner_unlink(request: HttpRequest, practitioner_id: int) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    practitioner = access.practitioner_for(user, practitioner_id)
    try:
        services.practitioner_unlink(by=user, practitioner=practitioner)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Koblingen til brukeren i Laget er fjernet."))
    return redirect("registry:practitioner_detail", practitioner_id=practitioner.pk)
