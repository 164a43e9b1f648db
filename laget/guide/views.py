"""The guide editor for the municipality's coordinator and admin; everyone else gets 403.

Pages show the versions, let a draft be edited level by level and step by step, publish it,
compare two versions, and move a guide between municipalities as one JSON file.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.accounts.models import User
from laget.directory.selectors import public_services
from laget.guide import diff, exchange, services
from laget.guide.forms import ImportForm, LevelForm, PublishForm, StepForm, format_exits
from laget.guide.models import GuideVersion, Level, Step
from laget.guide.selectors import guides_of, version_with_structure
from laget.orgs.models import Municipality
from laget.orgs.rules import managed_municipalities
from laget.tools.selectors import published_tools

METHODS = ["GET", "HEAD", "POST"]
FORM = "guide/form_page.html"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _municipality(request: HttpRequest) -> Municipality:
    municipalities = managed_municipalities(_user(request))
    if not municipalities:
        raise PermissionDenied
    return municipalities[0]


def _version(request: HttpRequest, version_id: int) -> GuideVersion:
    municipality = _municipality(request)
    version = version_with_structure(version_id)
    if version is None or version.guide.municipality_id != municipality.pk:
        raise Http404
    return version


def _level(version: GuideVersion, number: int) -> Level:
    for level in version.levels.all():
        if level.number == number:
            return level
    raise Http404


def _step(version: GuideVersion, step_id: int) -> Step:
    for level in version.levels.all():
        for step in level.steps.all():
            if step.pk == step_id:
                return step
    raise Http404


def _version_url(version: GuideVersion) -> str:
    return reverse("guide:version_detail", kwargs={"version_id": version.pk})


@login_required
@require_http_methods(["GET", "HEAD"])
def overview(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    return render(
        request,
        "guide/overview.html",
        {
            "municipality": municipality,
            "guides": guides_of(municipality),
            "title": _("Handlingsveilederen"),
        },
    )


@login_required
@require_POST
def starter_install(request: HttpRequest) -> HttpResponse:
    from laget.guide.starter import install_starter_guide

    municipality = _municipality(request)
    try:
        version = install_starter_guide(municipality, by=_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("guide:overview")
    messages.success(request, _("Startveilederen er lagt inn som kladd."))
    return redirect(_version_url(version))


@login_required
@require_POST
def draft_create(request: HttpRequest, guide_id: int) -> HttpResponse:
    municipality = _municipality(request)
    guide = guides_of(municipality).filter(pk=guide_id).first()
    if guide is None:
        raise Http404
    try:
        version = services.guide_draft_create(by=_user(request), guide=guide)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("guide:overview")
    messages.success(request, _("En ny kladd er laget."))
    return redirect(_version_url(version))


@login_required
@require_http_methods(["GET", "HEAD"])
def version_detail(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    others = version.guide.versions.exclude(pk=version.pk).order_by("-number")
    return render(
        request,
        "guide/version_detail.html",
        {
            "version": version,
            "others": others,
            "problems": services.version_problems(version) if version.is_draft else [],
            "title": _("%(guide)s, versjon %(n)s") % {"guide": version.guide, "n": version.number},
        },
    )


def _not_draft(request: HttpRequest, version: GuideVersion) -> HttpResponse:
    messages.error(request, str(services.MSG_NOT_DRAFT))
    return redirect(_version_url(version))


@login_required
@require_http_methods(METHODS)
def level_edit(request: HttpRequest, version_id: int, number: int) -> HttpResponse:
    version = _version(request, version_id)
    if not version.is_draft:
        return _not_draft(request, version)
    level = _level(version, number)
    form = LevelForm(request.POST or None, initial={"title": level.title, "summary": level.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.level_update(by=_user(request), level=level, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Nivået er lagret."))
            return redirect(_version_url(version))
    title = _("Rediger nivå %(n)s") % {"n": level.number}
    return render(request, FORM, {"form": form, "title": title, "back_url": _version_url(version)})


def _step_choices(version: GuideVersion) -> dict[str, Any]:
    """The municipality's published tools and active services, to pick for a step."""
    municipality = version.guide.municipality
    return {
        "tool_choices": [
            (t.definition.slug, t.definition.name) for t in published_tools({municipality.pk})
        ],
        "service_choices": [(s.pk, s.name) for s in public_services(municipality)],
    }


@login_required
@require_http_methods(METHODS)
def step_edit(request: HttpRequest, version_id: int, step_id: int) -> HttpResponse:
    version = _version(request, version_id)
    if not version.is_draft:
        return _not_draft(request, version)
    step = _step(version, step_id)
    initial = {
        "title": step.title,
        "slug": step.slug,
        "actor": step.actor,
        "deadline_days": step.deadline_days,
        "body": step.body,
        "exits": format_exits(step.exits),
        "tools": list(step.tool_slugs),
        "services": list(step.service_ids),
    }
    form = StepForm(request.POST or None, initial=initial, **_step_choices(version))
    if request.method == "POST" and form.is_valid():
        try:
            services.step_update(by=_user(request), step=step, **form.service_kwargs())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Steget er lagret."))
            return redirect(f"{_version_url(version)}#steg-{step.pk}")
    title = _("Rediger steget «%(title)s»") % {"title": step.title}
    return render(request, FORM, {"form": form, "title": title, "back_url": _version_url(version)})


