"""The family's answers on the staff case page: who they accepted or declined among the
proposed participants, and whom they asked to leave out of a meeting (laget.family.proposals).
Read once per page: `{% family_answers case as fa %}`, then looked up per row."""

import datetime

from django import template

from laget.cases.empty_relations import FAMILY_ANSWERS, known_empty
from laget.cases.models import Case, Meeting, Participant
from laget.family.proposals import FamilyAnswers, StaffAnswer, family_answers

register = template.Library()


@register.simple_tag(name="family_answers")
def load_family_answers(case: Case) -> FamilyAnswers:
    # Two sections of the page ask; the case object lives for the request.
    answers: FamilyAnswers | None = getattr(case, "_family_answers", None)
    if answers is None:
        answers = FamilyAnswers() if known_empty(case, FAMILY_ANSWERS) else family_answers(case)
        case._family_answers = answers  # type: ignore[attr-defined]
    return answers


@register.simple_tag
def answers_for(answers: FamilyAnswers | None, participant: Participant) -> list[StaffAnswer]:
    if answers is None:
        return []
    return answers.by_participant.get(participant.pk, [])


@register.simple_tag
def family_declined(answers: FamilyAnswers | None, participant: Participant) -> bool:
    return answers is not None and answers.declined(participant.pk)


@register.simple_tag
def leave_outs_for(
    answers: FamilyAnswers | None, meeting: Meeting
) -> list[tuple[str, str, datetime.datetime]]:
    if answers is None:
        return []
    return answers.leave_outs.get(meeting.pk, [])
