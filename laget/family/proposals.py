"""The family chooses who takes part.

A participant brought in on the family's consent is proposed to each member who chooses
participants (`Rights.chooses_participants`: a guardian with parental responsibility, the
expecting mother, the child from the consent age): they accept or decline, once each. One who
is declined never reads the case on that consent, whenever it is given
(cases.models.ParticipantQuerySet.granting_access). For an upcoming meeting the member sees who
from the services is invited and may ask that someone be left out; staff decide.

What a member sees here goes through their `FamilyView` (laget.family.access): nobody whose
view hides the participants sees any of this, a unit that would tell where a protected member
lives is left out, and a participant on another member's own consent is not theirs to answer.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.choices import LegalBasis, MeetingStatus
from laget.cases.models import Case, Meeting, MeetingAttendee, Participant
from laget.cases.notifications import notify_case_notice
from laget.cases.services.common import ensure_case_open
from laget.family.access import FamilyView
from laget.family.choices import ProposalAnswer
from laget.family.models import LeaveOutRequest, ParticipantAnswer

MSG_CHOOSE_ANSWER = _("Velg om du sier ja eller nei til deltakeren.")
MSG_ALREADY_ANSWERED = _("Du har allerede svart om denne deltakeren.")
MSG_ALREADY_ASKED = _("Du har allerede bedt om at denne ikke er med på møtet.")


def _member(view: FamilyView) -> Q:
    if view.guardian is not None:
        return Q(guardian=view.guardian)
    return Q(guardian__isnull=True, is_child=True)


def _answerable(case: Case, view: FamilyView) -> list[Participant]:
    """Active participants on one of the case's consents that this member may see and that
    concern them (not another member's own help), with unit, user and consent."""
    rows = view.participants(
        case.participants.filter(left_at__isnull=True, legal_basis=LegalBasis.CONSENT)
    ).select_related("unit", "user", "consent")
    return [
        p
        for p in rows.order_by("joined_at", "pk")
        if p.consent is not None and view.sees_consent(p.consent) and view.shows_unit(p.unit)
    ]


@dataclass(frozen=True)
class Answered:
    participant: Participant
    answer: ParticipantAnswer


@dataclass(frozen=True)
class Invited:
    attendee: MeetingAttendee
    label: str
    # When this member asked that they be left out; None: not asked.
    asked_at: datetime.datetime | None


@dataclass(frozen=True)
class UpcomingMeeting:
    meeting: Meeting
    invited: list[Invited]


@dataclass(frozen=True)
class ParticipantsPage:
    proposed: list[Participant]
    answered: list[Answered]
    meetings: list[UpcomingMeeting]


def _upcoming(case: Case, view: FamilyView) -> QuerySet[Meeting]:
    return view.meetings(
        case.meetings.filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
    )


def _invited(meeting: Meeting, visible: dict[int, Participant]) -> list[MeetingAttendee]:
    """Who from the services is invited, of those the member may see. Family members are
    not listed: who else in the family comes is not this member's to see."""
    return [
        a
        for a in meeting.attendees.all()
        if a.participant_id is not None and a.participant_id in visible
    ]


def participants_page(case: Case, view: FamilyView) -> ParticipantsPage:
    """What the member's participants page shows; empty for one who does not choose."""
    if not view.chooses_participants:
        return ParticipantsPage([], [], [])
    answerable = _answerable(case, view)
    mine = {
        a.participant_id: a
        for a in ParticipantAnswer.objects.filter(
            _member(view), participant__in=[p.pk for p in answerable]
        )
    }
    visible = {
        p.pk: p
        for p in view.participants(case.participants.filter(left_at__isnull=True))
        .select_related("unit", "user")
        .order_by("joined_at", "pk")
        if view.shows_unit(p.unit)
    }
    meetings = list(_upcoming(case, view).order_by("starts_at", "pk").prefetch_related("attendees"))
    asked = {
        r.attendee_id: r.at
        for r in LeaveOutRequest.objects.filter(_member(view), attendee__meeting__in=meetings)
    }
    return ParticipantsPage(
        proposed=[p for p in answerable if p.pk not in mine],
        answered=[Answered(p, mine[p.pk]) for p in answerable if p.pk in mine],
        meetings=[
            UpcomingMeeting(
                m,
                [
                    Invited(a, visible[a.participant_id].label, asked.get(a.pk))
                    for a in _invited(m, visible)
                    if a.participant_id is not None
                ],
            )
            for m in meetings
        ],
    )


@transaction.atomic
def participant_answer(
    *, actor: Actor, case: Case, view: FamilyView, participant_id: int, answer: str
) -> ParticipantAnswer:
    """The member accepts or declines a proposed participant, once. A decline ends that
    participant's access on consent at once, and the stafettholder is told to look."""
    if not view.chooses_participants:
        raise Http404
    participant = next((p for p in _answerable(case, view) if p.pk == participant_id), None)
    if participant is None:
        raise Http404
    ensure_case_open(case)
    if answer not in ProposalAnswer.values:
        raise ValidationError({"answer": MSG_CHOOSE_ANSWER}, code="invalid")
    if ParticipantAnswer.objects.filter(_member(view), participant=participant).exists():
        raise ValidationError(MSG_ALREADY_ANSWERED, code="answered")
    assert actor.user is not None
    row = ParticipantAnswer(
        participant=participant,
        guardian=view.guardian,
        is_child=view.guardian is None,
        answer=answer,
        by_user=actor.user,
    )
    row.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Two answers sent at once: the database's one-answer rule decided.
        raise ValidationError(MSG_ALREADY_ANSWERED, code="answered") from None
    # Recorded on the participant, so that a member shut out of the participants does not see
    # even that the family answered about one (laget.family.access.FamilyView.audit).
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="participant",
        object_id=participant.pk,
        case_id=case.pk,
    )
    if answer == ProposalAnswer.DECLINED:
        notify_case_notice(case, event=f"participant-declined:{row.pk}")
    return row


