"""The archivist's pages: the municipality's archive packages, their download and the
confirmation that the archive has them. Everyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.accounts.models import User
from laget.archive.access import archived_municipality_ids, package_for
from laget.archive.models import PackageState
from laget.archive.selectors import package_list
from laget.archive.services import archive_package_confirm, archive_package_read
from laget.orgs.actors import actor_for

PER_PAGE = 50


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
@require_http_methods(["GET", "HEAD"])
def packages(request: HttpRequest) -> HttpResponse:
    ids = archived_municipality_ids(_user(request))
    state = request.GET.get("status", "")
    page = Paginator(package_list(ids, state), PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        "archive/packages.html",
        {
            "title": _("Arkivpakker"),
            "page": page,
            "state": state,
            "states": PackageState.choices,
            "several": len(ids) > 1,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def package_download(request: HttpRequest, package_id: int) -> HttpResponse:
    user = _user(request)
    package = package_for(user, package_id)
    data = archive_package_read(actor=actor_for(user), package=package)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def package_confirm(request: HttpRequest, package_id: int) -> HttpResponse:
    user = _user(request)
    package = package_for(user, package_id)
    archive_package_confirm(actor=actor_for(user), by=user, package=package)
    messages.success(
        request,
        _("Arkivpakke %(ref)s er bekreftet mottatt i arkivet.") % {"ref": package.reference},
    )
    return redirect("archive:packages")
