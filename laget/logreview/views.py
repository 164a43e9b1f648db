"""The privacy officer's log review: one month of the municipality's access log, its unusual
patterns, and the sign-off. Everyone but the municipality's privacy officer gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.logreview.access import reviewed_municipality
from laget.logreview.forms import SignOffForm, month_from, previous_month
from laget.logreview.models import LogReview
from laget.logreview.review import review
from laget.logreview.services import review_sign_off
from laget.orgs.actors import actor_for

REVIEWS_SHOWN = 24


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def log_review(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    params = request.POST if request.method == "POST" else request.GET
    municipality, mine = reviewed_municipality(user, params.get("kommune"))
    month = month_from(params.get("maned")) or previous_month()
    findings = review(municipality, month)
    form = SignOffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            review_sign_off(
                actor=actor_for(user),
                by=user,
                municipality=municipality,
                findings=findings,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Gjennomgangen er signert og lagret."))
            query = urlencode({"kommune": str(municipality.pk), "maned": str(month)})
            return redirect(f"{reverse('logreview:review')}?{query}")
    signed = (
        LogReview.objects.filter(municipality=municipality)
        .select_related("reviewed_by")
        .order_by("-period_start", "-signed_at", "-id")[:REVIEWS_SHOWN]
    )
    return render(
        request,
        "logreview/review.html",
        {
            "title": _("Loggkontroll"),
            "municipality": municipality,
            "municipalities": mine,
            "month": month,
            "findings": findings,
            "form": form,
            "signed": signed,
        },
    )
