"""A consent given by the family, for tests and demo data that need consent-based participants."""

import datetime
from collections.abc import Sequence

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.models import Case
from laget.cases.services.guardians import guardian_add
from laget.consent.models import Channel, Consent
from laget.consent.services import consent_give, consent_request
from laget.orgs.actors import actor_for
from laget.orgs.models import Unit


def given_consent(
    case: Case,
    units: Sequence[Unit],
    *,
    by: User,
    purpose: str = "Samarbeid om tiltak for barnet",
    expires_on: datetime.date | None = None,
) -> Consent:
    """Request a consent as `by` (who must coordinate the case) and let every party give it.

    A case without guardians gets two invented ones first; a de-identified case cannot have a
    consent, so tie it to a person before calling this."""
    actor = actor_for(by, Via.SYSTEM)
    access = case_for(by, case.pk, need=Need.COORDINATE, audit=False)
    subject = access.case.subject
    assert subject is not None, "a consent needs an identified case"
    if not subject.guardians.filter(has_parental_responsibility=True).exists():
        guardian_add(actor=actor, access=access, name="Hanne Fjeldsrud", relation="mor")
        guardian_add(actor=actor, access=access, name="Jon Fjeldsrud", relation="far")
    consent = consent_request(
        actor=actor,
        access=access,
        unit_ids=[u.pk for u in units],
        purpose=purpose,
        expires_on=expires_on,
    )
    for party in consent.parties.all():
        consent = consent_give(
            actor=actor,
            consent=consent,
            guardian=party.guardian,
            child=party.is_child,
            channel=Channel.DIGITAL,
        )
    return consent
