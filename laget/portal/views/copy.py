"""The family member's copy of what they may see in the case (GDPR art. 15 and 20), as PDF or
JSON. Built from their own view (laget/family/copy.py), exactly as staff produce it for an
access request; every download is in the access log; no cache keeps it."""

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from laget.family.copy import JSON, PDF, build_copy, copy_download, copy_file
from laget.portal.access import family_case_for
from laget.portal.views.common import portal_login_required, portal_user


def _download(request: HttpRequest, case_id: int, fmt: str) -> HttpResponse:
    # Someone who is not a reading member of the case's family gets 404 here, like a missing
    # case; the download is recorded as a read of the copy (via the portal).
    access = family_case_for(portal_user(request), case_id, object_type="family_copy")
    # In the language the member reads the portal in (their choice).
    copy = build_copy(access.view, access.case, translation.get_language())
    return copy_download(copy_file(copy, fmt), fmt)


@portal_login_required
@require_http_methods(["GET", "HEAD"])
def copy_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    return _download(request, case_id, PDF)


@portal_login_required
@require_http_methods(["GET", "HEAD"])
def copy_json(request: HttpRequest, case_id: int) -> HttpResponse:
    return _download(request, case_id, JSON)
