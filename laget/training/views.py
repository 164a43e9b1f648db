"""The training pages: the training offered, one item with "mark as done", my training, and a
unit's overview for its leaders and the municipality's coordinators and admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.accounts.models import User
from laget.training import access, services
from laget.training.selectors import (
    completed_item_ids,
    completions_of,
    items_for,
    unit_training,
)

GET = ["GET", "HEAD"]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_http_methods(GET)
def training_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    items = list(items_for(access.staff_municipality_ids(user)))
    return render(
        request,
        "training/list.html",
        {
            "items": items,
            "done": completed_item_ids(user),
            "units": access.units_seen_by(user),
            "editable": access.editable_municipalities(user),
            "title": _("Opplæring"),
        },
    )


@login_required
@require_http_methods(GET)
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    user = _user(request)
    item = access.item_for(user, item_id)
    return render(
        request,
        "training/item.html",
        {"item": item, "is_done": item.pk in completed_item_ids(user), "title": item.title},
    )


@login_required
@require_POST
def item_complete(request: HttpRequest, item_id: int) -> HttpResponse:
    user = _user(request)
    item = access.item_for(user, item_id)
    try:
        services.training_complete(by=user, item=item)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Opplæringen er registrert som fullført."))
    return redirect("training:item", item_id=item.pk)


@login_required
@require_http_methods(GET)
def my_training(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    completions = list(completions_of(user))
    done = {c.item_id for c in completions}
    remaining = [i for i in items_for(access.staff_municipality_ids(user)) if i.pk not in done]
    return render(
        request,
        "training/mine.html",
        {"completions": completions, "remaining": remaining, "title": _("Min opplæring")},
    )


@login_required
@require_http_methods(GET)
def unit_overview(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access.unit_for(_user(request), unit_id)
    overview = unit_training(unit)
    return render(
        request,
        "training/unit.html",
        {
            "overview": overview,
            "counts": [(item, overview.done_count(item)) for item in overview.items],
            "title": _("Opplæring i %(unit)s") % {"unit": unit.name},
        },
    )
