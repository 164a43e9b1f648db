"""The retention page (sletting/): the municipality's policy, legal holds, the dry-run reports
to approve and what has been deleted. Everyone but the municipality's admin gets 404."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality
from laget.retention.access import administered_municipality
from laget.retention.forms import ApproveForm, HoldForm, HoldReleaseForm, PolicyForm
from laget.retention.labels import REASONS, RULES, kind_label
from laget.retention.models import DeletionRecord, LegalHold, RetentionRun
from laget.retention.plan import policy_for
from laget.retention.run import is_approved, retention_run
from laget.retention.services import hold_release, hold_set, policy_update, run_approve

RUNS_SHOWN = 10
RECORDS_SHOWN = 50


def _page(municipality: Municipality) -> str:
    return f"{reverse('retention:page')}?{urlencode({'kommune': municipality.pk})}"


def _apply(form: BaseForm, action: Any) -> bool:
    """Run the service; its ValidationError lands on the form's fields."""
    try:
        action()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return False
    return True


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def retention_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    params = request.POST if request.method == "POST" else request.GET
    municipality, mine = administered_municipality(user, params.get("kommune"))
    actor = actor_for(user)
    policy = policy_for(municipality)
    action = request.POST.get("action") if request.method == "POST" else None
    policy_form = PolicyForm(request.POST if action == "policy" else None, instance=policy)
    hold_form = HoldForm(request.POST if action == "hold" else None)
    approve_form = ApproveForm(request.POST if action == "approve" else None)
    release_form = HoldReleaseForm(request.POST if action == "release" else None)
    done = None
    if action == "policy" and policy_form.is_valid():
        values = {name: policy_form.cleaned_data[name] for name in policy_form.Meta.fields}
        if _apply(
            policy_form,
            lambda: policy_update(actor=actor, by=user, municipality=municipality, **values),
        ):
            done = _("Slettereglene er lagret.")
    elif action == "hold" and hold_form.is_valid():
        data = hold_form.cleaned_data
        if _apply(
            hold_form,
            lambda: hold_set(
                actor=actor,
                by=user,
                municipality=municipality,
                case_id=data["case_id"],
                reason=data["reason"],
            ),
        ):
            done = _("Loggen holdes tilbake og blir ikke slettet.")
    elif action == "release" and release_form.is_valid():
        hold_id = release_form.cleaned_data["hold"]
        if _apply(
            release_form,
            lambda: hold_release(actor=actor, by=user, municipality=municipality, hold_id=hold_id),
        ):
            done = _("Tilbakeholdelsen er opphevet.")
    elif action == "approve" and approve_form.is_valid():
        run_id = approve_form.cleaned_data["run"]
        if _apply(
            approve_form,
            lambda: run_approve(actor=actor, by=user, municipality=municipality, run_id=run_id),
        ):
            done = _("Tørrkjøringen er godkjent. Neste nattlige kjøring sletter.")
    elif action == "dry_run":
        retention_run(municipality=municipality, dry_run=True)
        done = _("Tørrkjøringen er ferdig. Rapporten står under.")
    if done:
        messages.success(request, done)
        return redirect(_page(municipality))
    runs = list(
        RetentionRun.objects.filter(municipality=municipality)
        .select_related("approved_by")
        .order_by("-started_at", "-id")[:RUNS_SHOWN]
    )
    for run in runs:
        run.rows = [  # type: ignore[attr-defined]
            {**item, "label": kind_label(item["kind"]), "rule_label": RULES.get(item["rule"], "")}
            for item in run.items
        ]
        run.blocked_rows = [  # type: ignore[attr-defined]
            {**b, "reason_label": REASONS.get(b["reason"], b["reason"])} for b in run.blocked
        ]
    records = [
        (r, kind_label(r.kind), RULES.get(r.rule, r.rule))
        for r in DeletionRecord.objects.filter(municipality=municipality).order_by("-at", "-id")[
            :RECORDS_SHOWN
        ]
    ]
    holds = list(
        LegalHold.objects.filter(case__municipality=municipality, released_at__isnull=True)
        .select_related("set_by")
        .order_by("-set_at", "-id")
    )
    status = 200 if request.method != "POST" else 400
    return render(
        request,
        "retention/page.html",
        {
            "title": _("Sletting"),
            "municipality": municipality,
            "municipalities": mine,
            "policy": policy,
            "policy_form": policy_form,
            "hold_form": hold_form,
            "approve_form": approve_form,
            "release_form": release_form,
            "approved": is_approved(municipality),
            "runs": runs,
            "records": records,
            "holds": holds,
        },
        status=status,
    )
