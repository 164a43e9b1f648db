"""Restricting a family member: the stafettholder proposes, a leader of the responsible unit
approves or refuses, and either of them lifts it. To anyone who does not coordinate the case a
restriction looks missing (404)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.cases.access import CaseAccess, case_for
from laget.cases.choices import Audience
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.views.common import case_url, current_user, form_page, web_actor
from laget.family import services
from laget.family.forms import APPROVE, DecisionForm, RestrictionForm
from laget.family.models import Restriction
from laget.family.views.staff_pages import ANCHOR, METHODS, audit_read, family_case
from laget.people.models import by_name


def _restriction(
    request: HttpRequest, case_id: int, restriction_id: int
) -> tuple[CaseAccess, Restriction]:
    """A restriction of a case the user coordinates; for everyone else it is missing."""
    access = case_for(current_user(request), case_id, audit=False)
    if not services.sees_restrictions(access):
        raise Http404
    restriction = get_object_or_404(
        access.case.restrictions.select_related("guardian", "proposed_by", "decided_by"),
        pk=restriction_id,
    )
    return access, restriction


@login_required
@require_http_methods(METHODS)
def restriction_propose(request: HttpRequest, case_id: int) -> HttpResponse:
    access = family_case(request, case_id, services.may_propose_restriction)
    case = access.case
    subject = case.subject
    form = RestrictionForm(
        request.POST or None,
        guardians=by_name(subject.guardians.all()) if subject else [],
        subject=subject,
        entries=case.entries.filter(audience=Audience.ALL).order_by("-created_at", "-pk"),
        measures=case.measures.order_by("pk"),
        meetings=case.meetings.order_by("starts_at", "pk"),
    )

    def save(data: dict[str, Any]) -> None:
        services.restriction_propose(
            actor=web_actor(request), access=access, **form.service_kwargs()
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Foreslå skjerming av et familiemedlem"),
        intro=_(
            "En leder for enheten som har ansvaret for saken, må godkjenne skjermingen før den "
            "gjelder. Familiemedlemmet får ikke vite at noe er skjermet."
        ),
        submit=_("Send til godkjenning"),
        success=_("Skjermingen er sendt til godkjenning."),
        anchor=ANCHOR,
    )


@login_required
@require_http_methods(METHODS)
def restriction_decide(request: HttpRequest, case_id: int, restriction_id: int) -> HttpResponse:
    access, restriction = _restriction(request, case_id, restriction_id)
    if not services.may_decide_restriction(access, restriction, current_user(request)):
        raise PermissionDenied
    audit_read(request, access)
    form = DecisionForm(request.POST or None)

    def save(data: dict[str, Any]) -> None:
        services.restriction_decide(
            actor=web_actor(request),
            access=access,
            restriction=restriction,
            approve=data["decision"] == APPROVE,
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Godkjenne skjerming"),
        submit=_("Lagre avgjørelsen"),
        success=_("Avgjørelsen er lagret."),
        anchor=ANCHOR,
        template="family/restriction_decide.html",
        context={"restriction": restriction},
    )


@login_required
@require_http_methods(METHODS)
def restriction_end(request: HttpRequest, case_id: int, restriction_id: int) -> HttpResponse:
    """The POST is the confirmation. A refusal (a closed case, one already ended) goes back
    to the case page with the message."""
    access, restriction = _restriction(request, case_id, restriction_id)
    if not services.may_end_restriction(access):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.restriction_end(
                actor=web_actor(request), access=access, restriction=restriction
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Skjermingen er opphevet."))
        return redirect(case_url(access.case.pk, ANCHOR))
    audit_read(request, access)
    return render(
        request,
        "family/restriction_end.html",
        {
            "access": access,
            "case": access.case,
            "restriction": restriction,
            "title": _("Oppheve skjerming"),
            "closed_message": MSG_CASE_CLOSED,
            "not_active_message": services.MSG_NOT_ACTIVE,
            "back_url": case_url(access.case.pk, ANCHOR),
        },
    )
