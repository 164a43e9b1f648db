"""The municipality's own additions to the list of statutes (see cases.statutes)."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.messages import MSG_STATUTE_EXISTS, MSG_STATUTE_KINDS_REQUIRED
from laget.cases.models import LocalStatute
from laget.cases.services.common import require_text
from laget.cases.statutes import NATIONAL, slug_for
from laget.orgs.models import Municipality, UnitKind
from laget.orgs.rules import administers


@transaction.atomic
def local_statute_create(
    *,
    actor: Actor,
    municipality: Municipality,
    reference: str,
    title: str,
    unit_kinds: Iterable[str],
    reason: str,
) -> LocalStatute:
    """The municipal admin adds a statute to the municipality's list, with the reason; its
    key is made from the reference. Audited; from now on it is offered to the kinds named."""
    if actor.user is None or not administers(actor.user, municipality.pk):
        raise PermissionDenied
    # One addition at a time per municipality, so that two cannot take the same key.
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    reason = require_text("reason", reason)
    reference = reference.strip()
    kinds = sorted(set(unit_kinds))
    if not kinds or not set(kinds) <= set(UnitKind.values):
        raise ValidationError({"unit_kinds": MSG_STATUTE_KINDS_REQUIRED}, code="kinds")
    existing = LocalStatute.objects.filter(municipality=municipality)
    references = {r.casefold() for r in existing.values_list("reference", flat=True)}
    references |= {s.reference.casefold() for s in NATIONAL}
    if reference.casefold() in references:
        raise ValidationError({"reference": MSG_STATUTE_EXISTS}, code="exists")
    row = LocalStatute(
        municipality=municipality,
        key=slug_for(reference, existing.values_list("key", flat=True)),
        reference=reference,
        title=title.strip(),
        unit_kinds=kinds,
        reason=reason,
        created_by=actor.user,
    )
    row.full_clean()
    row.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, object_type="localstatute", object_id=row.pk
    )
    return row