@login_required
@require_http_methods(METHODS)
def step_add(request: HttpRequest, version_id: int, number: int) -> HttpResponse:
    version = _version(request, version_id)
    if not version.is_draft:
        return _not_draft(request, version)
    level = _level(version, number)
    form = StepForm(request.POST or None, **_step_choices(version))
    if request.method == "POST" and form.is_valid():
        try:
            step = services.step_add(by=_user(request), level=level, **form.service_kwargs())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Steget er lagt til."))
            return redirect(f"{_version_url(version)}#steg-{step.pk}")
    title = _("Nytt steg på nivå %(n)s") % {"n": level.number}
    return render(request, FORM, {"form": form, "title": title, "back_url": _version_url(version)})


@login_required
@require_http_methods(METHODS)
def step_remove(request: HttpRequest, version_id: int, step_id: int) -> HttpResponse:
    version = _version(request, version_id)
    if not version.is_draft:
        return _not_draft(request, version)
    step = _step(version, step_id)
    if request.method == "POST":
        services.step_remove(by=_user(request), step=step)
        messages.success(request, _("Steget er fjernet."))
        return redirect(_version_url(version))
    return render(
        request,
        "guide/step_remove.html",
        {"step": step, "version": version, "title": _("Fjerne steget?")},
    )


@login_required
@require_POST
def step_move(request: HttpRequest, version_id: int, step_id: int) -> HttpResponse:
    """Move a step one place up (direction=up) or down within its level."""
    version = _version(request, version_id)
    if not version.is_draft:
        return _not_draft(request, version)
    step = _step(version, step_id)
    ids = [s.pk for s in step.level.steps.order_by("order", "pk")]
    i = ids.index(step.pk)
    j = i - 1 if request.POST.get("direction") == "up" else i + 1
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
        services.step_reorder(by=_user(request), level=step.level, step_ids=ids)
    return redirect(f"{_version_url(version)}#steg-{step.pk}")


@login_required
@require_http_methods(METHODS)
def publish(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    if not version.is_draft:
        return _not_draft(request, version)
    form = PublishForm(request.POST or None, initial={"note": version.note})
    if request.method == "POST" and form.is_valid():
        try:
            services.guide_publish(
                by=_user(request), version=version, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Versjonen er publisert."))
            return redirect(_version_url(version))
    title = _("Publiser versjon %(n)s") % {"n": version.number}
    return render(
        request,
        FORM,
        {
            "form": form,
            "title": title,
            "submit": _("Publiser"),
            "back_url": _version_url(version),
            "intro": _(
                "Når versjonen er publisert, ser alle ansatte den, og den kan ikke endres. "
                "Den som er publisert nå, blir arkivert."
            ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def version_diff(request: HttpRequest, version_id: int) -> HttpResponse:
    """Compare the version with another one (?mot=<id>; default: the one before it)."""
    version = _version(request, version_id)
    others = version.guide.versions.exclude(pk=version.pk).order_by("-number")
    against_id = request.GET.get("mot", "")
    if against_id.isdigit():
        old = others.filter(pk=int(against_id)).first()
        if old is None:
            raise Http404
    else:
        old = others.filter(number__lt=version.number).first() or others.first()
    changes = []
    if old is not None:
        old_full = version_with_structure(old.pk)
        assert old_full is not None
        changes = diff.version_diff(old_full, version)
    return render(
        request,
        "guide/diff.html",
        {
            "version": version,
            "old": old,
            "others": others,
            "changes": changes,
            "title": _("Endringer i versjon %(n)s") % {"n": version.number},
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def export(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    version_id = request.GET.get("versjon", "")
    try:
        if version_id.isdigit():
            data = exchange.export_version(_version(request, int(version_id)))
        else:
            data = exchange.export_guide(municipality)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("guide:overview")
    response = HttpResponse(exchange.dumps(data), content_type="application/json; charset=utf-8")
    filename = f"veileder-{municipality.number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(METHODS)
def import_view(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = exchange.import_guide(
                municipality=municipality,
                data=form.cleaned_data["file"],
                by=_user(request),
                publish=form.cleaned_data["publish"],
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            messages.success(request, _("Veilederen er importert."))
            return redirect(_version_url(version))
    title = _("Importer en veileder")
    return render(
        request,
        FORM,
        {
            "form": form,
            "title": title,
            "submit": _("Importer"),
            "back_url": reverse("guide:overview"),
            "intro": _(
                "Velg en fil eksportert fra en annen kommune. Verktøyene følger med; har kommunen "
                "allerede et verktøy med samme kortnavn, beholdes kommunens eget."
            ),
        },
    )
