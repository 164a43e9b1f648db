"""Who in a case is told about what. The recipients follow the case's own rules: staff are the
persons whose participation grants access today (ParticipantQuerySet.granting_access), the
family are the guardians with parental responsibility recorded in this case — the same people
laget/portal/access.py lets read it. The outbox (laget/notify) only sends. Called inside the
action's transaction, so an action that fails tells no one."""

from django.utils import timezone

from laget.cases.access import case_coordinators
from laget.cases.choices import Audience
from laget.cases.models import Case, Entry, Meeting
from laget.notify.models import Kind, Notification, RecipientRole
from laget.notify.services import Recipients, queue


def case_recipients(case: Case, *, family: bool, except_user_id: int | None = None) -> Recipients:
    """The one answer to "who in this case is told": every person taking part whose access
    holds, and the family too when `family` (news for everyone in the case)."""
    people = (
        case.participants.granting_access()
        .filter(user__isnull=False, user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "user__email")
    )
    recipients = [(email, RecipientRole.STAFF) for uid, email in people if uid != except_user_id]
    subject = case.subject
    if family and subject is not None:
        guardians = subject.guardians.reading().exclude(email="").values_list("user_id", "email")
        recipients += [
            (email, RecipientRole.FAMILY)
            for uid, email in guardians
            if except_user_id is None or uid != except_user_id
        ]
    return recipients


def notify_entry_created(entry: Entry) -> list[Notification]:
    """Everyone in the case but the author; the family too when the entry is for all."""
    case = entry.case
    recipients = case_recipients(
        case, family=entry.audience == Audience.ALL, except_user_id=entry.author_id
    )
    return queue(event=f"entry:{entry.pk}", kind=Kind.ENTRY, case_id=case.pk, recipients=recipients)


def notify_meeting_invitation(meeting: Meeting) -> list[Notification]:
    """Each person invited, with a calendar invitation: invited staff whose access holds, and
    invited guardians of the case. A meeting recorded after the fact (its time has passed)
    invites no one."""
    if meeting.starts_at <= timezone.now():
        return []
    holding = set(meeting.case.participants.granting_access().values_list("pk", flat=True))
    recipients: list[tuple[str, str]] = []
    for attendee in meeting.attendees.select_related("participant__user", "guardian").order_by(
        "pk"
    ):
        participant = attendee.participant
        if participant is not None and participant.user is not None:
            if participant.pk in holding and participant.user.is_active:
                recipients.append((participant.user.email, RecipientRole.STAFF))
        elif attendee.guardian is not None:
            recipients.append((attendee.guardian.email, RecipientRole.FAMILY))
    return queue(
        event=f"meeting:{meeting.pk}",
        kind=Kind.MEETING_INVITATION,
        case_id=meeting.case_id,
        recipients=recipients,
        meeting_id=meeting.pk,
    )


def notify_case_notice(case: Case, *, event: str) -> list[Notification]:
    """Tell whoever coordinates the case that something there needs a look; the email names
    nothing, the case page says what."""
    recipients = [(u.email, RecipientRole.STAFF) for u in case_coordinators(case) if u.email]
    return queue(event=event, kind=Kind.CASE_NOTICE, case_id=case.pk, recipients=recipients)
