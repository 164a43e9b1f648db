"""Moving a case on in the action guide («Hva nå?» on the case page): asked, confirmed, undone.

The button on the case page leads here. GET (or a POST without the confirmation) shows what
will change; the POST with `confirm` moves the case through the service, which audits it. The
person who moved it may undo the move for a while (cases.step_undo)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.cases import step_undo
from laget.cases.access import Need
from laget.cases.messages import MSG_CASE_CLOSED, MSG_STEP_UNDO_GONE, MSG_UNKNOWN_STEP
from laget.cases.services import lifecycle
from laget.cases.views.common import audit_page_read, case_url, load_case, web_actor
from laget.cases.whatnow import step_at, steps_of_level

ANCHOR = "hva-na"
CONFIRM = "yes"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def case_step(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    case = access.case
    data = request.POST if request.method == "POST" else request.GET
    steps = steps_of_level(case)
    target = next((s for s in steps if s.slug == data.get("step", "")), None)
    if target is None:
        messages.error(request, str(MSG_UNKNOWN_STEP))
        return redirect(case_url(case.pk, ANCHOR))
    current = step_at(case, steps)
    if request.method == "POST" and data.get("confirm") == CONFIRM:
        try:
            lifecycle.case_step_set(
                actor=web_actor(request),
                access=access,
                step_slug=target.slug,
                expected_step=data.get("from", ""),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            step_undo.remember(request, case=case, from_step=current, to_step=target)
            messages.success(
                request,
                _(
                    "Saken er flyttet til trinn %(n)s: %(step)s. Feil trinn? Du kan angre i "
                    "%(minutes)s minutter."
                )
                % {
                    "n": steps.index(target) + 1,
                    "step": target.title,
                    "minutes": int(step_undo.UNDO_WINDOW.total_seconds() // 60),
                },
            )
        return redirect(case_url(case.pk, ANCHOR))
    if request.method == "POST":
        audit_page_read(request, access)  # the question is shown again: a read
    return render(
        request,
        "cases/step_confirm.html",
        {
            "access": access,
            "case": case,
            "title": _("Gå videre i veilederen"),
            "current": current,
            "current_n": steps.index(current) + 1,
            "target": target,
            "target_n": steps.index(target) + 1,
            "total": len(steps),
            "minutes": int(step_undo.UNDO_WINDOW.total_seconds() // 60),
            "confirm": CONFIRM,
            "closed_message": MSG_CASE_CLOSED,
            "back_url": case_url(case.pk, ANCHOR),
        },
    )


@login_required
@require_POST
def case_step_undo(request: HttpRequest, case_id: int) -> HttpResponse:
    """Take back one's own move, while it may be: the same service moves the case back, and
    only if it is still at the step it was moved to."""
    access = load_case(request, case_id, Need.COORDINATE)
    case = access.case
    steps = steps_of_level(case)
    undo = step_undo.pending(request, case, step_at(case, steps).slug) if steps else None
    if undo is None or case.level_changes.filter(decided_at__gte=undo.at).exists():
        messages.error(request, str(MSG_STEP_UNDO_GONE))
        return redirect(case_url(case.pk, ANCHOR))
    try:
        lifecycle.case_step_set(
            actor=web_actor(request),
            access=access,
            step_slug=undo.from_step,
            expected_step=undo.to_step,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        back = next(s for s in steps if s.slug == undo.from_step)
        messages.success(
            request,
            _("Angret. Saken er tilbake på trinn %(n)s: %(step)s.")
            % {"n": steps.index(back) + 1, "step": back.title},
        )
    step_undo.forget(request)
    return redirect(case_url(case.pk, ANCHOR))
