"""Access requests (GDPR art. 15 and 20) on the case's family panel: the stafettholder or a leader
of the responsible unit records a family member's request and produces the copy for that member
(laget/family/access_requests.py). To anyone who does not coordinate the case the pages are
missing (404)."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from laget.cases.access import CaseAccess, case_for
from laget.cases.views.common import audit_page_read, case_url, current_user, web_actor
from laget.family.access_requests import (
    access_request_produce,
    access_request_record,
    askers,
    due_on,
    may_answer_access_requests,
    member_label,
)
from laget.family.copy import FORMATS, copy_download
from laget.family.models import AccessRequest, AccessRequestDelivery, CopyFormat
from laget.family.views.staff_pages import ANCHOR
from laget.lib.forms import DATE_INPUT, LagetForm


class AccessRequestForm(LagetForm):
    member = forms.ChoiceField(label=gettext_lazy("Hvem ba om innsyn"), choices=())
    received_on = forms.DateField(label=gettext_lazy("Mottatt"), widget=DATE_INPUT)
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=CopyFormat.choices,
        widget=forms.RadioSelect,
        initial=CopyFormat.PDF,
    )
    delivery = forms.ChoiceField(
        label=gettext_lazy("Hvordan kopien gis"),
        choices=AccessRequestDelivery.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: object, members: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["member"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Velg")), *members]


def _access(request: HttpRequest, case_id: int) -> CaseAccess:
    """The case, if the user answers its access requests. Like a restriction, they are the
    coordinators' business: missing (404) to anyone who does not coordinate the case, and
    forbidden (403) to one who coordinates without a stafettholder's or leader's say (a level-0
    case without a stafettholder)."""
    access = case_for(current_user(request), case_id, actor=web_actor(request), audit=False)
    if not access.may_coordinate:
        raise Http404
    if not may_answer_access_requests(access):
        raise PermissionDenied
    return access


def _page_url(case_id: int) -> str:
    return reverse("family:access_requests", kwargs={"case_id": case_id})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def access_requests(request: HttpRequest, case_id: int) -> HttpResponse:
    access = _access(request, case_id)
    members = askers(access)
    form = AccessRequestForm(
        request.POST or None,
        members=[(a.key, a.label) for a in members],
        initial={"received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            access_request_record(actor=web_actor(request), access=access, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Innsynsbegjæringen er registrert."))
            return redirect(_page_url(access.case.pk))
    # The page names the family and the case: a read (a refused POST shows it again).
    audit_page_read(request, access)
    rows = access.case.access_requests.select_related(
        "guardian", "case__subject", "produced_by"
    ).order_by("-received_on", "-pk")
    today = timezone.localdate()
    return render(
        request,
        "family/access_requests.html",
        {
            "access": access,
            "case": access.case,
            "form": form,
            "rows": [_row(r, today) for r in rows],
            "formats": FORMATS,
            "title": _("Innsyn for familien"),
            "back_url": case_url(access.case.pk, ANCHOR),
        },
    )


def _row(r: AccessRequest, today: datetime.date) -> dict[str, object]:
    due = due_on(r.received_on)
    return {
        "request": r,
        "member": member_label(r),
        "due": due,
        "overdue": r.produced_at is None and due < today,
    }


@login_required
@require_POST
def access_request_copy(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
    """The copy for the member who asked, as a download (the POST is the production)."""
    access = _access(request, case_id)
    found = get_object_or_404(access.case.access_requests, pk=request_id)
    fmt = request.POST.get("format", "")
    if fmt not in FORMATS:
        messages.error(request, _("Velg PDF eller JSON."))
        return redirect(_page_url(access.case.pk))
    try:
        data = access_request_produce(
            actor=web_actor(request), access=access, request=found, fmt=fmt
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_page_url(access.case.pk))
    return copy_download(data, fmt)
