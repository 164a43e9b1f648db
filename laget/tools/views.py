"""Tool pages: filling a tool in a case, reading and printing it; staff pages managing tools.

In a case, access comes from case_for like every other case page. Managing tools belongs to
the municipal coordinator and admin of the tool's municipality; anyone else gets 403.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.cases.access import Need
from laget.cases.views.common import case_url, current_user, form_page, load_case, web_actor
from laget.orgs.models import Unit
from laget.orgs.rules import managed_municipalities
from laget.tools.display import answer_rows
from laget.tools.forms import SchemaForm, ToolDefinitionForm, ToolFillForm
from laget.tools.models import FilledTool, ToolDefinition, ToolVersion, VersionStatus
from laget.tools.pdf import filled_tool_pdf
from laget.tools.selectors import managed_definitions, published_tools
from laget.tools.services import tool_create, tool_draft_save, tool_fill, tool_publish

GET = ["GET", "HEAD"]
METHODS = ["GET", "HEAD", "POST"]

# A new tool starts from this: one text field, to be edited.
EMPTY_SCHEMA = {
    "fields": [{"key": "notat", "type": "text", "label": "Notat", "multiline": True}],
}


# In a case ---------------------------------------------------------------------------------


@login_required
@require_http_methods(GET)
def tool_pick(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    return render(
        request,
        "tools/tool_pick.html",
        {
            "access": access,
            "case": access.case,
            "tools": published_tools({access.case.municipality_id}),
            "title": _("Bruk et verktøy"),
            "back_url": case_url(case_id, "logg"),
        },
    )


@login_required
@require_http_methods(METHODS)
def tool_fill_page(request: HttpRequest, case_id: int, version_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    case = access.case
    version = get_object_or_404(
        ToolVersion.objects.select_related("definition"),
        pk=version_id,
        status=VersionStatus.PUBLISHED,
        definition__municipality_id=case.municipality_id,
    )
    participants = list(
        case.participants.filter(left_at__isnull=True).select_related("user", "unit")
    )
    units = list(
        Unit.objects.filter(municipality_id=case.municipality_id, is_active=True).order_by("name")
    )
    form = ToolFillForm(
        request.POST or None, schema=version.schema, participants=participants, units=units
    )
    definition = version.definition
    return form_page(
        request,
        access=access,
        form=form,
        save=lambda _data: tool_fill(
            actor=web_actor(request), access=access, version=version, answers=form.answers()
        ),
        title=definition.name,
        intro=definition.description,
        success=_("%(tool)s er lagret i loggen.") % {"tool": definition.name},
        anchor="logg",
    )


def _filled(request: HttpRequest, case_id: int, filled_id: int) -> FilledTool:
    access = load_case(request, case_id, Need.READ)
    return get_object_or_404(
        FilledTool.objects.select_related(
            "tool_version__definition", "author", "author_unit", "case"
        ),
        pk=filled_id,
        case=access.case,
    )


@login_required
@require_http_methods(GET)
def filled_detail(request: HttpRequest, case_id: int, filled_id: int) -> HttpResponse:
    filled = _filled(request, case_id, filled_id)
    return render(
        request,
        "tools/filled_detail.html",
        {
            "case": filled.case,
            "filled": filled,
            "rows": answer_rows(filled),
            "title": filled.tool_version.definition.name,
            "back_url": case_url(case_id, "logg"),
        },
    )


@login_required
@require_http_methods(GET)
def filled_pdf(request: HttpRequest, case_id: int, filled_id: int) -> HttpResponse:
    filled = _filled(request, case_id, filled_id)
    response = HttpResponse(filled_tool_pdf(filled), content_type="application/pdf")
    name = slugify(filled.tool_version.definition.slug) or "verktoy"
    response["Content-Disposition"] = f'inline; filename="{name}-{filled.pk}.pdf"'
    return response


# Managing tools ----------------------------------------------------------------------------


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
