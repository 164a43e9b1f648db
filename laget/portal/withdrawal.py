"""What withdrawing a consent will do, as the family member about to withdraw it may be told.

Computed from the one access rule (cases.ParticipantQuerySet.granting_access): those taking
part today on this consent lose access; those taking part on another basis (a statute, another
consent in force) read on. Each is named as the member's FamilyView lets them (a withheld
participant or a unit that tells where a protected member lives stays neutral or unnamed).
"""

from dataclasses import dataclass

from laget.cases.choices import ParticipantRole
from laget.cases.models import Case, Participant
from laget.consent.models import Consent
from laget.family.access import FamilyView


@dataclass(frozen=True)
class WithdrawalEffects:
    # Who stops reading the case, and who goes on, as the member may see them.
    lose: tuple[str, ...]
    keep: tuple[str, ...]
    # The stafettholder reads on this consent and loses access too.
    holder_loses: bool
    # Others answer the consent too: it ends for the whole case, not only for this member.
    others_answer: bool


def _label(view: FamilyView, participant: Participant) -> str:
    name = participant.user.display_name if participant.user else ""
    return view.staff_label(name, participant.unit)


def withdrawal_effects(view: FamilyView, case: Case, consent: Consent) -> WithdrawalEffects:
    reading = case.participants.granting_access().select_related("user", "unit")
    on_it = [p for p in reading if p.consent_id == consent.pk]
    others = [p for p in reading if p.consent_id != consent.pk]
    shown = set(view.participants(reading).values_list("pk", flat=True))
    return WithdrawalEffects(
        lose=tuple(dict.fromkeys(_label(view, p) for p in on_it if p.pk in shown)),
        keep=tuple(dict.fromkeys(_label(view, p) for p in others if p.pk in shown)),
        holder_loses=any(p.role == ParticipantRole.STAFETTHOLDER for p in on_it),
        others_answer=len(consent.parties.all()) > 1,
    )
