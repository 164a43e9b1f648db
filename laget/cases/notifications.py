"""Who in a case is told about what. The recipients follow the case's own rules: staff are the
persons whose participation grants access today (ParticipantQuerySet.granting_access), the
family are the members who may read the thing itself (laget.family.access: role, restrictions,
care order, a held-back access log) — the same rule the portal's pages ask. The outbox (laget/notify) only sends. Called inside the
action's transaction, so an action that fails tells no one."""

from collections.abc import Callable

from django.utils import timezone

from laget.cases.access import case_coordinators, responsible_unit_leaders
from laget.cases.choices import Audience
from laget.cases.models import BatonHandover, Case, Entry, Meeting
from laget.family.access import FamilyView, family_views, member_view
from laget.notify.models import Kind, Notification, RecipientRole
from laget.notify.services import Recipient, Recipients, queue
from laget.people.language import member_language


def family_recipients(
    case: Case, sees: Callable[[FamilyView], bool], except_user_id: int | None = None
) -> list[Recipient]:
    """The family members with an e-mail address who read the case and may see the thing."""
    return [
        Recipient(v.guardian.email, RecipientRole.FAMILY, member_language(v.guardian))
        for v in family_views(case)
        if v.guardian is not None
        and v.guardian.email
        and (except_user_id is None or v.guardian.user_id != except_user_id)
        and sees(v)
    ]


def case_recipients(
    case: Case,
    *,
    family: Callable[[FamilyView], bool] | None,
    except_user_id: int | None = None,
) -> Recipients:
    """The one answer to "who in this case is told": every person taking part whose access
    holds, and the family members for whom `family` holds (news they may see)."""
    people = (
        case.participants.granting_access()
        .filter(user__isnull=False, user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "user__email")
    )
    recipients: list[Recipient] = [
        Recipient(email, RecipientRole.STAFF) for uid, email in people if uid != except_user_id
    ]
    if family is not None:
        recipients += family_recipients(case, family, except_user_id)
    return recipients


def notify_entry_created(entry: Entry) -> list[Notification]:
    """Everyone in the case but the author; the family too when the entry is for all."""
    case = entry.case

    def sees(view: FamilyView) -> bool:
        return view.entries(case.entries.filter(pk=entry.pk)).exists()

    recipients = case_recipients(
        case,
        family=sees if entry.audience == Audience.ALL else None,
        except_user_id=entry.author_id,
    )
    return queue(event=f"entry:{entry.pk}", kind=Kind.ENTRY, case_id=case.pk, recipients=recipients)


def notify_meeting_invitation(meeting: Meeting) -> list[Notification]:
    """Each person invited, with a calendar invitation: invited staff whose access holds, and
    invited guardians of the case. A meeting recorded after the fact (its time has passed)
    invites no one."""
    if meeting.starts_at <= timezone.now():
        return []
    holding = set(meeting.case.participants.granting_access().values_list("pk", flat=True))
    # Invited by name, a family member is told (parental responsibility or not) — unless
    # shut out of the log or of this meeting (laget.family.access).
    meetings = meeting.case.meetings.filter(pk=meeting.pk)
    family = set()
    for attendee in meeting.attendees.filter(guardian__isnull=False).select_related("guardian"):
        view = member_view(meeting.case, guardian=attendee.guardian)
        if not view.shut_out and view.meetings(meetings).exists():
            family.add(attendee.guardian_id)
    recipients: list[Recipient] = []
    for attendee in meeting.attendees.select_related("participant__user", "guardian").order_by(
        "pk"
    ):
        participant = attendee.participant
        if participant is not None and participant.user is not None:
            if participant.pk in holding and participant.user.is_active:
                recipients.append(Recipient(participant.user.email, RecipientRole.STAFF))
        elif attendee.guardian is not None and attendee.guardian.pk in family:
            recipients.append(
                Recipient(
                    attendee.guardian.email,
                    RecipientRole.FAMILY,
                    member_language(attendee.guardian),
                )
            )
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
    recipients = [
        Recipient(u.email, RecipientRole.STAFF) for u in case_coordinators(case) if u.email
    ]
    return queue(event=event, kind=Kind.CASE_NOTICE, case_id=case.pk, recipients=recipients)


def notify_unit_leaders(
    case: Case, *, event: str, except_user_id: int | None = None
) -> list[Notification]:
    """Tell the leaders of the responsible unit that the case has something for them to decide
    (a restriction awaiting approval); the email names nothing, the case page says what."""
    recipients = [
        Recipient(u.email, RecipientRole.STAFF)
        for u in responsible_unit_leaders(case)
        if u.email and u.is_active and u.pk != except_user_id
    ]
    return queue(event=event, kind=Kind.CASE_NOTICE, case_id=case.pk, recipients=recipients)


def notify_baton_received(handover: BatonHandover) -> list[Notification]:
    """Tell the new stafettholder that the baton is theirs, unless they took it themselves.
    The holder is always a person (the model's constraint), so a unit is never told here; the
    address is used only while their participation grants access, as for every other notice.
    The email names nothing; the case is marked "new to you" on their list (selectors.my_cases)."""
    to = handover.to_participant
    if to.user_id is None or to.user_id == handover.by_id:
        return []
    people = (
        handover.case.participants.granting_access()
        .filter(pk=to.pk, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return queue(
        event=f"baton:{handover.pk}",
        kind=Kind.BATON_RECEIVED,
        case_id=handover.case_id,
        recipients=[Recipient(email, RecipientRole.STAFF) for email in people],
    )
