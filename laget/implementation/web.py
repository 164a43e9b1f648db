"""What every page of implementation plans shares: who may open it, and the form round trip."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from laget.accounts.models import User
from laget.lib.forms import LagetForm
from laget.orgs.models import Municipality
from laget.orgs.rules import managed_municipality

METHODS = ["GET", "HEAD", "POST"]
READ = ["GET", "HEAD"]


def municipality_of(request: HttpRequest) -> Municipality:
    """The municipality the user steers; 403 for everyone else."""
    assert isinstance(request.user, User)
    return managed_municipality(request.user)


def initial_from(obj: models.Model, form_class: type[LagetForm]) -> dict[str, Any]:
    """The object's values for the form's fields (related objects by id)."""
    initial: dict[str, Any] = {}
    for name in form_class.base_fields:
        value = getattr(obj, name, None)
        initial[name] = value.pk if isinstance(value, models.Model) else value
    return initial


def form_round(
    request: HttpRequest,
    form: LagetForm,
    save: Callable[[dict[str, Any]], object],
    *,
    title: str,
    back_url: str,
    done_url: str | Callable[[Any], str],
    message: str,
    template: str = "implementation/form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show the form; on a valid POST call `save` with the cleaned data and go to `done_url`.
    `done_url` may be a function of what `save` returned. The service's ValidationErrors land
    on the form's fields."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            messages.success(request, message)
            return redirect(done_url(saved) if callable(done_url) else done_url)
    context = {"title": title, "form": form, "back_url": back_url, **(extra or {})}
    return render(request, template, context, status=400 if request.method == "POST" else 200)
