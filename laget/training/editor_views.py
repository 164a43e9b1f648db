"""The editor of a municipality's own training, for its coordinators and admins: the list (its
own items beside Laget's national set, which is read-only here), create, change and delete.
To anyone else the pages are missing (404: laget/training/access.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.training import access, editor
from laget.training.forms import DeleteForm, TrainingItemForm
from laget.training.guide_ties import guide_ties
from laget.training.models import TrainingCompletion, TrainingItem
from laget.training.selectors import national_items

GET = ["GET", "HEAD"]
METHODS = ["GET", "HEAD", "POST"]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _posted(request: HttpRequest) -> QueryDict | None:
    """The form's data on a POST, also when it is empty (an empty form shows its errors)."""
    return request.POST if request.method == "POST" else None


def _list_url(municipality_id: int) -> str:
    return reverse("training:own_list", kwargs={"municipality_id": municipality_id})


@login_required
@require_http_methods(GET)
def own_list(request: HttpRequest, municipality_id: int) -> HttpResponse:
    """The municipality's own items with how many have completed each; the national set
    beside them. Two queries for the items, whatever their number."""
    municipality = access.editable_municipality(_user(request), municipality_id)
    own = (
        TrainingItem.objects.filter(municipality=municipality)
        .annotate(completed=Count("completions"))
        .order_by("order", "title", "pk")
    )
    return render(
        request,
        "training/own_list.html",
        {
            "municipality": municipality,
            "own": list(own),
            "national": list(national_items()),
            "title": _("Kommunens egen opplæring"),
        },
    )


def _form_page(
    request: HttpRequest, form: TrainingItemForm, *, title: str, back: str, **extra: object
) -> HttpResponse:
    return render(
        request,
        "training/own_form.html",
        {"form": form, "title": title, "back_url": back, **extra},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(METHODS)
def own_create(request: HttpRequest, municipality_id: int) -> HttpResponse:
    user = _user(request)
    municipality = access.editable_municipality(user, municipality_id)
    ties = guide_ties(municipality.pk)
    form = TrainingItemForm(_posted(request), ties=ties)
    if request.method == "POST" and form.is_valid():
        try:
            item = editor.training_item_create(
                by=user, municipality=municipality, **form.service_kwargs()
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Opplæringen «%(title)s» er lagt til.") % {"title": item})
            return redirect(_list_url(municipality.pk))
    return _form_page(
        request,
        form,
        title=_("Ny opplæring for %(municipality)s") % {"municipality": municipality.name},
        back=_list_url(municipality.pk),
        ties=ties,
    )


@login_required
@require_http_methods(METHODS)
def own_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    user = _user(request)
    item = access.own_item_for(user, item_id)
    assert item.municipality_id is not None
    ties = guide_ties(item.municipality_id)
    form = TrainingItemForm(_posted(request), ties=ties, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            editor.training_item_update(by=user, item=item, **form.service_kwargs())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Opplæringen er lagret."))
            return redirect(_list_url(item.municipality_id))
    return _form_page(
        request,
        form,
        title=_("Endre opplæringen «%(title)s»") % {"title": item.title},
        back=_list_url(item.municipality_id),
        ties=ties,
        item=item,
    )


@login_required
@require_http_methods(METHODS)
def own_delete(request: HttpRequest, item_id: int) -> HttpResponse:
    """Asks first, saying how many completions go with the item; the POST carries the number
    the user saw, and a changed number asks again."""
    user = _user(request)
    item = access.own_item_for(user, item_id)
    assert item.municipality_id is not None
    form = DeleteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            gone = editor.training_item_delete(
                by=user, item=item, completions_seen=form.cleaned_data["completions"] or 0
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            done = ngettext(
                "Opplæringen «%(title)s» er slettet, med %(n)s registrert fullføring.",
                "Opplæringen «%(title)s» er slettet, med %(n)s registrerte fullføringer.",
                gone,
            )
            plain = _("Opplæringen «%(title)s» er slettet.")
            messages.success(request, (done if gone else plain) % {"title": item.title, "n": gone})
            return redirect(_list_url(item.municipality_id))
    completions = TrainingCompletion.objects.filter(item=item).count()
    return render(
        request,
        "training/own_delete.html",
        {
            "item": item,
            "form": form,
            "completions": completions,
            "back_url": _list_url(item.municipality_id),
            "title": _("Slette opplæringen «%(title)s»?") % {"title": item.title},
        },
        status=400 if request.method == "POST" else 200,
    )
