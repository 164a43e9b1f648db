"""What every stafettlogg page does: who acts, getting the case, running a form through a service."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from laget.accounts.models import User
from laget.audit.models import AuditAction, Via
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.messages import MSG_CASE_CLOSED
from laget.lib.concurrency import ConflictError
from laget.lib.forms import LagetForm, saved_values
from laget.orgs.actors import actor_for

FORM_TEMPLATE = "cases/form_page.html"


def current_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "views are wrapped in login_required"
    return user


def web_actor(request: HttpRequest) -> Actor:
    return actor_for(current_user(request), Via.WEB)


def load_case(request: HttpRequest, case_id: int, need: Need) -> CaseAccess:
    """The case for this request. Showing a page is a read and is audited here; a POST is
    audited by the service that writes, so it is not counted twice."""
    return case_for(
        current_user(request),
        case_id,
        need=need,
        actor=web_actor(request),
        audit=request.method in ("GET", "HEAD"),
    )


def audit_page_read(request: HttpRequest, access: CaseAccess, obj: Model | None = None) -> None:
    """One READ record for a page that shows case content outside case_for's own record."""
    audit_record(
        actor=web_actor(request),
        action=AuditAction.READ,
        object_type=(obj._meta.model_name or "") if obj is not None else "case",
        object_id=obj.pk if obj is not None else access.case.pk,
        case_id=access.case.pk,
    )


def case_url(case_id: int, anchor: str = "") -> str:
    url = reverse("cases:case_detail", kwargs={"case_id": case_id})
    return f"{url}#{anchor}" if anchor else url


def form_page(
    request: HttpRequest,
    *,
    access: CaseAccess,
    form: LagetForm,
    save: Callable[[dict[str, Any]], object],
    title: str,
    success: str,
    anchor: str = "",
    saved_anchor: Callable[[Any], str] | None = None,
    intro: str = "",
    submit: str = "",
    template: str = FORM_TEMPLATE,
    context: Mapping[str, Any] | None = None,
    conflict_extra: Callable[[Any], Iterable[tuple[str, str]]] | None = None,
) -> HttpResponse:
    """GET shows the form; a valid POST calls the service once. A service ValidationError
    lands on the form's fields; a stale version shows the other person's saved values. The
    case page opens at `anchor`, or at `anchor(what save returned)`: the thing just saved."""
    conflict: list[tuple[str, str]] | None = None
    conflict_object: Model | None = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except ConflictError as exc:
            conflict_object = exc.current
            form.show_conflict(exc.current)
            extra = conflict_extra(exc.current) if conflict_extra else ()
            conflict = saved_values(form, exc.current, extra)
        else:
            messages.success(request, success)
            where = saved_anchor(saved) if saved_anchor else anchor
            return redirect(case_url(access.case.pk, where))
    if request.method == "POST":
        # The refused form is shown again with the case around it (and, on a conflict, the
        # other person's saved values): that is a read, and the GET's record is not enough.
        audit_page_read(request, access, conflict_object)
    return render(
        request,
        template,
        {
            "access": access,
            "case": access.case,
            "form": form,
            "title": title,
            "intro": intro,
            "submit": submit,
            "conflict": conflict,
            "back_url": case_url(access.case.pk, anchor),
            "closed_message": MSG_CASE_CLOSED,
            **(context or {}),
        },
    )
