"""When one of the guardians withdraws the case's consent, the case must not vanish.

The consent ends at once (consent.services.consent_withdraw) and the participants who read on
it lose access; those on a statute keep reading. What stays is a notice, in the pattern of the
same-child notice: "the consent was withdrawn by one of the guardians on …, what now?", with
the step of the action guide the case is at. It is shown

- on the case page, to everyone who reads the case (the button that marks it handled only to
  those who coordinate it), and
- on "Mine saker" of the case's active stafettholder and of the responsible unit's leaders —
  also to a stafettholder who read on that very consent and lost access with it. They keep the
  row, but no case content: the case number, the responsible unit, the date and the guide's
  step (the public guide, which holds nothing about the case), and who follows up.

Who sees the row is not stored but read from the case as it is (its active stafettholder, the
leaders of its responsible unit today), so a baton handed on or a leader replaced moves the
notice with the case. The coordinators are told by e-mail (naming nothing) before the
withdrawal takes effect, so that a stafettholder about to lose access is among them.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess, case_coordinators, visible_cases
from laget.cases.choices import ParticipantRole
from laget.cases.models import Case, Participant
from laget.cases.notifications import notify_case_notice
from laget.cases.services.common import audit_write, ensure_open
from laget.cases.whatnow import steps_of_level
from laget.consent.models import Consent, ConsentParty, WithdrawalNotice
from laget.guide.models import Step
from laget.notify.models import Kind, RecipientRole
from laget.notify.services import Recipient, queue
from laget.orgs.models import Membership
from laget.orgs.selectors import staff_profile


def _one_of_the_guardians(consent: Consent, party: ConsentParty) -> bool:
    """The case's consent (not one member's own help), withdrawn by a guardian while another
    guardian is a party to it too."""
    if consent.for_guardian_id is not None or party.guardian_id is None:
        return False
    return consent.parties.filter(guardian__isnull=False).exclude(pk=party.pk).exists()


def withdrawal_notice_open(
    *, actor: Actor, consent: Consent, party: ConsentParty, at: datetime.datetime
) -> WithdrawalNotice | None:
    """Called by consent_withdraw inside its transaction, before the consent ends: leave the
    notice and tell the coordinators (while their access still holds). None when the
    withdrawal is not one guardian's of the case's consent, or the case is closed."""
    case = consent.case
    if case.is_closed:
        return None
    if not _one_of_the_guardians(consent, party):
        # No notice to keep, but those who coordinate are told all the same (the e-mail names
        # nothing), while their access still holds; not the one registering it themselves.
        _tell_coordinators(case, consent, except_user_id=actor.user.pk if actor.user else None)
        return None
    notice, created = WithdrawalNotice.objects.get_or_create(
        consent=consent, defaults={"case": case, "at": at}
    )
    if created:
        audit_write(actor, AuditAction.CREATE, notice, case.pk)
        notify_case_notice(case, event=f"consent-withdrawn:{notice.pk}")
    return notice


def _tell_coordinators(case: Case, consent: Consent, *, except_user_id: int | None) -> None:
    recipients = [
        Recipient(u.email, RecipientRole.STAFF)
        for u in case_coordinators(case)
        if u.email and u.is_active and u.pk != except_user_id
    ]
    queue(
        event=f"consent-withdrawn-by:{consent.pk}",
        kind=Kind.CASE_NOTICE,
        case_id=case.pk,
        recipients=recipients,
    )


@transaction.atomic
def withdrawal_notice_handle(*, actor: Actor, access: CaseAccess, consent_id: int) -> bool:
    """Someone who coordinates the case has seen the notice and decided what next. Whether
    there was an open notice to handle (a second click changes nothing)."""
    ensure_open(access)
    consent = access.case.consents.filter(pk=consent_id).first()
    if consent is None:
        raise Http404
    notice = (
        WithdrawalNotice.objects.select_for_update()
        .filter(consent=consent, handled_at__isnull=True)
        .first()
    )
    if notice is None:
        return False
    notice.handled_at = timezone.now()
    notice.handled_by = actor.user
    notice.save(update_fields=["handled_at", "handled_by"])
    audit_write(actor, AuditAction.UPDATE, notice, access.case.pk)
    return True


@dataclass(frozen=True)
class NoticeRow:
    """One notice on a staff member's list of cases."""

    notice: WithdrawalNotice
    case: Case
    # Whether the user reads the case: only then is it named and linked.
    reads_case: bool
    # The step of the guide the case is at, in the public guide (no case content in it).
    step: Step | None
    step_url: str

    @property
    def at(self) -> datetime.datetime:
        return self.notice.at


def _step(case: Case, levels: dict[tuple[int, int], list[Step]]) -> Step | None:
    """The step of the published guide the case is at (as «Hva nå?» finds it)."""
    key = (case.municipality_id, case.level)
    if key not in levels:
        levels[key] = steps_of_level(case)
    steps = levels[key]
    return next((s for s in steps if s.slug == case.guide_step), steps[0] if steps else None)


def withdrawal_notices_for(user: User) -> list[NoticeRow]:
    """The open notices on the user's list: of open cases whose active stafettholder they are
    (through a membership that still counts, whether or not their access holds), or whose
    responsible unit they lead."""
    profile = staff_profile(user)
    if not profile.unit_ids:
        return []
    membership = Membership.objects.effective().filter(
        user_id=OuterRef("user_id"), unit_id=OuterRef("unit_id")
    )
    holder = Participant.objects.filter(
        Exists(membership),
        case_id=OuterRef("case_id"),
        role=ParticipantRole.STAFETTHOLDER,
        left_at__isnull=True,
        user_id=user.pk,
    )
    notices = list(
        # Started from the notices, so Case.objects does not leave practice cases out here.
        WithdrawalNotice.objects.filter(
            handled_at__isnull=True, case__closed_at__isnull=True, case__is_practice=False
        )
        .filter(Q(Exists(holder)) | Q(case__unit_id__in=profile.led_unit_ids))
        .select_related("case__subject", "case__unit", "case__municipality")
        .order_by("-at", "-pk")
    )
    if not notices:
        return []
    readable = set(
        visible_cases(user).filter(pk__in={n.case_id for n in notices}).values_list("pk", flat=True)
    )
    levels: dict[tuple[int, int], list[Step]] = {}
    rows = []
    for notice in notices:
        case = notice.case
        step = _step(case, levels)
        reads = case.pk in readable
        if reads:
            url = reverse("cases:case_detail", kwargs={"case_id": case.pk}) + "#hva-na"
        elif step is not None:
            url = reverse(
                "public:step",
                kwargs={
                    "municipality_number": case.municipality.number,
                    "level": case.level,
                    "slug": step.slug,
                },
            )
        else:
            url = ""
        rows.append(NoticeRow(notice=notice, case=case, reads_case=reads, step=step, step_url=url))
    return rows
