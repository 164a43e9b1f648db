"""Child welfare's page for the family's held-back access log: end it now, or set another end
date and legal reason. Anyone but the child welfare unit's members in the case gets 404
(laget.family.holdbacks decides who)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from laget.cases.access import CaseAccess, case_for
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.views.common import audit_page_read, case_url, current_user, web_actor
from laget.family.choices import HoldBackReason
from laget.family.holdbacks import (
    hold_back_change,
    hold_back_end,
    latest_end,
    managed_hold_backs,
)
from laget.family.models import HoldBack
from laget.lib.forms import DATE_INPUT, LagetForm

PANEL = "utsatt-innsyn"
END = "end"
CHANGE = "change"
MSG_CHOOSE = gettext_lazy("Velg hva du vil gjøre: avslutte nå eller endre.")


class HoldBackChangeForm(LagetForm):
    ends_on = forms.DateField(
        label=gettext_lazy("Holdes tilbake til og med"), widget=DATE_INPUT, required=True
    )
    reason = forms.ChoiceField(
        label=gettext_lazy("Grunn"), choices=HoldBackReason.choices, required=True
    )


def _change_form(hold_back: HoldBack, data: Any = None) -> HoldBackChangeForm:
    return HoldBackChangeForm(
        data,
        prefix=f"hb{hold_back.pk}",
        initial={"ends_on": hold_back.ends_on, "reason": hold_back.reason},
    )


def _posted_hold_back(request: HttpRequest, mine: list[HoldBack]) -> HoldBack | None:
    """The hold-back the POST names; one not theirs looks missing."""
    raw = request.POST.get("hold_back", "")
    if not raw:
        return None
    try:
        pk = int(raw)
    except ValueError:
        raise Http404 from None
    found = next((h for h in mine if h.pk == pk), None)
    if found is None:
        raise Http404
    return found


def _act(
    request: HttpRequest, access: CaseAccess, hold_back: HoldBack, form: HoldBackChangeForm | None
) -> bool:
    """Run the chosen action; True when done. Errors land on the form (or the page)."""
    actor = web_actor(request)
    try:
        if form is None:
            hold_back_end(actor=actor, access=access, hold_back_id=hold_back.pk)
            messages.success(request, _("Familien ser nå det som ble holdt tilbake."))
            return True
        if form.is_valid():
            hold_back_change(
                actor=actor,
                access=access,
                hold_back_id=hold_back.pk,
                ends_on=form.cleaned_data["ends_on"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Utsettelsen er endret."))
            return True
    except ValidationError as exc:
        if form is None:
            messages.error(request, " ".join(exc.messages))
        else:
            form.add_service_errors(exc)
    return False


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hold_backs(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    # Not audited yet: someone who is not child welfare here gets a 404 and leaves no row.
    access = case_for(user, case_id, actor=web_actor(request), audit=False)
    mine = list(managed_hold_backs(user, access))
    if not mine:
        raise Http404
    forms_by_pk = {h.pk: _change_form(h) for h in mine if h.in_force()}
    choose_error = ""
    if request.method == "POST":
        chosen = _posted_hold_back(request, mine)
        action = request.POST.get("action")
        if chosen is None or action not in (END, CHANGE):
            choose_error = str(MSG_CHOOSE)
        else:
            form = _change_form(chosen, request.POST) if action == CHANGE else None
            if form is not None:
                forms_by_pk[chosen.pk] = form
            if _act(request, access, chosen, form):
                return redirect(case_url(access.case.pk, PANEL))
    # The page shows the case: a read, as every staff page (a refused POST shows it again).
    audit_page_read(request, access)
    rows = [(h, forms_by_pk.get(h.pk), latest_end(h)) for h in mine]
    return render(
        request,
        "family/holdbacks.html",
        {
            "access": access,
            "case": access.case,
            "rows": rows,
            "choose_error": choose_error,
            "title": _("Utsatt innsyn for familien"),
            "back_url": case_url(access.case.pk, PANEL),
            "closed_message": MSG_CASE_CLOSED,
            "END": END,
            "CHANGE": CHANGE,
        },
    )
