"""Staff pages managing tools (filling, reading and printing one in a case are
laget/cases/tools/views.py).

Managing tools belongs to the municipal coordinator and admin of the tool's municipality;
anyone else gets 403.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.orgs.rules import managed_municipalities
from laget.tools.forms import SchemaForm, ToolDefinitionForm
from laget.tools.models import ToolDefinition
from laget.tools.selectors import managed_definitions
from laget.tools.services import tool_create, tool_draft_save, tool_publish

GET = ["GET", "HEAD"]
METHODS = ["GET", "HEAD", "POST"]

# A new tool starts from this: one text field, to be edited.
EMPTY_SCHEMA = {
    "fields": [{"key": "notat", "type": "text", "label": "Notat", "multiline": True}],
}


def current_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "views are wrapped in login_required"
    return user


def _definition(request: HttpRequest, definition_id: int) -> ToolDefinition:
    return get_object_or_404(managed_definitions(current_user(request)), pk=definition_id)


@login_required
@require_http_methods(GET)
def tool_list(request: HttpRequest) -> HttpResponse:
    definitions = managed_definitions(current_user(request)).prefetch_related("versions")
    return render(
        request,
        "tools/tool_list.html",
        {"definitions": definitions, "title": _("Verktøy")},
    )


@login_required
@require_http_methods(METHODS)
def tool_create_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    municipalities = managed_municipalities(user)
    managed_definitions(user)  # 403 for anyone who manages none
    form = ToolDefinitionForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            definition = tool_create(
                municipality=data["municipality"],
                slug=data["slug"],
                name=data["name"],
                kind=data["kind"],
                description=data["description"],
                schema=EMPTY_SCHEMA,
                by=user,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Verktøyet er opprettet som utkast."))
            return redirect("tools:tool_draft", definition_id=definition.pk)
    return render(
        request,
        "orgs/form_page.html",
        {"form": form, "title": _("Nytt verktøy"), "back_url": reverse("tools:tool_list")},
    )


@login_required
@require_http_methods(GET)
def tool_detail(request: HttpRequest, definition_id: int) -> HttpResponse:
    definition = _definition(request, definition_id)
    return render(
        request,
        "tools/tool_detail.html",
        {
            "definition": definition,
            "versions": definition.versions.select_related("created_by").order_by("-number"),
            "draft": definition.draft(),
            "title": definition.name,
        },
    )


@login_required
@require_http_methods(GET)
def version_detail(request: HttpRequest, definition_id: int, number: int) -> HttpResponse:
    definition = _definition(request, definition_id)
    version = get_object_or_404(definition.versions, number=number)
    return render(
        request,
        "tools/version_detail.html",
        {
            "definition": definition,
            "version": version,
            "schema_text": json.dumps(version.schema, ensure_ascii=False, indent=2),
            "title": f"{definition.name} – {_('versjon')} {version.number}",
        },
    )


@login_required
@require_http_methods(METHODS)
def tool_draft(request: HttpRequest, definition_id: int) -> HttpResponse:
    """Edit the draft's schema; with no draft, the published schema is the starting point."""
    user = current_user(request)
    definition = _definition(request, definition_id)
    current = definition.draft() or definition.published()
    initial = json.dumps(current.schema if current else EMPTY_SCHEMA, ensure_ascii=False, indent=2)
    form = SchemaForm(request.POST or None, initial={"schema": initial})
    if request.method == "POST" and form.is_valid():
        try:
            tool_draft_save(definition=definition, schema=form.cleaned_data["schema"], by=user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Utkastet er lagret."))
            return redirect("tools:tool_detail", definition_id=definition.pk)
    return render(
        request,
        "orgs/form_page.html",
        {
            "form": form,
            "title": _("Rediger utkast: %(tool)s") % {"tool": definition.name},
            "back_url": reverse("tools:tool_detail", kwargs={"definition_id": definition.pk}),
        },
    )


@login_required
@require_http_methods(["POST"])
def tool_publish_page(request: HttpRequest, definition_id: int) -> HttpResponse:
    definition = _definition(request, definition_id)
    try:
        version = tool_publish(definition=definition, by=current_user(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Versjon %(number)s er publisert.") % {"number": version.number}
        )
    return redirect("tools:tool_detail", definition_id=definition.pk)
