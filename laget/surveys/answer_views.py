"""Answering a survey through the anonymous link of a unit: no login, nothing about the person.

The view stores no user, address or time (see models.py). A signed cookie per round remembers
only that this browser has answered, to warn (not stop) a second answer. Limits on how many
answers a link or a client sends in a short time are set by abuse, not by the size of a meeting
(limits.py), and an answer that meets one is shown again to be sent, never dropped.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from laget.lib.client import client_address
from laget.surveys import limits, services
from laget.surveys.forms import AnswerForm, answer_field
from laget.surveys.models import RoundUnit

COOKIE_SALT = "laget.surveys.answered"
COOKIE_DAYS = 365


def _cookie(round_id: int) -> str:
    return f"laget_svar_{round_id}"


def _round_unit(token: str) -> RoundUnit:
    found = (
        RoundUnit.objects.select_related("round__questionnaire", "unit").filter(token=token).first()
    )
    if found is None:
        raise Http404
    return found


def _answered_before(request: HttpRequest, round_id: int) -> bool:
    value = request.get_signed_cookie(_cookie(round_id), default=None, salt=COOKIE_SALT)
    return value == "1"


def _kept(form: AnswerForm) -> list[tuple[str, str, str, str]]:
    """The answers of a valid form as (field name, option id, question, option label), to be
    shown and sent again."""
    kept = []
    for q in form.questions:
        option_id = form.cleaned_data[answer_field(q)]
        label = next((o.label for o in q.options.all() if o.pk == option_id), "")
        kept.append((answer_field(q), str(option_id), q.text, label))
    return kept


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    round_unit = _round_unit(token)
    round_ = round_unit.round
    today = timezone.localdate()
    if not services.round_is_open(round_, today):
        not_yet = round_.closed_on is None and today < round_.opens_on
        return render(
            request,
            "surveys/answer_closed.html",
            {"title": round_.questionnaire.name, "round": round_, "not_yet": not_yet},
        )
    questions = round_.questionnaire.questions.prefetch_related("options")
    form = AnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        if limits.over_limit(
            token=token, invited=round_unit.invited, address=client_address(request)
        ):
            # Nothing is lost: the answers come back on a page that sends them again.
            return render(
                request,
                "surveys/answer_busy.html",
                {"title": round_.questionnaire.name, "round": round_, "kept": _kept(form)},
                status=429,
            )
        try:
            services.response_submit(round_unit=round_unit, answers=form.answers(), today=today)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            response = redirect("surveys:answer_thanks", token)
            response.set_signed_cookie(
                _cookie(round_.pk),
                "1",
                salt=COOKIE_SALT,
                max_age=COOKIE_DAYS * 24 * 3600,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
            return response
    return render(
        request,
        "surveys/answer.html",
        {
            "title": round_.questionnaire.name,
            "round": round_,
            "form": form,
            "answered_before": _answered_before(request, round_.pk),
        },
    )


@require_safe
def answer_thanks(request: HttpRequest, token: str) -> HttpResponse:
    round_unit = _round_unit(token)
    return render(
        request,
        "surveys/answer_thanks.html",
        {"title": _("Takk for svaret"), "round": round_unit.round},
    )