@transaction.atomic
def leave_out_request(
    *, actor: Actor, case: Case, view: FamilyView, meeting_id: int, attendee_id: int
) -> LeaveOutRequest:
    """The member asks that someone invited to an upcoming meeting be left out. Staff see
    the request on the meeting and decide; nothing changes by itself."""
    if not view.chooses_participants:
        raise Http404
    meeting = _upcoming(case, view).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    visible = {
        p.pk: p
        for p in view.participants(case.participants.filter(left_at__isnull=True)).select_related(
            "unit"
        )
        if view.shows_unit(p.unit)
    }
    attendee = next((a for a in _invited(meeting, visible) if a.pk == attendee_id), None)
    if attendee is None:
        raise Http404
    ensure_case_open(case)
    if LeaveOutRequest.objects.filter(_member(view), attendee=attendee).exists():
        raise ValidationError(MSG_ALREADY_ASKED, code="asked")
    assert actor.user is not None
    row = LeaveOutRequest(
        attendee=attendee,
        guardian=view.guardian,
        is_child=view.guardian is None,
        by_user=actor.user,
    )
    row.full_clean()
    row.save()
    # On the meeting: hidden with it from anyone the meeting is hidden from.
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="meeting",
        object_id=meeting.pk,
        case_id=case.pk,
    )
    notify_case_notice(case, event=f"leave-out:{row.pk}")
    return row


@dataclass(frozen=True)
class StaffAnswer:
    who: str
    answer: str
    declined: bool
    at: datetime.datetime


@dataclass
class FamilyAnswers:
    """The family's answers as staff see them on the case page: per participant, and the
    requests to leave someone out per meeting."""

    by_participant: dict[int, list[StaffAnswer]] = field(default_factory=dict)
    leave_outs: dict[int, list[tuple[str, str, datetime.datetime]]] = field(default_factory=dict)

    def declined(self, participant_id: int) -> bool:
        return any(a.declined for a in self.by_participant.get(participant_id, []))


CHILD_LABEL = _("barnet")


def family_answers(case: Case) -> FamilyAnswers:
    """Every answer and request of the case's family, in two queries."""
    answers: dict[int, list[StaffAnswer]] = defaultdict(list)
    for a in ParticipantAnswer.objects.filter(participant__case=case).select_related("guardian"):
        answers[a.participant_id].append(
            StaffAnswer(
                who=a.guardian.name if a.guardian is not None else str(CHILD_LABEL),
                answer=a.get_answer_display(),
                declined=a.answer == ProposalAnswer.DECLINED,
                at=a.at,
            )
        )
    leave_outs: dict[int, list[tuple[str, str, datetime.datetime]]] = defaultdict(list)
    requests = LeaveOutRequest.objects.filter(attendee__meeting__case=case).select_related(
        "guardian", "attendee__participant__user", "attendee__participant__unit"
    )
    for r in requests:
        who = r.guardian.name if r.guardian is not None else str(CHILD_LABEL)
        leave_outs[r.attendee.meeting_id].append((r.attendee.label, who, r.at))
    return FamilyAnswers(dict(answers), dict(leave_outs))
