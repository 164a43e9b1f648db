"""The family chooses who takes part: proposed participants accepted or declined, and someone
invited to a meeting asked to be left out. Only a member who chooses participants
(laget.family.access: FamilyView.chooses_participants) has these pages; for anyone else they are
missing (404), like a case that is not theirs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.cases.messages import MSG_CASE_CLOSED
from laget.family import proposals
from laget.family.choices import ProposalAnswer
from laget.portal.access import FamilyAccess, family_case_for, family_read, portal_actor
from laget.portal.family_forms import ProposalAnswerForm
from laget.portal.views.common import case_url, portal_login_required, portal_user


def participants_url(case_id: int, anchor: str = "") -> str:
    url = reverse("portal:participants", kwargs={"case_id": case_id})
    return f"{url}#{anchor}" if anchor else url


def _chooser(request: HttpRequest, case_id: int) -> FamilyAccess:
    access = family_case_for(portal_user(request), case_id, audit=False)
    if not access.view.chooses_participants:
        raise Http404
    return access


@portal_login_required
@require_http_methods(["GET", "HEAD"])
def participants(request: HttpRequest, case_id: int) -> HttpResponse:
    user = portal_user(request)
    access = _chooser(request, case_id)
    page = proposals.participants_page(access.case, access.view)
    family_read(user, access, "case", access.case.pk)
    return render(
        request,
        "portal/participants.html",
        {
            "access": access,
            "case": access.case,
            "page": page,
            "accepted": ProposalAnswer.ACCEPTED.value,
            "declined": ProposalAnswer.DECLINED.value,
            "title": _("Hvem er med"),
            "back_url": case_url(access.case.pk),
            "closed_message": MSG_CASE_CLOSED,
        },
    )


@portal_login_required
@require_POST
def participant_answer(request: HttpRequest, case_id: int, participant_id: int) -> HttpResponse:
    user = portal_user(request)
    access = _chooser(request, case_id)
    form = ProposalAnswerForm(request.POST)
    answer = form.cleaned_data["answer"] if form.is_valid() else ""
    try:
        row = proposals.participant_answer(
            actor=portal_actor(user),
            case=access.case,
            view=access.view,
            participant_id=participant_id,
            answer=answer,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if row.answer == ProposalAnswer.DECLINED:
            messages.success(
                request, _("Takk! Deltakeren får ikke lese saken, og stafettholderen får beskjed.")
            )
        else:
            messages.success(request, _("Takk! Svaret ditt er lagret."))
    return redirect(participants_url(access.case.pk, "foreslatt"))


@portal_login_required
@require_POST
def leave_out(
    request: HttpRequest, case_id: int, meeting_id: int, attendee_id: int
) -> HttpResponse:
    user = portal_user(request)
    access = _chooser(request, case_id)
    try:
        proposals.leave_out_request(
            actor=portal_actor(user),
            case=access.case,
            view=access.view,
            meeting_id=meeting_id,
            attendee_id=attendee_id,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Stafettholderen har fått beskjed og tar det opp med dere før møtet.")
        )
    return redirect(participants_url(access.case.pk, f"mote-{meeting_id}"))
