"""The family asks for the log to be closed; the stafettholder decides."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from laget.cases.messages import MSG_CASE_CLOSED
from laget.consent.services import closing_request_create
from laget.portal.access import family_case_for, family_read, portal_actor
from laget.portal.views.common import case_url, portal_login_required, portal_user


class ClosingRequestForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Hvorfor vil dere avslutte?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@portal_login_required
@require_http_methods(["GET", "HEAD", "POST"])
def closing_request(request: HttpRequest, case_id: int) -> HttpResponse:
    user = portal_user(request)
    access = family_case_for(user, case_id, audit=request.method != "POST")
    form = ClosingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            closing_request_create(
                actor=portal_actor(user),
                case=access.case,
                guardian=access.guardian,
                child=access.child,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request, _("Stafettholderen har fått beskjed om at dere vil avslutte loggen.")
            )
            return redirect(case_url(access.case.pk))
    if request.method == "POST":
        family_read(user, access, "case", access.case.pk)
    return render(
        request,
        "portal/closing_request.html",
        {
            "access": access,
            "case": access.case,
            "form": form,
            "title": _("Be om at loggen avsluttes"),
            "back_url": case_url(access.case.pk),
            "closed_message": MSG_CASE_CLOSED,
        },
    )
