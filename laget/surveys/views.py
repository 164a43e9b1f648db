"""The survey builder, rounds and results, for the municipality's coordinators and admins
(laget/orgs/rules.py). Objects of another municipality answer 404."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from laget.accounts.models import User
from laget.lib.dbrouting import reads_from_replica
from laget.orgs.models import Municipality
from laget.orgs.rules import managed_municipality
from laget.surveys import past_rounds, selectors, services
from laget.surveys.charts import question_chart
from laget.surveys.exports import results_csv, results_xlsx
from laget.surveys.forms import PastRoundForm, QuestionForm, QuestionnaireForm, RoundForm
from laget.surveys.models import Question, Questionnaire, Round, RoundSource
from laget.surveys.starter import install_starter_questionnaire

METHODS = ["GET", "HEAD", "POST"]


def _municipality(request: HttpRequest) -> Municipality:
    assert isinstance(request.user, User)
    return managed_municipality(request.user)


def _questionnaire(request: HttpRequest, questionnaire_id: int) -> Questionnaire:
    found = Questionnaire.objects.filter(
        pk=questionnaire_id, municipality=_municipality(request)
    ).first()
    if found is None:
        raise Http404
    return found


def _question(questionnaire: Questionnaire, question_id: int) -> Question:
    found = questionnaire.questions.prefetch_related("options").filter(pk=question_id).first()
    if found is None:
        raise Http404
    return found


def _round(request: HttpRequest, round_id: int) -> Round:
    found = (
        selectors.rounds_for(_municipality(request))
        .select_related("previous")
        .filter(pk=round_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _detail(questionnaire: Questionnaire) -> HttpResponse:
    return redirect("surveys:questionnaire_detail", questionnaire.pk)


def _frozen(request: HttpRequest, questionnaire: Questionnaire) -> HttpResponse:
    messages.error(request, str(services.MSG_PUBLISHED))
    return _detail(questionnaire)


@login_required
@require_safe
def survey_list(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    return render(
        request,
        "surveys/survey_list.html",
        {
            "title": _("Medarbeiderundersøkelser"),
            "municipality": municipality,
            "questionnaires": selectors.questionnaires_for(municipality),
            "rounds": selectors.rounds_for(municipality),
        },
    )


@login_required
@require_POST
def starter_install(request: HttpRequest) -> HttpResponse:
    questionnaire = install_starter_questionnaire(_municipality(request))
    messages.success(request, _("Startskjemaet er lagt inn."))
    return _detail(questionnaire)


@login_required
@require_http_methods(METHODS)
def questionnaire_create(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_create(
                municipality=municipality, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            return _detail(questionnaire)
    return render(
        request,
        "surveys/form.html",
        {"form": form, "title": _("Nytt spørreskjema"), "back_url": reverse("surveys:survey_list")},
    )


@login_required
@require_safe
def questionnaire_detail(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, questionnaire_id)
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "title": questionnaire.name,
            "questionnaire": questionnaire,
            "questions": questionnaire.questions.prefetch_related("options"),
            "rounds": questionnaire.rounds.all(),
        },
    )


@login_required
@require_http_methods(METHODS)
def question_add(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    return _question_form(request, _questionnaire(request, questionnaire_id), None)


@login_required
@require_http_methods(METHODS)
def question_edit(request: HttpRequest, questionnaire_id: int, question_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, questionnaire_id)
    return _question_form(request, questionnaire, _question(questionnaire, question_id))


def _question_form(
    request: HttpRequest, questionnaire: Questionnaire, question: Question | None
) -> HttpResponse:
    if questionnaire.is_published:
        return _frozen(request, questionnaire)
    initial = QuestionForm.initial_for(question) if question else {"kind": "choice"}
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_save(
                questionnaire=questionnaire,
                question=question,
                text=data["text"],
                kind=data["kind"],
                slug=data["slug"],
                option_labels=form.option_labels(),
                is_use_frequency=data["is_use_frequency"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Spørsmålet er lagret."))
            return _detail(questionnaire)
    title = _("Endre spørsmål") if question else _("Nytt spørsmål")
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "title": title,
            "questionnaire": questionnaire,
            "back_url": reverse("surveys:questionnaire_detail", args=[questionnaire.pk]),
        },
    )


@login_required
@require_POST
def question_move(request: HttpRequest, questionnaire_id: int, question_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, questionnaire_id)
    question = _question(questionnaire, question_id)
    if questionnaire.is_published:
        return _frozen(request, questionnaire)
    services.question_move(question=question, up=request.POST.get("direction") == "up")
    return redirect(
        reverse("surveys:questionnaire_detail", args=[questionnaire.pk])
        + f"#sporsmal-{question.pk}"
    )


@login_required
@require_POST
def question_remove(request: HttpRequest, questionnaire_id: int, question_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, questionnaire_id)
    question = _question(questionnaire, question_id)
    if questionnaire.is_published:
        return _frozen(request, questionnaire)
    services.question_remove(question=question)
    messages.success(request, _("Spørsmålet er fjernet."))
    return _detail(questionnaire)


@login_required
@require_POST
def questionnaire_publish(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, questionnaire_id)
    try:
        services.questionnaire_publish(questionnaire=questionnaire)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Skjemaet er publisert og kan brukes i runder."))
    return _detail(questionnaire)


@login_required
@require_POST
def questionnaire_copy(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    copy = services.questionnaire_copy(questionnaire=_questionnaire(request, questionnaire_id))
    messages.success(request, _("Kopien kan endres før den publiseres."))
    return _detail(copy)


@login_required
@require_http_methods(METHODS)
def round_create(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, questionnaire_id)
    if not questionnaire.is_published:
        messages.error(request, str(services.MSG_NOT_PUBLISHED))
        return _detail(questionnaire)
    municipality = questionnaire.municipality
    form = RoundForm(
        request.POST or None,
        initial=RoundForm.defaults(),
        units=municipality.units.filter(is_active=True).order_by("kind", "name"),
        rounds=selectors.rounds_for(municipality),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_create(
                questionnaire=questionnaire,
                name=data["name"],
                kind=data["kind"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                previous=data["previous"],
                invited=form.invited(),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Runden er opprettet. Del lenkene med enhetene."))
            return redirect("surveys:round_detail", round_.pk)
    return render(
        request,
        "surveys/round_form.html",
        {
            "form": form,
            "title": _("Ny runde"),
            "questionnaire": questionnaire,
            "back_url": reverse("surveys:questionnaire_detail", args=[questionnaire.pk]),
        },
    )


@login_required
@require_http_methods(METHODS)
def past_round_create(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    """Bring in an earlier survey: a closed round with its real dates, and its answers or counts
    from a file (all rows or none)."""
    questionnaire = _questionnaire(request, questionnaire_id)
    if not questionnaire.is_published:
        messages.error(request, str(services.MSG_NOT_PUBLISHED))
        return _detail(questionnaire)
    municipality = questionnaire.municipality
    form = PastRoundForm(
        request.POST or None,
        request.FILES or None,
        units=municipality.units.filter(is_active=True).order_by("kind", "name"),
        rounds=selectors.rounds_for(municipality),
    )
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        common = {
            "questionnaire": questionnaire,
            "name": data["name"],
            "kind": data["kind"],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "previous": data["previous"],
            "today": timezone.localdate(),
        }
        try:
            rows = past_rounds.read_rows(upload, upload.name)
            if data["source"] == RoundSource.COUNTS:
                round_ = past_rounds.past_round_from_counts(
                    **common, invited=past_rounds.invited_by_kind(form.invited()), rows=rows
                )
            else:
                round_ = past_rounds.past_round_from_answers(
                    **common, invited=form.invited(), rows=rows
                )
        except past_rounds.ImportFileError as exc:
            form.add_error("file", str(exc))
        except past_rounds.ImportRowsError as exc:
            form.add_error("file", str(past_rounds.MSG_ROWS))
            row_errors = [str(e) for e in exc.rows]
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Den tidligere runden er lagt inn."))
            return redirect("surveys:round_results", round_.pk)
    return render(
        request,
        "surveys/past_round_form.html",
        {
            "form": form,
            "row_errors": row_errors,
            "title": _("Legg inn en tidligere runde"),
            "questionnaire": questionnaire,
            "answers_heading": past_rounds.template_rows(questionnaire, counts=False),
            "back_url": reverse("surveys:questionnaire_detail", args=[questionnaire.pk]),
        },
    )


@login_required
@require_safe
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(request, round_id)
    base = settings.LAGET_BASE_URL.rstrip("/")
    links = [
        (ru, base + reverse("surveys:answer", args=[ru.token]))
        for ru in round_.round_units.select_related("unit").order_by("unit__name")
    ]
    return render(
        request,
        "surveys/round_detail.html",
        {
            "title": round_.name,
            "round": round_,
            "links": links,
            "is_open": services.round_is_open(round_, timezone.localdate()),
        },
    )


@login_required
@require_POST
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(request, round_id)
    services.round_close(round_=round_, today=timezone.localdate())
    messages.success(request, _("Runden er stengt. Lenkene tar ikke lenger imot svar."))
    return redirect("surveys:round_detail", round_.pk)


@login_required
@require_safe
@reads_from_replica()
def round_results(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(request, round_id)
    results = selectors.round_results(round_)
    return render(
        request,
        "surveys/round_results.html",
        {
            "title": _("Resultater: %(name)s") % {"name": round_.name},
            "results": results,
            "charts": [(q, question_chart(q)) for q in results.questions],
            "trend": selectors.use_trend(round_),
        },
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
@reads_from_replica()
def round_results_csv(request: HttpRequest, round_id: int) -> HttpResponse:
    """The results page's figures as CSV: the same round rule, the same hidden groups."""
    round_ = _round(request, round_id)
    return _download(
        results_csv(selectors.round_results(round_)),
        "text/csv; charset=utf-8",
        f"undersokelse-resultater-{round_.pk}.csv",
    )


@login_required
@require_safe
@reads_from_replica()
def round_results_xlsx(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(request, round_id)
    return _download(
        results_xlsx(selectors.round_results(round_)),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"undersokelse-resultater-{round_.pk}.xlsx",
    )
